"""Writes the application icons (PNG sizes, .ico, .icns) into a build folder, from the one drawing
in ``ehwatch.tray.icon``: no hand-made binary is kept in the repository.

    python packaging/build_icons.py build/icons
"""
from __future__ import annotations

import sys
from pathlib import Path


def build(folder: Path) -> dict[str, Path]:
    from ehwatch.tray.icon import save_app_icons

    return save_app_icons(Path(folder))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0]) if argv else Path("build") / "icons"
    for name, path in sorted(build(folder).items()):
        print(f"{name}\t{path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
