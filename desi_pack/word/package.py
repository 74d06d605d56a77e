""".docx packages written in one way: every zip entry with the same fixed date.

Every Word document desi-pack writes goes through here: a package zipped from its parts
(`write`), a zip of a template's unchanged parts with a document's own parts appended
(`append`, the quick save of frames.py), or a python-docx Document (or docxcompose Composer)
saved (`saved`). python-docx stamps every entry with the time of saving; here the date is
ZIP_DATE, so the same document is the same bytes in every run, and a rebuild reports it
unchanged. Parts are bytes; names are the zip's ('word/document.xml').
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

# A fixed timestamp makes the same document the same bytes in every build.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def zip_entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date and ordinary file permissions."""
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def entries(blob: bytes) -> dict[str, bytes]:
    """The parts of a package by name, in the order of the zip."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write(parts: dict[str, bytes], stored: bool = False) -> bytes:
    """A package of `parts`, in their order; `stored`: uncompressed (a package only to be read
    again at once, in this process)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            info = zip_entry(name)
            if stored:
                info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, data)
    return out.getvalue()


def without(blob: bytes, names) -> bytes:
    """The package `blob` without the parts in `names`: the unchanged parts a frame appends to."""
    return write({name: data for name, data in entries(blob).items() if name not in names})


def append(static: bytes, parts: dict[str, bytes]) -> bytes:
    """A .docx: the zip `static` (made by this module) with `parts` appended."""
    out = io.BytesIO(static)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a") as archive:
        for name, data in parts.items():
            archive.writestr(zip_entry(name), data)
    return out.getvalue()


def saved(document) -> bytes:
    """A python-docx Document (or a docxcompose Composer) saved as .docx bytes with the fixed dates."""
    out = io.BytesIO()
    document.save(out)
    return write(entries(out.getvalue()))


def serialize(element) -> bytes:
    """An XML part as python-docx writes it."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)


def like(original: bytes, parts: dict[str, bytes]) -> bytes:
    """`parts` zipped as the package `original` was: its order, and the date and compression of each
    entry (a trainer's template made fit to use, not a document desi-pack writes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, parts[info.filename])
    return out.getvalue()
