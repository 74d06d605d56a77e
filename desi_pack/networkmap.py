"""The blank personal network map (workbook §8.7), drawn as a picture.

The workbook shows its map only as an image; the sectors follow the product brief:
family, friends, neighbours and professionals around the person in the middle.
"""

from __future__ import annotations

import io
import math
from functools import cache

from PIL import Image, ImageDraw, ImageFont

SECTORS = ("Familie", "Vrienden", "Buren", "Professionals")
RINGS = 3
SIZE = 1600


@cache
def png() -> bytes:
    """Concentric circles cut into four sectors, labelled, black on white, for printing."""
    image = Image.new("RGB", (SIZE, SIZE), "white")
    draw = ImageDraw.Draw(image)
    centre = SIZE / 2
    outer = SIZE / 2 - 90
    for ring in range(1, RINGS + 1):
        radius = outer * ring / RINGS
        draw.ellipse([centre - radius, centre - radius, centre + radius, centre + radius],
                     outline="black", width=5)
    inner = outer / RINGS * 0.45
    for angle in (45, 135, 225, 315):
        rad = math.radians(angle)
        draw.line([centre + inner * math.cos(rad), centre + inner * math.sin(rad),
                   centre + outer * math.cos(rad), centre + outer * math.sin(rad)], fill="black", width=4)
    draw.ellipse([centre - inner, centre - inner, centre + inner, centre + inner], outline="black", width=5)
    font = ImageFont.load_default(size=56)
    draw.text((centre, centre), "Ik", fill="black", font=font, anchor="mm")
    for label, (x, y) in zip(SECTORS, ((centre, 40), (SIZE - 40, centre), (centre, SIZE - 40), (40, centre))):
        anchor = {0: "mt", 1: "rm", 2: "mb", 3: "lm"}[SECTORS.index(label)]
        draw.text((x, y), label, fill="black", font=font, anchor=anchor)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
