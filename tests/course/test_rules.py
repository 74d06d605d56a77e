"""`check`: each rule of the manual gives a warning with the reason, never an error."""

from __future__ import annotations

from desi_pack.course.rules import check
from desi_pack.training.config import load_training
from tests.conftest import BASE_CONFIG


def _warnings(write_config, course, **changes):
    return check(load_training(write_config(changes)), course)


def _dates(*days):
    return [{"datum": d, "start": "13:30"} for d in days]


def test_example_only_warns_about_meetings_2_and_3(course):
    warnings = check(load_training(None), course)
    assert [w.text for w in warnings] == [
        "Bijeenkomst 2: de agenda duurt 2 uur 50 min, 10 min korter dan de geplande 3 uur.",
        "Bijeenkomst 3: de agenda duurt 3 uur 5 min, 5 min langer dan de geplande 3 uur.",
    ]
    assert {w.rule for w in warnings} == {"duur"}


def test_group_too_small_and_too_large(write_config, course):
    small = _warnings(write_config, course, deelnemers=9)
    assert "De groep telt 9 deelnemers; de handleiding gaat uit van 10 tot 15 deelnemers." in [w.text for w in small]
    large = _warnings(write_config, course, deelnemers=[f"D{i}" for i in range(16)])
    assert any(w.rule == "groep" and "16 deelnemers" in w.text for w in large)
    assert not any(w.rule == "groep" for w in _warnings(write_config, course, deelnemers=15))


def test_spacing_of_four_to_six_weeks(write_config, course):
    warnings = _warnings(write_config, course, bijeenkomsten=_dates(
        "2027-01-12", "2027-02-02", "2027-03-30", "2027-04-27", "2027-06-08"))
    spacing = [w.text for w in warnings if w.rule == "tussenpoos"]
    assert spacing == [
        ("Tussen bijeenkomst 1 (12 januari 2027) en 2 (2 februari 2027) zit 3 weken; "
        "de handleiding vraagt 4 tot 6 weken."),
        ("Tussen bijeenkomst 2 (2 februari 2027) en 3 (30 maart 2027) zit 8 weken; "
        "de handleiding vraagt 4 tot 6 weken."),
    ]


def test_at_least_six_weeks_between_meetings_4_and_5(write_config, course):
    short = _warnings(write_config, course, bijeenkomsten=_dates(
        "2027-01-12", "2027-02-16", "2027-03-16", "2027-04-20", "2027-05-28"))
    assert [w.text for w in short if w.rule == "tussenpoos"] == [
        ("Tussen bijeenkomst 4 (20 april 2027) en 5 (28 mei 2027) zit 5 weken en 3 dagen; "
        "de handleiding vraagt minstens 6 weken.")]
    long = _warnings(write_config, course, bijeenkomsten=_dates(
        "2027-01-12", "2027-02-16", "2027-03-16", "2027-04-20", "2027-06-29"))
    assert not [w for w in long if w.rule == "tussenpoos"]


def test_meetings_out_of_order_or_on_one_day(write_config, course):
    warnings = _warnings(write_config, course, bijeenkomsten=_dates(
        "2027-01-12", "2027-01-12", "2027-03-16", "2027-03-01", "2027-06-01"))
    order = [w.text for w in warnings if w.rule == "volgorde"]
    assert order == [
        ("Bijeenkomst 2 (12 januari 2027) valt op dezelfde dag als bijeenkomst 1 (12 januari 2027); "
        "de bijeenkomsten horen in volgorde, op verschillende dagen."),
        ("Bijeenkomst 4 (1 maart 2027) valt vóór bijeenkomst 3 (16 maart 2027); "
        "de bijeenkomsten horen in volgorde, op verschillende dagen."),
    ]


def test_base_config_follows_the_spacing_rules(write_config, course):
    assert BASE_CONFIG["bijeenkomsten"][1]["locatie"]
    assert not [w for w in _warnings(write_config, course) if w.rule != "duur"]
