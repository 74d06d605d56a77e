"""A trainer's own templates as Word saves them (issue 23): by a Dutch Word (localised style ids), as a
Word template (.dotx), in Strict Open XML. How each is made is said beside it (tests/as_saved.py)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

from desi_pack.pack.build import build
from desi_pack.resources import templates_dir
from desi_pack.training.config import load_training
from tests.as_saved import as_dutch_word, as_strict, as_word_template, parts, style_references
from tests.docx_text import body_lines

TEMPLATES = ("draaiboek.docx", "huiswerk.docx", "formulier.docx")


def test_templates_saved_by_a_dutch_word_keep_their_tables_and_headings(tmp_path):
    """Every style a document refers to exists in it and is the style meant (by its name, the same
    as with the built-in templates): the forms' tables keep their lines, the headings their look."""
    own = tmp_path / "sjablonen"
    own.mkdir()
    for name in TEMPLATES:
        (own / name).write_bytes(as_dutch_word((templates_dir() / name).read_bytes()))
    assert b'w:styleId="Tabelraster"' in parts((own / "formulier.docx").read_bytes())["word/styles.xml"]
    training = load_training(None)
    dutch = build(training, tmp_path / "nl", [2], templates_dir=own).root
    english = build(training, tmp_path / "en", [2]).root
    documents = sorted(p.relative_to(dutch) for p in dutch.rglob("*.docx"))
    assert documents == sorted(p.relative_to(english) for p in english.rglob("*.docx"))
    assert any(p.name.startswith("printen-") for p in documents) and any(p.parent.name == "uitdelen" for p in documents)
    for document in documents:
        references = style_references(dutch / document)
        missing = sorted({style for _, style, name in references if name is None})
        assert missing == [], (document, missing)
        meant = [(part, name) for part, _, name in style_references(english / document)]
        assert [(part, name) for part, _, name in references] == meant, document


def _own(folder: Path, name: str, extra: str) -> bytes:
    """The built-in template `name` with one paragraph added, as python-docx saves it."""
    folder.mkdir(exist_ok=True)
    doc = Document(templates_dir() / name)
    doc.add_paragraph(extra)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.mark.parametrize("saved_as", ["dotx", "strict"])
def test_a_template_saved_as_a_word_template_or_strict_is_used(run, tmp_path, saved_as):
    """Word's "Word-sjabloon (*.dotx)" (tests/as_saved.py, as_word_template) and "Strict Open
    XML-document" (as_strict): the build uses it, as it uses a .docx."""
    own = tmp_path / "eigen"
    blob = _own(own, "draaiboek.docx", "Huisstijl {{ organisatie }}")
    if saved_as == "dotx":
        (own / "draaiboek.dotx").write_bytes(as_word_template(blob))
    else:
        (own / "draaiboek.docx").write_bytes(as_strict(blob))
    code, _, err = run(
        "build", "--voorbeeld", "--out", str(tmp_path / "out"), "--templates", str(own), "--bijeenkomst", "1"
    )
    assert (code, err) == (0, "")
    made = tmp_path / "out" / "welzijn-rivierenland" / "bijeenkomst-1" / "draaiboek-bijeenkomst-1.docx"
    assert "Huisstijl Welzijn Rivierenland" in body_lines(made)
    assert b"template.main+xml" not in parts(made.read_bytes())["[Content_Types].xml"]


@pytest.mark.parametrize(
    "files, expected",
    [
        (
            ("draaiboek.docx", "draaiboek.dotx"),
            (
                "{own}/draaiboek.dotx: naast dit Word-sjabloon staat ook draaiboek.docx; desi-pack weet niet welk van de twee "
                "u bedoelt. Haal het ene weg (of geef het een andere naam) en probeer het opnieuw."
            ),
        ),
        (
            ("draaiboek.dotm",),
            (
                "{own}/draaiboek.dotm: dit is een Word-sjabloon met macro's (.dotm); een eigen sjabloon wordt alleen als "
                "Word-document gelezen. Open het in Word en kies Opslaan als > Word-document (.docx): draaiboek.docx."
            ),
        ),
        (
            ("huiswerk.doc",),
            (
                "{own}/huiswerk.doc: dit is een oud Word-document (.doc); een eigen sjabloon wordt alleen als Word-document "
                "gelezen. Open het in Word en kies Opslaan als > Word-document (.docx): huiswerk.docx."
            ),
        ),
        (
            ("draaiboekje.dotx",),
            (
                "{own}/draaiboekje.dotx: desi-pack kent geen sjabloon met deze naam; een eigen sjabloon heet zoals het "
                "ingebouwde dat het vervangt (draaiboek.docx, formulier.docx, huiswerk.docx). Bedoelde u draaiboek.dotx?"
            ),
        ),
    ],
    ids=["docx-en-dotx", "dotm", "doc", "onbekende-naam"],
)
def test_a_template_that_cannot_be_used_as_saved_is_named_with_what_to_do(run, tmp_path, files, expected):
    own = tmp_path / "eigen"
    blob = _own(own, "draaiboek.docx", "Huisstijl")
    for name in files:
        (own / name).write_bytes(as_word_template(blob) if name.endswith(".dotx") else blob)
    code, out, err = run("build", "--voorbeeld", "--out", str(tmp_path / "out"), "--templates", str(own))
    assert (code, out) == (1, "")
    assert err == f"Fout: {expected.format(own=own)}\n"
    assert not (tmp_path / "out").exists()
