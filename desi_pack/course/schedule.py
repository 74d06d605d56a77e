"""Clock times for a meeting's agenda, computed from the durations alone.

The manual's "Totale tijd" column is never used: times follow from the start time
and the minutes of each row, so a changed duration moves everything after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desi_pack.course.course import AgendaRow, Course, Meeting
from desi_pack.training.config import Training


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

    @property
    def total(self) -> int:
        return sum(r.row.planned_minutes for r in self.rows)

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.total)

    @property
    def planned_end(self) -> datetime:
        return self.start + timedelta(minutes=self.length)

    @property
    def difference(self) -> int:
        """Minutes the agenda runs over (+) or under (-) the planned length."""
        return self.total - self.length


def plan(meeting: Meeting, day: date, start: time, length: int) -> Schedule:
    """Give every agenda row its clock times, one slot after the other."""
    begin = datetime.combine(day, start)
    moment = begin
    rows = []
    for row in meeting.agenda:
        slots = []
        for part in row.parts:
            slots.append((moment, moment + timedelta(minutes=part)))
            moment += timedelta(minutes=part)
        rows.append(PlannedRow(row, tuple(slots)))
    return Schedule(meeting, day, begin, tuple(rows), length)


def schedules(training: Training, course: Course) -> list[Schedule]:
    """The agenda of every meeting of a training with its clock times.

    A meeting's own length (issue 7, `duur` in the training) wins over the manual's.
    """
    return [
        plan(meeting, slot.datum, slot.start, meeting.duur or course.rules.duur.minuten)
        for meeting, slot in zip(course.meetings, training.bijeenkomsten)
    ]
