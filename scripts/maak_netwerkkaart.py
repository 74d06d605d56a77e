"""Draw the blank personal network map (workbook §8.7) into templates/netwerkkaart.png.

    python scripts/maak_netwerkkaart.py

The workbook shows its map only as an image; the sectors follow the product brief:
family, friends, neighbours and professionals around the person in the middle. The
picture never changes, so it is drawn here once (as the templates are made by
maak_sjablonen.py) rather than in every build, where drawing it cost 50 ms.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PICTURE = Path(__file__).resolve().parent.parent / "templates" / "netwerkkaart.png"

SECTORS = ("Familie", "Vrienden", "Buren", "Professionals")
RINGS = 3
SIZE = 1600


def png() -> bytes:
    """Concentric circles cut into four sectors, labelled, black on white, for printing."""
    image = Image.new("L", (SIZE, SIZE), "white")
    draw = ImageDraw.Draw(image)
    centre = SIZE / 2
    outer = SIZE / 2 - 90
    for ring in range(1, RINGS + 1):
        radius = outer * ring / RINGS
        draw.ellipse([centre - radius, centre - radius, centre + radius, centre + radius], outline="black", width=5)
    inner = outer / RINGS * 0.45
    for angle in (45, 135, 225, 315):
        rad = math.radians(angle)
        draw.line(
            [
                centre + inner * math.cos(rad),
                centre + inner * math.sin(rad),
                centre + outer * math.cos(rad),
                centre + outer * math.sin(rad),
            ],
            fill="black",
            width=4,
        )
    draw.ellipse([centre - inner, centre - inner, centre + inner, centre + inner], outline="black", width=5)
    font = ImageFont.load_default(size=56)
    draw.text((centre, centre), "Ik", fill="black", font=font, anchor="mm")
    margin = SIZE / 2 - outer
    places = (
        (centre, margin / 2, 0),
        (SIZE - margin / 2, centre, -90),
        (centre, SIZE - margin / 2, 0),
        (margin / 2, centre, 90),
    )
    for label, (x, y, angle) in zip(SECTORS, places):
        _label(image, label, font, (x, y), angle)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _label(image: Image.Image, text: str, font, centre: tuple[float, float], angle: int) -> None:
    """Text centred on a point in the margin outside the circles; the side labels turned a
    quarter so that they run along the circle instead of across it."""
    left, top, right, bottom = font.getbbox(text)
    mask = Image.new("L", (right - left + 8, bottom - top + 8), 0)
    ImageDraw.Draw(mask).text((4 - left, 4 - top), text, fill=255, font=font)
    mask = mask.rotate(angle, expand=True)
    corner = (round(centre[0] - mask.width / 2), round(centre[1] - mask.height / 2))
    image.paste(0, (*corner, corner[0] + mask.width, corner[1] + mask.height), mask)


if __name__ == "__main__":
    PICTURE.write_bytes(png())
    print(f"{PICTURE} geschreven")
