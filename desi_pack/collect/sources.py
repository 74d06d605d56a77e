"""The files in the folder a trainer collected: forms, agendas, and .zip files as a mail program saves them."""

from __future__ import annotations

import io
import os
import stat
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from desi_pack.errors import InputError, reason

FORMS = (".docx", ".odt")
AGENDAS = (".xlsx",)
# Saved in a format these cannot be read from: what to ask the person who sent it.
SAVE_AS_DOCX = {
    ".doc": "een oud Word-bestand (.doc)",
    ".rtf": "een RTF-bestand",
    ".docm": "een Word-bestand met macro's (.docm)",
    ".pages": "een Pages-bestand",
    ".dotx": "een Word-sjabloon (.dotx)",
}
MAX_BYTES = 20 * 1024 * 1024  # a form is some 30 kB, a mail's .zip a few MB; a file larger than this is no form
# An agenda saved in a format openpyxl cannot read.
SAVE_AS_XLSX = {".ods": "een LibreOffice-werkmap (.ods)", ".xls": "een oude Excel-werkmap (.xls)"}
READABLE = (*FORMS, *AGENDAS, ".zip")
PICTURES = (".jpg", ".jpeg", ".png", ".heic", ".tif", ".tiff")
MAX_DEPTH = 3  # .zip files inside .zip files
MAX_UNPACKED = 200 * 1024 * 1024  # a .zip of forms unpacks to some MB; more is no mailbox's worth of forms
MAX_MEMBERS = 5000  # files in a .zip, nested ones included
MAC_METADATA = "__MACOSX/"  # what macOS Finder adds to a .zip of its own: no file the person put in it


@dataclass(frozen=True)
class Source:
    """One file found: its name as a person finds it again ('mail.zip › Fatima/6.8.docx'), its folders
    (for hints such as 'bijeenkomst-5' or 'na'), its kind by extension, and its bytes or why there are none."""

    name: str
    folders: tuple[str, ...]
    suffix: str
    data: bytes | None = None
    problem: str | None = None  # why it is skipped, in Dutch

    @property
    def content(self) -> bytes:
        """The file's bytes; only a source without a problem has them."""
        if self.data is None:
            raise ValueError(f"{self.name}: no bytes ({self.problem})")
        return self.data


def check_folder(folder: Path) -> None:
    """Raise InputError unless `folder` is a folder (of filled-in forms), without reading it."""
    if not folder.is_dir():
        raise InputError(
            f"{folder}: {'dit is een bestand' if folder.exists() else 'deze map bestaat niet'}; "
            "geef de map op waarin u de ingevulde formulieren hebt verzameld."
        )


def find(folder: Path, leave_out: Path | None = None) -> Iterator[Source]:
    """Every file under `folder`, subfolders and .zip files included, in a stable order, read one
    at a time (a .zip's members too: a mailbox's worth never sits in memory at once).

    Raises InputError when the folder itself cannot be read; a file that cannot be read is a
    Source with a problem, so one bad file never stops the rest.
    """
    check_folder(folder)
    try:
        paths = sorted(_walk(folder))
    except OSError as err:
        raise InputError(f"{folder}: deze map kan niet gelezen worden ({reason(err)}).") from err
    return _sources(folder, paths, leave_out)


def _sources(folder: Path, paths: list[Path], leave_out: Path | None) -> Iterator[Source]:
    for path in paths:
        if leave_out is not None and path.resolve() == leave_out.resolve():
            continue
        relative = path.relative_to(folder)
        yield from _source(relative.as_posix(), tuple(relative.parts[:-1]), path.suffix.lower(), path)


def _walk(folder: Path):
    for root, dirs, files in os.walk(folder, onerror=_raise):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            yield Path(root) / name


def _raise(err: OSError) -> None:
    raise err


def _source(
    name: str, folders: tuple[str, ...], suffix: str, path: Path | None, data: bytes | None = None, depth: int = 0
) -> Iterator[Source]:
    base = name.rsplit("/", 1)[-1].rsplit(" \u203a ", 1)[-1]
    problem = _problem(base, suffix, path)
    if problem:
        yield Source(name, folders, suffix, problem=problem)
        return
    if data is None:
        assert path is not None, "a source is given by its bytes or by its path"
        try:
            data = path.read_bytes()
        except OSError as err:
            yield Source(name, folders, suffix, problem=f"kan niet gelezen worden ({reason(err)})")
            return
    if suffix == ".zip":
        yield from _members(name, folders, data, depth)
    else:
        yield Source(name, folders, suffix, data)


