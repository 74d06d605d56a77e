"""More bad input: each gets one Dutch sentence, a non-zero exit and no traceback, and
nothing is written. (Config values are in training/test_config.py, templates in word/test_templates.py.)"""

from __future__ import annotations

import errno
import io
from pathlib import Path

import pytest
from PIL import Image


def _config_with(write_config, tmp_path, extra: str) -> Path:
    path = write_config()
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def _fails(run, *args) -> str:
    code, out, err = run(*args)
    assert code == 1, out
    assert err.startswith("Fout: ") and err.count("\n") >= 1 and "Traceback" not in err
    return err


def test_logo_that_is_not_an_image(run, write_config, tmp_path):
    (tmp_path / "logo.png").write_text("dit is tekst", encoding="utf-8")
    path = _config_with(write_config, tmp_path, "logo: logo.png\n")
    err = _fails(run, "build", str(path), "--out", str(tmp_path / "out"))
    assert f"{path}, regel " in err and "logo: " in err
    assert "logo.png is geen afbeelding die desi-pack kan lezen; sla het logo op als PNG of JPEG." in err
    assert not (tmp_path / "out").exists()


def test_logo_that_does_not_exist(run, write_config, tmp_path):
    path = _config_with(write_config, tmp_path, "logo: beeldmerk/logo.png\n")
    assert "het bestand" in _fails(run, "check", str(path)) and "bestaat niet" in _fails(run, "check", str(path))


def test_logo_in_every_header(write_config, tmp_path):
    from docx import Document

    from desi_pack import build, load_training

    Image.new("RGB", (120, 40), "#1f5f6b").save(tmp_path / "logo.png")
    path = _config_with(write_config, tmp_path, "logo: logo.png\n")
    root = build(load_training(path), tmp_path / "out", [1]).root
    for name in (
        "draaiboek-bijeenkomst-1.docx",
        "huiswerk-voor-bijeenkomst-2.docx",
        "uitdelen/4.2-concreet-vervolg.docx",
    ):
        header = Document(root / "bijeenkomst-1" / name).sections[0].header
        assert header._element.xpath(".//pic:pic"), name
        assert header.paragraphs[0].text.endswith("Welzijn Rivierenland \u00b7 Tiel")


def test_control_character_in_the_yaml_file_names_the_line(run, write_config, tmp_path):
    path = _config_with(write_config, tmp_path, "meldpunt: Wijk\x1fteam\n")
    err = _fails(run, "check", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert f"{path}, regel {len(lines)}: bevat een onzichtbaar stuurteken; typ de tekst opnieuw." in err


def test_text_pasted_far_too_long(run, write_config, tmp_path):
    path = write_config({"organisatie": "Welzijn " * 200})
    assert "organisatie: is 1600 tekens lang; verwacht hoogstens 1000." in _fails(run, "check", str(path))


def test_unreadable_config(run, write_config, monkeypatch):
    path = write_config()
    real = Path.read_bytes

    def refuse(self):
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert _fails(run, "check", str(path)) == f"Fout: {path}: dit bestand mag niet gelezen worden.\n"


@pytest.mark.parametrize("error", [errno.EACCES, errno.EROFS, errno.ENOSPC])
def test_unwritable_output_even_as_root(run, tmp_path, monkeypatch, error):
    real = Path.mkdir

    def refuse(self, *args, **kwargs):
        if tmp_path / "out" in (self, *self.parents):
            raise OSError(error, "nope")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refuse)
    err = _fails(run, "build", "--voorbeeld", "--out", str(tmp_path / "out"))
    assert err.startswith(f"Fout: {tmp_path / 'out' / 'welzijn-rivierenland'}: de uitvoermap kan niet")
    assert not (tmp_path / "out").exists()


# Every kind of character text.CONTROL holds: C0 but tab, line feed and carriage return; DEL; C1;
# lone surrogates; U+FFFE and U+FFFF. And characters that are none of them, kept everywhere (the
# euro sign and the right quote are C1 characters in Windows' code page, not in Unicode).
CONTROLS = [
    *(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)),
    *(chr(c) for c in range(0x7F, 0xA0)),
    "\ud800",
    "\udbff",
    "\udc00",
    "\udfff",
    "\ufffe",
    "\uffff",
]
TYPED = ["é", "\u20ac", "\u2019", "\U0001f642"]


def _xml_can_hold(char: str) -> bool:
    return char in "\t\n\r" or 0x20 <= ord(char) <= 0xD7FF or 0xE000 <= ord(char) <= 0xFFFD or ord(char) > 0xFFFF


