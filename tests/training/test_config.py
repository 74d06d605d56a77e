"""The training config: good input accepted, every kind of bad input one clear Dutch message."""

from __future__ import annotations

from datetime import date, time

import pytest

from desi_pack.errors import ConfigError, InputError
from desi_pack.training.config import load_training
from tests.conftest import BASE_CONFIG


def _meetings(**change):
    meetings = [dict(m) for m in BASE_CONFIG["bijeenkomsten"]]
    for index, values in change.items():
        meetings[int(index[1:]) - 1].update(values)
    return meetings


def _problems(path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_training(path)
    return caught.value.problems


def test_builtin_example_is_valid():
    training = load_training(None)
    assert training.organisatie and len(training.bijeenkomsten) == 5
    assert training.source.endswith("training.yaml")


def test_values_are_read(write_config):
    training = load_training(write_config({"deelnemers": ["Fatima Yılmaz", "Joost & Co"]}))
    assert training.group_size == 2
    assert training.participant_names == ["Fatima Yılmaz", "Joost & Co"]
    assert training.bijeenkomsten[0].datum == date(2027, 1, 12)
    assert training.bijeenkomsten[0].start == time(13, 30)
    assert training.place_of(2) == "Bibliotheek Tiel"
    assert training.place_of(3) == "Buurthuis De Schakel, Tiel"
    assert training.print_count == 4  # 2 participants + 2 spares by default


def test_unquoted_clock_time_is_a_time_not_a_number(write_config):
    path = write_config("""\
        organisatie: X
        gemeente: Y
        trainers: [T]
        locatie: L
        deelnemers: 12
        bijeenkomsten:
          - {datum: 2027-01-12, start: 13:30}
          - {datum: 2027-02-16, start: 9:00}
          - {datum: 2027-03-16, start: 13:30}
          - {datum: 2027-04-20, start: 13:30}
          - {datum: 2027-06-01, start: 13:30}
        """)
    training = load_training(path)
    assert [m.start for m in training.bijeenkomsten[:2]] == [time(13, 30), time(9, 0)]


@pytest.mark.parametrize("changes, expected", [
    ({"organisatie": ...}, "organisatie: ontbreekt; deze waarde is verplicht."),
    ({"organisatie": "  "}, "organisatie: mag niet leeg zijn."),
    ({"gemeente": 1234}, "gemeente: verwacht tekst, maar er staat het getal 1234."),
    ({"trainers": []}, "trainers: de lijst heeft 0 items; verwacht er minstens 1."),
    ({"trainers": "Anna"}, "trainers: verwacht een lijst, maar er staat 'Anna'."),
    ({"deelnemers": 0}, "deelnemers: verwacht minstens 1 deelnemer."),
    ({"deelnemers": "veel"}, "deelnemers: verwacht een aantal (zoals 12) of een lijst met namen."),
    ({"deelnemers": []}, "deelnemers: de lijst met namen is leeg."),
    ({"locatie": "Buurthuis\x07De Schakel"}, "locatie: bevat een onzichtbaar stuurteken; typ de tekst opnieuw."),
    ({"extra_afdrukken": -1}, "extra_afdrukken: -1 is te klein; verwacht minstens 0."),
    ({"gemeent": "Tiel"}, "gemeent: onbekende sleutel 'gemeent'. Bedoelde u 'gemeente'?"),
    ({"bijeenkomsten": _meetings()[:4]},
     ("bijeenkomsten: er staan 4 bijeenkomsten; de training heeft er 5, in volgorde "
      "(een zesde, eigen bijeenkomst mag erbij).")),
    ({"bijeenkomsten": []}, ("bijeenkomsten: er staan 0 bijeenkomsten; de training heeft er 5, in volgorde "
                             "(een zesde, eigen bijeenkomst mag erbij).")),
    ({"bijeenkomsten": _meetings(b2={"datum": "2027-02-30"})},
     "bijeenkomsten[2].datum: de datum 2027-02-30 bestaat niet."),
    ({"bijeenkomsten": _meetings(b3={"datum": "16-03-2027"})},
     "bijeenkomsten[3].datum: '16-03-2027' is geen datum; schrijf jaar-maand-dag, zoals 2027-01-12."),
    ({"bijeenkomsten": _meetings(b1={"start": "25:00"})},
     "bijeenkomsten[1].start: de tijd 25:00 bestaat niet; uren gaan van 0 tot 23, minuten van 0 tot 59."),
    ({"bijeenkomsten": _meetings(b1={"start": "half twee"})},
     "bijeenkomsten[1].start: 'half twee' is geen tijd; schrijf uren:minuten, zoals \"13:30\"."),
    ({"bijeenkomsten": _meetings(b4={"lokatie": "Bieb"})},
     "bijeenkomsten[4].lokatie: onbekende sleutel 'lokatie'. Bedoelde u 'locatie'?"),
    ({"bijeenkomsten": [*_meetings()[:4], {"start": "13:30"}]},
     "bijeenkomsten[5].datum: ontbreekt; deze waarde is verplicht."),
])
def test_bad_values_name_file_line_field_and_expectation(write_config, changes, expected):
    path = write_config(changes)
    problems = _problems(path)
    assert len(problems) == 1
    # A key missing at the top has no line of its own; every other problem names its line.
    assert problems[0].startswith(f"{path}: " if expected.startswith("organisatie: ontbreekt") else f"{path}, regel ")
    assert problems[0].endswith(expected)


def test_line_number_points_at_the_value(write_config):
    path = write_config("""\
        organisatie: X
        gemeente: Y
        trainers: [T]
        locatie: L
        deelnemers: 12
        bijeenkomsten:
          - {datum: 2027-01-12, start: "13:30"}
          - {datum: 2027-02-16, start: "13:30"}
          - {datum: 2027-03-32, start: "13:30"}
          - {datum: 2027-04-20, start: "13:30"}
          - {datum: 2027-06-01, start: "13:30"}
        """)
    assert _problems(path) == [f"{path}, regel 9: bijeenkomsten[3].datum: de datum 2027-03-32 bestaat niet."]


def test_all_problems_reported_together_in_file_order(write_config):
    path = write_config({"organisatie": "", "deelnemers": "x", "trainerss": ["A"]})
    problems = _problems(path)
    assert len(problems) == 3
    lines = [int(p.split("regel ")[1].split(":")[0]) for p in problems]
    assert lines == sorted(lines)
    assert "Bedoelde u 'trainers'?" in problems[2]


@pytest.mark.parametrize("text, expected", [
    ("organisatie: a: b\n", "regel 1, kolom 15: hier staat een ':' die niet kan"),
    ("organisatie: X\n\tgemeente: Y\n", "regel 2, kolom 1: er staat een tab; gebruik spaties"),
    ("organisatie: [X\n", "regel 2"),
    ("- een\n- lijst\n", "het bestand bevat een lijst; verwacht sleutels met waarden"),
    ("", "het bestand bevat niets; verwacht sleutels met waarden"),
    ("gewoon tekst\n", "het bestand bevat 'gewoon tekst'; verwacht sleutels met waarden"),
])
def test_broken_yaml(write_config, text, expected):
    path = write_config(text)
    problems = _problems(path)
    assert len(problems) == 1 and problems[0].startswith(str(path))
    assert expected in problems[0]


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="dit bestand bestaat niet"):
        load_training(tmp_path / "geen.yaml")


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(InputError, match="dit is een map"):
        load_training(tmp_path)


def test_binary_file(tmp_path):
    path = tmp_path / "logo.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="dit is geen tekstbestand"):
        load_training(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("organisatie: Caf\u00e9\n".encode("latin-1"))
    with pytest.raises(InputError, match="geen UTF-8-tekst"):
        load_training(path)


def test_duplicate_key_is_an_error_not_a_silent_choice(write_config):
    path = write_config("""\
        organisatie: X
        gemeente: Y
        locatie: Eerste plek
        locatie: Tweede plek
        """)
    assert _problems(path) == [
        f"{path}, regel 4: locatie: deze sleutel staat er al (regel 3); laat er één over."]


def test_a_key_written_with_a_capital_is_named_as_written(write_config):
    path = write_config("A: ~\n")
    problems = _problems(path)
    assert any(problem.endswith("onbekende sleutel 'A'.") or "onbekende sleutel 'A'." in problem
               for problem in problems), problems
