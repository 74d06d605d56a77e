"""Measure a full build of the built-in example training (all five meetings).

    python bench/bench_build.py [RONDES]

Prints the fastest and the median wall time of RONDES builds (default 5) into a
temporary folder. Not a test: the figure goes into the README by hand.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from desi_pack import build, load_training
from desi_pack.course import load_course


def main(rounds: int) -> None:
    training, course = load_training(None), load_course()
    times = []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            result = build(training, Path(out), course=course)
            times.append(time.perf_counter() - started)
    files = len(result.files)
    print(f"{files} bestanden per build, {rounds} rondes")
    print(f"snelste: {min(times) * 1000:.0f} ms, mediaan: {statistics.median(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
