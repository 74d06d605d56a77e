"""The training config: good input accepted, every kind of bad input one clear Dutch message."""

from __future__ import annotations

import re
from datetime import date, time
from pathlib import Path

import pytest

from desi_pack.errors import ConfigError, InputError
from desi_pack.training.config import load_training
from tests.conftest import BASE_CONFIG
from tests.test_yamlio import JARGON


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


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({"organisatie": ...}, "organisatie: ontbreekt; deze waarde is verplicht."),
        ({"organisatie": "  "}, "organisatie: mag niet leeg zijn."),
        ({"gemeente": 1234}, "gemeente: verwacht tekst, maar er staat het getal 1234."),
        ({"trainers": []}, "trainers: de lijst is leeg; er moet er minstens 1 in staan."),
        ({"trainers": "Anna"}, "trainers: verwacht een lijst, maar er staat 'Anna'."),
        ({"deelnemers": 0}, "deelnemers: verwacht minstens 1 deelnemer."),
        ({"deelnemers": "veel"}, "deelnemers: verwacht een aantal (zoals 12) of een lijst met namen."),
        ({"deelnemers": []}, "deelnemers: de lijst met namen is leeg."),
        ({"locatie": "Buurthuis\x07De Schakel"}, "locatie: bevat een onzichtbaar stuurteken; typ de tekst opnieuw."),
        ({"extra_afdrukken": -1}, "extra_afdrukken: -1 is te klein; verwacht minstens 0."),
        ({"gemeent": "Tiel"}, "gemeent: 'gemeent' kent desi-pack hier niet. Bedoelde u 'gemeente'?"),
        (
            {"bijeenkomsten": _meetings()[:4]},
            (
                "bijeenkomsten: er staan 4 bijeenkomsten; de training heeft er 5, in volgorde "
                "(een zesde, eigen bijeenkomst mag erbij)."
            ),
        ),
        (
            {"bijeenkomsten": []},
            (
                "bijeenkomsten: er staan 0 bijeenkomsten; de training heeft er 5, in volgorde "
                "(een zesde, eigen bijeenkomst mag erbij)."
            ),
        ),
        (
            {"bijeenkomsten": _meetings(b2={"datum": "2027-02-30"})},
            "bijeenkomsten[2].datum: de datum 2027-02-30 bestaat niet.",
        ),
        (
            {"bijeenkomsten": _meetings(b3={"datum": "16-03-2027"})},
            "bijeenkomsten[3].datum: '16-03-2027' is geen datum; schrijf jaar-maand-dag, zoals 2027-01-12.",
        ),
        (
            {"bijeenkomsten": _meetings(b1={"start": "25:00"})},
            "bijeenkomsten[1].start: de tijd 25:00 bestaat niet; uren gaan van 0 tot 23, minuten van 0 tot 59.",
        ),
        (
            {"bijeenkomsten": _meetings(b1={"start": "half twee"})},
            "bijeenkomsten[1].start: 'half twee' is geen tijd; schrijf uren:minuten, zoals \"13:30\".",
        ),
        (
            {"bijeenkomsten": _meetings(b4={"lokatie": "Bieb"})},
            "bijeenkomsten[4].lokatie: 'lokatie' kent desi-pack hier niet. Bedoelde u 'locatie'?",
        ),
        (
            {"bijeenkomsten": [*_meetings()[:4], {"start": "13:30"}]},
            "bijeenkomsten[5].datum: ontbreekt; deze waarde is verplicht.",
        ),
    ],
)
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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("organisatie: a: b\n", "regel 1, kolom 15: hier staat een ':' die niet kan"),
        ("organisatie: X\n\tgemeente: Y\n", "regel 2, kolom 1: er staat een tab; gebruik spaties"),
        ("organisatie: [X\n", "regel 2"),
        ("- een\n- lijst\n", "het bestand bevat een lijst; verwacht regels als 'organisatie: Welzijn Rivierenland'"),
        ("", "het bestand bevat niets; verwacht regels als 'organisatie: Welzijn Rivierenland'"),
        ("gewoon tekst\n", "het bestand bevat 'gewoon tekst'; verwacht regels als 'organisatie: Welzijn Rivierenland'"),
    ],
)
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
    with pytest.raises(InputError, match=f"{path} is een afbeelding; desi-pack verwacht hier het trainingsbestand"):
        load_training(path)
    path.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="dit is geen tekstbestand; desi-pack verwacht hier het trainingsbestand"):
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
    assert _problems(path) == [f"{path}, regel 4: locatie: 'locatie' staat er al (regel 3); laat er één over."]


def test_a_key_written_with_a_capital_is_named_as_written(write_config):
    path = write_config("A: ~\n")
    problems = _problems(path)
    assert any("'A' kent desi-pack hier niet." in problem for problem in problems), problems


# --- typed by hand: what the trainer clearly meant, or the line and how to write it (issue 22) ---

NAMES = [
    "Fatima El Idrissi",
    "Henk Kuipers",
    "Joost van Dijk",
    "Anna Bakker",
    "Sven de Boer",
    "Mila Jansen",
    "Ruben Smit",
    "Noor Visser",
    "Daan de Vries",
    "Lotte Mulder",
    "Bram Bos",
    "Eva Peters",
]


