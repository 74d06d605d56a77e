"""The meetings in the participants' calendars: iCalendar files (RFC 5545), one for the whole
training and one per meeting, written with the icalendar library.

What the clients people use need (see docs/architectuur.md, "Kalenders"): Outlook reads a zoned
time only with a VTIMEZONE, and only one written as a yearly rule (icalendar's own
`add_missing_timezones` writes a list of dates, RDATE, so the rule is written here); Google refuses
an event without DTSTAMP or a calendar without PRODID; Outlook shows a file without METHOD as "not
supported calendar message". Each event has a UID that stays the same for the training and the
meeting, and a SEQUENCE that rises when the meeting's date, time or place changes, so that a
participant who imports the file again gets the event moved instead of a second one.

What an event was, and since when, is kept in the pack's manifest (the facts of the meeting's own
calendar file, see `Version`): a build that changes nothing makes the same bytes, DTSTAMP included.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

from desi_pack import dutch
from desi_pack.course.course import Course
from desi_pack.course.schedule import Schedule
from desi_pack.pack import documents
from desi_pack.training.config import OWN_MEETING, Training
from desi_pack.writing.output import read_facts

MEDIA_TYPE = "text/calendar; charset=utf-8"  # to serve a calendar file with (RFC 5545 §8.1)
TZID = "Europe/Amsterdam"
ZONE = ZoneInfo(TZID)
PRODID = "-//desi-pack//Kalender van de DESI-training//NL"
TRAINING_FILE = "kalender-training.ics"
UID_DOMAIN = "desi-pack"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
# The facts of a meeting's calendar file in the manifest: what a participant's calendar must follow
# (a change raises SEQUENCE) ...
WHERE_AND_WHEN = ("datum", "tijd", "plaats")
# ... and what the event was besides, its version and since when that is (DTSTAMP).
CONTENT, SEQUENCE, STAMP = "inhoud", "volgnummer", "tijdstempel"


def meeting_filename(number: int) -> str:
    """'kalender-bijeenkomst-2.ics', in the meeting's folder."""
    return f"kalender-bijeenkomst-{number}.ics"


@dataclass(frozen=True)
class CalendarFile:
    """A calendar file in a pack, to offer for download."""

    path: Path
    label: str  # 'Alle bijeenkomsten', 'Bijeenkomst 2, dinsdag 16 februari 2027'
    number: int | None  # the meeting; None: the whole training


def calendar_files(root: str | Path) -> list[CalendarFile]:
    """The calendar files in a pack folder (`BuildResult.root`, output/<organisatie>/) as the last build
    left them: the whole training's first, then one per meeting; [] where there are none. Serve each
    with MEDIA_TYPE. The date in a label is the one the file was made with (the pack's manifest)."""
    root = Path(root)
    facts = read_facts(root)
    found = []
    if (root / TRAINING_FILE).is_file():
        found.append(CalendarFile(root / TRAINING_FILE, "Alle bijeenkomsten", None))
    for number in range(1, OWN_MEETING + 1):
        relative = f"bijeenkomst-{number}/{meeting_filename(number)}"
        if (root / relative).is_file():
            day = facts.get(relative, {}).get("datum")
            found.append(CalendarFile(root / relative, f"Bijeenkomst {number}" + (f", {day}" if day else ""), number))
    return found


@dataclass(frozen=True)
class Appointment:
    """One meeting as a participant puts it in a calendar or reads it on the printed list of dates."""

    number: int
    count: int  # meetings in the training: 'bijeenkomst 2 van 5'
    title: str  # the meeting's title
    start: datetime  # the clock in the Netherlands (naive): Schedule.start
    end: datetime  # Schedule.end: the one end time of the meeting
    place: str
    bring: list[str]  # what to bring: 'het werkboek Eenzaam ben je niet alleen', …
    ready: list[str]  # the homework due: 'Leesopdracht: Lees het werkboek tot en met hoofdstuk 4.'
    gets: str = ""  # what a participant is given there instead: 'het werkboek Eenzaam ben je niet alleen'

    @property
    def facts(self) -> dict[str, str]:
        """Date, time and place as the manifest keeps them (the names of build.meeting_facts)."""
        return {
            "datum": dutch.long_date(self.start.date()),
            "tijd": f"{dutch.clock(self.start)}{dutch.EN_DASH}{dutch.clock(self.end)}",
            "plaats": self.place,
        }


