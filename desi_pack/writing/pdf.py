"""PDFs of the documents, made by LibreOffice without a window (`soffice --headless`).

All documents of a build are converted in one LibreOffice run, with a user profile of
its own in a temporary folder: starting LibreOffice costs seconds, and its own profile
lets it run beside a LibreOffice the user has open. The documents go in under plain
numbered names (two forms of the same name live in different folders) and each
distinct document is converted once. The PDFs come back as bytes, so that output.py
writes them with everything else, or not at all.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desi_pack.errors import DesiPackError, reason

CONVERTIBLE = (".docx", ".xlsx")
# Where LibreOffice installs itself when it is not on the PATH.
KNOWN_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
TIMEOUT_S = 120  # for starting LibreOffice; each document adds PER_FILE_S
PER_FILE_S = 20
STAGE = "PDF maken met LibreOffice"

INSTALL_HELP = (
    "Voor --pdf is LibreOffice nodig, en dat is op deze computer niet gevonden.\n"
    "Installeer het en probeer het opnieuw:\n"
    "  - Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui\n"
    "  - Windows: download het van https://nl.libreoffice.org/download/ en installeer het "
    "(desi-pack zoekt het in C:\\Program Files\\LibreOffice)\n"
    "  - macOS: download het van https://nl.libreoffice.org/download/ en zet het in Programma's, "
    "of: brew install --cask libreoffice\n"
    "Staat LibreOffice ergens anders, zet dan de map van 'soffice' in het PATH. "
    "Zonder --pdf maakt desi-pack alle Word- en Excel-bestanden gewoon."
)

Progress = Callable[[str, int, int], None]


class PdfError(DesiPackError):
    """LibreOffice is missing, or could not convert a document."""


def find_libreoffice() -> str:
    """The path of LibreOffice's `soffice`; a Dutch error with install help when there is none."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in KNOWN_PLACES:
        if Path(place).is_file():
            return place
    raise PdfError(INSTALL_HELP)


def identity(soffice: str) -> str:
    """What a PDF depends on besides its document: which LibreOffice made it."""
    try:
        stat = Path(soffice).resolve().stat()
        return f"{Path(soffice).resolve()}:{stat.st_size}:{int(stat.st_mtime)}"
    except OSError:
        return soffice


def pdf_name(path: str) -> str:
    """'bijeenkomst-1/draaiboek-bijeenkomst-1.docx' -> '… .pdf'."""
    return path.rsplit(".", 1)[0] + ".pdf"


def page_count(pdf: bytes) -> int:
    """The number of pages of a PDF as LibreOffice writes it (one /Type/Page object a page)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


# Word documents as PDF with every bookmark a named destination: where each part of a print file starts.
DESTINATIONS = 'pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'


def destinations(pdf: bytes) -> dict[str, int]:
    """Page (from 1) of each named destination of a PDF as LibreOffice writes it.

    LibreOffice writes a bookmark's name with '_' as '5F'; the name here is without those
    ('desi_deel1begin' for '_desi_deel1begin' reads 'desi5Fdeel1begin', and is given back
    with every '5F' read as '_' and the leading one dropped).
    """
    kids = re.search(rb"/Type\s*/Pages\b.*?/Kids\s*\[([^\]]*)\]", pdf, re.S)
    if not kids:
        return {}
    order = {int(n): index for index, n in enumerate(re.findall(rb"(\d+)\s+0\s+R", kids[1]), start=1)}
    found = {}
    for name, obj in re.findall(rb"/([\w#]+)\s*\[\s*(\d+)\s+0\s+R\s*/XYZ", pdf):
        readable = name.decode("ascii", "replace").replace("#5F", "_").replace("5F", "_").lstrip("_")
        if int(obj) in order:
            found[readable] = order[int(obj)]
    return found


def convert(soffice: str, documents: dict[str, bytes], progress: Progress | None = None,
            timeout: float | None = None, target_format: str = "pdf") -> dict[str, bytes]:
    """PDF bytes by document path, for every document given (.docx or .xlsx), in one LibreOffice run;
    `target_format` as soffice's --convert-to takes it (DESTINATIONS for Word documents only)."""
    if not documents:
        return {}
    distinct: dict[bytes, list[str]] = {}
    for path, data in documents.items():
        distinct.setdefault(data, []).append(path)
    with tempfile.TemporaryDirectory(prefix="desi-pack-pdf-") as folder:
        work = Path(folder)
        source, target, profile = work / "in", work / "uit", work / "profiel"
        source.mkdir()
        target.mkdir()
        names = {}
        for number, (data, paths) in enumerate(distinct.items(), start=1):
            name = f"{number:04d}{Path(paths[0]).suffix}"
            (source / name).write_bytes(data)
            names[name] = paths
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
                   "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                   "--convert-to", target_format, "--outdir", str(target), *(str(source / n) for n in names)]
        limit = timeout if timeout is not None else TIMEOUT_S + PER_FILE_S * len(names)
        log = _run(command, work / "log.txt", limit, target, len(names), progress)
        results: dict[str, bytes] = {}
        failed = []
        for name, paths in names.items():
            made = target / f"{Path(name).stem}.pdf"
            if not made.is_file() or made.stat().st_size == 0:
                failed.extend(paths)
                continue
            data = made.read_bytes()
            for path in paths:
                results[path] = data
    if failed:
        listed = ", ".join(failed[:5]) + (f" en nog {len(failed) - 5}" if len(failed) > 5 else "")
        detail = f" LibreOffice meldde: {log}" if log else ""
        raise PdfError(f"LibreOffice kon geen PDF maken van {listed}.{detail} Er is niets geschreven; "
                       "zonder --pdf worden de Word- en Excel-bestanden wel gemaakt.")
    return results


def _run(command: list[str], log_path: Path, limit: float, target: Path, total: int,
         progress: Progress | None) -> str:
    """Run LibreOffice, report the PDFs as they appear, stop it after `limit` seconds; its messages."""
    with open(log_path, "wb") as log:
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=os.name == "posix")
        except OSError as err:
            raise PdfError(f"LibreOffice ({command[0]}) kon niet gestart worden ({reason(err)}). "
                           "Er is niets geschreven.") from err
        started = time.monotonic()
        done = -1
        try:
            while process.poll() is None:
                if time.monotonic() - started > limit:
                    _stop(process)
                    raise PdfError(f"LibreOffice was na {int(limit)} seconden niet klaar met {total} "
                                   f"document{'en' if total != 1 else ''} en is gestopt. Er is niets geschreven.")
                now = sum(1 for _ in target.glob("*.pdf"))
                if progress and now != done:
                    done = now
                    progress(STAGE, done, total)
                time.sleep(0.1)
        except BaseException:
            _stop(process)
            raise
    if progress:
        progress(STAGE, total, total)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("convert ")
             and "javaldx" not in line]
    return " ".join(lines)[:500]


def _stop(process: subprocess.Popen) -> None:
    """Stop LibreOffice and what it started (its own process group on Linux and macOS)."""
    if process.poll() is not None:
        return
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        pass
    process.wait()

