"""Each instrument re-opened: every item verbatim, the right number and kind of controls, paper."""

from __future__ import annotations

import importlib.util
import io
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image, ImageChops

from desi_pack import build, load_training
from desi_pack.course.course import load_course
from desi_pack.pack.documents import instrument_filename
from desi_pack.pack.instruments import NETWORK_MAP
from desi_pack.resources import templates_dir
from tests.docx_text import control_kind

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def _doc(root, course, key):
    return Document(root / "instrumenten" / instrument_filename(course, key))


def _controls(doc) -> Counter:
    return Counter(control_kind(sdt.find(qn("w:sdtPr"))) for sdt in doc.element.body.iter(qn("w:sdt")))


def _all_text(doc) -> str:
    return "\n".join(t.text for t in doc.element.body.iter(qn("w:t")) if t.text)


def _strings(node):
    if isinstance(node, dict):
        for key, value in node.items():
            # Structure, not text: the kind of block, counts, flags; a raster's rijen are text.
            if key in ("soort", "breedte", "genummerd", "voorbeeld", "ruimte") or (
                key == "rijen" and isinstance(value, int)
            ):
                continue
            yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("key", list(load_course().instruments))
def test_every_item_of_the_workbook_is_on_the_form(example_pack, second_pack, course, key):
    instrument = course.instruments[key]
    # The example fills its verwijskaart in (test_the_verwijskaart_is_the_trainings_own); the second is blank.
    text = _all_text(_doc(second_pack if key == "11.5" else example_pack, course, key))
    # Left out on purpose: a heading over the workbook's example, which the blank form does not show
    # (8.7 'Voorbeeld'), and a caption that repeats its heading (8.5 'MIJN WENSEN' under 'Mijn wensen:').
    blocks = [
        {
            k: v
            for k, v in b.model_dump().items()
            if not (k == "kop" and getattr(b, "voorbeeld", False))
            and not (k == "opschrift" and v and v.strip(":").casefold() == (b.kop or "").strip(":").casefold())
        }
        for b in instrument.onderdelen
    ]
    wanted = [instrument.titel, *instrument.inleiding, *instrument.bron, *_strings(blocks)]
    missing = [s for s in wanted if " ".join(s.split()) not in " ".join(text.split())]
    assert missing == []


@pytest.mark.parametrize(
    "key, expected",
    [
        # Forms a participant fills in start with Naam (text) and Datum (date).
        ("6.10", {"vakje": 33, "tekst": 1, "datum": 1}),
        ("6.8", {"vakje": 24, "tekst": 8 + 1 + 1, "datum": 1}),  # + the 'namelijk' of statement 8
        ("10.3", {"vakje": 85, "tekst": 17 + 1 + 1, "datum": 1}),  # + 'Anders, namelijk'
        ("5.3", {"tekst": 7}),  # the signals are to read, not to tick (werkboek §5.3)
        ("4.2", {"tekst": 10 + 1, "keuzelijst": 5, "datum": 1}),
        ("4.3", {"tekst": 3}),
        ("7.4", {"tekst": 11 + 1, "datum": 1}),
        ("7.5", {"tekst": 3 + 1, "datum": 1}),
        ("8.5", {"tekst": 8 + 8 + 2, "datum": 2}),
        ("8.6", {"vakje": 44, "tekst": 6 + 2 + 1, "datum": 1}),
        ("8.7", {"tekst": 1, "datum": 1}),
        ("11.5", {"tekst": 2 + 6}),
        ("11.6", {"tekst": 1 + 5}),
        ("6.9", {}),
        ("7.6", {}),
    ],
)
def test_number_and_kind_of_controls(example_pack, second_pack, course, key, expected):
    assert _controls(_doc(second_pack if key == "11.5" else example_pack, course, key)) == Counter(expected)