def appointments(training: Training, course: Course, plans: list[Schedule]) -> list[Appointment]:
    """Every meeting of the training (an own sixth one too) as an appointment, in order."""
    workbook = course.rules.werkboek.titel
    handed_out = next((plan.meeting.nummer for plan in plans if _hands_out_workbook(plan)), None)
    result = []
    for plan in plans:
        number = plan.meeting.nummer
        bring, ready = [], []
        if handed_out is None or number > handed_out:
            bring.append(f"het werkboek {workbook}")
        gets = f"het werkboek {workbook}" if number == handed_out else ""
        before = course.meetings[number - 2].huiswerk if number > 1 else None
        if before is not None:
            bring.append(f"het huiswerkblad \u201c{before.kop}\u201d met uw antwoorden")
            if _homework_forms(course, before):
                bring.append("de formulieren die u bij het huiswerkblad kreeg")
            ready = [documents.assignment_line(assignment) for assignment in before.opdrachten]
        result.append(
            Appointment(
                number,
                len(plans),
                plan.meeting.titel,
                plan.start,
                plan.end,
                training.place_of(number),
                bring,
                ready,
                gets,
            )
        )
    return result


def _homework_forms(course: Course, homework) -> bool:
    """Whether a homework sheet is handed out with forms or worksheets (its 'Bij dit blad krijgt u …')."""
    return any(
        ref in course.instruments or ref in course.exercises
        for assignment in homework.opdrachten
        for ref in [*assignment.werkboek, *([assignment.instrument] if assignment.instrument else [])]
    )


def _hands_out_workbook(plan: Schedule) -> bool:
    """Whether the meeting hands out the print of the workbook (bijeenkomst 1, in the manual)."""
    return any(
        m.soort == "uitdelen" and not m.instrument and not m.document and not m.eigen and "werkboek" in m.tekst.lower()
        for m in plan.meeting.materialen
    )


@dataclass(frozen=True)
class Version:
    """Which version of a meeting's event this is, kept in the manifest as the facts of the
    meeting's calendar file: its date, time and place, a hash of all it shows, its SEQUENCE and
    the moment (UTC) this version was first made, its DTSTAMP."""

    sequence: int
    stamp: datetime

    def facts(self, appointment: Appointment, content: str) -> dict[str, str]:
        return appointment.facts | {
            CONTENT: content,
            SEQUENCE: str(self.sequence),
            STAMP: self.stamp.strftime(STAMP_FORMAT),
        }


def version(appointment: Appointment, content: str, before: dict, now: datetime) -> Version:
    """The version of an event, from what the manifest kept of it (`before`: the facts of its
    calendar file, {} for a new one): SEQUENCE rises by one when its date, time or place changed;
    DTSTAMP stays as it was unless anything in the event changed (then it is `now`, in UTC)."""
    try:
        sequence, stamp = int(before[SEQUENCE]), datetime.strptime(before[STAMP], STAMP_FORMAT)
    except (KeyError, ValueError):  # new, or kept by a desi-pack before calendars
        return Version(0, now)
    stamp = stamp.replace(tzinfo=timezone.utc)
    moved = any(before.get(name) != value for name, value in appointment.facts.items())
    if moved:
        return Version(sequence + 1, now)
    return Version(sequence, stamp if before.get(CONTENT) == content else now)


def uid_base(training: Training) -> str:
    """The part of every UID that is the training's: a hash of who gives it and the date of its first
    meeting when its calendar was first made (kept in the manifest from then on, so that a moved
    meeting keeps its UID, and two rounds of one organisation's training do not share theirs)."""
    seed = f"{training.owner}\n{training.bijeenkomsten[0].datum.isoformat()}"
    return hashlib.sha256(seed.encode()).hexdigest()[:20]


def uid(base: str, number: int) -> str:
    return f"{base}-bijeenkomst-{number}@{UID_DOMAIN}"


