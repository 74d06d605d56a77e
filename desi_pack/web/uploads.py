"""Files the trainer uploads on the page, recognised by what they hold and kept in the training's folder.

A name from the browser is never trusted: it loses every folder part and odd character, and its
kind (.xlsx, .docx, .odt, .zip) is read from the bytes, as the core reads a file. Nothing is written
outside the folder the caller names, and never over a file that is there already: each upload of
forms gets a folder of its own (`store_forms`); the contacts workbook is written through
output.write_tree, so a workbook the trainer changed since is kept (`store_contacts`).
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path

from desi_pack.errors import DesiPackError

XLSX, DOCX, ODT, ZIP = ".xlsx", ".docx", ".odt", ".zip"
CONTACTS = "contacten.xlsx"  # the uploaded contacts workbook, in <folder>/verwijskaart/
CONTACTS_FOLDER = "verwijskaart"
FORMS_FOLDER = "ingevuld"  # each upload of filled-in forms in <folder>/ingevuld/<date-time>/


def kind_of(data: bytes) -> str | None:
    """'.xlsx', '.docx', '.odt' or '.zip' by the file's content (a zip with xl/workbook.xml is a
    workbook); None for anything that is no zip at all."""
    if not data.startswith(b"PK"):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "mimetype" in names and archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text":
            return ODT
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError):
        return None
    if "xl/workbook.xml" in names:
        return XLSX
    if "word/document.xml" in names:
        return DOCX
    return ZIP


def safe_name(filename: str, suffix: str | None) -> str:
    """A file name of its own for an upload: the last part of what the browser sent (no folders,
    no '..'), letters, digits and a few signs; the suffix its content says (kept as sent when the
    content says nothing, so that verzamel names what the file is)."""
    base = unicodedata.normalize("NFC", filename.replace("\\", "/").rsplit("/", 1)[-1])
    base = re.sub(r"[^\w .,()+-]", "_", base).strip(" .") or "bestand"
    stem, dot, given = base.rpartition(".")
    stem, given = (stem, f".{given.lower()}") if dot and stem else (base, "")
    return f"{stem[:80]}{suffix or given[:10]}"


def store_forms(folder: Path, uploads: list[tuple[str, bytes]]) -> Path:
    """Keep the uploaded files (name as sent, bytes) in a new folder <folder>/ingevuld/<date-time>/;
    return that folder. A .zip is checked first (collect.sources.archive_problem): when one is
    refused, nothing is written and DesiPackError says which and why."""
    from desi_pack.collect.sources import archive_problem

    named: dict[str, bytes] = {}
    for filename, data in uploads:
        suffix = kind_of(data)
        name = safe_name(filename, suffix)
        if suffix == ZIP:
            problem = archive_problem(data)
            if problem:
                raise DesiPackError(f"{name}: {problem}. Er is niets opgeslagen.")
        stem, dot, ext = name.rpartition(".")
        number = 1
        while name.casefold() in (n.casefold() for n in named):
            number += 1
            name = f"{stem}-{number}.{ext}" if dot else f"{name}-{number}"
        named[name] = data
    return _write_folder(folder / FORMS_FOLDER, named)


def _write_folder(parent: Path, files: dict[str, bytes]) -> Path:
    """A new folder under `parent`, named after now, with the files in it, all or nothing: they are
    written in a hidden folder (which verzamel does not read) that then takes the name at once."""
    import shutil
    import tempfile

    from desi_pack.errors import OutputError, reason
    from desi_pack.files import write_new

    stamp = datetime.now().strftime("%Y-%m-%d-%H%M%S")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".desi-pack-tmp-", dir=parent))
    except OSError as err:
        raise OutputError(f"{parent}: hier kan niet worden opgeslagen ({reason(err)}).") from err
    try:
        for name, data in files.items():
            write_new(staging / name, data)
        for number in range(1, 100):
            target = parent / (stamp if number == 1 else f"{stamp}-{number}")
            if not target.exists():
                staging.rename(target)
                return target
        raise DesiPackError(
            f"{parent}: er zijn deze seconde al 99 keer formulieren opgeslagen; probeer het zo nog eens."
        )
    except OSError as err:
        raise OutputError(f"{parent}: hier kan niet worden opgeslagen ({reason(err)}).") from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def store_contacts(folder: Path, data: bytes, replace: bool) -> tuple[Path, bool]:
    """Keep an uploaded contacts workbook as <folder>/verwijskaart/contacten.xlsx; return its path
    and whether it was written. Not written (False) over a workbook the trainer changed since the
    page wrote it, or put there themselves, unless `replace` (then after a backup copy).
    DesiPackError when the bytes are no Excel workbook (.xlsx)."""
    from desi_pack.writing.output import KEPT, write_tree

    if kind_of(data) != XLSX:
        old = data.startswith(b"\xd0\xcf\x11\xe0")
        raise DesiPackError(
            "Dit bestand is geen Excel-werkmap (.xlsx)"
            + (" (maar een oud .xls-bestand, of een werkmap met een wachtwoord)" if old else "")
            + ". Open het in Excel of LibreOffice, sla het op als 'Excel-werkmap (.xlsx)' en upload het opnieuw."
        )
    root = folder / CONTACTS_FOLDER
    written = write_tree(root, {CONTACTS: data}, force=replace)
    return root / CONTACTS, not any(w.status == KEPT for w in written)
