"""A trainer's own templates as Word saves them (issue 23): by a Dutch Word (localised style ids), as a
Word template (.dotx), in Strict Open XML. How each is made is said beside it (tests/as_saved.py)."""

from __future__ import annotations

from desi_pack.pack.build import build
from desi_pack.resources import templates_dir
from desi_pack.training.config import load_training
from tests.as_saved import as_dutch_word, parts, style_references

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
