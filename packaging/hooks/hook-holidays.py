# Créneau's hook for holidays: the registry imports each country's module by name
# (holidays.countries.france…) only when asked, and the holiday names in French come from gettext
# catalogues (holidays/locale/<lang>/LC_MESSAGES/*.mo) read as files.
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

PACKAGES = ("holidays.countries", "holidays.financial", "holidays.calendars", "holidays.groups")
hiddenimports = [name for package in PACKAGES for name in collect_submodules(package)]
datas = collect_data_files("holidays", includes=["locale/**/*.mo"])
