"""The trainer's own templates: override by name, sandboxed, errors that name the template."""

from __future__ import annotations

import pytest
from docx import Document

from desi_pack.resources import templates_dir
from tests.docx_text import body_lines


def _own_template(folder, name: str, extra: str):
    """A copy of a built-in template with one paragraph added at the end."""
    folder.mkdir(exist_ok=True)
    doc = Document(templates_dir() / name)
    doc.add_paragraph(extra)
    doc.save(folder / name)
    return folder


def test_own_template_replaces_the_built_in_one(run, tmp_path):
    own = _own_template(tmp_path / "eigen", "draaiboek.docx", "Huisstijl {{ organisatie }} – {{ gemeente }}")
    code, _, err = run(
        "build", "--voorbeeld", "--out", str(tmp_path / "out"), "--templates", str(own), "--bijeenkomst", "1"
    )
    assert (code, err) == (0, "")
    root = tmp_path / "out" / "welzijn-rivierenland"
    assert "Huisstijl Welzijn Rivierenland – Tiel" in body_lines(
        root / "bijeenkomst-1" / "draaiboek-bijeenkomst-1.docx"
    )
    # The other templates are still the built-in ones.
    assert not any(
        "Huisstijl" in line for line in body_lines(root / "bijeenkomst-1" / "huiswerk-voor-bijeenkomst-2.docx")
    )


def test_sjablonen_copies_the_built_in_templates_to_start_from(run, tmp_path):
    code, out, _ = run("sjablonen", str(tmp_path / "mijn"))
    assert code == 0 and "desi-pack build --templates" in out
    assert sorted(p.name for p in (tmp_path / "mijn").iterdir()) == [
        "draaiboek.docx",
        "formulier.docx",
        "huiswerk.docx",
    ]
    assert (tmp_path / "mijn" / "draaiboek.docx").read_bytes() == (templates_dir() / "draaiboek.docx").read_bytes()
    code, _, err = run("sjablonen", str(tmp_path / "mijn"))
    assert code == 1 and "bestaat al; desi-pack overschrijft het niet" in err


@pytest.mark.parametrize(
    "extra,expected",
    [
        ("{{ organistie }}", "het sjabloon gebruikt de variabele 'organistie', die niet bestaat; bekende variabelen: "),
        (
            "{{ organisatie.__class__.__mro__ }}",
            "het sjabloon vraagt '__class__' op; dat mag niet (sjablonen kunnen niet bij de binnenkant van Python",
        ),
        ("{{ cycler.__init__.__globals__.os.environ }}", "dat mag niet"),
        ("{% include '/etc/passwd' %}", "het sjabloon probeert een ander bestand te lezen; dat kan niet"),
        ("{{ organisatie ", "het sjabloon klopt niet: een {{ of {% staat niet goed"),
    ],
)
def test_template_mistakes_and_escapes_are_errors_naming_the_template(run, tmp_path, extra, expected):
    own = _own_template(tmp_path / "eigen", "draaiboek.docx", extra)
    code, _, err = run("build", "--voorbeeld", "--out", str(tmp_path / "out"), "--templates", str(own))
    assert code == 1
    assert err.startswith(f"Fout: {own / 'draaiboek.docx'}: ")
    assert expected in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()  # nothing written


def test_unknown_variable_lists_the_variables_that_exist(run, tmp_path):
    own = _own_template(tmp_path / "eigen", "huiswerk.docx", "{{ klaar_voor }}")
    _, _, err = run("build", "--voorbeeld", "--out", str(tmp_path / "out"), "--templates", str(own))
    assert "'klaar_voor', die niet bestaat" in err
    for name in ("klaar", "kop", "opdrachten", "organisatie", "volgende"):
        assert name in err.split("bekende variabelen: ")[1]


