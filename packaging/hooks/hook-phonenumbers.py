# Créneau's hook for phonenumbers (replaces the contributed one, which bundles every submodule):
# the per-region metadata modules are imported lazily by name when a number of that region is
# parsed, so all of them are listed; the geocoding, carrier and time-zone databases (tens of MB)
# are left out: Créneau never calls phonenumbers.geocoder, .carrier or .timezone.
from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("phonenumbers.data")
hiddenimports += collect_submodules("phonenumbers.shortdata")
excludedimports = ["phonenumbers.geodata", "phonenumbers.carrierdata", "phonenumbers.tzdata"]
