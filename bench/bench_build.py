"""Measure a build of the built-in example training against naive template rendering.

    python bench/bench_build.py [RONDES]

Each round measures, in this one process, one after the other:

  naief       for every .docx the build writes (draaiboeks, homework sheets, forms,
              worksheets, posters, print files), a fresh docxtpl DocxTemplate of the
              template that document starts from (draaiboek.docx, huiswerk.docx, or
              formulier.docx for all the others), rendered with that document's context
              and saved in memory. Only that: no form content, no Excel workbooks, no
              documents merged into print files, nothing written to disk.
  build       desi_pack.pack.build() of the whole example into an empty folder: every Word
              document with its content, the Excel workbooks and the print files, written
              to disk. This is a trainer's first build. Two worker processes where the
              machine has two cores.
  1 proces    the same in this one process only.
  herbouw     build() into the same folder again, nothing changed: what a trainer does
              most while preparing. Every file is checked and taken from the last build.
  datum       build() after moving the date of meeting 3 one week: the draaiboeks, homework
              sheets, workbooks and print files that show that date are made again.

Prints the fastest of RONDES rounds (default 5) of each, its time divided by the fastest
naive time, and the median over the rounds of that ratio within each round (the machine
may be busy with other work in one round and not in the next). Not a test: the figures
go into the README by hand.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from docxtpl import DocxTemplate
from machine import machine  # bench/machine.py: run as python bench/<script>.py

from desi_pack import build, load_training
from desi_pack.course.course import load_course
from desi_pack.course.schedule import schedules
from desi_pack.pack import documents
from desi_pack.resources import templates_dir
from desi_pack.word import rendering, reopen
from desi_pack.word.rendering import jinja_env
from desi_pack.writing.jobs import code_fingerprint


def naive_jobs(training, course, paths: list[str]) -> list[tuple[Path, dict]]:
    """(template, context) for every .docx of a build, as a fresh-DocxTemplate-per-document build would."""
    plans = {plan.meeting.nummer: plan for plan in schedules(training, course)}
    folder = templates_dir()
    jobs = []
    for path in paths:
        name = Path(path).name
        number = int(path.split("/")[0].rsplit("-", 1)[1]) if path.startswith("bijeenkomst-") else 0
        if name.startswith("draaiboek-"):
            slot = training.bijeenkomsten[number] if number < len(training.bijeenkomsten) else None
            jobs.append((folder / "draaiboek.docx", documents.draaiboek(training, course, plans[number], slot)))
        elif name.startswith("huiswerk-"):
            jobs.append((folder / "huiswerk.docx", documents.homework(training, course, course.meeting(number))))
        else:
            frame = {"titel": Path(path).stem, "kop": "", "paragraaf": ""}
            jobs.append((folder / "formulier.docx", documents.common(training, course) | frame))
    return jobs


def naive(jobs: list[tuple[Path, dict]]) -> None:
    env = jinja_env()
    for template, context in jobs:
        document = DocxTemplate(template)
        document.render(context, jinja_env=env, autoescape=True)
        document.save(io.BytesIO())


@contextmanager
def one_process():
    """Builds in this process only: no worker processes."""
    jobs = sys.modules["desi_pack.writing.jobs"]
    original = jobs.can_fork
    jobs.can_fork = lambda: False
    try:
        yield
    finally:
        jobs.can_fork = original


def cold() -> None:
    """Forget what this process keeps from one build to the next (the template packages opened
    for print files, the code's fingerprint), so that every build measured starts as a new
    `desi-pack build` process does."""
    reopen.forget()
    rendering.forget()
    code_fingerprint.cache_clear()


def timed(action) -> float:
    cold()
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main(rounds: int) -> None:
    training, course = load_training(None), load_course()
    slots = list(training.bijeenkomsten)
    slots[2] = slots[2].model_copy(update={"datum": slots[2].datum + timedelta(days=7)})
    moved = training.model_copy(update={"bijeenkomsten": slots})
    with tempfile.TemporaryDirectory() as out:
        first = build(training, Path(out), course=course)
    paths = sorted(str(w.path.relative_to(first.root)) for w in first.files)
    docx = [p for p in paths if p.endswith(".docx")]
    jobs = naive_jobs(training, course, docx)
    naive(jobs[:3])  # imports and file cache warm, as for the build above
    times: dict[str, list[float]] = {"naief": [], "build": [], "1 proces": [], "herbouw": [], "datum": []}
    made = {}
    for _ in range(rounds):
        times["naief"].append(timed(lambda: naive(jobs)))
        with tempfile.TemporaryDirectory() as out:
            for name, config in (("build", training), ("herbouw", training), ("datum", moved)):
                result = None

                def run(config=config):
                    nonlocal result
                    result = build(config, Path(out), course=course)

                times[name].append(timed(run))
                made[name] = result.made
        with tempfile.TemporaryDirectory() as out, one_process():
            times["1 proces"].append(timed(lambda out=out: build(training, Path(out), course=course)))
            made["1 proces"] = made["build"]
    best = {name: min(values) for name, values in times.items()}
    print(f"Machine: {machine()}")
    print(f"{len(paths)} bestanden per build, waarvan {len(docx)} Word-documenten; snelste van {rounds} rondes")
    print(f"  naief    {best['naief'] * 1000:6.0f} ms  ({len(docx)} keer een nieuwe DocxTemplate, render en save)")
    for name, label in (
        ("build", "eerste build, lege map"),
        ("1 proces", "eerste build, in één proces"),
        ("herbouw", "opnieuw, niets veranderd"),
        ("datum", "opnieuw, datum bijeenkomst 3 verschoven"),
    ):
        per_round = statistics.median(b / a for a, b in zip(times["naief"], times[name]))
        print(
            f"  {name:8} {best[name] * 1000:6.0f} ms  verhouding {best[name] / best['naief']:.2f}  "
            f"(mediaan per ronde {per_round:.2f}; {label}; {made[name]} bestanden gemaakt)"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
