"""Logos as people have them: accepted and made into a picture Word shows, in a box that fits."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from docx import Document
from PIL import Image

from desi_pack import build, load_training
from desi_pack.training.logo import normalise
from desi_pack.word.rendering import LOGO_HEIGHT_CM, LOGO_MAX_WIDTH_CM

EMU_PER_CM = 360000


def _jpeg(mode="RGB", size=(300, 100), **options) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "#1f5f6b" if mode == "RGB" else (200, 40, 0, 30)).save(out, "JPEG", **options)
    return out.getvalue()


def _without_jfif(data: bytes) -> bytes:
    """The JPEG with its APP0 (JFIF) segment taken out, as some cameras and scanners write it."""
    assert data[2:4] == b"\xff\xe0"
    length = struct.unpack(">H", data[4:6])[0]
    return data[:2] + data[4 + length :]


def _mpo() -> bytes:
    out = io.BytesIO()
    first, second = Image.new("RGB", (200, 100), "red"), Image.new("RGB", (200, 100), "blue")
    first.save(out, "MPO", save_all=True, append_images=[second])
    return out.getvalue()


def _huge_png(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height (its pixels are never decoded)."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def _png(size, mode="RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (31, 95, 107, 128)).save(out, "PNG")
    return out.getvalue()


def _webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), "#1f5f6b").save(out, "WEBP")
    return out.getvalue()


def _gif() -> bytes:
    out = io.BytesIO()
    frames = [Image.new("P", (60, 30), i) for i in range(3)]
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    return out.getvalue()


KINDS = {
    "cmyk.jpg": _jpeg("CMYK"),
    "zonder-jfif.jpg": _without_jfif(_jpeg()),
    "telefoon.jpg": _mpo(),
    "beeldmerk.webp": _webp(),
    "bewegend.gif": _gif(),
    "doorzichtig.png": _png((400, 200)),
    "banier.png": _png((12000, 300), "RGB"),
}


@pytest.mark.parametrize("name", KINDS)
def test_any_logo_becomes_a_png_or_jpeg_python_docx_reads(name):
    from docx.image.image import Image as DocxImage

    data = normalise(KINDS[name], name)
    picture = DocxImage.from_blob(data)
    assert picture.content_type in ("image/png", "image/jpeg")
    assert picture.px_width <= 2400 and picture.px_height <= 1200


def test_transparency_is_kept_and_a_photo_stays_a_photo():
    assert Image.open(io.BytesIO(normalise(KINDS["doorzichtig.png"], "x"))).mode == "RGBA"
    assert Image.open(io.BytesIO(normalise(KINDS["cmyk.jpg"], "x"))).format == "JPEG"


@pytest.mark.parametrize("name", ["cmyk.jpg", "zonder-jfif.jpg", "telefoon.jpg", "banier.png"])
def test_the_logo_sits_in_its_box_in_every_header(name, write_config, tmp_path):
    (tmp_path / name).write_bytes(KINDS[name])
    path = write_config({"logo": name})
    root = build(load_training(path), tmp_path / "out", [1]).root
    for document in ("draaiboek-bijeenkomst-1.docx", "uitdelen/4.2-concreet-vervolg.docx"):
        header = Document(root / "bijeenkomst-1" / document).sections[0].header._element
        (extent,) = header.xpath(".//wp:extent")
        width, height = int(extent.get("cx")) / EMU_PER_CM, int(extent.get("cy")) / EMU_PER_CM
        assert width <= LOGO_MAX_WIDTH_CM + 0.01 and height <= LOGO_HEIGHT_CM + 0.01, (document, width, height)
    if name == "banier.png":
        assert width == pytest.approx(LOGO_MAX_WIDTH_CM, abs=0.01) and height == pytest.approx(
            5 * 300 / 12000, abs=0.01
        )


def _refused(run, write_config, tmp_path, name: str, data: bytes) -> str:
    (tmp_path / name).write_bytes(data)
    path = write_config({"logo": name})
    code, _out, err = run("build", str(path), "--out", str(tmp_path / "out"))
    assert code == 1 and "Traceback" not in err and not (tmp_path / "out").exists()
    line = next(
        n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("logo:")
    )
    assert err.startswith(f"Fout: {path}, regel {line}: logo: ")
    return err


def test_an_image_too_large_to_decode_is_refused_with_the_limit(run, write_config, tmp_path):
    err = _refused(run, write_config, tmp_path, "groot.png", _huge_png(20000, 20000))
    assert "is 20000 × 20000 beeldpunten; een logo mag hoogstens 40 miljoen beeldpunten hebben" in err
    assert "DecompressionBomb" not in err and "desi-pack zelf" not in err


def test_an_svg_is_refused_with_what_to_do(run, write_config, tmp_path):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    assert "is een SVG-tekening" in _refused(run, write_config, tmp_path, "logo.svg", svg)
    assert "Sla het logo op als PNG" in _refused(run, write_config, tmp_path, "logo.svg", svg)
