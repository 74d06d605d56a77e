"""Clock times come from the start time and the durations, nothing else."""

from __future__ import annotations

from datetime import date, time

from desi_pack import dutch
from desi_pack.course.schedule import plan


def _times(schedule):
    return [[f"{dutch.clock(a)}-{dutch.clock(b)}" for a, b in r.slots] for r in schedule.rows]


def test_meeting_1_from_half_past_one(course):
    schedule = plan(course.meeting(1), date(2027, 1, 12), time(13, 30), 180)
    assert _times(schedule) == [
        ["13:30-13:40"],
        ["13:40-13:45"],
        ["13:45-14:05"],
        ["14:05-14:25"],
        ["14:25-14:35"],
        ["14:35-14:50"],
        ["14:50-15:00", "15:00-15:15"],
        ["15:15-15:25"],
        ["15:25-15:35"],
        ["15:35-16:25"],
        ["16:25-16:30"],
    ]
    assert schedule.total == 180 and schedule.difference == 0
    assert dutch.clock(schedule.end) == "16:30"


def test_other_start_moves_every_time(course):
    schedule = plan(course.meeting(5), date(2027, 6, 1), time(9, 0), 180)
    starts = [dutch.clock(r.start) if r.start else None for r in schedule.rows]
    assert starts == ["09:00", "09:30", None, "09:45", "10:30", "10:45", "11:30"]
    assert dutch.clock(schedule.end) == "12:00"


def test_range_is_planned_with_its_upper_bound(course):
    schedule = plan(course.meeting(4), date(2027, 4, 20), time(13, 30), 180)
    assert _times(schedule)[-1] == ["16:20-16:30"]
    assert schedule.total == 180


def test_difference_with_planned_length(course):
    assert plan(course.meeting(2), date(2027, 2, 16), time(13, 30), 180).difference == -10
    assert plan(course.meeting(3), date(2027, 3, 16), time(13, 30), 180).difference == 5


def test_dutch_wording():
    assert dutch.long_date(date(2027, 1, 12)) == "dinsdag 12 januari 2027"
    assert dutch.minutes(165) == "2 uur 45 min"
    assert dutch.minutes(180) == "3 uur"
    assert dutch.minutes(-10) == "10 min"
    assert dutch.weeks(38) == "5 weken en 3 dagen"
    assert dutch.weeks(7) == "1 week"
    assert dutch.names(["A", "B", "C"]) == "A, B en C"
