"""The ehwatch icon, drawn from code: a shield carrying a certificate seal, in the colour of the
worst state. One drawing serves the tray (every state) and the installers (PNG, ICO, ICNS), so no
binary asset is kept in the repository.
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

STATES = ("green", "orange", "red", "grey")
# Fill and outline per state: strong enough to be told apart at 16 px on a light or dark panel.
COLOURS = {
    "green": ((46, 160, 67), (20, 90, 35)),
    "orange": ((240, 140, 0), (150, 80, 0)),
    "red": ((215, 38, 38), (120, 15, 15)),
    "grey": ((140, 140, 140), (80, 80, 80)),
}
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
_SUPERSAMPLE = 4  # draw big, then shrink: smooth edges without an anti-aliasing library


def _shield(size: int) -> list[tuple[float, float]]:
    """Outline of a shield filling a ``size`` square: flat top, straight sides, pointed bottom."""
    s = size
    top, side = 0.08 * s, 0.14 * s
    points = [(side, top + 0.06 * s), (s / 2, top), (s - side, top + 0.06 * s), (s - side, 0.52 * s)]
    # the lower curve as a polyline from the right side down to the point and back up the left
    steps = 12
    for i in range(1, steps + 1):
        t = i / steps
        x = (s - side) + ((s / 2) - (s - side)) * t
        y = 0.52 * s + (0.94 * s - 0.52 * s) * (t ** 0.7)
        points.append((x, y))
    for i in range(1, steps):
        t = i / steps
        x = s / 2 + (side - s / 2) * t
        y = 0.94 * s + (0.52 * s - 0.94 * s) * (t ** 1.43)
        points.append((x, y))
    points.append((side, 0.52 * s))
    return points


def draw_icon(state: str, size: int = 64) -> Image.Image:
    """The tray icon for ``state`` (green | orange | red | grey) as an RGBA image of ``size`` pixels."""
    fill, outline = COLOURS.get(state, COLOURS["grey"])
    big = size * _SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon(_shield(big), fill=fill + (255,), outline=outline + (255,), width=max(1, big // 24))
    # the certificate: a white sheet with two text lines and a round seal with ribbons
    sheet = (0.30 * big, 0.24 * big, 0.70 * big, 0.62 * big)
    draw.rounded_rectangle(sheet, radius=big * 0.03, fill=(255, 255, 255, 255))
    line_w = max(1, big // 40)
    for y in (0.33, 0.42):
        draw.line((0.36 * big, y * big, 0.64 * big, y * big), fill=outline + (255,), width=line_w)
    cx, cy, r = 0.56 * big, 0.60 * big, 0.09 * big
    draw.polygon([(cx - 0.6 * r, cy), (cx - 0.9 * r, cy + 1.9 * r), (cx - 0.1 * r, cy + 1.4 * r)],
                 fill=(255, 255, 255, 255))
    draw.polygon([(cx + 0.6 * r, cy), (cx + 0.9 * r, cy + 1.9 * r), (cx + 0.1 * r, cy + 1.4 * r)],
                 fill=(255, 255, 255, 255))
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 255, 255, 255), outline=outline + (255,),
                 width=line_w)
    return image.resize((size, size), Image.LANCZOS)


def save_app_icons(folder: Path) -> dict[str, Path]:
    """Writes the application icon (the green state) for packaging: ``png<size>`` for each PNG size,
    ``ico`` (Windows) and ``icns`` (macOS). Existing files are replaced: they are build outputs."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    master = draw_icon("green", 1024)
    for size in PNG_SIZES:
        path = folder / f"ehwatch-{size}.png"
        master.resize((size, size), Image.LANCZOS).save(path, format="PNG")
        written[f"png{size}"] = path
    ico = folder / "ehwatch.ico"
    master.save(ico, format="ICO", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    written["ico"] = ico
    icns = folder / "ehwatch.icns"
    master.save(icns, format="ICNS")
    written["icns"] = icns
    return written
