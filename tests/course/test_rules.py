"""`check`: each rule of the manual gives a warning with the reason, never an error."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from desi_pack.course.rules import check, end_times
from desi_pack.errors import ConfigError
from desi_pack.training.config import load_training
from tests.conftest import BASE_CONFIG


def _warnings(write_config, course, **changes):
    return check(load_training(write_config(changes)), course)


def _dates(*days):
    return [{"datum": d, "start": "13:30"} for d in days]


def test_the_example_breaks_no_rule_and_asks_when_meetings_2_and_3_end(course):
    """That the manual's parts add up to 2 h 50 (meeting 2) or 3 h 05 (meeting 3) is no broken rule but the
    trainer's decision: end_times asks it; undecided, a meeting ends at the planned time or, when its parts
    take longer, when they end."""
    training = load_training(None)
    assert check(training, course) == []
    ends = end_times(training, course)
    assert [e.question is not None for e in ends] == [False, True, True, False, False]
    two, three = ends[1], ends[2]
    assert (two.end, two.spare, two.einde) == (datetime(2027, 2, 16, 16, 30), 10, None)
    assert two.options == {"gepland": datetime(2027, 2, 16, 16, 30), "onderdelen": datetime(2027, 2, 16, 16, 20)}
    assert two.question == (
        "Bijeenkomst 2: de onderdelen duren samen 2 uur 50 min, 10 min korter dan de geplande 3 uur. Wanneer "
        "eindigt de bijeenkomst? Zet bij deze bijeenkomst einde: gepland (om 16:30; u houdt 10 minuten over) of "
        "einde: onderdelen (om 16:20). Zolang u niet kiest, eindigt ze om 16:30."
    )
    assert (three.end, three.spare) == (datetime(2027, 3, 16, 16, 35), 0)
    assert three.options == {"onderdelen": datetime(2027, 3, 16, 16, 35)}  # 'gepland' would cut 5 minutes off


def test_the_trainers_decision_gives_the_end(write_config, course):
    meetings = [dict(m) for m in BASE_CONFIG["bijeenkomsten"]]
    meetings[1]["einde"], meetings[2]["einde"] = "onderdelen", "onderdelen"
    ends = end_times(load_training(write_config({"bijeenkomsten": meetings})), course)
    assert [(e.end.time(), e.spare, e.einde) for e in ends[1:3]] == [
        (time(16, 20), 0, "onderdelen"),
        (time(16, 35), 0, "onderdelen"),
    ]
    assert ends[1].question.endswith("De bijeenkomst eindigt om 16:20 (einde: onderdelen).")


def test_planned_end_for_parts_that_take_longer_is_an_error_naming_line_and_field(write_config, course):
    meetings = [dict(m) for m in BASE_CONFIG["bijeenkomsten"]]
    meetings[2]["einde"] = "gepland"
    with pytest.raises(ConfigError) as error:
        end_times(load_training(write_config({"bijeenkomsten": meetings})), course)
    assert str(error.value).endswith(
        "training.yaml, regel 18: bijeenkomsten[3].einde: de onderdelen duren samen 3 uur 5 min, 5 min langer dan "
        "de geplande 3 uur, en lopen dus door na 16:30. Schrijf einde: onderdelen (de bijeenkomst eindigt dan om "
        "16:35), of kort een onderdeel in met duren."
    )


def test_an_unknown_end_is_a_dutch_error(write_config):
    meetings = [dict(m) for m in BASE_CONFIG["bijeenkomsten"]]
    meetings[1]["einde"] = "op tijd"
    with pytest.raises(ConfigError) as error:
        load_training(write_config({"bijeenkomsten": meetings}))
    assert "bijeenkomsten[2].einde: verwacht een van 'gepland' of 'onderdelen', maar er staat 'op tijd'." in str(
        error.value
    )


def test_group_too_small_and_too_large(write_config, course):
    small = _warnings(write_config, course, deelnemers=9)
    assert "De groep telt 9 deelnemers; de handleiding gaat uit van 10 tot 15 deelnemers." in [w.text for w in small]
    large = _warnings(write_config, course, deelnemers=[f"D{i}" for i in range(16)])
    assert any(w.rule == "groep" and "16 deelnemers" in w.text for w in large)
    assert not any(w.rule == "groep" for w in _warnings(write_config, course, deelnemers=15))


def test_spacing_of_four_to_six_weeks(write_config, course):
    warnings = _warnings(
        write_config, course, bijeenkomsten=_dates("2027-01-12", "2027-02-02", "2027-03-30", "2027-04-27", "2027-06-08")
    )
    spacing = [w.text for w in warnings if w.rule == "tussenpoos"]
    assert spacing == [
        (
            "Tussen bijeenkomst 1 (12 januari 2027) en 2 (2 februari 2027) zit 3 weken; "
            "de handleiding vraagt 4 tot 6 weken."
        ),
        (
            "Tussen bijeenkomst 2 (2 februari 2027) en 3 (30 maart 2027) zit 8 weken; "
            "de handleiding vraagt 4 tot 6 weken."
        ),
    ]


def test_at_least_six_weeks_between_meetings_4_and_5(write_config, course):
    short = _warnings(
        write_config, course, bijeenkomsten=_dates("2027-01-12", "2027-02-16", "2027-03-16", "2027-04-20", "2027-05-28")
    )
    assert [w.text for w in short if w.rule == "tussenpoos"] == [
        (
            "Tussen bijeenkomst 4 (20 april 2027) en 5 (28 mei 2027) zit 5 weken en 3 dagen; "
            "de handleiding vraagt minstens 6 weken."
        )
    ]
    long = _warnings(
        write_config, course, bijeenkomsten=_dates("2027-01-12", "2027-02-16", "2027-03-16", "2027-04-20", "2027-06-29")
    )
    assert not [w for w in long if w.rule == "tussenpoos"]


def test_meetings_out_of_order_or_on_one_day(write_config, course):
    warnings = _warnings(
        write_config, course, bijeenkomsten=_dates("2027-01-12", "2027-01-12", "2027-03-16", "2027-03-01", "2027-06-01")
    )
    order = [w.text for w in warnings if w.rule == "volgorde"]
    assert order == [
        (
            "Bijeenkomst 2 (12 januari 2027) valt op dezelfde dag als bijeenkomst 1 (12 januari 2027); "
            "de bijeenkomsten horen in volgorde, op verschillende dagen."
        ),
        (
            "Bijeenkomst 4 (1 maart 2027) valt vóór bijeenkomst 3 (16 maart 2027); "
            "de bijeenkomsten horen in volgorde, op verschillende dagen."
        ),
    ]


def test_base_config_follows_the_spacing_rules(write_config, course):
    assert BASE_CONFIG["bijeenkomsten"][1]["locatie"]
    assert not [w for w in _warnings(write_config, course) if w.rule != "duur"]


def test_a_trainer_among_the_participants_is_a_warning_naming_the_name(write_config):
    """The same name among trainers and participants (capitals and accents aside): one Dutch sentence that
    names it and says what to do (issue 26); none for the example."""
    training = load_training(
        write_config(
            {
                "deelnemers": ["fatma yilmaz", "Joost van Dijk", *[f"D{i}" for i in range(10)]],
                "trainers": ["Fatma Yılmaz", "Kees Brouwer"],
            }
        )
    )
    found = [w for w in check(training) if w.rule == "trainer"]
    assert [w.text for w in found] == [
        "fatma yilmaz staat bij de trainers en ook bij de deelnemers; een trainer telt niet mee in de groep. "
        "Haal die naam weg bij de deelnemers, of bij de trainers als die de training volgt."
    ]
    assert not [w for w in check(load_training(None)) if w.rule == "trainer"]