def _problem(base: str, suffix: str, path: Path | None) -> str | None:
    """Why a file is no form to read, before reading it; None when it may be one."""
    if base.startswith(("~$", ".")):  # Word's and LibreOffice's lock files, macOS's ._ files
        return "verborgen of tijdelijk bestand (van Word, LibreOffice of macOS), geen formulier"
    if suffix in SAVE_AS_DOCX:
        return f"dit is {SAVE_AS_DOCX[suffix]}; dat kan niet gelezen worden. Open het en sla het op als .docx."
    if suffix in SAVE_AS_XLSX:
        return (
            f"dit is {SAVE_AS_XLSX[suffix]}; een agenda wordt alleen als .xlsx gelezen. Open het en sla het "
            "op als Excel-werkmap (.xlsx)."
        )
    if suffix == ".pdf" or suffix in PICTURES:
        return (
            "een PDF of afbeelding (een scan of foto?) kan niet gelezen worden; vraag het ingevulde "
            "Word-formulier (.docx), of neem de antwoorden met de hand over."
        )
    if suffix not in READABLE:
        return "geen formulier (alleen .docx, .odt en .zip worden gelezen)"
    if path is not None:
        try:
            status = path.stat()
        except OSError as err:
            return f"kan niet gelezen worden ({reason(err)})"
        if not stat.S_ISREG(status.st_mode):  # a pipe or device would never end
            return "geen gewoon bestand"
        if status.st_size > MAX_BYTES:
            return "te groot voor een formulier"
    return None


def _member_name(info: zipfile.ZipInfo) -> str:
    """A .zip member's name as the person who made the .zip saw it (composed: é one character).

    A name marked as UTF-8 (flag bit 11) is read as such. Unmarked, the standard says the old DOS
    code page 437, but macOS Finder writes UTF-8 without marking it (and decomposed: e + accent),
    and Windows Explorer writes the OEM code page of the Windows it runs on: 850 on a Dutch one.
    zipfile read an unmarked name as code page 437, which gives back the bytes unchanged.
    """
    name = info.filename
    if not info.flag_bits & 0x800:
        raw = name.encode("cp437")
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            name = raw.decode("cp850")
    return unicodedata.normalize("NFC", name)


def _members(name: str, folders: tuple[str, ...], data: bytes, depth: int) -> Iterator[Source]:
    """The files in a .zip, named after it ('mail.zip › 6.8.docx')."""
    if depth >= MAX_DEPTH:
        yield Source(name, folders, ".zip", problem="een .zip in een .zip in een .zip; pak het eerst uit")
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        yield Source(name, folders, ".zip", problem="het .zip-bestand is beschadigd")
        return
    if not infos:
        yield Source(name, folders, ".zip", problem="een leeg .zip-bestand")
    for info in sorted(infos, key=lambda i: i.filename):
        inner = _member_name(info).replace("\\", "/")
        if inner.startswith(MAC_METADATA):
            continue
        parts = tuple(part for part in inner.split("/")[:-1] if part)
        member, suffix = f"{name} \u203a {inner}", Path(inner).suffix.lower()
        if info.flag_bits & 0x1:
            yield Source(
                member,
                folders + parts,
                suffix,
                problem="met een wachtwoord beveiligd in het .zip-bestand; pak het eerst uit",
            )
        elif suffix in READABLE and info.file_size > MAX_BYTES:
            yield Source(member, folders + parts, suffix, problem="te groot voor een formulier")
        else:
            try:
                content = archive.read(info) if suffix in READABLE else b""
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
                yield Source(member, folders + parts, suffix, problem="beschadigd in het .zip-bestand")
                continue
            yield from _source(member, folders + parts, suffix, None, content, depth + 1)


def archive_problem(data: bytes) -> str | None:
    """Why a .zip is refused before anything of it is kept (a 'zip bomb'), in Dutch; None when it is
    not. By the sizes its members declare (zipfile never unpacks more than that), nested .zip files
    as `find` reads them (up to MAX_DEPTH): more than MAX_UNPACKED in all, or more than
    MAX_MEMBERS files, is no collection of forms. A damaged .zip is no bomb: `find` says what it is."""
    counted = [0, 0]  # bytes, files

    def walk(blob: bytes, depth: int) -> str | None:
        try:
            infos = zipfile.ZipFile(io.BytesIO(blob)).infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        for info in infos:
            counted[0] += info.file_size
            counted[1] += 1
            if counted[0] > MAX_UNPACKED or counted[1] > MAX_MEMBERS:
                return (
                    f"dit .zip-bestand pakt uit tot meer dan {MAX_UNPACKED // (1024 * 1024)} MB of meer dan "
                    f"{MAX_MEMBERS} bestanden; zo veel zijn ingevulde formulieren nooit"
                )
            inner = info.filename.lower().endswith(".zip") and info.file_size <= MAX_BYTES
            if inner and depth + 1 < MAX_DEPTH and not info.flag_bits & 0x1:
                try:
                    found = walk(zipfile.ZipFile(io.BytesIO(blob)).read(info), depth + 1)
                except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
                    found = None
                if found:
                    return found
        return None

    return walk(data, 0)
