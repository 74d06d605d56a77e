"""Files made the way other programs save them (issue 23), from files desi-pack or openpyxl wrote.

Each builder changes only what that program writes differently, byte for byte where it
matters; its docstring says what the program writes (as its documentation, the format's
standard and public bug reports of the libraries describe it) and how the builder makes that.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
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
        entries[name] = re.sub(
            rb'(<c [^>]*t="inlineStr"[^>]*>)<is><t[^>]*>(.*?)</t></is></c>', shared, entries[name], flags=re.DOTALL
        )
    items = "".join(
        f'<si><t xml:space="preserve">{text}</t></si>' if text != text.strip() else f"<si><t>{text}</t></si>"
        for text in table
    )
    entries["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main" count="{len(table)}" uniqueCount="{len(table)}">{items}</sst>'
    ).encode()
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    entries["xl/_rels/workbook.xml.rels"] = entries["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    return package(entries)


# The names Strict Open XML gives the namespaces and relationship types of an ordinary file
# (ISO/IEC 29500-1:2016, Strict; see desi_pack/ooxml.py for the way back).
_ORDINARY = re.compile(
    rb"http://schemas\.openxmlformats\.org/(officeDocument|drawingml|spreadsheetml"
    rb"|wordprocessingml|presentationml|schemaLibrary)/2006/([\w/-]*)"
)


def _strict_name(match: re.Match) -> bytes:
    name = (
        match[2]
        .replace(b"extended-properties", b"extendedProperties")
        .replace(b"custom-properties", b"customProperties")
    )
    return b"http://purl.oclc.org/ooxml/" + match[1] + b"/" + name


def as_strict(blob: bytes) -> bytes:
    """The .docx or .xlsx as Word or Excel saves it as "Strict Open XML-document/-werkmap": every
    namespace and relationship type of the Office parts renamed to its Strict name
    (http://purl.oclc.org/ooxml/...; the package's own names, content types and core properties stay
    as they are), `conformance="strict"` on the workbook or document, and in a workbook every date
    or time stored as an ISO 8601 text (t="d") instead of a number, as the Strict format prescribes
    (ECMA-376 Part 1, 18.17.4; a time of day on Excel's day zero, 1899-12-30). Made from a file
    openpyxl or python-docx wrote, by renaming exactly these."""
    entries = parts(blob)
    for name in [n for n in entries if n.endswith((".xml", ".rels")) and n != "[Content_Types].xml"]:
        entries[name] = _ORDINARY.sub(_strict_name, entries[name])
    if "xl/workbook.xml" in entries:
        entries["xl/workbook.xml"] = re.sub(
            rb"<workbook ", b'<workbook conformance="strict" ', entries["xl/workbook.xml"], count=1
        )
        dates = _date_styles(entries)
        for name in [n for n in entries if n.startswith("xl/worksheets/sheet")]:
            entries[name] = re.sub(
                rb'<c r="([A-Z]+\d+)" s="(\d+)"( t="n")?><v>([-\d.E]+)</v></c>',
                lambda m: _iso_cell(m, dates),
                entries[name],
            )
    if "word/document.xml" in entries:
        entries["word/document.xml"] = re.sub(
            rb"<w:document ", b'<w:document w:conformance="strict" ', entries["word/document.xml"], count=1
        )
    return package(entries)


def _date_styles(entries: dict[str, bytes]) -> set[int]:
    """The cell styles (indexes into cellXfs) whose number format shows a date or a time."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    styles = entries["xl/styles.xml"].decode("utf-8")
    own = {int(i): code for i, code in re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles)}
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.DOTALL)[1]
    found = set()
    for index, xf in enumerate(re.findall(r"<xf [^>]*>", xfs)):
        number = int(re.search(r'numFmtId="(\d+)"', xf)[1])
        if is_date_format(own.get(number) or BUILTIN_FORMATS.get(number, "General")):
            found.add(index)
    return found


def _iso_cell(match: re.Match, dates: set[int]) -> bytes:
    from datetime import datetime, time

    from openpyxl.utils.datetime import from_excel

    if int(match[2]) not in dates:
        return match[0]
    value = from_excel(float(match[4]))
    if isinstance(value, time):
        value = datetime.combine(datetime(1899, 12, 30), value)
    return b'<c r="%s" s="%s" t="d"><v>%s</v></c>' % (match[1], match[2], value.isoformat().encode())


def zip_as(program: str, files: dict[str, bytes]) -> bytes:
    """A .zip of `files` (name -> bytes) with each name's bytes as `program` writes them, never
    marked as UTF-8 (general purpose flag bit 11 unset):

    - "finder" (macOS Finder, Compress): the name in UTF-8, decomposed (é as e + U+0301), made by a
      Unix system (create_system 3), and for every file an AppleDouble '__MACOSX/…/._name' beside.
    - "explorer" (Windows Explorer, Send to > Compressed folder, on a Dutch Windows): the name in
      the OEM code page 850, made by MS-DOS/Windows (create_system 0).

    Python's zipfile marks every non-ASCII name as UTF-8, so each name is first written as an ASCII
    stand-in of the same length, whose bytes are then replaced in the local header and the central
    directory (the checksums cover the contents only).
    """
    out = io.BytesIO()
    raws: dict[bytes, bytes] = {}
    entries = dict(files)
    if program == "finder":
        entries |= {
            f"__MACOSX/{posixpath.dirname(n)}/._{posixpath.basename(n)}".replace(
                "//", "/"
            ): b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        "
            for n in files
        }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, data) in enumerate(entries.items()):
            if program == "finder":
                raw = unicodedata.normalize("NFD", name).encode("utf-8")
            else:
                raw = name.encode("cp850")
            stand_in = f"~{number:04d}~".ljust(len(raw), "~").encode("ascii")
            assert len(stand_in) == len(raw)
            info = zipfile.ZipInfo(stand_in.decode("ascii"), date_time=(2027, 2, 16, 14, 5, 0))
            info.create_system = 3 if program == "finder" else 0
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
            raws[stand_in] = raw
    blob = out.getvalue()
    for stand_in, raw in raws.items():
        assert blob.count(stand_in) == 2, "once in the local header, once in the central directory"
        blob = blob.replace(stand_in, raw)
    return blob


