"""The rules of the trainer's manual that `check` tests; a broken rule is a warning."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desi_pack import dutch
from desi_pack.course.adapt import adapt
from desi_pack.course.course import Course, load_course
from desi_pack.course.schedule import Schedule, schedules
from desi_pack.text import normal
from desi_pack.training.config import Ending, Training


@dataclass(frozen=True)
class RuleWarning:
    """A rule of the manual that this training does not follow."""

    rule: str  # groep | trainer | duur | tussenpoos | volgorde
    text: str
    meeting: int | None = None


def check(training: Training, course: Course | None = None) -> list[RuleWarning]:
    """Test the training, with the trainer's own changes, against the manual's rules; return every warning."""
    course = adapt(course or load_course(), training)
    return [
        *_group_size(training, course),
        *_trainers_in_group(training),
        *_lengths(schedules(training, course), course),
        *_spacing(training, course),
    ]


def _group_size(training: Training, course: Course) -> list[RuleWarning]:
    rule = course.rules.groep
    size = training.group_size
    if rule.minimum <= size <= rule.maximum:
        return []
    return [
        RuleWarning(
            "groep",
            f"De groep telt {size} deelnemer{'s' if size != 1 else ''}; de handleiding gaat uit "
            f"van {rule.minimum} tot {rule.maximum} deelnemers.",
        )
    ]


def _trainers_in_group(training: Training) -> list[RuleWarning]:
    """A trainer also named among the participants: counted in the group and given a form, a place on the
    attendance list and a certificate as a participant. Names compared as text.normal does."""
    trainers = {normal(name): name for name in training.trainers}
    both = [name for name in training.participant_names if normal(name) in trainers]
    if not both:
        return []
    names = dutch.names(both)
    one = len(both) == 1
    return [
        RuleWarning(
            "trainer",
            f"{names} {'staat' if one else 'staan'} bij de trainers en ook bij de deelnemers; een trainer telt niet "
            f"mee in de groep. Haal {'die naam' if one else 'die namen'} weg bij de deelnemers, of bij de trainers als "
            f"{'die' if one else 'zij'} de training volg{'t' if one else 'en'}.",
        )
    ]


def _lengths(plans: list[Schedule], course: Course) -> list[RuleWarning]:
    """The manual plans 3 hours and allows 4; another length of the trainer's is a warning, not an error."""
    rule = course.rules.duur
    warnings = []
    for s in plans:
        number = s.meeting.nummer
        if not s.meeting.eigen and s.length not in rule.toegestaan:
            allowed = " of ".join(dutch.minutes(m) for m in rule.toegestaan)
            warnings.append(
                RuleWarning(
                    "duur",
                    f"Bijeenkomst {number} duurt {dutch.minutes(s.length)}; de handleiding beschrijft "
                    f"bijeenkomsten van {dutch.minutes(rule.minuten)} en noemt {allowed} als mogelijkheid.",
                    number,
                )
            )
    return warnings


