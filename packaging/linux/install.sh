#!/usr/bin/env bash
# Installs the frozen build (packaging/build.sh) for every user of a Linux workstation:
#   sudo packaging/linux/install.sh            # or DESTDIR=/tmp/root to stage a package
# - the folder in /opt/creneau (PREFIX=… to choose), `creneau` and `creneau-cli` in /usr/local/bin;
# - the .desktop file, the AppStream metainfo and the icons (hicolor) under /usr/local/share;
# - /etc/xdg/creneau/creneau.toml from packaging/creneau.toml, only when absent (IT's file is
#   never replaced).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dist="${DIST:-$root/packaging/dist/creneau}"
prefix="${PREFIX:-/opt/creneau}"
share="${SHARE:-/usr/local/share}"
bin="${BIN:-/usr/local/bin}"
dest="${DESTDIR:-}"
app_id=fr.hopital.creneau

if [ ! -x "$dist/creneau" ]; then
  echo "install.sh: no frozen build in $dist (run packaging/build.sh first)." >&2
  exit 1
fi

mkdir -p "$dest$prefix" "$dest$bin" "$dest$share/applications" "$dest$share/metainfo"
rm -rf "$dest$prefix.new" && cp -a "$dist" "$dest$prefix.new"
rm -rf "$dest$prefix" && mv "$dest$prefix.new" "$dest$prefix"
ln -sf "$prefix/creneau" "$dest$bin/creneau"
ln -sf "$prefix/creneau-cli" "$dest$bin/creneau-cli"
install -m 644 "$here/$app_id.desktop" "$dest$share/applications/$app_id.desktop"
install -m 644 "$here/$app_id.metainfo.xml" "$dest$share/metainfo/$app_id.metainfo.xml"
(cd "$root/resources/icons" && find hicolor -type f) | while read -r icon; do
  install -D -m 644 "$root/resources/icons/$icon" "$dest$share/icons/$icon"
done
config="$dest/etc/xdg/creneau/creneau.toml"
if [ ! -e "$config" ]; then
  install -D -m 644 "$root/packaging/creneau.toml" "$config"
fi

if [ -z "$dest" ]; then
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
fi
echo "Créneau installé dans $dest$prefix ; configuration du poste : $config"