def _with_participants(write_config, lines: list[str]):
    """The base training with `deelnemers:` as the lines given (the list starts on line 8)."""
    path = write_config()
    text = path.read_text(encoding="utf-8").replace(
        "deelnemers: 12\n", "deelnemers:\n" + "".join(f"{line}\n" for line in lines)
    )
    path.write_text(text, encoding="utf-8")
    assert text.splitlines()[6] == "deelnemers:"
    return path


def test_a_hash_glued_to_a_word_is_part_of_the_text(write_config):
    path = write_config()
    text = path.read_text(encoding="utf-8")
    text = text.replace("locatie: Buurthuis De Schakel, Tiel", "locatie: Dorpshuis De Kruisakker #zaal 2, Geldermalsen")
    text = text.replace("- Sociaal wijkteam Tiel", "- Wijkteam Tiel #samen")
    path.write_text(text + "meldpunt: Bel ons #1 nummer   \n", encoding="utf-8")
    training = load_training(path)
    assert training.locatie == "Dorpshuis De Kruisakker #zaal 2, Geldermalsen"
    assert training.partners == ["Wijkteam Tiel #samen"]
    assert training.meldpunt == "Bel ons #1 nummer"


def test_a_comment_after_a_text_is_named_with_both_ways_to_write_it(write_config):
    path = write_config()
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("locatie: Buurthuis De Schakel, Tiel", "locatie: Dorpshuis De Kruisakker # zaal 2, Geldermalsen"),
        encoding="utf-8",
    )
    line = 1 + path.read_text(encoding="utf-8").splitlines().index(
        "locatie: Dorpshuis De Kruisakker # zaal 2, Geldermalsen"
    )
    assert _problems(path) == [
        (
            f"{path}, regel {line}: locatie: de tekst na '#' ('zaal 2, Geldermalsen') valt weg, want een '#' na een spatie "
            'begint een opmerking. Hoort het bij de tekst, zet dan alles tussen aanhalingstekens: locatie: "Dorpshuis De '
            'Kruisakker # zaal 2, Geldermalsen"; is het een opmerking, zet die dan op een eigen regel.'
        )
    ]


def test_the_starter_files_comments_stay_comments_when_its_example_is_used(tmp_path):
    """The starter explains a meeting written out over more lines, with comments after its values;
    a trainer who takes that example over (without the '# ' in front) gets the values, not the comments."""
    from desi_pack.resources import example_training

    lines = example_training().read_text(encoding="utf-8").splitlines()
    first = lines.index("#   - datum: 2027-03-16")
    last = next(i for i, line in enumerate(lines) if line.startswith('#     uitdelen: ["7.6"]'))
    meeting = [line[2:] for line in lines[first : last + 1]]
    assert any("# " in line.split(":", 1)[-1] for line in meeting)  # comments after values, as written there
    plain = lines.index('  - {datum: 2027-03-16, start: "13:30"}')
    text = "\n".join(lines[:plain] + meeting + lines[plain + 1 :]) + "\n"
    path = tmp_path / "training.yaml"
    path.write_text(text, encoding="utf-8")
    third = load_training(path).bijeenkomsten[2]
    assert (third.duur, third.keuze, third.weglaten, third.duren) == (240, "8.3", ["6.5"], {"7.2": 40})
    assert third.toevoegen[0].wat == "Rondje: wat neemt u mee?" and third.toevoegen[0].na == "8.3"
    assert third.toevoegen[0].bijzonderheden == ["Iedereen noemt één ding."]
    assert third.materialen[0].tekst == "Laptop met beamer" and third.uitdelen == ["7.6"]


def test_a_participant_indented_too_far_is_named_not_glued_to_the_one_above(write_config):
    lines = [f"  - {name}" for name in NAMES]
    lines[1] = "    - Henk Kuipers"
    path = _with_participants(write_config, lines)
    assert _problems(path) == [
        (
            f"{path}, regel 9: deelnemers[1]: '- Henk Kuipers' springt verder in dan de regel erboven en wordt zo een "
            "deel van 'Fatima El Idrissi - Henk Kuipers'; zet het streepje recht onder dat van regel 8."
        )
    ]
    lines[1] = "  - Henk Kuipers"
    assert load_training(_with_participants(write_config, lines)).group_size == 12


@pytest.mark.parametrize("where", [0, 5, 11])
def test_a_dash_without_a_space_says_to_put_one(write_config, where):
    lines = [f"  - {name}" for name in NAMES]
    lines[where] = f"  -{NAMES[where]}"
    path = _with_participants(write_config, lines)
    assert _problems(path) == [
        (
            f"{path}, regel {8 + where}: {'deelnemers: ' if where == 0 else ''}zet een spatie achter het streepje, zo: "
            f"- {NAMES[where]}"
        )
    ]


