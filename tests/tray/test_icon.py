"""The icon is drawn in code: each state has its colour, and the packaging formats open again."""
from PIL import Image

from ehwatch.tray.icon import COLOURS, PNG_SIZES, STATES, draw_icon, save_app_icons


def share_of_colour(image: Image.Image, rgb, tolerance: int = 40) -> float:
    """Fraction of the opaque pixels within ``tolerance`` of ``rgb``."""
    raw = image.convert("RGBA").tobytes()
    pixels = [raw[i:i + 4] for i in range(0, len(raw), 4) if raw[i + 3] > 200]
    close = [p for p in pixels if all(abs(p[i] - rgb[i]) <= tolerance for i in range(3))]
    return len(close) / max(1, len(pixels))


def test_each_state_is_drawn_in_its_colour():
    for state in STATES:
        image = draw_icon(state, 64)
        assert image.size == (64, 64) and image.mode == "RGBA"
        assert share_of_colour(image, COLOURS[state][0]) > 0.3, state
        others = [s for s in STATES if s != state]
        assert all(share_of_colour(image, COLOURS[o][0]) < 0.1 for o in others), state


def test_icon_has_a_transparent_background_and_a_visible_glyph():
    image = draw_icon("green", 32)
    assert image.getpixel((0, 0))[3] == 0
    assert share_of_colour(image, (255, 255, 255), 10) > 0.05  # the white certificate sheet


def test_unknown_state_draws_grey():
    assert share_of_colour(draw_icon("purple", 32), COLOURS["grey"][0]) > 0.3


def test_app_icons_for_packaging(tmp_path):
    written = save_app_icons(tmp_path / "icons")
    for size in PNG_SIZES:
        with Image.open(written[f"png{size}"]) as png:
            assert png.format == "PNG" and png.size == (size, size)
    with Image.open(written["ico"]) as ico:
        assert ico.format == "ICO"
        assert (256, 256) in ico.info["sizes"] and (16, 16) in ico.info["sizes"]
    with Image.open(written["icns"]) as icns:
        assert icns.format == "ICNS"
        assert icns.size[0] >= 128
