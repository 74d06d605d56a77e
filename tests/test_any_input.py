"""Property tests: generated configs and names thrown at validation and rendering.

Whatever a trainer types, desi-pack either refuses it with a Dutch DesiPackError or
writes files that re-open with their text exactly as typed; nothing else may escape.
"""

from __future__ import annotations

import io

import yaml
from docx import Document
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from desi_pack import load_training
from desi_pack.course.course import load_course
from desi_pack.course.schedule import schedules
from desi_pack.errors import DesiPackError
from desi_pack.pack.build import _Forms, meeting_files
from desi_pack.pack.workbooks import overview_workbook
from desi_pack.word.rendering import Templates
from tests.conftest import BASE_CONFIG

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Any text Word and Excel can hold: no control characters but tab and line break, no surrogates.
NAME = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="\ufffe\uffff") | st.sampled_from("\n\t&<>\"'"),
    min_size=1, max_size=80,
).filter(lambda s: s.strip())
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                   st.dates().map(str), st.sampled_from(["13:30", "25:00", "2027-02-30", "", " "]))
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=12), inner,
                                                                                          max_size=5), max_leaves=20)
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
    data = {**BASE_CONFIG, "organisatie": organisation, "gemeente": place, "trainers": [trainer],
            "locatie": place, "deelnemers": [participant, "Joost"], "partners": [partner]}
    training = _load(tmp_path, yaml.safe_dump(data, allow_unicode=True))
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


def _combo_items(blob: bytes) -> list[str]:
    from docx.oxml.ns import qn
    doc = Document(io.BytesIO(blob))
    return [item.get(qn("w:displayText")) for item in doc.element.body.iter(qn("w:listItem"))]