def test_templates_folder_must_exist_and_hold_known_names(run, tmp_path):
    code, _, err = run("build", "--voorbeeld", "--out", str(tmp_path / "out"), "--templates", str(tmp_path / "nergens"))
    assert code == 1 and err == (
        f"Fout: {tmp_path / 'nergens'}: bestaat niet; geef met --templates de map met uw eigen sjablonen.\n"
    )
    own = _own_template(tmp_path / "eigen", "draaiboek.docx", "x")
    (own / "draaiboek.docx").rename(own / "draaiboekje.docx")
    code, _, err = run("build", "--voorbeeld", "--out", str(tmp_path / "out"), "--templates", str(own))
    assert code == 1 and "desi-pack kent geen sjabloon met deze naam" in err and "Bedoelde u draaiboek.docx?" in err


def test_a_broken_docx_template_is_named(run, tmp_path):
    own = tmp_path / "eigen"
    own.mkdir()
    (own / "formulier.docx").write_bytes(b"dit is geen Word-bestand")
    code, _, err = run("build", "--voorbeeld", "--out", str(tmp_path / "out"), "--templates", str(own))
    assert code == 1 and f"{own / 'formulier.docx'}: dit is geen Word-document (.docx)" in err


def test_every_document_is_dutch_for_spelling_and_hyphenation(example_pack, tmp_path):
    """nl-NL in the defaults of every Word document, so Word and LibreOffice check Dutch."""
    import zipfile

    from desi_pack.resources import templates_dir
    from desi_pack.verwijskaart.verwijskaart import make_cards

    cards = make_cards(None, tmp_path).folder
    documents = [*example_pack.rglob("*.docx"), *templates_dir().glob("*.docx"), *cards.glob("*.docx")]
    assert len(documents) > 50
    for path in documents:
        styles = zipfile.ZipFile(path).read("word/styles.xml").decode("utf-8")
        assert '<w:lang w:val="nl-NL" w:eastAsia="nl-NL"' in styles, path.name


# WordprocessingML's on/off properties (CT_OnOff) that desi-pack, python-docx or a template may write.
ON_OFF = {
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "specVanish",
    "rtl",
    "cs",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "widowControl",
    "suppressLineNumbers",
    "suppressAutoHyphens",
    "contextualSpacing",
    "mirrorIndents",
    "bidi",
    "cantSplit",
    "tblHeader",
    "hidden",
    "noWrap",
    "tcFitText",
    "hideMark",
    "bidiVisual",
    "titlePg",
    "formProt",
    "noEndnote",
    "temporary",
    "showingPlcHdr",
    "qFormat",
    "semiHidden",
    "unhideWhenUsed",
    "locked",
}
# A table row's: Word's validator allows no value but 'on' or 'off' there; Word writes them without one.
ROW_ON_OFF = {"cantSplit", "tblHeader", "hidden"}


def test_every_on_off_property_is_written_as_word_writes_it(example_pack, second_pack, tmp_path):
    """On: the element without w:val (<w:cantSplit/>); off, where a style has it on: w:val="0" (<w:b
    w:val="0"/>), or, for a table row's, no element at all. Never w:val="1" or "true" (issue 22: the
    Open XML SDK's validator refused <w:cantSplit w:val="1"/> 92 times in 10 files)."""
    import zipfile

    from lxml import etree

    from desi_pack.resources import templates_dir
    from desi_pack.verwijskaart.verwijskaart import make_cards

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    cards = make_cards(None, tmp_path).folder
    documents = [
        *example_pack.rglob("*.docx"),
        *second_pack.rglob("*.docx"),
        *templates_dir().glob("*.docx"),
        *cards.glob("*.docx"),
    ]
    wrong, rows = [], 0
    for path in documents:
        package = zipfile.ZipFile(path)
        for part in (n for n in package.namelist() if n.startswith("word/") and n.endswith(".xml")):
            for element in etree.fromstring(package.read(part)).iter(f"{{{w}}}*"):
                name, value = etree.QName(element).localname, element.get(f"{{{w}}}val")
                rows += name == "cantSplit"
                if name in ON_OFF and value is not None and (value != "0" or name in ROW_ON_OFF):
                    wrong.append(f'{path.name} {part}: <w:{name} w:val="{value}"/>')
    assert wrong == []
    assert rows > 100
