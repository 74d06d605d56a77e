"""The training's logo: any image a person would call a logo, made into a picture Word shows.

People have logos as phone photos (MPO), print files (CMYK JPEG), JPEGs without a
JFIF or Exif header, WebP, TIFF or animated GIF. Word and python-docx read PNG and JPEG
reliably, so every logo is decoded once and written again: a photo as JPEG, anything
else (transparency, line art) as PNG, turned as its Exif says, and made no larger than
a header needs. What cannot be a logo (not an image, an SVG, an image too large to
decode safely) is a LogoProblem with a Dutch reason.
"""

from __future__ import annotations

import io
import warnings

MAX_BYTES = 20 * 1024 * 1024  # a logo file larger than this is not a logo
MAX_PIXELS = 40_000_000  # decoding more would take seconds and gigabytes
MAX_SIDE_PX = (2400, 1200)  # enough for the header's box at well over 300 dpi
PHOTO_FORMATS = {"JPEG", "MPO"}


class LogoProblem(ValueError):
    """The image cannot be used as a logo; the message is the Dutch reason."""


def normalise(data: bytes, name: str) -> bytes:
    """PNG or JPEG bytes of the logo in `data` (the file `name`), at most MAX_SIDE_PX; LogoProblem otherwise."""
    from PIL import Image, ImageOps  # only a training with a logo needs Pillow

    if len(data) > MAX_BYTES:
        raise LogoProblem(
            f"{name} is {len(data) // (1024 * 1024)} MB; een logo mag hoogstens "
            f"{MAX_BYTES // (1024 * 1024)} MB zijn. Sla het kleiner op (bijvoorbeeld als PNG "
            "van 1000 beeldpunten breed)."
        )
    if data.lstrip()[:5] in (b"<?xml", b"<svg ") or b"<svg" in data[:1024]:
        raise LogoProblem(
            f"{name} is een SVG-tekening; Word toont in de kop alleen beeldbestanden. Sla het logo "
            "op als PNG (in een tekenprogramma: Exporteren als PNG)."
        )
    try:
        image = _open(Image, data)
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise LogoProblem(
                f"{name} is {width} × {height} beeldpunten; een logo mag hoogstens "
                f"{MAX_PIXELS // 1_000_000} miljoen beeldpunten hebben (bijvoorbeeld 2000 × 1000). "
                "Maak het kleiner in een tekenprogramma."
            )
        kind = image.format
        image.draft("RGB", MAX_SIDE_PX)  # a large JPEG is decoded at a fraction of its size
        image = ImageOps.exif_transpose(image)
        image.thumbnail(MAX_SIDE_PX)
        return _encode(image, photo=kind in PHOTO_FORMATS and image.mode in ("RGB", "L", "CMYK"))
    except LogoProblem:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError) as err:
        raise LogoProblem(
            f"{name} is geen afbeelding die desi-pack kan lezen; sla het logo op als PNG of JPEG."
        ) from err


def _open(Image, data: bytes):
    """The image, opened lazily: only its header is read, whatever size it claims.

    Pillow refuses a very large image at opening, without saying its size; the size is
    checked here instead (MAX_PIXELS, far below Pillow's limit), so its limit is lifted
    for the opening alone.
    """
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Image.open(io.BytesIO(data))
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _encode(image, photo: bool) -> bytes:
    out = io.BytesIO()
    if photo:
        image.convert("RGB").save(out, "JPEG", quality=92)  # with a JFIF header, which python-docx needs
    else:
        keeps_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image.convert("RGBA" if keeps_alpha else "RGB").save(out, "PNG")
    return out.getvalue()
