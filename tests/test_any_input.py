"""Property tests: generated configs and names thrown at validation and rendering.

Whatever a trainer types, desi-pack either refuses it with a Dutch DesiPackError or
writes files that re-open with their text exactly as typed; nothing else may escape.
"""

from __future__ import annotations

import io
import tempfile
import unicodedata

import icalendar
import yaml
from docx import Document
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from openpyxl import load_workbook

from desi_pack import load_training
from desi_pack.course.course import load_course
from desi_pack.course.schedule import schedules
from desi_pack.errors import DesiPackError
from desi_pack.pack.build import _Forms, meeting_files
from desi_pack.pack.workbooks import overview_workbook
from desi_pack.text import tidy
from desi_pack.word.rendering import Templates
from tests.conftest import BASE_CONFIG
from tests.docx_text import body_lines

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Any text Word and Excel can hold: no control characters but tab and line break, no surrogates.
NAME = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff") | st.sampled_from("\n\t&<>\"'"),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip())
SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.dates().map(str),
    st.sampled_from(["13:30", "25:00", "2027-02-30", "", " "]),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)
KEYS = [*BASE_CONFIG, "extra_afdrukken", "meldpunt", "logo", "verwijskaart", "onbekend"]


def _load(tmp_path, text: str):
    path = tmp_path / "training.yaml"
    path.write_text(text, encoding="utf-8")
    return load_training(path)


@SETTINGS
@given(changes=st.dictionaries(st.sampled_from(KEYS), VALUE, max_size=4))
def test_any_config_is_valid_or_a_dutch_error(tmp_path, changes):
    data = {**BASE_CONFIG, **changes}
    try:
        _load(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    except DesiPackError as err:
        assert err.message and "Traceback" not in err.message


@SETTINGS
@given(text=st.text(max_size=200))
def test_any_text_file_is_a_training_or_a_dutch_error(tmp_path, text):
    try:
        _load(tmp_path, text)
    except DesiPackError as err:
        assert str(tmp_path / "training.yaml") in err.message


def _paragraph_texts(blob: bytes) -> str:
    doc = Document(io.BytesIO(blob))
    parts = [p.text for p in doc.paragraphs]
    parts += [p.text for t in doc.tables for row in t.rows for cell in row.cells for p in cell.paragraphs]
    parts += [p.text for p in doc.sections[0].header.paragraphs]
    return "\n".join(parts)


@SETTINGS
@given(organisation=NAME, place=NAME, trainer=NAME, participant=NAME, partner=NAME)
@example(organisation="Zorg & Welzijn <Oost>", place="Tiël", trainer="0\n", participant="Ré 🤝", partner="'t Huis")
def test_any_names_come_out_exactly_in_valid_files(tmp_path, organisation, place, trainer, participant, partner):
    data = {
        **BASE_CONFIG,
        "organisatie": organisation,
        "gemeente": place,
        "trainers": [trainer],
        "locatie": place,
        "deelnemers": [participant, "Joost"],
        "partners": [partner],
    }
    training = _load(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    organisation, place, trainer, participant, partner = map(
        _as_read, (organisation, place, trainer, participant, partner)
    )
    course = load_course()
    plans = schedules(training, course)
    files = meeting_files(training, course, plans[0], _Forms(training, course, Templates()))
    draaiboek = _paragraph_texts(files["bijeenkomst-1/draaiboek-bijeenkomst-1.docx"])
    for name in (organisation, place, trainer):
        assert name in draaiboek
    form = files["bijeenkomst-1/uitdelen/4.2-concreet-vervolg.docx"]
    assert organisation in _paragraph_texts(form)
    assert partner in form.decode("latin-1") or partner in _combo_items(form)
    for blob in (files["bijeenkomst-1/agenda-bijeenkomst-1.xlsx"], overview_workbook(training, course, plans, [])):
        cells = [c.value for ws in load_workbook(io.BytesIO(blob)) for row in ws.iter_rows() for c in row]
        assert participant in cells
    # The calendar file, read by two readers: one event, the place and names as typed.
    ics = files["bijeenkomst-1/kalender-bijeenkomst-1.ics"]
    [event] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    [other] = IcsCalendarStream.calendar_from_ics(ics.decode("utf-8")).events
    assert str(event["location"]) == other.location == place
    for text in (str(event["description"]), other.description):
        assert f"van {organisation}, {place}." in text and f"Trainer: {trainer}." in text


def _as_read(text: str) -> str:
    """A text as the training file reads it: one Unicode form, no invisible characters, no spaces at its ends."""
    return tidy(text).strip()


def _combo_items(blob: bytes) -> list[str]:
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(blob))
    return [item.get(qn("w:displayText")) for item in doc.element.body.iter(qn("w:listItem"))]


# Text as people paste it: starting like a formula, in either Unicode normal form, or long.
USER_TEXT = st.one_of(
    st.tuples(st.sampled_from(["=", "+", "-", "@", '=HYPERLINK("http://x.invalid","', "=1+"]), NAME).map("".join),
    st.tuples(st.sampled_from(["NFC", "NFD"]), NAME).map(lambda pair: unicodedata.normalize(*pair)),
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff"),
        min_size=400,
        max_size=1000,
    ).filter(lambda s: s.strip()),
    NAME,
)
CONTROL = st.tuples(NAME, st.sampled_from("\x00\x01\x08\x0b\x1b\x7f"), NAME).map("".join)


