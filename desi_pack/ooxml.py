"""Word and Excel files as Word and Excel save them, made into what python-docx and openpyxl read.

"Strict Open XML" (a save type Word and Excel offer: "Strict Open XML-document",
"Strict Open XML-werkmap") is the same document as an ordinary .docx or .xlsx with other names
for its XML namespaces and relationship types: http://purl.oclc.org/ooxml/… instead of
http://schemas.openxmlformats.org/…/2006/…. python-docx and openpyxl know only the ordinary
names, and read such a file as damaged or empty. LibreOffice reads both by taking each Strict
name for its ordinary one; `transitional` does the same with a file's bytes.
"""

from __future__ import annotations

import io
import re
import zipfile

STRICT = b"http://purl.oclc.org/ooxml/"
# ISO/IEC 29500-1 Strict: http://purl.oclc.org/ooxml/<family>/<name>; Transitional (ECMA-376 1st
# edition): http://schemas.openxmlformats.org/<family>/2006/<name>. Two names were also respelt.
_STRICT_NAME = re.compile(
    rb"http://purl\.oclc\.org/ooxml/(officeDocument|drawingml|spreadsheetml|wordprocessingml|presentationml"
    rb"|schemaLibrary)/([\w/]*)"
)
_RESPELT = {b"extendedProperties": b"extended-properties", b"customProperties": b"custom-properties"}
MAX_UNPACKED = 64 * 1024 * 1024  # bytes; no form, agenda or contacts workbook comes near, a zip bomb does


def transitional(data: bytes) -> bytes:
    """The package `data` with every Strict name made its ordinary one; any other file as it is.

    A file that is no package, is no Strict package, or would unpack to more than MAX_UNPACKED is
    returned unchanged (the reader then says what it is).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if STRICT not in archive.read("_rels/.rels") or sum(i.file_size for i in infos) > MAX_UNPACKED:
                return data
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
                for info in infos:
                    part = archive.read(info)
                    if info.filename.endswith((".xml", ".rels")):
                        part = _STRICT_NAME.sub(_ordinary, part)
                    target.writestr(info, part)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError):
        return data
    return out.getvalue()


def _ordinary(match: re.Match) -> bytes:
    family, name = match[1], match[2]
    for strict, ordinary in _RESPELT.items():
        name = name.replace(strict, ordinary)
    return b"http://schemas.openxmlformats.org/" + family + b"/2006/" + name
