#!/usr/bin/env bash
# Builds the Windows program the way a Windows build machine would, inside the Windows Python under Wine:
# PyInstaller (packaging/ehwatch.spec: ehwatch.exe, the console CLI, and ehwatchw.exe, the windowed
# daemon for the tray and the login), then the Inno Setup installer (packaging/ehwatch.iss) compiled by
# ISCC from the npm package `innosetup`. Needs prepare.sh first (the Windows Python).
#
#   packaging/windows/build-installer.sh [BUILD_DIR]     → BUILD_DIR/installer/ehwatch-setup-<version>.exe
#
# ISCC.exe and the installer it makes are 32-bit Windows programs: Wine needs its 32-bit part
# (Debian: wine32:i386, which make test-windows installs).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build/windows}" && pwd)
INNOSETUP_NPM="innosetup@6.4.1"
# shellcheck source=wine-env.sh
source "$HERE/wine-env.sh"
say() { printf '[build-windows] %s\n' "$*" >&2; }
winpath() { printf 'Z:%s' "${1//\//\\}"; }
export WINEPREFIX="$BUILD/prefix-build"
export WINEDLLOVERRIDES=$(cat "$BUILD/wine-dlloverrides")    # written by prepare.sh for this Wine
winrun() {
  local rc
  set +e
  echo | timeout "${WINRUN_TIMEOUT:-900}" "$WINE" "$@" 2>&1 | cat
  rc=${PIPESTATUS[1]}
  set -e
  return "$rc"
}

[ -f "$BUILD/python/python.exe" ] || { say "run packaging/windows/prepare.sh first"; exit 1; }
# A prefix of its own (PyInstaller keeps a cache in it), renewed whenever prepare.sh renewed the template.
if [ "$(cat "$WINEPREFIX/.ehwatch-cache-key" 2>/dev/null)" != "$(cat "$BUILD/cache-key")" ]; then
  rm -rf "$WINEPREFIX"
  cp -a "$BUILD/prefix-template" "$WINEPREFIX"
  cp "$BUILD/cache-key" "$WINEPREFIX/.ehwatch-cache-key"
fi
# z: (the host's /) only while Wine runs: see prepare.sh's sandbox_prefix.
ln -sfn / "$WINEPREFIX/dosdevices/z:"
trap 'rm -f "$WINEPREFIX/dosdevices/z:"' EXIT
if [ ! -f "$BUILD/innosetup/node_modules/innosetup/bin/ISCC.exe" ]; then
  say "Inno Setup from npm ($INNOSETUP_NPM)"
  mkdir -p "$BUILD/innosetup"
  npm install --silent --no-audit --no-fund --prefix "$BUILD/innosetup" "$INNOSETUP_NPM" >/dev/null
fi

start=$(date +%s)
say "PyInstaller in the Windows Python"
rm -rf "$BUILD/app/dist"
winrun "$BUILD/python/python.exe" -m PyInstaller --noconfirm --log-level ERROR \
  --distpath "$(winpath "$BUILD/app/dist")" --workpath "$(winpath "$BUILD/app/work")" \
  "$(winpath "$ROOT/packaging/ehwatch.spec")" | grep -v "api-ms-win-crt" || true
for exe in ehwatch.exe ehwatchw.exe; do
  [ -f "$BUILD/app/dist/ehwatch/$exe" ] || { say "PyInstaller made no $exe"; exit 1; }
done
say "PyInstaller: $(( $(date +%s) - start )) s"

start=$(date +%s)
say "Inno Setup compiler (ISCC) under Wine"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/pyproject.toml" | head -1)
rm -rf "$BUILD/installer"
mkdir -p "$BUILD/installer"
winrun "$BUILD/innosetup/node_modules/innosetup/bin/ISCC.exe" /Q \
  "/DSourceDir=$(winpath "$BUILD/app/dist/ehwatch")" "/DIconFile=$(winpath "$BUILD/app/work/ehwatch/icons/ehwatch.ico")" \
  "/DAppVersion=$version" "/O$(winpath "$BUILD/installer")" "$(winpath "$ROOT/packaging/ehwatch.iss")"
[ -f "$BUILD/installer/ehwatch-setup-$version.exe" ] || { say "ISCC made no installer"; exit 1; }
say "ISCC: $(( $(date +%s) - start )) s"
echo "$BUILD/installer/ehwatch-setup-$version.exe"