# The ids Dutch Word gives built-in styles: the Dutch name of the style without spaces. The name itself
# (w:name) stays the English one Word knows the style by. Table designs (Light Shading …) are left out:
# no document of desi-pack uses one.
DUTCH_IDS = {
    "Normal": "Standaard",
    "header": "Koptekst",
    "footer": "Voettekst",
    **{f"heading {n}": f"Kop{n}" for n in range(1, 10)},
    "Default Paragraph Font": "Standaardalinea-lettertype",
    "Normal Table": "Standaardtabel",
    "No List": "Geenlijst",
    "No Spacing": "Geenafstand",
    "Title": "Titel",
    "Subtitle": "Ondertitel",
    "List Paragraph": "Lijstalinea",
    "Body Text": "Plattetekst",
    "Body Text 2": "Plattetekst2",
    "Body Text 3": "Plattetekst3",
    "List": "Lijst",
    "List 2": "Lijst2",
    "List 3": "Lijst3",
    "List Bullet": "Lijstopsomteken",
    "List Bullet 2": "Lijstopsomteken2",
    "List Bullet 3": "Lijstopsomteken3",
    "List Number": "Lijstnummering",
    "List Number 2": "Lijstnummering2",
    "List Number 3": "Lijstnummering3",
    "List Continue": "Lijstvervolg",
    "List Continue 2": "Lijstvervolg2",
    "List Continue 3": "Lijstvervolg3",
    "macro": "Macrotekst",
    "Quote": "Citaat",
    "caption": "Bijschrift",
    "Strong": "Zwaar",
    "Emphasis": "Nadruk",
    "Intense Quote": "Duidelijkcitaat",
    "Subtle Emphasis": "Subtielebenadrukking",
    "Intense Emphasis": "Intensievebenadrukking",
    "Subtle Reference": "Subtieleverwijzing",
    "Intense Reference": "Intensieveverwijzing",
    "Book Title": "Titelvanboek",
    "TOC Heading": "Kopvaninhoudsopgave",
    "Table Grid": "Tabelraster",
}
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STYLE_REFERENCES = ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink", "basedOn", "next", "link")


def as_dutch_word(docx: bytes) -> bytes:
    """The .docx as Dutch Word saves it: every built-in style (one without w:customStyle) named in
    DUTCH_IDS gets its Dutch id (`Tabelraster` for Table Grid, `Kop1` for heading 1), its w:name
    unchanged, and every reference to it changes along: w:pStyle, w:rStyle, w:tblStyle, w:basedOn,
    w:next, w:link … in the body, headers, footers, lists and the styles themselves. Made by
    rewriting exactly those attributes with lxml."""
    from lxml import etree

    entries = parts(docx)
    styles = etree.fromstring(entries["word/styles.xml"])
    renamed = {}
    for style in styles.iter(f"{W_NS}style"):
        name = style.find(f"{W_NS}name").get(f"{W_NS}val")
        if style.get(f"{W_NS}customStyle") not in ("1", "true") and name in DUTCH_IDS:
            renamed[style.get(f"{W_NS}styleId")] = DUTCH_IDS[name]
    for part in [n for n in entries if n.startswith("word/") and n.count("/") == 1 and n.endswith(".xml")]:
        root = etree.fromstring(entries[part])
        for element in root.iter(f"{W_NS}style", *(f"{W_NS}{name}" for name in STYLE_REFERENCES)):
            attribute = f"{W_NS}styleId" if element.tag == f"{W_NS}style" else f"{W_NS}val"
            if element.get(attribute) in renamed:
                element.set(attribute, renamed[element.get(attribute)])
        entries[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return package(entries)


def style_references(docx) -> list[tuple[str, str, str | None]]:
    """(part, style id referred to, the name of the style with that id or None) for every reference
    to a style in the document's body, headers, footers, lists and styles."""
    from lxml import etree

    entries = parts(docx if isinstance(docx, bytes) else docx.read_bytes())
    styles = etree.fromstring(entries["word/styles.xml"])
    names = {
        style.get(f"{W_NS}styleId"): style.find(f"{W_NS}name").get(f"{W_NS}val")
        for style in styles.iter(f"{W_NS}style")
    }
    found = []
    for part in sorted(n for n in entries if n.startswith("word/") and n.count("/") == 1 and n.endswith(".xml")):
        root = etree.fromstring(entries[part])
        for element in root.iter(*(f"{W_NS}{name}" for name in STYLE_REFERENCES)):
            if element.get(f"{W_NS}val") is not None:
                found.append((part, element.get(f"{W_NS}val"), names.get(element.get(f"{W_NS}val"))))
    return found


def as_word_template(docx: bytes) -> bytes:
    """The .docx as Word saves it as "Word-sjabloon (*.dotx)": the same package, with the main part's
    content type that of a template (…wordprocessingml.template.main+xml instead of …document.main+xml)."""
    entries = parts(docx)
    document = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    assert document in entries["[Content_Types].xml"]
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        document, b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    )
    return package(entries)
