"""The course data: complete, verbatim from the workbook, and shaped as the manual."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from desi_pack.course.course import Range
from desi_pack.resources import sessions_dir

WORKBOOK = Path(__file__).parent.parent / "bron" / "werkboek-eenzaam-ben-je-niet-alleen.txt"
# Keys whose values are structure, not workbook text.
NOT_TEXT = {
    "soort",
    "per",
    "document",
    "instrument",
    "nummer",
    "werkboek",
    "gebruikt",
    "duur",
    "opdracht",
    "aantal",
    "opties",
    "minimum",
    "maximum",
    "minuten",
    "toegestaan",
    "minimum_weken",
    "maximum_weken",
    "na_bijeenkomst",
    "jaar",
    "naam",
    "auteurs",
    "uitgever",
    "papier",
    "breedte",
    "stap",
    "poster",
}


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _strings(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in NOT_TEXT:
                yield from _strings(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item, key)
    elif isinstance(node, str):
        yield node


@pytest.fixture(scope="module")
def workbook_text():
    """The workbook as plain text: no HTML tags, markdown links or emphasis marks."""
    text = re.sub(r"<(https?://[^>]+)>", r"\1", WORKBOOK.read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return _normalise(text.replace("*", ""))


@pytest.mark.parametrize(
    "name", ["training.yaml", "opdrachten.yaml", "instrumenten.yaml"] + [f"bijeenkomst-{n}.yaml" for n in range(1, 6)]
)
def test_every_text_is_verbatim_from_the_workbook(name, workbook_text):
    data = yaml.safe_load((sessions_dir() / name).read_text(encoding="utf-8"))
    strings = list(_strings(data))
    assert strings
    missing = [s for s in strings if _normalise(s.removeprefix("- ")) not in workbook_text]
    assert missing == []


def test_five_meetings_in_order(course):
    assert [m.nummer for m in course.meetings] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    "number, minutes, rows",
    [
        (1, 180, 11),
        (2, 170, 8),
        (3, 185, 12),
        (4, 180, 8),
        (5, 180, 7),
    ],
)
def test_agenda_durations_add_up_as_in_the_manual(course, number, minutes, rows):
    meeting = course.meeting(number)
    assert meeting.planned_minutes == minutes
    assert len(meeting.agenda) == rows


def test_split_and_range_durations(course):
    definitions = course.meeting(1).agenda[6]
    assert definitions.wat == "3.5 Trainingsopdracht: Definities in de praktijk"
    assert definitions.parts == [10, 15] and definitions.planned_minutes == 25
    closing = course.meeting(4).agenda[-1]
    assert isinstance(closing.duur, Range) and (closing.duur.van, closing.duur.tot) == (5, 10)
    assert closing.planned_minutes == 10


def test_meeting_3_offers_the_choice_between_8_2_and_8_3(course):
    rows = [r for r in course.meeting(3).agenda if r.keuze]
    assert len(rows) == 1
    options = rows[0].keuze.opties
    assert [(o.werkboek, o.instrument) for o in options] == [("8.2", "8.5"), ("8.3", "8.6")]


def test_pauses_and_notes(course):
    pauses = [sum(r.soort == "pauze" for r in m.agenda) for m in course.meetings]
    assert pauses == [2, 1, 2, 2, 1]
    notes = [r for m in course.meetings for r in m.agenda if r.soort == "notitie"]
    assert len(notes) == 2 and all(r.duur is None and r.parts == [] for r in notes)


def test_homework_for_meetings_1_to_4(course):
    assert [m.huiswerk.kop if m.huiswerk else None for m in course.meetings] == [
        "Opdracht voor bijeenkomst 2",
        "Opdrachten voor bijeenkomst 3",
        "Opdrachten voor bijeenkomst 4",
        "Opdrachten voor bijeenkomst 5",
        None,
    ]
    referenced = {a.opdracht for m in course.meetings if m.huiswerk for a in m.huiswerk.opdrachten if a.opdracht}
    assert referenced == {"5.2", "8.4", "9.2", "10.1"} <= set(course.exercises)


def test_rules_of_the_manual(course):
    rules = course.rules
    assert (rules.groep.minimum, rules.groep.maximum) == (10, 15)
    assert rules.duur.minuten == 180
    assert (rules.tussenpoos.minimum_weken, rules.tussenpoos.maximum_weken) == (4, 6)
    assert rules.tussenpoos.uitzondering.na_bijeenkomst == 4
    assert "mits met bronvermelding" in rules.werkboek.attribution


@pytest.fixture(scope="module")
def instruments():
    return yaml.safe_load((sessions_dir() / "instrumenten.yaml").read_text(encoding="utf-8"))


def test_instrument_list_of_the_design(instruments):
    assert list(instruments) == [
        "4.2",
        "4.3",
        "5.3",
        "6.8",
        "6.9",
        "6.10",
        "7.4",
        "7.5",
        "7.6",
        "8.5",
        "8.6",
        "8.7",
        "10.3",
        "11.5",
        "11.6",
    ]
    assert {k for k, v in instruments.items() if v["papier"] == "A3-liggend"} == {"11.6"}


@pytest.mark.parametrize(
    "key, field, count",
    [
        ("6.8", "stellingen", 8),
        ("6.10", "stellingen", 11),
        ("10.3", "stellingen", 17),
        ("6.8", "schaal", 3),
        ("6.10", "schaal", 3),
        ("10.3", "schaal", 5),
        ("4.3", "items", 3),
        ("7.4", "rijkoppen", 11),
    ],
)
def test_instrument_item_counts(instruments, key, field, count):
    block = [b for b in instruments[key]["onderdelen"] if field in b][-1]
    assert len(block[field]) == count


def test_samenwerken_has_the_six_questions_to_talk_about(instruments):
    questions, starters = instruments["4.3"]["onderdelen"]
    assert questions["tekst"] == ["Ga met elkaar in gesprek aan de hand van de volgende vragen:"]
    assert len(questions["items"]) == 6 and len(starters["items"]) == 3


def test_concreet_vervolg_has_five_rows(instruments):
    (table,) = instruments["4.2"]["onderdelen"]
    assert table["soort"] == "tabel" and table["rijen"] == 5 and len(table["kolommen"]) == 3


def test_every_listed_correction_is_of_the_workbooks_own_spelling_and_is_made(course, workbook_text):
    """A correction of the source is listed once, with the source's spelling beside it: that spelling
    is in the workbook and in sessions/, and it is nowhere in the course as desi-pack prints it."""
    corrections = yaml.safe_load((sessions_dir() / "correcties.yaml").read_text(encoding="utf-8"))
    assert corrections
    raw = "\n".join(
        _normalise(s)
        for name in sessions_dir().glob("*.yaml")
        if name.name != "correcties.yaml"
        for s in _strings(yaml.safe_load(name.read_text(encoding="utf-8")))
    )
    printed = course.model_dump_json()
    for entry in corrections:
        source, fixed = _normalise(entry["bron"]), entry["correctie"]
        assert source in workbook_text, entry
        assert source in raw, entry
        # A correction that adds to the source (a full stop) leaves the source's words in front of it.
        added = re.escape(fixed[len(entry["bron"]) :]) if fixed.startswith(entry["bron"]) else "$^"
        assert not re.search(rf"(?<!\w){re.escape(entry['bron'])}(?!\w)(?!{added})", printed), entry
        assert fixed in printed or json.dumps(fixed)[1:-1] in printed, entry