def test_the_verwijskaart_is_the_trainings_own(example_pack, course):
    """With a `verwijskaart:` section, instrumenten/ holds the local card filled in (issue 26: it was blank),
    with the wording of desi-pack verwijskaart's cards; and meeting 5, on local networks, hands it out."""
    doc = _doc(example_pack, course, "11.5")
    text = " ".join(_all_text(doc).split())
    assert doc.paragraphs[0].text == "Verwijskaart Tiel"
    for line in (
        "Op basis van uw vermoedens onderneemt u het volgende:",
        "\u25b8 Maak uw zorg bespreekbaar in een rustig gesprek met de persoon zelf.",
        "Sociaal wijkteam Tiel",
        "Tel: 0344-555 010",
        "E-mail: wijkteam@tiel.example",
        "Bereikbaar van 08:30 tot 17:00, maandag t/m vrijdag",
    ):
        assert line in text, line
    assert "Email" not in text and "Op dagen" not in text and not _controls(doc)
    handed = example_pack / "bijeenkomst-5" / "uitdelen" / "11.5-verwijskaart.docx"
    assert handed.read_bytes() == (example_pack / "instrumenten" / "11.5-verwijskaart.docx").read_bytes()


def test_one_tick_box_per_point_of_the_scale_on_each_row(example_pack, course):
    table = _doc(example_pack, course, "6.10").tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Stelling", "A.", "B.", "C."]
    for row in table.rows[1:]:
        boxes = [len(list(cell._tc.iter(f"{W14}checkbox"))) for cell in row.cells]
        assert boxes == [0, 1, 1, 1]


def test_tick_box_as_word_builds_it(example_pack, course):
    doc = _doc(example_pack, course, "8.6")
    sdt = next(s for s in doc.element.body.iter(qn("w:sdt")) if s.find(f"{qn('w:sdtPr')}/{W14}checkbox") is not None)
    props = sdt.find(qn("w:sdtPr"))
    assert [child.tag.split("}")[1] for child in props] == ["alias", "tag", "id", "checkbox"]
    box = props.find(f"{W14}checkbox")
    assert box.find(f"{W14}checked").get(f"{W14}val") == "0"
    assert box.find(f"{W14}checkedState").get(f"{W14}val") == "2612"
    assert box.find(f"{W14}uncheckedState").get(f"{W14}val") == "2610"
    assert "".join(t.text for t in sdt.iter(qn("w:t"))) == "\u2610"
    ids = [e.get(qn("w:val")) for e in doc.element.body.iter(qn("w:id"))]
    assert len(ids) == len(set(ids)) and all(i.isdigit() for i in ids)


def test_text_fields_show_a_placeholder_and_sit_inside_paragraphs(example_pack, course):
    doc = _doc(example_pack, course, "8.5")
    for sdt in doc.element.body.iter(qn("w:sdt")):
        assert sdt.getparent().tag == qn("w:p")
        props = sdt.find(qn("w:sdtPr"))
        if control_kind(props) in ("tekst", "datum"):
            assert props.find(qn("w:showingPlcHdr")) is not None
            assert props.find(qn("w:placeholder")) is None
    date = next(s for s in doc.element.body.iter(qn("w:date")))
    assert date.find(qn("w:lid")).get(qn("w:val")) == "nl-NL"


def test_owner_column_offers_the_local_partners(tmp_path, write_config, course):
    path = write_config({"partners": ["Sociaal wijkteam Tiel", "Thuiszorg & Co"]})
    root = build(load_training(path), tmp_path, only_instruments=True).root
    combos = list(_doc(root, course, "4.2").element.body.iter(qn("w:comboBox")))
    assert len(combos) == 5
    assert [i.get(qn("w:displayText")) for i in combos[0]] == ["Sociaal wijkteam Tiel", "Thuiszorg & Co"]
    without = build(load_training(write_config({"partners": []})), tmp_path / "zonder", only_instruments=True).root
    assert _controls(_doc(without, course, "4.2")) == Counter({"tekst": 16, "datum": 1})