@dataclass(frozen=True)
class MeetingEnd:
    """When one meeting ends, and the question behind it where the parts do not fill the planned length.

    Times are datetimes on the meeting's day. `end` is the one end time every document shows. `einde` is
    the trainer's decision in the training file (`bijeenkomsten[N].einde`): "gepland" (at `planned_end`),
    "onderdelen" (at `agenda_end`, when the last part ends) or None (not decided: then the later of the
    two). `options` maps each value the trainer may write to the end it gives, only where there is
    something to decide ("gepland" is no option when the parts take longer than planned: they would run
    on after it). `question` is in Dutch, as `desi-pack check` shows it: the question while `einde` is None,
    what was chosen once it is not; None where the parts fill the planned length (nothing to decide).
    """

    meeting: int  # its number, 1 to 6
    start: datetime
    agenda_end: datetime
    planned_end: datetime
    end: datetime
    einde: Ending | None
    options: dict[str, datetime]
    question: str | None

    @property
    def spare(self) -> int:
        """Minutes between the last part and the end (0 or more): 'u houdt 10 minuten over'."""
        return int((self.end - self.agenda_end).total_seconds() // 60)


def end_times(training: Training, course: Course | None = None) -> list[MeetingEnd]:
    """When each meeting of the training ends, in order, with the trainer's decision and question.

    For a page that plans a training: show `question` where it is not None, offer `options`, and write
    the answer as `einde` of that meeting in the training file. Raises ConfigError as `adapt` does.
    """
    course = adapt(course or load_course(), training)
    return [meeting_end(s) for s in schedules(training, course)]


def meeting_end(schedule: Schedule) -> MeetingEnd:
    """The MeetingEnd of one planned meeting."""
    s = schedule
    options: dict[str, datetime] = {}
    question = None
    if s.difference:
        options = (
            {"onderdelen": s.agenda_end} if s.difference > 0 else {"gepland": s.planned_end, "onderdelen": s.agenda_end}
        )
        question = _end_question(s)
    return MeetingEnd(s.meeting.nummer, s.start, s.agenda_end, s.planned_end, s.end, s.einde, options, question)


def _end_question(s: Schedule) -> str:
    number, clock = s.meeting.nummer, dutch.clock
    parts = (
        f"Bijeenkomst {number}: de onderdelen duren samen {dutch.minutes(s.total)}, "
        f"{dutch.minutes(s.difference)} {'langer' if s.difference > 0 else 'korter'} dan de geplande "
        f"{dutch.minutes(s.length)}."
    )
    if s.einde:
        spare = f", u houdt {s.spare} minuten over" if s.spare else ""
        return f"{parts} De bijeenkomst eindigt om {clock(s.end)} (einde: {s.einde}){spare}."
    now = f"Zolang u niet kiest, eindigt ze om {clock(s.end)}."
    if s.difference > 0:
        return (
            f"{parts} Wanneer eindigt de bijeenkomst? Zet bij deze bijeenkomst einde: onderdelen (om "
            f"{clock(s.agenda_end)}), of kort een onderdeel in met duren als ze om {clock(s.planned_end)} "
            f"klaar moet zijn. {now}"
        )
    return (
        f"{parts} Wanneer eindigt de bijeenkomst? Zet bij deze bijeenkomst einde: gepland (om "
        f"{clock(s.planned_end)}; u houdt {-s.difference} minuten over) of einde: onderdelen (om "
        f"{clock(s.agenda_end)}). {now}"
    )


def end_note(s: Schedule) -> str | None:
    """One calm sentence for paper where the parts do not fill the planned length, naming the one end
    time: 'De onderdelen duren samen 3 uur 5 min, 5 min langer dan de geplande 3 uur; de bijeenkomst
    duurt tot 16:35.' None where they fill it. Names no key or value of the training file: the
    question itself is asked where the trainer plans (`_end_question`)."""
    if not s.difference:
        return None
    parts = f"De onderdelen duren samen {dutch.minutes(s.total)}"
    if s.spare:
        return f"{parts}; de bijeenkomst duurt tot {dutch.clock(s.end)}, u houdt {s.spare} minuten over."
    how = "langer" if s.difference > 0 else "korter"
    return (
        f"{parts}, {dutch.minutes(abs(s.difference))} {how} dan de geplande {dutch.minutes(s.length)}; "
        f"de bijeenkomst duurt tot {dutch.clock(s.end)}."
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
            warnings.append(
                RuleWarning(
                    "volgorde",
                    f"Bijeenkomst {number + 1} ({dutch.short_date(after)}) valt {where} bijeenkomst "
                    f"{number} ({dutch.short_date(before)}); de bijeenkomsten horen in volgorde, "
                    "op verschillende dagen.",
                    number + 1,
                )
            )
            continue
        low: int = rule.minimum_weken
        high: int | None = rule.maximum_weken
        if number == rule.uitzondering.na_bijeenkomst:
            low, high = rule.uitzondering.minimum_weken, None
        own = number < len(course.meetings) and course.meetings[number].eigen
        if own:  # a follow-up of the trainer's own: the manual names no period; at least its minimum
            high = None
        if gap < low * 7 or (high is not None and gap > high * 7):
            wanted = f"minstens {low} weken" if high is None else f"{low} tot {high} weken"
            why = (
                f"voor een eigen vervolgbijeenkomst noemt de handleiding geen termijn; houd {wanted} aan, "
                "zodat de deelnemers de afgesproken acties in de praktijk kunnen uitproberen."
                if own
                else f"de handleiding vraagt {wanted}."
            )
            warnings.append(
                RuleWarning(
                    "tussenpoos",
                    f"Tussen {pair} zit {dutch.weeks(gap)}; {why}",
                    number + 1,
                )
            )
    return warnings
