# Sourced by prepare.sh and the Makefile's test-windows: finds Wine and sets the environment every
# Wine call of the Windows tests uses. Debian 12 ships Wine 8 as /usr/lib/wine/wine64; Debian 13's
# Wine 10 also has /usr/lib/wine/wine (WoW64): the first one found wins, WINE=... overrides.
if [ -z "${WINE:-}" ]; then
  for candidate in wine64 /usr/lib/wine/wine64 wine /usr/lib/wine/wine; do
    if command -v "$candidate" >/dev/null 2>&1; then WINE=$(command -v "$candidate"); break; fi
  done
fi
if [ -z "${WINE:-}" ]; then
  echo "Wine is not installed (Debian: apt-get install wine64); make test-windows installs it as root." >&2
  return 1 2>/dev/null || exit 1
fi
export WINE
WINESERVER=$(dirname "$WINE")/wineserver
[ -x "$WINESERVER" ] || WINESERVER=$(command -v wineserver || true)
export WINESERVER
export WINEARCH=win64
export WINEDEBUG=${WINEDEBUG:--all}
# No Mono/Gecko installer dialogs on a fresh prefix (nothing here needs .NET or an HTML engine).
export WINEDLLOVERRIDES=${WINEDLLOVERRIDES:-mscoree,mshtml=}