def test_control_characters_have_one_rule_in_every_input(tmp_path, course):
    """The training file and the contacts workbook (the coordinator's own, to type again) refuse each
    character of text.CONTROL with the same sentence at its place; a filled-in form (a participant's)
    is read without it. Other characters pass all three."""
    import yaml

    from desi_pack import load_training
    from desi_pack.collect.layouts import Layout
    from desi_pack.collect.reading import read
    from desi_pack.errors import ConfigError, WorkbookError
    from desi_pack.pack.build import BlankForms
    from desi_pack.text import CONTROL_PROBLEM
    from desi_pack.training.referral import CardLabels
    from desi_pack.verwijskaart.contacts import read_contacts
    from tests.collect.forms import fill_as_word, replace_part
    from tests.conftest import BASE_CONFIG

    # The training file: written out in quotes ("\u0001"), or as the character itself.
    text = yaml.safe_dump(BASE_CONFIG, allow_unicode=True, sort_keys=False)
    path = tmp_path / "training.yaml"
    for char in CONTROLS + TYPED:
        path.write_text(text.replace("gemeente: Tiel\n", f'gemeente: "Ti\\U{ord(char):08x}el"\n', 1), encoding="utf-8")
        if char in TYPED:
            assert load_training(path).gemeente == f"Ti{char}el"
            continue
        with pytest.raises(ConfigError) as escaped:
            load_training(path)
        assert escaped.value.problems == [f"{path}, regel 2: gemeente: {CONTROL_PROBLEM}"], repr(char)
        if "\ud800" <= char <= "\udfff" or char == "\x00":
            continue  # not in a UTF-8 file; a file with a NUL byte is no text file at all
        path.write_text(text.replace("gemeente: Tiel\n", f"gemeente: Ti{char}el\n", 1), encoding="utf-8")
        with pytest.raises(ConfigError) as raw:
            load_training(path)
        assert raw.value.problems == [f"{path}, regel 2: {CONTROL_PROBLEM}"], repr(char)

    # The contacts workbook: a character XML cannot hold as Excel stores it (_x0001_), the others as they are.
    from openpyxl import load_workbook

    from desi_pack.verwijskaart.contacts import template_bytes

    labels = CardLabels.from_instrument(course.instruments["11.5"])
    book = load_workbook(io.BytesIO(template_bytes(labels)))
    book["Contacten"].delete_rows(2)
    book["Plaatsen"].delete_rows(2)
    for char in CONTROLS + TYPED:
        stored = char if _xml_can_hold(char) else f"_x{ord(char):04X}_"
        book["Contacten"].append(["Tiel", f"Wijk{stored}team", "", "", "0344-123456"])
        book["Plaatsen"].append([f"Plaats {ord(char)}", f"Bel{stored} het wijkteam.", ""])
    book.save(tmp_path / "contacten.xlsx")
    with pytest.raises(WorkbookError) as refused:
        read_contacts(tmp_path / "contacten.xlsx", labels)
    assert refused.value.problems == [
        *(
            f"{tmp_path / 'contacten.xlsx'}, blad Contacten, rij {row}, kolom B (Naam): {CONTROL_PROBLEM}"
            for row in range(2, 2 + len(CONTROLS))
        ),
        *(
            f"{tmp_path / 'contacten.xlsx'}, blad Plaatsen, rij {row}, kolom B (Stappen): {CONTROL_PROBLEM}"
            for row in range(2, 2 + len(CONTROLS))
        ),
    ]
    book = load_workbook(tmp_path / "contacten.xlsx")
    for sheet in ("Contacten", "Plaatsen"):
        book[sheet].delete_rows(2, len(CONTROLS))
    book.save(tmp_path / "contacten.xlsx")
    places = read_contacts(tmp_path / "contacten.xlsx", labels).places
    assert [c.naam for p in places for c in p.contacten] == [f"Wijk{char}team" for char in TYPED]
    assert [p.stappen for p in places if p.naam != "Tiel"] == [(f"Bel{char} het wijkteam.",) for char in TYPED]

    # A form: a character XML can hold as it is, another as Word's symbol (w:sym), the only way it can be there.
    blank = BlankForms(load_training(None))("6.8")
    layout = Layout(read(blank, ".docx"))
    for char in CONTROLS + TYPED:
        put = (
            f"&#x{ord(char):X};"
            if _xml_can_hold(char)
            else f'</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="{ord(char):04X}"/></w:r><w:r><w:t>'
        ).encode()
        filled = replace_part(
            fill_as_word(blank, {"6.8/naam": "Anouk@@ Smit"}),
            "word/document.xml",
            lambda xml, put=put: xml.replace(b"@@", put),
        )
        values, _ = layout.answers(read(filled, ".docx"))
        assert values["6.8/naam"] == (f"Anouk{char} Smit" if char in TYPED else "Anouk Smit"), repr(char)


def _odt(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")


@pytest.mark.parametrize(
    "name, kind",
    [
        ("training.docx", "een Word-document"),
        ("training.yaml", "een Word-document"),  # a Word document saved under the training file's name
        ("training.doc", "een Word-document"),
        ("training.xlsx", "een Excel-werkmap"),
        ("training.pdf", "een PDF"),
        ("training.odt", "een document van LibreOffice"),
        ("training.rtf", "opgemaakte tekst (RTF) en geen platte tekst (in TextEdit: Opmaak > Maak platte tekst)"),
    ],
)
def test_a_document_given_instead_of_the_training_file_is_named(run, tmp_path, name, kind):
    from docx import Document
    from openpyxl import Workbook

    path = tmp_path / name
    if kind == "een Word-document" and name != "training.doc":
        Document().save(path)
    elif name.endswith(".doc"):
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    elif name.endswith(".xlsx"):
        Workbook().save(path)
    elif name.endswith(".pdf"):
        path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    elif name.endswith(".odt"):
        _odt(path)
    else:
        # As TextEdit on a Mac saves a new document by default (rich text), whatever the name typed.
        path.write_text(
            "{\\rtf1\\ansi\\ansicpg1252\\cocoartf2709\n\\cocoatextscaling0\\cocoaplatform0"
            "{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n\\pard\\tx566\\pardirnatural\n\n"
            "\\f0\\fs24 \\cf0 organisatie: Welzijn Rivierenland\\\ngemeente: Tiel}",
            encoding="utf-8",
        )
    for command in ("check", "build"):
        err = (
            _fails(run, command, str(path), "--out", str(tmp_path / "uit"))
            if command == "build"
            else _fails(run, command, str(path))
        )
        assert err == (
            f"Fout: {path} is {kind}; desi-pack verwacht hier het trainingsbestand: een tekstbestand als "
            "training.yaml, dat u begint met desi-pack init en bewerkt in Kladblok of TextEdit.\n"
        )
    assert not (tmp_path / "uit").exists()
