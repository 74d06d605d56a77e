"""LibreOffice kept running for a process that converts again and again (the page, `desi-pack web`).

The command line starts LibreOffice for each `--pdf` run (pdf.convert: 1.5 s or more a start, with
a fresh profile). The page lives for hours: `Offices` starts LibreOffice once per lane (one a
core, as pdf.convert_all plans, at most pdf.MAX_RUNS) when the page starts, and each conversion
is then a request to one that is running. Each LibreOffice has a profile of its own in a temporary
folder and listens on a named pipe only, which only this user can open (uno_bridge.py: never a
TCP port). It is reached through uno_bridge.py, run by the Python that has LibreOffice's `uno`
module; where there is none, there are no kept offices and the page converts as the command line.

unoserver (PyPI) does the same job, but listens on TCP ports (XML-RPC and UNO) that any user of the
computer can reach, and converts any path it is sent: not for a page that must be safe against the
other users of the computer.
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from desi_pack.errors import reason
from desi_pack.writing.pdf import headless

Progress = Callable[[str, int, int], None]
BRIDGE = Path(__file__).with_name("uno_bridge.py")
START_S = 180  # a first start makes a profile: slow on a busy machine
# The Python with LibreOffice's `uno`: the one inside LibreOffice (Windows, macOS), else the system's.
PYTHONS = ("python", "python.exe", "python3")
SYSTEM_PYTHON = "/usr/bin/python3"


class OfficeError(Exception):
    """A kept LibreOffice could not start or convert; `pdf` says it in Dutch."""


def python_with_uno(soffice: str) -> tuple[str, dict[str, str]] | None:
    """(python, environment) that can import LibreOffice's `uno` for this soffice, or None.

    LibreOffice from a distribution (Debian) puts uno.py for the system's Python beside it
    (…/lib/python3/dist-packages); LibreOffice for Windows and macOS brings a Python of its own.
    """
    program = Path(soffice).resolve().parent
    candidates = [program / name for name in PYTHONS] + [Path(SYSTEM_PYTHON)]
    extra = [str(p) for p in program.parents if (p / "lib/python3/dist-packages/uno.py").is_file()]
    env = dict(os.environ)
    if extra:  # a LibreOffice beside the system's (25.2 from backports in /opt): its own uno.py first
        env["PYTHONPATH"] = os.pathsep.join([f"{extra[0]}/lib/python3/dist-packages", env.get("PYTHONPATH", "")])
    for python in candidates:
        if not python.is_file():
            continue
        try:
            found = subprocess.run([str(python), "-c", "import uno"], env=env, capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if found.returncode == 0:
            return str(python), env
    return None


class KeptOffice:
    """One LibreOffice with its bridge, converting one document at a time."""

    def __init__(self, soffice: str, python: str, env: dict[str, str]):
        self.profile = Path(tempfile.mkdtemp(prefix="desi-pack-office-"))
        self.pipe = f"desi-pack-{os.getpid()}-{os.urandom(8).hex()}"
        self.process = subprocess.Popen(
            [python, str(BRIDGE), self.pipe, *headless(soffice, self.profile)],
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=os.name == "posix",
        )  # its own group: closing stops LibreOffice too
        assert self.process.stdin is not None and self.process.stdout is not None  # asked for: PIPE
        self.requests, self.answers = self.process.stdin, self.process.stdout
        ready = self._answer(START_S)
        if "ready" not in ready:
            self.close()
            raise OfficeError(ready.get("error", "LibreOffice startte niet"))
        self.version = ready["ready"]

    def convert(self, source: Path, target: Path, filter_name: str, data: dict, timeout: float) -> None:
        """Convert the file `source` into `target` (a PDF); OfficeError when LibreOffice cannot."""
        request = {"in": str(source), "out": str(target), "filter": filter_name, "data": data}
        try:
            self.requests.write(json.dumps(request) + "\n")
            self.requests.flush()
        except OSError as err:
            raise OfficeError(reason(err)) from err
        answer = self._answer(timeout)
        if not answer.get("ok"):
            raise OfficeError(answer.get("error", "geen antwoord"))

    def _answer(self, timeout: float) -> dict:
        ready, _, _ = select.select([self.answers], [], [], timeout)
        line = self.answers.readline() if ready else ""
        if not line:  # gone, or no answer in time: this office is of no more use
            self.close()
            return {"error": f"geen antwoord binnen {int(timeout)} seconden" if not ready else "gestopt"}
        return json.loads(line)

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self) -> None:
        """Close LibreOffice (gently: the bridge closes it when its input ends) and forget its profile."""
        if self.process.poll() is None:
            try:
                self.requests.close()
                self.process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if self.process.poll() is None or os.name == "posix":
            try:
                if os.name == "posix":
                    os.killpg(self.process.pid, signal.SIGKILL)  # what is left of its group
                else:
                    self.process.kill()
            except OSError:
                pass
            self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


class Offices:
    """LibreOffices kept running, one per lane; started in the background, used by pdf.convert_all."""

    def __init__(self, soffice: str, count: int):
        self.soffice = soffice
        self.count = count
        self._python: tuple[str, dict[str, str]] | None = None
        self._idle: queue.Queue[KeptOffice | None] = queue.Queue()
        self._all: list[KeptOffice] = []
        self._lock = threading.Lock()
        self._started = self._closed = False

    @classmethod
    def here(cls) -> Offices | None:
        """LibreOffices to keep on this computer (not yet started), or None where it has no LibreOffice."""
        from desi_pack.writing.pdf import MAX_RUNS, PdfError, _cores, find_libreoffice

        try:
            return cls(find_libreoffice(), min(_cores(), MAX_RUNS))
        except PdfError:
            return None

    @property
    def usable(self) -> bool:
        """Whether LibreOffice can be kept here (there is a Python with its `uno`); asked once."""
        with self._lock:
            if self._python is None:
                self._python = python_with_uno(self.soffice) or ("", {})
        return bool(self._python[0])

    def start(self) -> None:
        """Start the LibreOffices in the background, once; a conversion that comes first waits for them."""
        with self._lock:
            if self._started or self._closed:
                return
            self._started = True
        for _ in range(self.count):
            threading.Thread(target=self._start_one, name="desi-pack LibreOffice", daemon=True).start()

    def _start_one(self) -> None:
        try:
            if not self.usable:
                raise OfficeError("geen Python met LibreOffice's uno")
            python, env = self._python or ("", {})
            office = KeptOffice(self.soffice, python, env)
        except (OfficeError, OSError):
            self._idle.put(None)  # a lane without office: convert() says so
            return
        with self._lock:
            if self._closed:
                office.close()
                return
            self._all.append(office)
        self._idle.put(office)

    def take(self) -> KeptOffice:
        """A running LibreOffice for one lane (waiting for one that starts or is busy); give it back
        with `give_back`. OfficeError when one could not start."""
        if self._closed:
            raise OfficeError("de pagina stopt")
        self.start()
        try:
            office = self._idle.get(timeout=START_S)
        except queue.Empty:
            raise OfficeError(f"LibreOffice was na {START_S} seconden niet gestart") from None
        if office is None or not office.alive:
            threading.Thread(target=self._start_one, daemon=True).start()  # a new one for the next time
            raise OfficeError("LibreOffice kon niet gestart worden of is gestopt")
        return office

    def give_back(self, office: KeptOffice) -> None:
        if office.alive:
            self._idle.put(office)
        else:
            threading.Thread(target=self._start_one, daemon=True).start()

    def close(self) -> None:
        """Close every LibreOffice (when the page stops)."""
        with self._lock:
            self._closed = True
            offices, self._all = self._all, []
        for office in offices:
            office.close()


def filter_for(path: str, destinations: bool) -> tuple[str, dict]:
    """The PDF export filter of a document and its options: `destinations` for a print file's first pass."""
    if path.endswith(".xlsx"):
        return "calc_pdf_Export", {}
    return "writer_pdf_Export", {"ExportBookmarksToPDFDestination": True} if destinations else {}
