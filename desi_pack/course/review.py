"""A training as the trainer plans it: read, checked against the manual, with every agenda's times.

One function for both faces of desi-pack: `desi-pack check` prints a Review, the page
(`desi-pack web`) shows one beside the form after every change, from the text the trainer has
typed so far (not yet saved).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desi_pack.course.course import Course
from desi_pack.course.rules import RuleWarning
from desi_pack.course.schedule import Schedule
from desi_pack.errors import ConfigError, InputError, Problem
from desi_pack.training.config import Training


@dataclass(frozen=True)
class Review:
    """What `review` found. With `problems`, `training` may be None (the text is no training) and
    `warnings` and `schedules` are empty: the rules and times need a valid training."""

    training: Training | None
    course: Course | None = None  # the manual with the trainer's own changes (course.adapt)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[RuleWarning] = field(default_factory=list)
    schedules: list[Schedule] = field(default_factory=list)
    error: InputError | None = None  # what `problems` came from, for a face that stops on it (the CLI)


def review(path: Path | None, text: str | None = None, course: Course | None = None) -> Review:
    """Read the training at `path` (the example with None), or `text` as if it were that file,
    and check it as `desi-pack check` does: the file's problems, else the manual's rules broken
    (warnings) and every meeting's agenda with clock times. `course` is the manual as loaded
    (load_course), passed by a caller that keeps it. Never raises for what the trainer wrote:
    an InputError or ConfigError becomes `problems` (Problem.loc () when it has no field).
    """
    from desi_pack.course.adapt import adapt
    from desi_pack.course.course import load_course
    from desi_pack.course.rules import check
    from desi_pack.course.schedule import schedules
    from desi_pack.training.config import load_training

    training = None
    try:
        training = load_training(path, text)
        adapted = adapt(course or load_course(), training)
    except ConfigError as err:
        return Review(training, problems=[_problem(p) for p in err.problems], error=err)
    except InputError as err:
        return Review(training, problems=[Problem(err.message)], error=err)
    return Review(training, adapted, [], check(training, adapted), schedules(training, adapted))


def _problem(problem: str) -> Problem:
    return problem if isinstance(problem, Problem) else Problem(problem)
