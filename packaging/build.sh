#!/usr/bin/env bash
# Builds the frozen application into packaging/dist/creneau/: the windowed `creneau`, the console
# `creneau-cli` and their `_internal/` folder (Python, Qt, resources, migrations). Run it from
# anywhere, on the system the build is for (PyInstaller does not cross-compile): Linux here and
# in CI; on Windows, run the same two commands (pip install, pyinstaller) from Git Bash or
# PowerShell, then the installer script packaging/windows/creneau.iss.
set -euo pipefail
cd "$(dirname "$0")/.."

# PyInstaller when missing; Créneau itself installed with the version of pyproject.toml, so that
# its metadata (importlib.metadata.version) is bundled up to date.
python -c "import PyInstaller" 2>/dev/null || python -m pip install -q "pyinstaller>=6.10,<7"
python - <<'EOF' 2>/dev/null || python -m pip install -q --no-deps -e .
import importlib.metadata, sys, tomllib
wanted = tomllib.load(open("pyproject.toml", "rb"))["project"]["version"]
sys.exit(importlib.metadata.version("creneau") != wanted)
EOF

# Qt's X11 plugin needs these two; a build without them starts only where the desktop has them.
if [ "$(uname)" = Linux ] && ! python -c "import ctypes.util as u, sys; sys.exit(0 if u.find_library('xcb-icccm') and u.find_library('xcb-keysyms') else 1)"; then
  echo "build.sh: libxcb-icccm4 / libxcb-keysyms1 missing: not bundled (apt-get install libxcb-icccm4 libxcb-keysyms1)." >&2
fi

start=$(date +%s)
python -m PyInstaller --noconfirm --log-level WARN \
  --distpath packaging/dist --workpath packaging/build packaging/creneau.spec
echo "packaging/dist/creneau/ built in $(( $(date +%s) - start )) s ($(du -sh packaging/dist/creneau | cut -f1))."