def test_a_colon_in_a_name_says_to_put_the_name_in_quotes(write_config):
    lines = [f"  - {name}" for name in NAMES]
    lines[4] = "  - Yvonne de Kok: vervangt Ans"
    path = _with_participants(write_config, lines)
    assert _problems(path) == [
        (
            f"{path}, regel 12: deelnemers[5]: een ':' met een spatie erachter kan niet zomaar in een tekst; zet de tekst "
            'tussen aanhalingstekens: - "Yvonne de Kok: vervangt Ans"'
        )
    ]
    lines[4] = '  - "Yvonne de Kok: vervangt Ans"'
    assert load_training(_with_participants(write_config, lines)).participant_names[4] == "Yvonne de Kok: vervangt Ans"


@pytest.mark.parametrize(
    "text",
    [
        "organisatie: a: b\n",
        "organisatie: X\n\tgemeente: Y\n",
        "organisatie: [X\n",
        "- een\n- lijst\n",
        "",
        "a: 1\na: 2\n",
        "organisatie: &Zorg\n",
        "organisatie: *Zorg\n",
        "a: &x 1\nb: &x 2\nc: *x\n",
        "trainers:\n  - A\n  -B\n  - C\n",
        "organisatie:\n  naam: X\n",
        "verwijskaart: Tiel\n",
        "trainers: {a: 1}\n",
        "deelnemers: {a: 1, b: 2}\n",
        "bijeenkomsten: [1, 2, 3, 4, 5]\n",
        "organisatie: 'a\n",
        "a: !!python/name:os.system\n",
        "? [a]\n: b\n",
        "organisatie: |\n x\n  y\n",
        "trainers: []\n",
        "bijeenkomsten:\n  - datum\n",
    ],
)
def test_no_word_a_coordinator_does_not_know(write_config, text):
    problems = _problems(write_config(text))
    for problem in problems:
        assert not [word for word in JARGON if word in problem], problem


def test_the_readmes_examples_are_read_and_their_comments_stay_comments(tmp_path):
    """The manual's training file, its own course and its verwijskaart, as a trainer copies them,
    with comments aligned after texts (`gemeente: Tiel      # verplicht`)."""
    readme = (Path(__file__).resolve().parents[2] / "docs" / "handleiding.md").read_text(encoding="utf-8")
    training, course, card = [block.split("```")[0] for block in readme.split("```yaml\n")[1:4]]
    head = training.split("bijeenkomsten:")[0]
    path = tmp_path / "training.yaml"
    path.write_text(head + course + card, encoding="utf-8")
    loaded = load_training(path)
    assert (loaded.organisatie, loaded.gemeente, loaded.locatie) == (
        "Welzijn Rivierenland",
        "Tiel",
        "Buurthuis De Schakel, Tiel",
    )
    assert loaded.verwijskaart.contacten[0].naam == "Sociaal wijkteam Tiel"
    assert loaded.verwijskaart.contacten[0].organisatie == "Gemeente Tiel"
    assert not [text for text in _all_texts(loaded.model_dump(mode="json")) if "#" in text]


def _all_texts(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _all_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _all_texts(item)
    elif isinstance(value, str):
        yield value


def test_texts_in_curly_quotes_as_textedit_and_word_type_them(write_config):
    """TextEdit (slimme aanhalingstekens, on by default) and Word (AutoCorrectie) turn "…" into “…”,
    Dutch Word into „…”: the training file reads them as the quotes the trainer typed."""
    path = write_config()
    text = path.read_text(encoding="utf-8").replace(
        "organisatie: Welzijn Rivierenland", "organisatie: “Welzijn & Zorg”"
    )
    text = text.replace("  start: '13:30'", "  start: „13:30”", 1).replace("- Anna de Vries", "- ‘Anna: trainer’")
    path.write_text(text.replace("locatie: Buurthuis De Schakel, Tiel", "locatie: ’s-Hertogenbosch"), encoding="utf-8")
    training = load_training(path)
    assert (training.organisatie, training.trainers[0], training.locatie) == (
        "Welzijn & Zorg",
        "Anna: trainer",
        "’s-Hertogenbosch",
    )
    assert training.bijeenkomsten[0].start == time(13, 30)


def test_the_length_of_a_text_is_counted_as_typed(write_config):
    """One Unicode form writes some letters as two characters (Tibetan ཱུ, U+0F75, is U+0F71 U+0F74 in NFC):
    a text of 1000 characters as typed is not refused as 1001 (found by the property test)."""
    text = "\u0f75" + "a" * 999
    assert len(load_training(write_config({"locatie": text})).locatie) == 1001


def test_the_example_names_one_set_of_contacts_for_one_team():
    """The example's meldpunt (on the signaleringskaart) gives the telephone number and e-mail of the
    wijkteam as its verwijskaart contact does: one team, one number (issue 26)."""
    training = load_training(None)
    team = next(c for c in training.verwijskaart.contacten if c.naam in training.meldpunt)
    assert team.telefoon in training.meldpunt and team.email in training.meldpunt
    numbers = re.findall(r"\b0\d{2,3}[ -]?\d{3} ?\d{3,4}\b", training.meldpunt)
    assert numbers == [team.telefoon]
