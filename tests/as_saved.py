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


def as_excel_strings(xlsx: bytes) -> bytes:
    """The workbook with its text as Excel stores it: every text once in the shared strings part
    (xl/sharedStrings.xml, cells t="s" pointing into it) instead of openpyxl's inline strings, and a
    carriage return as Excel's escape `_x000D_`. Text pasted into Excel from a Windows program keeps
    its Windows line ends (CR LF); Excel then stores "regel 1_x000D_\\nregel 2" (the escape, then the
    line break itself), and openpyxl hands the escape back as those seven characters."""
    entries = parts(xlsx)
    table: dict[str, int] = {}

    def shared(match: re.Match) -> bytes:
        text = match[2].replace(b"&#13;", b"_x000D_").replace(b"\r", b"_x000D_")
        number = table.setdefault(text.decode("utf-8"), len(table))
        return match[1].replace(b't="inlineStr"', b't="s"') + b"<v>%d</v></c>" % number

    for name in [n for n in entries if n.startswith("xl/worksheets/sheet")]:
        entries[name] = re.sub(rb'(<c [^>]*t="inlineStr"[^>]*>)<is><t[^>]*>(.*?)</t></is></c>', shared,
                               entries[name], flags=re.DOTALL)
    items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' if text != text.strip() else f"<si><t>{text}</t></si>"
                    for text in table)
    entries["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{len(table)}" uniqueCount="{len(table)}">{items}</sst>').encode()
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    entries["xl/_rels/workbook.xml.rels"] = entries["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/'
                             b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    return package(entries)