def summary(course: Course, appointment: Appointment) -> str:
    """The event's title: the training's name, the meeting and its title."""
    return f"{course.rules.naam}, bijeenkomst {appointment.number}: {appointment.title}"


def trainers_label(training: Training) -> str:
    return "Trainers" if len(training.trainers) > 1 else "Trainer"


def description(training: Training, course: Course, appointment: Appointment) -> str:
    """The event's short Dutch text: what the meeting is, who gives it, what to bring and have done."""
    lines = [
        (
            f"Bijeenkomst {appointment.number} van {appointment.count} van de training {course.rules.naam} "
            f"van {training.organisatie}, {training.gemeente}."
        ),
        f"{trainers_label(training)}: {dutch.names(list(training.trainers))}.",
    ]
    if appointment.gets:
        lines.append(f"U krijgt in deze bijeenkomst {appointment.gets}.")
    if appointment.bring:
        lines.append(f"Meenemen: {dutch.names(appointment.bring)}.")
    if appointment.ready:
        lines.append("Klaar vóór deze bijeenkomst:")
        lines += [f"- {line}" for line in appointment.ready]
    return "\n".join(lines)


@dataclass(frozen=True)
class Entry:
    """Everything one event shows, with its identity and version: what a calendar file is made of."""

    uid: str
    summary: str
    description: str
    appointment: Appointment
    content: str  # a hash of what the event shows: a change in it gives the event a new DTSTAMP
    version: Version


def entries(
    training: Training,
    course: Course,
    plans: list[Schedule],
    base: str,
    before: Callable[[int], dict],
    now: datetime | None = None,
) -> list[Entry]:
    """The event of every meeting, each with its version from what the manifest kept of it
    (`before(number)`: the facts of that meeting's calendar file); `now`: the moment of a new
    version (UTC, whole seconds; the clock when not given)."""
    now = now or datetime.now(timezone.utc).replace(microsecond=0)
    result = []
    for appointment in appointments(training, course, plans):
        title, text = summary(course, appointment), description(training, course, appointment)
        shown = [title, text, appointment.place, appointment.start.isoformat(), appointment.end.isoformat()]
        content = hashlib.sha256(repr(shown).encode()).hexdigest()[:16]
        result.append(
            Entry(
                uid(base, appointment.number),
                title,
                text,
                appointment,
                content,
                version(appointment, content, before(appointment.number), now),
            )
        )
    return result


def facts(entry: Entry) -> dict[str, str]:
    """What the manifest keeps of a meeting's calendar file (see `version`)."""
    return entry.version.facts(entry.appointment, entry.content)


def ics(entries_: list[Entry], name: str) -> bytes:
    """An iCalendar file with these events, named `name` (as a calendar app shows a subscribed one)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", vText(name))  # RFC 7986; as text (icalendar would not escape a typed newline)
    calendar.add("x-wr-calname", vText(name))  # what Google and Apple show
    calendar.add_component(amsterdam())
    for entry in entries_:
        calendar.add_component(_event(entry))
    return calendar.to_ical()


def _event(entry: Entry) -> Event:
    a = entry.appointment
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", entry.version.stamp)
    event.add("sequence", entry.version.sequence)
    event.add("dtstart", a.start.replace(tzinfo=ZONE))
    event.add("dtend", a.end.replace(tzinfo=ZONE))
    event.add("summary", entry.summary)
    event.add("location", a.place)
    event.add("description", entry.description)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def amsterdam() -> Timezone:
    """Europe/Amsterdam as a yearly rule, the one of the EU since 1996: summer time from the last
    Sunday of March 02:00 to the last Sunday of October 03:00 (Outlook mishandles a list of dates)."""
    zone = Timezone()
    zone.add("tzid", TZID)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("dtstart", datetime(1981, 3, 29, 2, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    summer.add("tzoffsetfrom", timedelta(hours=1))
    summer.add("tzoffsetto", timedelta(hours=2))
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("dtstart", datetime(1996, 10, 27, 3, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    winter.add("tzoffsetfrom", timedelta(hours=2))
    winter.add("tzoffsetto", timedelta(hours=1))
    zone.add_component(summer)
    zone.add_component(winter)
    return zone
