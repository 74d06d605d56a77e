"""More bad input: each gets one Dutch sentence, a non-zero exit and no traceback, and
nothing is written. (Config values are in training/test_config.py, templates in word/test_templates.py.)"""

from __future__ import annotations

import errno
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
    for name in ("draaiboek-bijeenkomst-1.docx", "huiswerk-voor-bijeenkomst-2.docx", "uitdelen/4.2-concreet-vervolg.docx"):
        header = Document(root / "bijeenkomst-1" / name).sections[0].header
        assert header._element.xpath(".//pic:pic"), name
        assert header.paragraphs[0].text.endswith("Welzijn Rivierenland \u00b7 Tiel")


def test_control_character_in_the_yaml_file_names_the_line(run, write_config, tmp_path):
    path = _config_with(write_config, tmp_path, "meldpunt: Wijk\x1fteam\n")
    err = _fails(run, "check", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert f"{path}, regel {len(lines)}: hier staat een onzichtbaar stuurteken (#x001f)" in err


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


def _odt(path: Path) -> None:
    import zipfile
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")


@pytest.mark.parametrize("name, kind", [
    ("training.docx", "een Word-document"),
    ("training.yaml", "een Word-document"),  # a Word document saved under the training file's name
    ("training.doc", "een Word-document"),
    ("training.xlsx", "een Excel-werkmap"),
    ("training.pdf", "een PDF"),
    ("training.odt", "een document van LibreOffice"),
    ("training.rtf", "opgemaakte tekst (RTF) en geen platte tekst (in TextEdit: Opmaak > Maak platte tekst)"),
])
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
        path.write_text("{\\rtf1\\ansi organisatie: Welzijn}", encoding="utf-8")
    for command in ("check", "build"):
        err = _fails(run, command, str(path), "--out", str(tmp_path / "uit")) if command == "build" else \
            _fails(run, command, str(path))
        assert err == (f"Fout: {path} is {kind}; desi-pack verwacht hier het trainingsbestand: een tekstbestand als "
                       "training.yaml, dat u begint met desi-pack init en bewerkt in Kladblok of TextEdit.\n")
    assert not (tmp_path / "uit").exists()
