"""PDFs of the documents, made by LibreOffice without a window (`soffice --headless`).

Each LibreOffice run has a user profile of its own in a temporary folder, so that it runs
beside a LibreOffice the user has open, and beside another run of ours. Starting one costs
about 1.5 s, converting a document about 0.2 s (a print file about 0.5 s), and one run uses
one core: `convert_all` shares the documents out over a LibreOffice per core (at most
MAX_RUNS), where that is quicker than one run doing them all. The documents go in under
plain numbered names (two forms of the same name live in different folders) and each
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
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desi_pack.errors import DesiPackError, reason, spot
from desi_pack.writing.output import OVERWRITTEN, UPDATED, WrittenFile, checksum

if TYPE_CHECKING:
    from desi_pack.writing.jobs import Previous
    from desi_pack.writing.office import Offices

CONVERTIBLE = (".docx", ".xlsx")
# Where LibreOffice installs itself when it is not on the PATH.
KNOWN_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
TIMEOUT_S = 120  # for starting LibreOffice; each document adds PER_FILE_S
PER_FILE_S = 20
STAGE = "PDF's maken met LibreOffice"
# Seconds, measured with LibreOffice 25.2 on the example (docs/snelheid.md): to plan the runs.
START_S, DOCUMENT_S, TWICE_S = 1.5, 0.2, 0.5  # a start; a document; a print file, each time
MAX_RUNS = 4  # LibreOffice runs at once, however many cores: each takes a few hundred MB

INSTALL_HELP = (
    f"Voor PDF's{spot('pdf')} is LibreOffice nodig, en dat is op deze computer niet gevonden.\n"
    "Installeer het en probeer het opnieuw:\n"
    "  - Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui\n"
    "  - Windows: download het van https://nl.libreoffice.org/download/ en installeer het "
    "(desi-pack zoekt het in C:\\Program Files\\LibreOffice)\n"
    "  - macOS: download het van https://nl.libreoffice.org/download/ en zet het in Programma's, "
    "of: brew install --cask libreoffice\n"
    "Staat LibreOffice ergens anders, zet dan de map van 'soffice' in het PATH. "
    f"Zonder PDF's{spot('pdf')} maakt desi-pack alle Word- en Excel-bestanden gewoon."
)

Progress = Callable[[str, int, int], None]


# How a failed conversion ends, whichever LibreOffice failed (started for the run, or kept by the page).
NOTHING_WRITTEN = f"Er is niets geschreven; zonder PDF's{spot('pdf')} worden de Word- en Excel-bestanden wel gemaakt."


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


def identity(soffice: str | Offices) -> str:
    """What a PDF depends on besides its document: which LibreOffice made it (kept or not)."""
    path = soffice if isinstance(soffice, str) else soffice.soffice
    try:
        stat = Path(path).resolve().stat()
        return f"{Path(path).resolve()}:{stat.st_size}:{int(stat.st_mtime)}"
    except OSError:
        return path


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
    kids = re.search(rb"/Type\s*/Pages\b.*?/Kids\s*\[([^\]]*)\]", pdf, re.DOTALL)
    if not kids:
        return {}
    order = {int(n): index for index, n in enumerate(re.findall(rb"(\d+)\s+0\s+R", kids[1]), start=1)}
    found = {}
    for name, obj in re.findall(rb"/([\w#]+)\s*\[\s*(\d+)\s+0\s+R\s*/XYZ", pdf):
        readable = name.decode("ascii", "replace").replace("#5F", "_").replace("5F", "_").lstrip("_")
        if int(obj) in order:
            found[readable] = order[int(obj)]
    return found


@dataclass
class TwoPass:
    """Documents converted twice, one after the other in the same lane: first with every bookmark a
    named destination (DESTINATIONS), then as `second` makes them from those PDFs (a print file
    with the page numbers counted in them)."""

    documents: dict[str, bytes]
    second: Callable[[dict[str, bytes]], dict[str, bytes]]


def convert_all(
    soffice: str | Offices,
    documents: dict[str, bytes],
    progress: Progress | None = None,
    two_pass: TwoPass | None = None,
    cores: int | None = None,
) -> dict[str, bytes]:
    """PDF bytes by path of every document, and of every two-pass document its second pass.

    The work is shared out over LibreOffice runs at once, one a core (`cores`, default: the
    cores this process may use, at most MAX_RUNS), as `plan` says pays; progress counts every
    conversion. `soffice`: the LibreOffice to start for each run, or LibreOffices kept running
    (office.Offices: then no run costs a start).
    """
    if isinstance(soffice, str):
        runs, start_s = min(cores or _cores(), MAX_RUNS), START_S
    else:  # kept running: no run costs a start
        runs, start_s = soffice.count, 0.0
    distinct = _by_content(documents)  # each document once, however many paths it has
    twice = len(set(two_pass.documents.values())) if two_pass else 0
    counts = plan(len(distinct), twice, runs, start_s)
    chunks = _chunks([(paths[0], data) for data, paths in distinct.items()], counts)
    lanes = [(index, chunk) for index, chunk in enumerate(chunks) if chunk or (index == 0 and two_pass)]
    label = f"{STAGE} ({len(lanes)} tegelijk)" if len(lanes) > 1 else STAGE
    tally = _Tally(progress, label, len(distinct) + 2 * twice)
    stop = threading.Event()

    def lane(index: int, chunk: dict[str, bytes]) -> dict[str, bytes]:
        def one_run(documents: dict[str, bytes], target_format: str = "pdf") -> dict[str, bytes]:
            if isinstance(soffice, str):
                return convert(soffice, documents, tally.part(), target_format=target_format, stop=stop)
            return convert_kept(soffice, documents, tally.part(), target_format, stop)

        made: dict[str, bytes] = {}
        if index == 0 and two_pass:  # first: the second pass waits for it
            made |= one_run(two_pass.second(one_run(two_pass.documents, DESTINATIONS)))
        return made | one_run(chunk)

    made = _in_threads(lane, lanes, stop)
    return made | {path: made[paths[0]] for paths in distinct.values() for path in paths}


def with_pdfs(
    soffice: str | Offices,
    files: dict[str, bytes],
    previous: Previous,
    progress: Progress | None = None,
    two_pass: TwoPass | None = None,
    made_from: dict[str, str] | None = None,
) -> tuple[dict[str, str], int]:
    """Add a PDF beside every Word and Excel file in `files` (relative path -> bytes, changed in
    place); return the key of each PDF (for the manifest) and how many were converted.

    A PDF is keyed by what its document is made from (`made_from`: a key per path, else the
    document's bytes) and the LibreOffice that converts it, and taken from the last run where that
    is the same and the PDF is still as written; only the others are converted. `two_pass`: the
    documents converted twice (a print file, whose pages are counted in its first PDF); its
    `second` writes their final bytes into `files`.
    """
    from desi_pack.writing.jobs import key  # not at the top: `desi-pack --help` reads this module's STAGE

    maker = identity(soffice)
    made_from = made_from or {}
    documents = {path: data for path, data in files.items() if path.endswith(CONVERTIBLE)}
    keys = {path: key("pdf", made_from.get(path) or checksum(data), maker) for path, data in documents.items()}
    found = {path: previous.get(pdf_key) for path, pdf_key in keys.items()}
    todo = {path: data for path, data in documents.items() if found[path] is None}
    twice = {path: data for path, data in (two_pass.documents if two_pass else {}).items() if path in todo}
    ordinary = {path: data for path, data in todo.items() if path not in twice}
    converted = (
        convert_all(soffice, ordinary, progress, TwoPass(twice, two_pass.second) if two_pass and twice else None)
        if todo
        else {}
    )
    for path in documents:
        earlier = found[path]
        files[pdf_name(path)] = earlier if earlier is not None else converted[path]
    return {pdf_name(path): pdf_key for path, pdf_key in keys.items()}, len(todo)


def old_pdfs(written: list[WrittenFile], what: str) -> str | None:
    """A warning when documents changed but the PDFs beside them, of an earlier run with PDFs, did not:
    'Let op: 2 PDF's horen bij een oudere versie van hun document (zoals …); maak ze opnieuw.', with
    the spot 'pdf_again' (errors.spot) where a face says how. `what`: 'document' or 'kaart'."""
    old = [
        pdf
        for w in written
        if w.status in (UPDATED, OVERWRITTEN)
        and w.path.suffix in CONVERTIBLE
        and (pdf := w.path.with_suffix(".pdf")).exists()
    ]
    if not old:
        return None
    many = len(old) != 1
    pdfs = f"{len(old)} PDF's horen" if many else "1 PDF hoort"
    return (
        f"Let op: {pdfs} bij een oudere versie van {'hun' if many else 'zijn'} {what} (zoals {old[0].name}); "
        f"maak {'ze' if many else 'hem'} opnieuw{spot('pdf_again')}."
    )


def _chunks(items: list[tuple[str, bytes]], counts: list[int]) -> list[dict[str, bytes]]:
    """The items cut into consecutive pieces of `counts` items."""
    starts = [sum(counts[:index]) for index in range(len(counts))]
    return [dict(items[start : start + count]) for start, count in zip(starts, counts, strict=True)]


def _cores() -> int:
    """The cores this process may use (fewer than the machine has in a container or under taskset)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Windows and macOS
        return os.cpu_count() or 1


def plan(count: int, twice: int, cores: int, start_s: float = START_S) -> list[int]:
    """How many of `count` documents each of `cores` LibreOffice runs converts, the first one
    also doing `twice` documents twice (two starts of its own). Each document goes where the
    work would end soonest, counting a start (`start_s`, 0 for LibreOffices kept running) for a
    run that has none yet: a second run starts only where that is quicker than one run doing more."""
    loads = [2 * (start_s + twice * TWICE_S) if twice else 0.0] + [0.0] * (cores - 1)
    counts = [0] * cores
    for _ in range(count):

        def after(lane: int) -> float:
            return loads[lane] + DOCUMENT_S + (start_s if counts[lane] == 0 else 0.0)

        best = min(range(cores), key=after)
        loads[best], counts[best] = after(best), counts[best] + 1
    return counts


def _in_threads(
    lane: Callable[[int, dict[str, bytes]], dict[str, bytes]], lanes: list, stop: threading.Event
) -> dict[str, bytes]:
    """Run each lane in a thread of its own (each waits for its LibreOffice); the first error stops the others."""
    from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait  # only --pdf needs threads

    made: dict[str, bytes] = {}
    with ThreadPoolExecutor(max_workers=max(len(lanes), 1)) as pool:
        futures = [pool.submit(lane, index, chunk) for index, chunk in lanes]
        try:
            wait(futures, return_when=FIRST_EXCEPTION)
        except BaseException:  # Ctrl+C: the runs are stopped within 0.1 s
            stop.set()
            raise
        failed = [error for future in futures if future.done() and (error := future.exception()) is not None]
        if failed:  # the others are stopped; the first error is the one reported
            stop.set()
            wait(futures)
            raise failed[0]
        for future in futures:
            made |= future.result()
    return made


class _Tally:
    """The progress of several LibreOffice runs as one count of conversions."""

    def __init__(self, progress: Progress | None, label: str, total: int):
        self.progress, self.label, self.total = progress, label, total
        self.done: dict[int, int] = {}
        self.lock = threading.Lock()

    def part(self) -> Progress:
        """The progress callback of one more run (lanes ask for one at the same time: under the lock)."""
        with self.lock:
            key = len(self.done)
            self.done[key] = 0

        def report(stage: str, done: int, total: int) -> None:
            with self.lock:
                self.done[key] = max(done, 0)
                if self.progress:
                    self.progress(self.label, sum(self.done.values()), self.total)

        return report


class _Stopped(Exception):
    """Another LibreOffice run failed: this one was stopped."""


def convert(
    soffice: str,
    documents: dict[str, bytes],
    progress: Progress | None = None,
    timeout: float | None = None,
    target_format: str = "pdf",
    stop: threading.Event | None = None,
) -> dict[str, bytes]:
    """PDF bytes by document path, for every document given (.docx or .xlsx), in one LibreOffice run;
    `target_format` as soffice's --convert-to takes it (DESTINATIONS for Word documents only).
    When `stop` is set (another run failed) LibreOffice is stopped."""
    if not documents:
        return {}
    distinct = _by_content(documents)
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
        command = [
            *headless(soffice, profile),
            "--convert-to",
            target_format,
            "--outdir",
            str(target),
            *(str(source / n) for n in names),
        ]
        limit = timeout if timeout is not None else TIMEOUT_S + PER_FILE_S * len(names)
        log = _run(command, work / "log.txt", limit, target, len(names), progress, stop)
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
        raise PdfError(f"LibreOffice kon geen PDF maken van {listed}.{detail} {NOTHING_WRITTEN}")
    return results


def _by_content(documents: dict[str, bytes]) -> dict[bytes, list[str]]:
    """The paths of each distinct document (a form is in two folders): each is converted once."""
    distinct: dict[bytes, list[str]] = {}
    for path, data in documents.items():
        distinct.setdefault(data, []).append(path)
    return distinct


def convert_kept(
    offices: Offices,
    documents: dict[str, bytes],
    progress: Progress | None = None,
    target_format: str = "pdf",
    stop: threading.Event | None = None,
) -> dict[str, bytes]:
    """As `convert`, by a LibreOffice kept running (office.py) instead of one started for this run."""
    from desi_pack.writing.office import OfficeError, filter_for

    if not documents:
        return {}
    distinct = _by_content(documents)
    results: dict[str, bytes] = {}
    try:
        office = offices.take()
    except OfficeError as err:
        raise PdfError(f"LibreOffice kon niet gestart worden ({err}). {NOTHING_WRITTEN}") from err
    try:
        with tempfile.TemporaryDirectory(prefix="desi-pack-pdf-") as folder:
            for number, (data, paths) in enumerate(distinct.items(), start=1):
                if stop is not None and stop.is_set():
                    raise _Stopped()
                source = Path(folder) / f"{number:04d}{Path(paths[0]).suffix}"
                source.write_bytes(data)
                filter_name, options = filter_for(paths[0], target_format == DESTINATIONS)
                try:
                    office.convert(source, source.with_suffix(".pdf"), filter_name, options, PER_FILE_S * 3)
                    pdf = source.with_suffix(".pdf").read_bytes()
                except (OfficeError, OSError) as err:
                    raise PdfError(f"LibreOffice kon geen PDF maken van {paths[0]} ({err}). {NOTHING_WRITTEN}") from err
                results.update(dict.fromkeys(paths, pdf))
                if progress:
                    progress(STAGE, number, len(distinct))
    finally:
        offices.give_back(office)
    return results


def headless(soffice: str, profile: Path) -> list[str]:
    """The command that starts LibreOffice without a window, with the user profile in the folder
    `profile` (of its own: it runs beside a LibreOffice the user has open), and nothing else."""
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
    ]


def _run(
    command: list[str],
    log_path: Path,
    limit: float,
    target: Path,
    total: int,
    progress: Progress | None,
    stop: threading.Event | None = None,
) -> str:
    """Run LibreOffice, report the PDFs as they appear, stop it after `limit` seconds; its messages."""
    with open(log_path, "wb") as log:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=os.name == "posix",
            )
        except OSError as err:
            raise PdfError(
                f"LibreOffice ({command[0]}) kon niet gestart worden ({reason(err)}). Er is niets geschreven."
            ) from err
        started = time.monotonic()
        done = -1
        try:
            while process.poll() is None:
                if stop is not None and stop.is_set():
                    raise _Stopped()
                if time.monotonic() - started > limit:
                    _stop(process)
                    raise PdfError(
                        f"LibreOffice was na {int(limit)} seconden niet klaar met {total} "
                        f"document{'en' if total != 1 else ''} en is gestopt. Er is niets geschreven."
                    )
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
    lines = [
        line for line in text.splitlines() if line.strip() and not line.startswith("convert ") and "javaldx" not in line
    ]
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