@pytest.mark.parametrize("key, size, landscape", [("11.6", (42.0, 29.7), True), ("6.10", (21.0, 29.7), False)])
def test_paper_as_in_the_workbook(example_pack, course, key, size, landscape):
    section = _doc(example_pack, course, key).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == size
    assert (section.orientation == 1) == landscape


def test_network_map_is_drawn(example_pack, course):
    doc = _doc(example_pack, course, "8.7")
    assert len(doc.inline_shapes) == 1
    assert doc.inline_shapes[0].width.cm == pytest.approx(16.5, abs=0.1)
    blip = doc.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    assert doc.part.related_parts[blip.embed].blob == (templates_dir() / NETWORK_MAP).read_bytes()


def test_the_network_map_in_templates_is_what_the_script_draws():
    """templates/netwerkkaart.png is made by scripts/maak_netwerkkaart.py; a change to the
    drawing must be followed by running the script (a newer Pillow may draw a pixel differently)."""
    script = Path(__file__).resolve().parent.parent.parent / "scripts" / "maak_netwerkkaart.py"
    spec = importlib.util.spec_from_file_location("maak_netwerkkaart", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    drawn = Image.open(io.BytesIO(module.png()))
    shipped = Image.open(templates_dir() / NETWORK_MAP)
    assert (shipped.size, shipped.mode) == (drawn.size, drawn.mode) == ((1600, 1600), "L")
    difference = ImageChops.difference(drawn, shipped).point(lambda value: 255 if value > 64 else 0)
    changed = sum(difference.histogram()[255:])
    assert changed < 100  # not one letter or line differs


def test_header_names_the_organisation(example_pack, course):
    header = _doc(example_pack, course, "5.3").sections[0].header.paragraphs[0].text
    assert header == "Welzijn Rivierenland \u00b7 Tiel"


def test_only_instruments(tmp_path):
    root = build(load_training(None), tmp_path, only_instruments=True).root
    assert sorted(p.name for p in root.iterdir()) == [".desi-pack.json", "instrumenten"]
    assert len(list((root / "instrumenten").iterdir())) == len(load_course().instruments)


def test_the_subtitle_says_where_a_form_comes_from_without_repeating_its_title(example_pack, course):
    for key, instrument in course.instruments.items():
        lines = [p.text for p in _doc(example_pack, course, key).paragraphs if p.text.strip()]
        title, sub = lines[0], lines[1]
        # The example's verwijskaart is its own, with its place: 'Verwijskaart Tiel'.
        assert (
            title == instrument.titel or (key == "11.5" and title == f"{instrument.titel} Tiel")
        ) and instrument.titel not in sub, key
        assert sub.endswith(f" {key} uit het werkboek Eenzaam ben je niet alleen"), (key, sub)


@pytest.mark.libreoffice
def test_the_cards_fit_one_side_of_a4(example_pack, course):
    """5.3 Signaleringskaart and 11.5 Verwijskaart are cards: one A4 side each, as LibreOffice lays them out."""
    from desi_pack.writing.pdf import convert, find_libreoffice, page_count

    names = {key: example_pack / "instrumenten" / instrument_filename(course, key) for key in ("5.3", "11.5")}
    pdfs = convert(find_libreoffice(), {key: path.read_bytes() for key, path in names.items()})
    assert {key: page_count(pdf) for key, pdf in pdfs.items()} == {"5.3": 1, "11.5": 1}


@pytest.mark.parametrize("key", ["4.2", "4.3", "8.5"])
def test_a_box_to_write_in_keeps_its_text_off_its_border(example_pack, course, key):
    """The label and the line of a box sit inside it, 0.1 cm at least from its top and bottom border."""
    doc = _doc(example_pack, course, key)
    boxes = [t for t in doc.tables if t._tbl.find(f".//{qn('w:sdt')}") is not None]
    assert boxes
    for table in boxes:
        margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
        assert margins is not None, key
        for side in ("top", "bottom"):
            assert int(margins.find(qn(f"w:{side}")).get(qn("w:w"))) >= 0.1 * 567, (key, side)
