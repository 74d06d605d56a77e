"""Measure a build in the running page (`desi-pack web`), which stays warm, against a cold start.

    python bench/bench_web_build.py [RONDES] [--pdf]

Starts the page in this process (waitress on 127.0.0.1, as `desi-pack web` serves it) for a
copy of the starter training, signs in with the secret, and builds once to warm up (as the
trainer's first click does). Then each round measures, one after the other:

  naief        for every Word document the build writes, a fresh docxtpl DocxTemplate of the
               template it starts from, rendered with its context and saved in memory
               (bench_build.naive, the same documents), in this same process;
  pagina       "Pakket maken" on the page (POST /pakket) for an empty pack folder: every file
               made again and written, timed until the build's thread is done;

and with --pdf, instead, after the date of meeting 3 was moved a week on the page (each round
moves it back or forth: its draaiboek, homework, workbooks, print file and their PDFs are made
again, as when a trainer changes a date and prints again):

  pagina --pdf "Pakket maken" with PDFs ticked, the pack of the round before in its folder,
               with the LibreOffice the page keeps running;
  cli --pdf    `desi-pack build --pdf` of the same training file, as a new process, into a folder
               that holds the pack of the round before too (LibreOffice started for it, as the
               command line does);

and then, once per round, both again into an empty folder (every document and every PDF made:
"leeg").

Prints the medians and the median over the rounds of the page's time divided by the other's
in the same round. Not a test: the figures go into docs/snelheid.md by hand.
"""

from __future__ import annotations

import http.cookiejar
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench_build import naive, naive_jobs  # bench/: run as python bench/<script>.py
from bench_web import _form
from machine import machine
from waitress.server import create_server

from desi_pack import build
from desi_pack.course.course import load_course
from desi_pack.resources import example_training
from desi_pack.training.config import load_training
from desi_pack.web.app import create_app
from desi_pack.web.guard import Guard
from desi_pack.web.serve import HOST, free_port
from desi_pack.writing.office import Offices


class Page:
    """The page served in this process, signed in, with its form as the browser would send it."""

    def __init__(self, folder: Path, out: Path):
        port = free_port()
        guard = Guard.new(port)
        self.app = create_app(folder, guard, out_dir=out, offices=Offices.here())  # as desi-pack web
        self.server = create_server(self.app, host=HOST, port=port, threads=4)
        threading.Thread(target=self.server.run, daemon=True).start()
        self.address = f"http://{HOST}:{port}"
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(cookies)
        self.form = _form(self.opener.open(f"{self.address}/?sleutel={guard.secret}").read().decode())

    def build(self, pdf: bool, changes: dict | None = None) -> float:
        """Seconds from the click on "Pakket maken" (the form with `changes`) until the build's thread is done."""
        form = {key: value for key, value in self.form.items() if key not in ("pdf", "force")} | (changes or {})
        if pdf:
            form["pdf"] = "1"
        request = urllib.request.Request(
            f"{self.address}/pakket",
            data=urllib.parse.urlencode(form, doseq=True).encode(),
            headers={"Origin": self.address},
        )
        started = time.perf_counter()
        self.opener.open(request).read()
        for thread in threading.enumerate():
            if thread.name == "desi-pack build":
                thread.join()
        took = time.perf_counter() - started
        self.form = _form(self.opener.open(f"{self.address}/").read().decode())  # the saved file's new stamp
        return took


def main(rounds: int, pdf: bool) -> None:
    folder = Path(tempfile.mkdtemp())
    out = folder / "uit"
    training_file = folder / "training.yaml"
    shutil.copy(example_training(), training_file)
    page = Page(folder, out)
    training, course = load_training(training_file), load_course()
    with tempfile.TemporaryDirectory() as scratch:
        first = build(training, Path(scratch), course=course)
        docx = sorted(str(w.path.relative_to(first.root)) for w in first.files if w.path.suffix == ".docx")
    jobs = naive_jobs(training, course, docx)
    page.build(pdf)  # the first click: templates compiled, LibreOffice started
    times: dict[str, list[float]] = {}
    cli_out = folder / "cli"
    if pdf:
        _cli_pdf(training_file, cli_out)
    for number in range(rounds):
        if pdf:
            moved = {"bijeenkomsten.2.datum": "2027-03-23" if number % 2 == 0 else "2027-03-16"}
            times.setdefault("pagina --pdf", []).append(page.build(pdf, moved))
            times.setdefault("cli --pdf", []).append(_cli_pdf(training_file, cli_out))
            shutil.rmtree(out, ignore_errors=True)
            times.setdefault("pagina --pdf, leeg", []).append(page.build(pdf, moved))
            with tempfile.TemporaryDirectory() as empty:
                times.setdefault("cli --pdf, leeg", []).append(_cli_pdf(training_file, Path(empty)))
        else:
            started = time.perf_counter()
            naive(jobs)
            times.setdefault("naief", []).append(time.perf_counter() - started)
            shutil.rmtree(out, ignore_errors=True)
            times.setdefault("pagina", []).append(page.build(pdf))
    print(f"Machine: {machine()}")
    print(f"{rounds} rondes, medianen:")
    for name, values in times.items():
        print(f"  {name:18} {statistics.median(values) * 1000:6.0f} ms")
    pairs = [("pagina --pdf", "cli --pdf"), ("pagina --pdf, leeg", "cli --pdf, leeg")] if pdf else [("pagina", "naief")]
    for mine, other in pairs:
        ratio = statistics.median(b / a for a, b in zip(times[other], times[mine], strict=True))
        print(f"  {mine} / {other}: mediaan per ronde {ratio:.2f}")
    page.server.close()
    page.app.extensions["desi"].offices.close()
    shutil.rmtree(folder, ignore_errors=True)


def _cli_pdf(training_file: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desi_pack", "build", str(training_file), "--pdf", "--stil", "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--pdf"]
    main(int(arguments[0]) if arguments else 7, "--pdf" in sys.argv)
