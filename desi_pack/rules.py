"""The rules of the trainer's manual that `check` tests; a broken rule is a warning."""

from __future__ import annotations

from dataclasses import dataclass

from desi_pack import dutch
from desi_pack.config import Training
from desi_pack.course import Course, load_course
from desi_pack.schedule import Schedule, schedules


@dataclass(frozen=True)
class RuleWarning:
    """A rule of the manual that this training does not follow."""

    rule: str  # groep | duur | tussenpoos | volgorde
    text: str
    meeting: int | None = None


def check(training: Training, course: Course | None = None) -> list[RuleWarning]:
    """Test the training against the manual's rules and return every warning."""
    course = course or load_course()
    return [
        *_group_size(training, course),
        *_lengths(schedules(training, course)),
        *_spacing(training, course),
    ]


def _group_size(training: Training, course: Course) -> list[RuleWarning]:
    rule = course.rules.groep
    size = training.group_size
    if rule.minimum <= size <= rule.maximum:
        return []
    return [RuleWarning(
        "groep",
        f"De groep telt {size} deelnemer{'s' if size != 1 else ''}; de handleiding gaat uit "
        f"van {rule.minimum} tot {rule.maximum} deelnemers.",
    )]


def _lengths(plans: list[Schedule]) -> list[RuleWarning]:
    return [
        RuleWarning("duur", f"Bijeenkomst {s.meeting.nummer}: {length_note(s)}", s.meeting.nummer)
        for s in plans
        if s.difference
    ]


def length_note(schedule: Schedule) -> str:
    """Say how far the agenda's durations are from the planned length."""
    how = "langer" if schedule.difference > 0 else "korter"
    return (
        f"de agenda duurt {dutch.minutes(schedule.total)}, "
        f"{dutch.minutes(schedule.difference)} {how} dan de geplande "
        f"{dutch.minutes(schedule.length)}."
    )


def _spacing(training: Training, course: Course) -> list[RuleWarning]:
    rule = course.rules.tussenpoos
    days = [m.datum for m in training.bijeenkomsten]
    warnings = []
    for number in range(1, len(days)):
        before, after = days[number - 1], days[number]
        pair = f"bijeenkomst {number} ({dutch.short_date(before)}) en {number + 1} ({dutch.short_date(after)})"
        gap = (after - before).days
        if gap <= 0:
            where = "op dezelfde dag als" if gap == 0 else "vóór"
            warnings.append(RuleWarning(
                "volgorde",
                f"Bijeenkomst {number + 1} ({dutch.short_date(after)}) valt {where} bijeenkomst "
                f"{number} ({dutch.short_date(before)}); de bijeenkomsten horen in volgorde, "
                "op verschillende dagen.",
                number + 1,
            ))
            continue
        low, high = rule.minimum_weken, rule.maximum_weken
        if number == rule.uitzondering.na_bijeenkomst:
            low, high = rule.uitzondering.minimum_weken, None
        if gap < low * 7 or (high is not None and gap > high * 7):
            wanted = (f"minstens {low} weken" if high is None
                      else f"{low} tot {high} weken")
            warnings.append(RuleWarning(
                "tussenpoos",
                f"Tussen {pair} zit {dutch.weeks(gap)}; de handleiding vraagt {wanted}.",
                number + 1,
            ))
    return warnings
