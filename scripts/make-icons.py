"""Draw the site icons: favicon.ico (16, 32, 48 px), apple-touch-icon.png
(180 px) and icon.svg, all from the same geometry on a 64-unit grid.

Run after changing the mark: `.venv/bin/python scripts/make-icons.py`. The
files land in src/ecoc_hub/core/root/, which WhiteNoise serves at the site
root (/favicon.ico, /apple-touch-icon.png, /icon.svg).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent / "src" / "ecoc_hub" / "core" / "root"
GRID = 64
PRIMARY = "#1d3f9e"  # --primary of hub.css (light scheme)
WHITE = "#ffffff"
GOLD = "#ffcc00"  # the gold of the European flag's stars
CORNER = 12
# An "H" for Hub, and a gold star-dot above its bar.
BARS = [(15, 14, 26, 50), (38, 14, 49, 50), (26, 28, 38, 37)]
DOT = (32, 18, 5)  # centre x, centre y, radius


def svg() -> str:
    rects = "".join(
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}"/>'
        for x0, y0, x1, y1 in BARS
    )
    cx, cy, r = DOT
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{GRID}" height="{GRID}" '
        f'viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="{CORNER}" fill="{PRIMARY}"/>'
        f'<g fill="{WHITE}">{rects}</g>'
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{GOLD}"/></svg>\n'
    )


def raster(size: int, *, rounded: bool = True) -> Image.Image:
    """Draw at 8x and scale down, which gives smooth edges at every size."""
    scale = size * 8 / GRID
    big = Image.new("RGBA", (size * 8, size * 8), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    full = (0, 0, size * 8 - 1, size * 8 - 1)
    if rounded:
        draw.rounded_rectangle(full, radius=CORNER * scale, fill=PRIMARY)
    else:  # iOS rounds the corners itself and wants no transparency
        draw.rectangle(full, fill=PRIMARY)
    for x0, y0, x1, y1 in BARS:
        draw.rectangle(
            (x0 * scale, y0 * scale, x1 * scale - 1, y1 * scale - 1), fill=WHITE
        )
    cx, cy, r = DOT
    draw.ellipse(
        ((cx - r) * scale, (cy - r) * scale, (cx + r) * scale, (cy + r) * scale),
        fill=GOLD,
    )
    return big.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ROOT.mkdir(parents=True, exist_ok=True)
    (ROOT / "icon.svg").write_text(svg(), encoding="utf-8")
    # Each size drawn on its own, not scaled down from the largest.
    sizes = [16, 32, 48]
    raster(48).save(
        ROOT / "favicon.ico",
        sizes=[(s, s) for s in sizes],
        append_images=[raster(s) for s in sizes[:-1]],
    )
    raster(180, rounded=False).convert("RGB").save(
        ROOT / "apple-touch-icon.png", optimize=True
    )


if __name__ == "__main__":
    main()
