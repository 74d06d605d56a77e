"""The rules of the trainer's manual that `check` tests; a broken rule is a warning."""

from __future__ import annotations

from dataclasses import dataclass

from desi_pack import dutch
from desi_pack.course.adapt import adapt
from desi_pack.course.course import Course, load_course
from desi_pack.course.schedule import Schedule, schedules
from desi_pack.training.config import Training


@dataclass(frozen=True)
class RuleWarning:
    """A rule of the manual that this training does not follow."""

    rule: str  # groep | duur | tussenpoos | volgorde
    text: str
    meeting: int | None = None


def check(training: Training, course: Course | None = None) -> list[RuleWarning]:
    """Test the training, with the trainer's own changes, against the manual's rules; return every warning."""
    course = adapt(course or load_course(), training)
    return [
        *_group_size(training, course),
        *_lengths(schedules(training, course), course),
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


def _lengths(plans: list[Schedule], course: Course) -> list[RuleWarning]:
    """The manual plans 3 hours and allows 4; another length of the trainer's is a warning, not an error."""
    rule = course.rules.duur
    warnings = []
    for s in plans:
        number = s.meeting.nummer
        if not s.meeting.eigen and s.length not in rule.toegestaan:
            allowed = " of ".join(dutch.minutes(m) for m in rule.toegestaan)
            warnings.append(RuleWarning(
                "duur", f"Bijeenkomst {number} duurt {dutch.minutes(s.length)}; de handleiding beschrijft "
                f"bijeenkomsten van {dutch.minutes(rule.minuten)} en noemt {allowed} als mogelijkheid.", number))
        if s.difference:
            warnings.append(RuleWarning("duur", f"Bijeenkomst {number}: {length_note(s)}", number))
    return warnings


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
        own = number < len(course.meetings) and course.meetings[number].eigen
        if own:  # a follow-up of the trainer's own: the manual names no period; at least its minimum
            high = None
        if gap < low * 7 or (high is not None and gap > high * 7):
            wanted = (f"minstens {low} weken" if high is None
                      else f"{low} tot {high} weken")
            why = (f"voor een eigen vervolgbijeenkomst noemt de handleiding geen termijn; houd {wanted} aan, "
                   "zodat de deelnemers de afgesproken acties in de praktijk kunnen uitproberen." if own
                   else f"de handleiding vraagt {wanted}.")
            warnings.append(RuleWarning(
                "tussenpoos",
                f"Tussen {pair} zit {dutch.weeks(gap)}; {why}",
                number + 1,
            ))
    return warnings