def _cells(blob: bytes) -> list:
    return [c for ws in load_workbook(io.BytesIO(blob)) for row in ws.iter_rows() for c in row]


# Each example is a whole build: few of them, and no long shrinking in CI.
BUILDS = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


@BUILDS
@given(texts=st.lists(USER_TEXT, min_size=8, max_size=8))
@example(
    texts=[
        "=1+1",
        '=HYPERLINK("http://x.invalid","Klik hier")',
        "@Zorg",
        "-Tiel",
        "Tie\u0301l",
        "+31 Buurthuis",
        "=Welzijn",
        "x" * 1000,
    ]
)
def test_any_user_text_reaches_every_document_exactly_and_never_as_a_formula(tmp_path, texts):
    from desi_pack import build

    organisation, place, location, participant, own_row, own_material, title6, row6 = texts
    data = {
        **BASE_CONFIG,
        "organisatie": organisation,
        "gemeente": place,
        "locatie": location,
        "deelnemers": [participant, "Joost"],
        "bijeenkomsten": [
            {
                **BASE_CONFIG["bijeenkomsten"][0],
                "toevoegen": [{"wat": own_row, "duur": 10}],
                "materialen": [{"tekst": own_material}],
            },
            *BASE_CONFIG["bijeenkomsten"][1:],
            {"datum": "2027-09-07", "start": "13:30", "titel": title6, "agenda": [{"wat": row6, "duur": 30}]},
        ],
    }
    training = _load(tmp_path, yaml.safe_dump(data, allow_unicode=True))
    root = build(training, tempfile.mkdtemp(dir=tmp_path)).root  # a new folder per example
    texts = [_as_read(text) for text in texts]
    organisation, place, location, participant, own_row, own_material, title6, row6 = texts
    draaiboek = _paragraph_texts((root / "bijeenkomst-1" / "draaiboek-bijeenkomst-1.docx").read_bytes())
    for text in (organisation, place, location, own_row, own_material):
        assert text in draaiboek
    assert title6 in _paragraph_texts((root / "bijeenkomst-6" / "draaiboek-bijeenkomst-6.docx").read_bytes())
    as_text, formulas = [], set()
    for book in (
        "bijeenkomst-1/agenda-bijeenkomst-1.xlsx",
        "bijeenkomst-6/agenda-bijeenkomst-6.xlsx",
        "overzicht-training.xlsx",
    ):
        for cell in _cells((root / book).read_bytes()):
            if cell.data_type == "f":
                formulas.add(cell.value)
            elif isinstance(cell.value, str):
                as_text.append(cell.value)
    for text in (participant, own_row, own_material, title6, row6):
        assert any(text in value for value in as_text), text
        assert text not in formulas


@SETTINGS
@given(text=CONTROL)
@example(text="\\\x000")  # written by PyYAML as "\\\0": a backslash is no Windows path here
def test_a_control_character_in_any_field_is_a_dutch_error(tmp_path, text):
    for key in ("organisatie", "gemeente", "locatie"):
        try:
            _load(tmp_path, yaml.safe_dump({**BASE_CONFIG, key: text}, allow_unicode=True))
        except DesiPackError as err:
            assert f"{key}: " in err.message and "stuurteken" in err.message
        else:
            raise AssertionError(f"{key} {text!r} accepted")


@BUILDS
@given(texts=st.lists(USER_TEXT, min_size=5, max_size=5))
def test_any_contact_text_from_a_workbook_reaches_its_card_exactly(tmp_path, texts):
    from desi_pack.training.referral import CardLabels
    from desi_pack.verwijskaart.contacts import template_bytes
    from desi_pack.verwijskaart.verwijskaart import make_cards

    place, name, organisation, purpose, social = texts
    labels = CardLabels.from_instrument(load_course().instruments["11.5"])
    book = load_workbook(io.BytesIO(template_bytes(labels)))
    book["Contacten"].delete_rows(2)
    book["Plaatsen"].delete_rows(2)
    book["Contacten"].append([place, name, organisation, purpose, "0344-123456", None, social])
    for cell in book["Contacten"][2]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # as typed in Excel: text, not a formula
    path = tmp_path / "contacten.xlsx"
    book.save(path)
    try:
        result = make_cards(path, tempfile.mkdtemp(dir=tmp_path))
    except DesiPackError as err:  # only a text that is no name at all, such as a phone-like error
        raise AssertionError(err.message) from err
    (card,) = [w.path for w in result.files if w.path.name.startswith("verwijskaart-")]
    shown = " ".join(" ".join(line.split()) for line in body_lines(card))  # nested tables too
    for text in texts:
        assert " ".join(tidy(text).split()) in shown, text
