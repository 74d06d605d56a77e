"""yamlio's two parsers: libyaml for the course data (fast=True), PyYAML's Python parser for the rest.

Whatever libyaml accepts must give the same values and lines as the careful parser; whatever
it refuses, or whatever has anchors or aliases, goes to the careful parser, so every rule and
message stays as it is for a trainer's own file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desi_pack import yamlio
from desi_pack.course import course as course_module
from desi_pack.errors import ConfigError
from desi_pack.resources import sessions_dir
from desi_pack.training.config import PATH_KEYS
from desi_pack.yamlio import load_yaml

needs_libyaml = pytest.mark.skipif(yamlio._FastLoader is None, reason="PyYAML zonder libyaml")


def outcome(text: str, fast: bool, path: Path = Path("t.yaml")):
    """The data and lines of a text, or the messages of its error."""
    try:
        doc = load_yaml(path, text, fast=fast)
    except ConfigError as err:
        return ("fout", err.problems)
    return (doc.data, doc.lines)


@needs_libyaml
@pytest.mark.parametrize("path", sorted(sessions_dir().glob("*.yaml")), ids=lambda p: p.name)
def test_the_course_data_reads_the_same_with_libyaml(path):
    fast, careful = load_yaml(path, fast=True), load_yaml(path)
    assert fast.data == careful.data and fast.lines == careful.lines


@needs_libyaml
def test_loading_the_course_does_not_use_the_python_parser(monkeypatch):
    def refuse(path, text):
        raise AssertionError(f"{path} met de Python-parser gelezen")

    monkeypatch.setattr(yamlio, "_parsed_carefully", refuse)
    course = course_module._load_course.__wrapped__(sessions_dir().resolve())
    assert len(course.meetings) == 5


# As TextEdit (Systeemvoorkeuren > Toetsenbord > Tekst: slimme aanhalingstekens, on by default) and
# Word (AutoCorrectie: "rechte aanhalingstekens" door 'gekrulde'; Dutch Word opens with „) type "…" and '…'.
CURLY = (
    "organisatie: “Welzijn & Zorg”\nstart: “13:30”  # begintijd\ngemeente: „Tiel”\n"
    "deelnemers:\n  - ‘Kees: de vrijwilliger’\n  - ’s-Hertogenbosch\n  - Ans’ boek\n  - “Anna” en “Kees”\n"
)

TRICKY = [
    "---",
    "--- \n",
    "---\n...\n",  # an empty document
    "start: 13.30\nparagraaf: 6.10\ndatum: 2027-02-30\n",  # text stays text
    "aantal: 012\nhex: 0x1F\nja: yes\nnee: ~\n",
    "a: 1\nb: 2\na: 3\n",  # a key twice
    "organisatie: &Zorg en Welzijn\n",  # an anchor nothing refers to
    "plek: &p Buurthuis\nlocatie: *p\n",  # anchor and alias: allowed
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"  # aliases past the limit
    + "".join(f"{b}: &{b} [{', '.join([f'*{a}'] * 10)}]\n" for a, b in zip("abcd", "bcde", strict=True))
    + "f: [*e, *e]\n",
    "locatie: *nergens\n",
    'naam: "Stichting "De Linde""\n',
    "a:\n  b: 1\n c: 2\n",
    "a: b: c\n",
    "a:\n\t- b\n",
    "a: [1, 2\n",
    "a: \x07\n",
    "- a\n- b: [c, {d: e}]\n-\n  - f\n",
    "",
    "# alleen commentaar\n",
    "a: 'tekst met ''quote'''\nb: |\n  regel 1\n  regel 2\nc: >\n  gevouwen\n  tekst\n",
    "? [a, b]\n: c\n",
    "a: !!str 12\nb: !!int '7'\n",
    "emoji: 😀 & <b>\n",
    "locatie: Dorpshuis De Kruisakker #zaal 2, Geldermalsen\n",  # a '#' glued to a word is text
    "locatie: Dorpshuis # zaal 2\n- a # b\n",  # a comment after a text: which was meant?
    "a:\n  - Fatima El Idrissi\n    - Henk Kuipers\n",  # a list line indented too far
    "a:\n  -Kees Bosman\n  - b\n",
    'duur: 240  # minuten\nkeuze: "8.3"  # of 8.2\nw: [a]  # x\n',  # comments that stay comments
    CURLY,
    "organisatie: “Zorg: thuis”\n",
]


@needs_libyaml
@pytest.mark.parametrize("text", TRICKY)
def test_libyaml_and_the_careful_parser_agree(text):
    assert outcome(text, fast=True) == outcome(text, fast=False)


@needs_libyaml
def test_anchors_and_problems_go_to_the_careful_parser():
    assert yamlio._parsed_fast("plek: &p x\nlocatie: *p\n") is None
    assert yamlio._parsed_fast("a: [1, 2\n") is None
    assert yamlio._parsed_fast("a: !\n") is None
    assert yamlio._parsed_fast("a: 1\n") is not None


YAMLISH = st.text(alphabet=list("ab1.:-&*[]{},'\"#!| \n\t\x07é😀"), max_size=40)


@needs_libyaml
@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_where_both_parsers_accept_a_text_they_read_the_same(text):
    # libyaml accepts a few texts PyYAML refuses ('1\t', '|#'): only the course data is read
    # with it, and test_the_course_data_reads_the_same_with_libyaml checks that data.
    fast, careful = outcome(text, fast=True), outcome(text, fast=False)
    if fast[0] != "fout" and careful[0] != "fout":
        assert fast == careful


def test_without_libyaml_every_file_is_read_carefully(monkeypatch):
    monkeypatch.setattr(yamlio, "_FastLoader", None)
    path = min(sessions_dir().glob("bijeenkomst-*.yaml"))
    assert load_yaml(path, fast=True).lines == load_yaml(path).lines


def test_an_error_in_the_course_data_names_its_line(tmp_path):
    for source in sessions_dir().glob("*.yaml"):
        (tmp_path / source.name).write_bytes(source.read_bytes())
    broken = tmp_path / "posters.yaml"
    lines = broken.read_text(encoding="utf-8").splitlines()
    assert lines[11].startswith("  kop:")
    lines[11] = "\t" + lines[11].lstrip()  # a tab where the indentation was
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        course_module.load_course(tmp_path)
    assert err.value.problems == [f"{broken}, regel 12, kolom 1: er staat een tab; gebruik spaties om in te springen."]


# Words of YAML and Python that a coordinator does not know: in no message about a file (issue 22).
JARGON = (
    "YAML",
    "yaml-",
    "sleutel",
    "waarde-paar",
    "lijst van sleutels",
    "string",
    "integer",
    "None",
    "boolean",
    "mapping",
    "dict",
    "parse",
    "item",
    "anker",
    "scalar",
    "token",
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(YAMLISH)
def test_no_message_uses_a_word_a_coordinator_does_not_know(text):
    found = outcome(text, fast=False)
    if found[0] == "fout":
        for problem in found[1]:
            assert not [word for word in JARGON if word in problem], problem


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "gemeente: Tiel\norganisatie Welzijn Rivierenland\nlocatie: x\n",
            "t.yaml, regel 2: er ontbreekt een ':' achter 'organisatie', zo: organisatie: Welzijn Rivierenland",
        ),
        (
            "organisatie Welzijn\ngemeente: Tiel\n",
            "t.yaml, regel 1: er ontbreekt een ':' achter 'organisatie', zo: organisatie: Welzijn",
        ),
        (
            "trainers:\n  - Anna\n  -Kees Bosman\n  - Piet\n",
            "t.yaml, regel 3: zet een spatie achter het streepje, zo: - Kees Bosman",
        ),
        (
            "organisatie: *Zorg\n",
            "t.yaml, regel 1, kolom 14: een tekst die met '*' begint, zet u tussen aanhalingstekens.",
        ),
    ],
)
def test_a_typing_mistake_yaml_refuses_is_named_with_its_line_and_fix(text, expected):
    assert outcome(text, fast=False) == ("fout", [expected])


@pytest.mark.parametrize("fast", [False, True])
def test_a_text_in_curly_quotes_is_read_as_in_straight_quotes_by_both_parsers(fast):
    assert load_yaml(Path("t.yaml"), CURLY, fast=fast).data == {
        "organisatie": "Welzijn & Zorg",
        "start": "13:30",
        "gemeente": "Tiel",
        "deelnemers": ["Kees: de vrijwilliger", "’s-Hertogenbosch", "Ans’ boek", "“Anna” en “Kees”"],
    }
    with pytest.raises(ConfigError) as caught:  # YAML cannot read it at all: said so, with the fix
        load_yaml(Path("t.yaml"), "gemeente: Tiel\norganisatie: “Zorg: thuis”\n", fast=fast)
    assert caught.value.problems == [
        (
            "t.yaml, regel 2: de tekst staat tussen gekrulde aanhalingstekens zoals Word ze maakt; typ gewone "
            'aanhalingstekens " of laat ze weg, zo: organisatie: "Zorg: thuis"'
        )
    ]


@pytest.mark.parametrize("fast", [False, True])
def test_a_hash_glued_to_a_word_is_read_as_typed_by_both_parsers(fast):
    text = "locatie: Dorpshuis De Kruisakker #zaal 2, Geldermalsen   \nsocial: Volg ons #DESI\nduur: 240 # min\n"
    assert load_yaml(Path("t.yaml"), text, fast=fast).data == {
        "locatie": "Dorpshuis De Kruisakker #zaal 2, Geldermalsen",
        "social": "Volg ons #DESI",
        "duur": 240,
    }


# Exactly what Explorer's "Kopiëren als pad" (Shift + right click on the file) puts on the clipboard, quotes included.
EXPLORER = 'logo: "C:\\Users\\Anna\\Pictures\\logo.png"\nsjablonen: "\\\\server\\desi\\x01 sjablonen"  # map\n'


@pytest.mark.parametrize("fast", [False, True])
def test_a_windows_path_in_double_quotes_is_read_as_the_path(fast):
    assert load_yaml(Path("t.yaml"), EXPLORER, fast=fast, path_keys=PATH_KEYS).data == {
        "logo": r"C:\Users\Anna\Pictures\logo.png",
        "sjablonen": r"\\server\desi\x01 sjablonen",
    }


# As a program writes text in double quotes (PyYAML, ruamel.yaml, the page): every backslash doubled,
# an invisible character as an escape. Only a path's value is read as Explorer copies it.
PROGRAM = 'organisatie: "Zorg \\\\ Welzijn"\ngemeente: "\\\\\\0"\nlogo: "\\\\server\\logo.png"\n'


@pytest.mark.parametrize("fast", [False, True])
def test_backslashes_in_double_quotes_are_yaml_escapes_outside_a_path(fast):
    assert load_yaml(Path("t.yaml"), PROGRAM, fast=fast, path_keys=PATH_KEYS).data == {
        "organisatie": "Zorg \\ Welzijn",
        "gemeente": "\\\x00",
        "logo": r"\\server\logo.png",
    }


# A participant list copied from a web page (or a Word table) into Kladblok: its indentation is
# non-breaking spaces (U+00A0, &nbsp;), which YAML does not count as spaces.
NBSP_LIST = (
    "organisatie: Welzijn\ndeelnemers:\n\u00a0 - Kees Bosman\n\u00a0\u00a0- Anna Bakker\n  -\u00a0Piet\n"
    "# de rest volgt\ngemeente: Tiel\n"
)


@pytest.mark.parametrize("fast", [False, True])
def test_non_breaking_spaces_as_indentation_are_read_as_spaces(fast):
    doc = load_yaml(Path("t.yaml"), NBSP_LIST, fast=fast)
    assert doc.data == {
        "organisatie": "Welzijn",
        "deelnemers": ["Kees Bosman", "Anna Bakker", "Piet"],
        "gemeente": "Tiel",
    }
    assert doc.line_of(("deelnemers", 1)) == 4 and doc.line_of(("gemeente",)) == 7


@pytest.mark.parametrize("fast", [False, True])
def test_a_non_breaking_space_that_starts_the_next_line_of_a_long_text_stays_text(fast):
    """A long text as a program folds it over two lines, the second beginning with a non-breaking space."""
    text = "locatie: Buurthuis De Linde, zaal\n  \u00a0Oost, Tiel\ngemeente: Tiel\n"
    assert load_yaml(Path("t.yaml"), text, fast=fast).data == {
        "locatie": "Buurthuis De Linde, zaal \u00a0Oost, Tiel",
        "gemeente": "Tiel",
    }
