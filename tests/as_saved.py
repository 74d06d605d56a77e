"""Files made the way other programs save them (issue 23), from files desi-pack or openpyxl wrote.

Each builder changes only what that program writes differently, byte for byte where it
matters; the docstring says what the program does and how that was established.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile


def parts(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def package(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def sheet_part(entries: dict[str, bytes], title: str) -> str:
    """The zip name of the worksheet called `title`, through workbook.xml and its relationships."""
    workbook = entries["xl/workbook.xml"].decode("utf-8")
    sheet = re.search(rf'<(?:\w+:)?sheet [^>]*name="{re.escape(title)}"[^>]*/>', workbook)[0]
    rel_id = re.search(r'\br:id="([^"]+)"', sheet)[1]
    rels = entries["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rel = next(r for r in re.findall(r"<Relationship [^>]*/>", rels) if f'Id="{rel_id}"' in r)
    target = re.search(r'Target="([^"]+)"', rel)[1]
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def as_wps(xlsx: bytes, title: str) -> bytes:
    """The workbook as WPS Spreadsheets saves it: the sheet `title` records its size as 'A1'
    (`<dimension ref="A1"/>`) whatever it holds. Made by replacing the dimension openpyxl wrote
    in that sheet's XML; everything else is left as it was."""
    entries = parts(xlsx)
    name = sheet_part(entries, title)
    xml, count = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1"/>', entries[name])
    assert count == 1, "openpyxl writes one dimension per sheet"
    entries[name] = xml
    return package(entries)
