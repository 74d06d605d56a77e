"""Clock times for a meeting's agenda, computed from the durations alone, and the one time it ends.

The manual's "Totale tijd" column is never used: times follow from the start time
and the minutes of each row, so a changed duration moves everything after it.

Where the parts do not add up to the planned length (the manual's meeting 2 takes 2 h 50, meeting 3
3 h 05 of a planned 3 hours), when the meeting ends is the trainer's decision (`einde` in the
training file): at the planned time (`gepland`) or when the parts end (`onderdelen`). Until decided,
it ends at the planned time, or later if the parts need it. `Schedule.end` is that one end time;
every document shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desi_pack.course.course import AgendaRow, Course, Meeting
from desi_pack.training.config import Ending, Training


@dataclass(frozen=True)
class PlannedRow:
    row: AgendaRow
    slots: tuple[tuple[datetime, datetime], ...]  # one per part; none for a note

    @property
    def start(self) -> datetime | None:
        return self.slots[0][0] if self.slots else None

    @property
    def end(self) -> datetime | None:
        return self.slots[-1][1] if self.slots else None


@dataclass(frozen=True)
class Schedule:
    meeting: Meeting
    day: date
    start: datetime
    rows: tuple[PlannedRow, ...]
    length: int  # the planned length of the meeting in minutes
    einde: Ending | None = None  # the trainer's decision (training file); None: not decided

    @property
    def total(self) -> int:
        """Minutes of the agenda's parts together."""
        return sum(r.row.planned_minutes for r in self.rows)

    @property
    def agenda_end(self) -> datetime:
        """When the last part of the agenda ends."""
        return self.start + timedelta(minutes=self.total)

    @property
    def planned_end(self) -> datetime:
        """The start plus the planned length."""
        return self.start + timedelta(minutes=self.length)

    @property
    def end(self) -> datetime:
        """The one time the meeting ends, on every page: the planned end with `einde: gepland`, the
        agenda's end with `einde: onderdelen`; undecided, the later of the two (never before the parts end)."""
        if self.einde == "onderdelen":
            return self.agenda_end
        if self.einde == "gepland":
            return self.planned_end
        return max(self.planned_end, self.agenda_end)

    @property
    def spare(self) -> int:
        """Minutes left between the agenda's last part and the end of the meeting (0 or more)."""
        return int((self.end - self.agenda_end).total_seconds() // 60)

    @property
    def difference(self) -> int:
        """Minutes the agenda runs over (+) or under (-) the planned length."""
        return self.total - self.length


def plan(meeting: Meeting, day: date, start: time, length: int, einde: Ending | None = None) -> Schedule:
    """Give every agenda row its clock times, one slot after the other; `einde` as in the training file."""
    begin = datetime.combine(day, start)
    moment = begin
    rows = []
    for row in meeting.agenda:
        slots = []
        for part in row.parts:
            slots.append((moment, moment + timedelta(minutes=part)))
            moment += timedelta(minutes=part)
        rows.append(PlannedRow(row, tuple(slots)))
    return Schedule(meeting, day, begin, tuple(rows), length, einde)


def schedules(training: Training, course: Course) -> list[Schedule]:
    """The agenda of every meeting of a training with its clock times.

    A meeting's own length (issue 7, `duur` in the training) wins over the manual's.
    """
    return [
        plan(meeting, slot.datum, slot.start, meeting.duur or course.rules.duur.minuten, slot.einde)
        for meeting, slot in zip(course.meetings, training.bijeenkomsten)
    ]
