"""Measure desi-pack's commands as whole processes, as a trainer starts them.

    python bench/bench_processes.py [--rondes N] [--pdf] [--oud PYTHON]

Every measurement is a new process, started and waited for here; each round runs them all
once, one after the other, so that a busy moment of the machine hits all of them alike:

  naief          bench/naive_docxtpl.py: for every Word document the example build writes (51),
                 a fresh docxtpl DocxTemplate of the template it starts from, rendered with its
                 context and saved in memory; a Python process with docxtpl and nothing else
  build          desi-pack build of the built-in example into an empty folder (a first build:
                 57 files, everything written to disk)
  --help         desi-pack --help
  check          desi-pack check of the built-in example
  verwijskaart   desi-pack verwijskaart of a contacts workbook of 400 places (bench_verwijskaart)
                 into an empty folder: 800 files
  build --pdf    (only with --pdf: it takes seconds) desi-pack build --pdf into an empty folder

With --oud PYTHON each desi-pack command is also run by that Python (another install of
desi-pack, for instance a worktree of main in its own venv), alternately with this one, so
that old and new are measured side by side in the same rounds.

Prints per measurement the median over the rounds and, for a build, the median over the
rounds of its time divided by that round's naive time (with --oud also the median of new/old
per round); beside them the figures measured before issue 18 (OLD, also in
docs/snelheid.md). Not a test: the figures go into the docs by hand.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import machine  # bench/machine.py: run as python bench/<script>.py

HERE = Path(__file__).resolve().parent
# The example named as a file, not with --voorbeeld: an older desi-pack (--oud) runs the same command.
EXAMPLE = str(HERE.parent / "templates" / "training.yaml")

# Medians measured before issue 18 with this script and --oud on a worktree of main (7ebe237),
# on the shared 2-core VM of docs/snelheid.md: seconds, and for builds the ratio to naive.
# Measured on 1 December 2026, 7 rounds (run 1 in docs/snelheid.md).
OLD = {
    "naief": (1.14, None),
    "build": (0.94, 0.82),
    "--help": (0.07, None),
    "check": (0.30, None),
    "verwijskaart": (2.65, None),
    "build --pdf": (9.31, 8.15),
}


def desi_pack(python: str, *args: str) -> list[str]:
    return [python, "-m", "desi_pack", *args]


def prepare(folder: Path, python: str) -> tuple[Path, Path]:
    """The naive contexts (JSON) and the contacts workbook of 400 places, made once, not timed."""
    sys.path.insert(0, str(HERE))
    from bench_build import naive_jobs
    from bench_verwijskaart import write_workbook

    from desi_pack import load_training
    from desi_pack.course.course import load_course

    warm = folder / "warm"
    subprocess.run(
        desi_pack(python, "build", EXAMPLE, "-q", "--out", str(warm)), check=True, cwd=folder, stdout=subprocess.DEVNULL
    )
    root = next(warm.iterdir())
    docx = sorted(str(p.relative_to(root)) for p in root.rglob("*.docx"))
    jobs = naive_jobs(load_training(None), load_course(), docx)
    contexts = folder / "contexten.json"
    contexts.write_text(json.dumps([[str(template), context] for template, context in jobs]), encoding="utf-8")
    contacts = folder / "contacten.xlsx"
    write_workbook(contacts, 400)
    return contexts, contacts


def timed(command: list[str], cwd: Path) -> float:
    """Seconds from starting the process to its end; an error if it failed."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} faalde: {done.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def commands(python: str, folder: Path, contacts: Path, pdf: bool, tag: str) -> dict[str, callable]:
    """Each measurement as a function of the round number, writing into folders of its own."""
    out = folder / f"uit-{tag}"
    measured = {
        "build": lambda n: desi_pack(python, "build", EXAMPLE, "-q", "--out", str(out / f"build-{n}")),
        "--help": lambda n: desi_pack(python, "--help"),
        "check": lambda n: desi_pack(python, "check", EXAMPLE),
        "verwijskaart": lambda n: desi_pack(
            python, "verwijskaart", str(contacts), "-q", "--organisatie", "Bench", "--out", str(out / f"kaarten-{n}")
        ),
    }
    if pdf:
        measured["build --pdf"] = lambda n: desi_pack(
            python, "build", EXAMPLE, "-q", "--pdf", "--out", str(out / f"pdf-{n}")
        )
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rondes", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="meet ook build --pdf (duurt seconden per ronde)")
    parser.add_argument("--oud", metavar="PYTHON", help="meet desi-pack ook met deze Python, om en om")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="desi-pack-bench-") as name:
        folder = Path(name)
        contexts, contacts = prepare(folder, sys.executable)
        versions = {"nu": commands(sys.executable, folder, contacts, options.pdf, "nu")}
        if options.oud:
            versions["oud"] = commands(options.oud, folder, contacts, options.pdf, "oud")
        times: dict[tuple[str, str], list[float]] = {}
        naive: list[float] = []
        for round_ in range(options.rondes):
            naive.append(timed([sys.executable, str(HERE / "naive_docxtpl.py"), str(contexts)], folder))
            order = list(versions) if round_ % 2 == 0 else list(reversed(versions))
            for measurement in versions["nu"]:
                for version in order:
                    command = versions[version][measurement](round_)
                    times.setdefault((version, measurement), []).append(timed(command, folder))
            for version in versions:  # the next round starts from empty folders again, without filling the disk
                shutil.rmtree(folder / f"uit-{version}", ignore_errors=True)
        report(naive, times, versions, options.rondes)


def report(naive: list[float], times: dict, versions: dict, rounds: int) -> None:
    print(f"Machine: {machine()}")
    print(f"Mediaan van {rounds} rondes, elk als nieuw proces; verhouding = mediaan per ronde van tijd / naief")
    old_naive = OLD["naief"][0]
    print(
        f"  {'naief':14} {statistics.median(naive):6.2f} s"
        + (f"   (voor issue 18: {old_naive:.2f} s)" if old_naive else "")
    )
    for measurement in versions["nu"]:
        line = f"  {measurement:14}"
        for version in versions:
            values = times[(version, measurement)]
            ratio = statistics.median(t / n for t, n in zip(values, naive, strict=True))
            shown = f" verhouding {ratio:.2f}" if measurement.startswith("build") else ""
            line += f" {version}: {statistics.median(values):6.2f} s{shown:17}"
        if "oud" in versions:  # the same round, one after the other: the fairest comparison
            pairs = zip(times[("oud", measurement)], times[("nu", measurement)], strict=True)
            line += f" nu/oud {statistics.median(new / old for old, new in pairs):.2f}"
        seconds, ratio = OLD[measurement]
        if seconds is not None:
            line += f"   (voor issue 18: {seconds:.2f} s" + (f", verhouding {ratio:.2f})" if ratio else ")")
        print(line)


if __name__ == "__main__":
    main()
