"""The cards in the training's house style, as build makes its documents: its own templates (`sjablonen:`),
its logo, and the same values a template gets for a form."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from desi_pack.resources import templates_dir
from tests.docx_text import body_lines, header_footer

WP_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
SECTION = {
    "plaats": "Tiel-Oost",
    "stappen": ["Bel het wijkteam."],
    "contacten": [{"naam": "Sociaal wijkteam Tiel", "telefoon": "0344-555 010"}],
}


def _restyled(folder, header: str | None = None, font: str | None = None, footer_line: str | None = None):
    """A copy of the templates (as `desi-pack sjablonen` makes it) with formulier.docx changed in Word's way:
    the header text, the font of its styles, a line added to the footer."""
    folder.mkdir()
    for template in templates_dir().glob("*.docx"):
        shutil.copy(template, folder / template.name)
    path = folder / "formulier.docx"
    with zipfile.ZipFile(path) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    if header:
        entries["word/header1.xml"] = entries["word/header1.xml"].replace(
            "{{ organisatie }}{% if gemeente %} \u00b7 {{ gemeente }}{% endif %}".encode(), header.encode()
        )
    if font:
        entries["word/styles.xml"] = entries["word/styles.xml"].replace(b'"Arial"', f'"{font}"'.encode())
    if footer_line:
        entries["word/footer1.xml"] = entries["word/footer1.xml"].replace(
            b"</w:ftr>", f"<w:p><w:r><w:t>{footer_line}</w:t></w:r></w:p></w:ftr>".encode()
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries.items():
            target.writestr(name, data)
    return folder


def _drawings(part_xml: bytes) -> list[str]:
    from lxml import etree

    return [e.get("id") for e in etree.fromstring(part_xml).iter(WP_DOC_PR)]


def test_the_cards_show_the_trainings_logo(run, write_config, tmp_path):
    Image.new("RGB", (400, 200), (31, 92, 107)).save(tmp_path / "logo.png")
    code, _, err = run(
        "verwijskaart",
        str(write_config({"logo": "logo.png", "verwijskaart": SECTION})),
        "--out",
        str(tmp_path / "uit"),
        "-q",
    )
    assert (code, err) == (0, "")
    folder = tmp_path / "uit" / "welzijn-rivierenland" / "verwijskaarten"
    with zipfile.ZipFile(folder / "verwijskaart-tiel-oost.docx") as card:
        assert len(_drawings(card.read("word/header1.xml"))) == 1  # in the header, before the organisation
        assert any(name.startswith("word/media/") for name in card.namelist())
    assert header_footer(folder / "verwijskaart-tiel-oost.docx")[0].strip() == "Welzijn Rivierenland \u00b7 Tiel-Oost"
    with zipfile.ZipFile(folder / "zakkaart-tiel-oost.docx") as sheet:
        ids = _drawings(sheet.read("word/document.xml"))
    assert len(ids) == 4 and len(set(ids)) == 4  # on every pocket card, each drawing its own id
    assert len(Document(folder / "zakkaart-tiel-oost.docx").inline_shapes) == 4


def test_without_a_logo_no_picture(run, write_config, tmp_path):
    run("verwijskaart", str(write_config({"verwijskaart": SECTION})), "--out", str(tmp_path), "-q")
    for card in (tmp_path / "welzijn-rivierenland" / "verwijskaarten").iterdir():
        with zipfile.ZipFile(card) as package:
            assert not any(name.startswith("word/media/") for name in package.namelist())


def test_the_cards_follow_the_trainings_own_templates(run, write_config, tmp_path):
    own = _restyled(
        tmp_path / "huisstijl",
        header="Huisstijl {{ organisatie }} \u2013 {{ gemeente }}",
        font="DejaVu Serif",
        footer_line="Trainers: {{ trainers }}",
    )
    config = write_config({"sjablonen": "huisstijl", "verwijskaart": SECTION})
    code, _, err = run("verwijskaart", str(config), "--out", str(tmp_path / "uit"), "-q")
    assert (code, err) == (0, "")
    folder = tmp_path / "uit" / "welzijn-rivierenland" / "verwijskaarten"
    a4, pocket = folder / "verwijskaart-tiel-oost.docx", folder / "zakkaart-tiel-oost.docx"
    header, footer = header_footer(a4)
    assert header == "Huisstijl Welzijn Rivierenland \u2013 Tiel-Oost"
    assert "Verwijskaart Tiel-Oost (werkboek \u00a711.5) \u00b7 Welzijn Rivierenland \u00b7 pagina" in footer
    # a value every form's template may use is there for the cards too
    assert "Trainers: Anna de Vries en Mohamed El Amrani" in footer
    # The sheet of pocket cards has only what to cut and the attribution below the cards (cut away).
    sheet = (
        "Zakkaart Tiel-Oost (werkboek \u00a711.5) \u00b7 4 kaarten van A6-formaat; knip langs de stippellijnen\n"
        "Bron: Heessels e.a. (2015). Eenzaam ben je niet alleen. Movisie / Wmo-werkplaatsen. Alles uit deze "
        "uitgave mag, mits met bronvermelding, worden vermenigvuldigd en openbaar gemaakt."
    )
    assert header_footer(pocket) == ("", sheet)
    for card in (a4, pocket):
        with zipfile.ZipFile(card) as package:
            assert b'"DejaVu Serif"' in package.read("word/styles.xml") and b'"Arial"' not in package.read(
                "word/styles.xml"
            )
    assert body_lines(a4)[0] == "Verwijskaart Tiel-Oost"
    assert (own / "formulier.docx").exists()


@pytest.mark.libreoffice
def test_the_trainings_font_is_printed_and_four_cards_still_fill_one_sheet(run, write_config, tmp_path):
    """A trainer's footer of a line more, in a wider letter: the pocket sheet still prints on one page."""
    _restyled(
        tmp_path / "huisstijl",
        header="Huisstijl {{ organisatie }} \u2013 {{ gemeente }}",
        font="DejaVu Serif",
        footer_line="Trainers: {{ trainers }}",
    )
    contacts = [
        {
            "naam": f"Contactpersoon {i}",
            "organisatie": "Stichting Welzijn en Zorg",
            "telefoon": "0344-123456",
            "email": f"persoon{i}@welzijn.example",
            "dagen": "ma t/m vr",
        }
        for i in range(3)
    ]
    config = write_config({"sjablonen": "huisstijl", "verwijskaart": SECTION | {"contacten": contacts}})
    code, _, err = run("verwijskaart", str(config), "--out", str(tmp_path / "uit"), "--pdf", "-q")
    assert (code, err) == (0, "")
    folder = tmp_path / "uit" / "welzijn-rivierenland" / "verwijskaarten"
    for pdf in ("verwijskaart-tiel-oost.pdf", "zakkaart-tiel-oost.pdf"):
        fonts = subprocess.run(["pdffonts", str(folder / pdf)], capture_output=True, text=True, check=True).stdout
        assert "DejaVuSerif" in fonts and "LiberationSans" not in fonts, fonts
    text = subprocess.run(
        ["pdftotext", "-layout", str(folder / "zakkaart-tiel-oost.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == 1 and pages[0].count("Verwijskaart Tiel-Oost") == 4 and pages[0].count("persoon2@") == 4
    assert (
        "Huisstijl Welzijn Rivierenland"
        in subprocess.run(
            ["pdftotext", str(folder / "verwijskaart-tiel-oost.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
    )


def test_a_mistake_in_the_trainings_template_names_it(run, write_config, tmp_path):
    own = tmp_path / "eigen"
    own.mkdir()
    doc = Document(templates_dir() / "formulier.docx")
    doc.add_paragraph("{{ organistie }}")
    doc.save(own / "formulier.docx")
    code, _, err = run("verwijskaart", str(write_config({"sjablonen": "eigen"})), "--out", str(tmp_path / "uit"))
    assert code == 1 and "Traceback" not in err
    assert err.startswith(f"Fout: {own / 'formulier.docx'}: het sjabloon gebruikt de variabele 'organistie'")
    assert not (tmp_path / "uit").exists()


def test_a_contacts_workbook_takes_the_house_style_of_the_training_here(
    run, workbook, tmp_path, write_config, monkeypatch
):
    Image.new("RGB", (400, 200), (31, 92, 107)).save(tmp_path / "logo.png")
    _restyled(tmp_path / "huisstijl", header="Huisstijl {{ organisatie }} \u2013 {{ gemeente }}")
    write_config({"logo": "logo.png", "sjablonen": "huisstijl"})
    book = workbook([["Buren", "Buurtzorg Buren", "", "", "0344-123456"]])
    monkeypatch.chdir(tmp_path)
    code, _, err = run("verwijskaart", str(book), "-q")
    assert (code, err) == (0, "")
    card = tmp_path / "output" / "welzijn-rivierenland" / "verwijskaarten" / "verwijskaart-buren.docx"
    assert header_footer(card)[0].strip() == "Huisstijl Welzijn Rivierenland \u2013 Buren"
    with zipfile.ZipFile(card) as package:
        assert len(_drawings(package.read("word/header1.xml"))) == 1
    # With an organisation of its own the workbook's cards are not in that training's style.
    code, _, _ = run("verwijskaart", str(book), "--organisatie", "Stichting Samen", "-q")
    card = tmp_path / "output" / "stichting-samen" / "verwijskaarten" / "verwijskaart-buren.docx"
    assert code == 0 and header_footer(card)[0] == "Stichting Samen \u00b7 Buren"


def test_without_an_organisation_the_header_is_the_place_alone(workbook, tmp_path):
    from desi_pack.verwijskaart.verwijskaart import make_cards

    result = make_cards(workbook([["Buren", "Buurtzorg Buren", "", "", "0344-123456"]]), tmp_path)
    header, footer = header_footer(result.folder / "verwijskaart-buren.docx")
    assert header == "Buren"
    assert footer.startswith("Verwijskaart Buren (werkboek \u00a711.5) \u00b7 pagina ")
    assert header_footer(result.folder / "zakkaart-buren.docx")[1].startswith(
        "Zakkaart Buren (werkboek \u00a711.5) \u00b7 4 kaarten van A6-formaat"
    )


def test_the_pocket_sheet_has_no_header_to_push_its_second_row_off_the_page(workbook, tmp_path):
    from desi_pack.verwijskaart.verwijskaart import make_cards

    result = make_cards(workbook([["Buren", "Buurtzorg Buren", "", "", "0344-123456"]]), tmp_path)
    doc = Document(io.BytesIO((result.folder / "zakkaart-buren.docx").read_bytes()))
    sect = doc.element.body.find(qn("w:sectPr"))
    assert sect.findall(qn("w:headerReference")) == [] and sect.findall(qn("w:footerReference"))
