"""Reading YAML files: plain values only, with the line of every value kept.

The loader deliberately leaves dates and clock times as text: PyYAML would turn
``2027-02-30`` into a crash and an unquoted ``13:30`` into the number 810 (YAML 1.1
sexagesimal). Validation turns the text into dates and times with a clear message.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from desi_pack.errors import ConfigError, InputError, Problem
from desi_pack.files import read_input
from desi_pack.text import CONTROL, CONTROL_PROBLEM

KeyPath = tuple  # a path into the data: ("bijeenkomsten", 2, "datum")


MAX_BYTES = 1024 * 1024  # a training file is a few kB; a megabyte is a paste gone wrong


MAX_NODES = 100_000  # values after following every alias (*); a training file has a few hundred


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamps, decimal fractions and sexagesimal numbers, that notes
    anchors (&) and aliases (*): an anchor nothing refers to is a value that began with '&'."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.aliased.add(event.anchor)
        elif getattr(event, "anchor", None):
            self.anchored.append(event)
        return super().compose_node(parent, index)

    anchored: list
    aliased: set


# Text stays text: a date or a clock time is validated later with a clear message, and an
# unquoted 13.30 or 6.10 is what the trainer typed, not the number 13.3 or 6.1.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_INT = re.compile(
    r"""^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$""",
    re.VERBOSE,
)
for _first, _resolvers in _Loader.yaml_implicit_resolvers.items():
    _Loader.yaml_implicit_resolvers[_first] = [
        (tag, _INT if tag == "tag:yaml.org,2002:int" else rx) for tag, rx in _resolvers
    ]

# libyaml's loader with the same resolvers, where PyYAML was built with libyaml (its wheels are);
# without it every file is parsed by the Python parser, only slower.
_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


# PyYAML's problems in words a trainer understands.
_YAML_PROBLEMS = {
    "mapping values are not allowed here": (
        "hier staat een ':' die niet kan; zet tekst met een ':' tussen aanhalingstekens"
    ),
    "could not find expected ':'": "er ontbreekt een ':', zoals in 'gemeente: Tiel'",
    "found character '\\t' that cannot start any token": ("er staat een tab; gebruik spaties om in te springen"),
    "found unexpected end of stream": "het bestand houdt midden in een waarde op",
    "found undefined alias": "een tekst die met '*' begint, zet u tussen aanhalingstekens",
    "expected <block end>, but found '-'": "een '-' staat niet goed ingesprongen",
    "expected <block end>, but found '<block mapping start>'": ("de inspringing klopt niet"),
    "expected <block end>, but found '<scalar>'": "de inspringing klopt niet",
    "expected <block end>, but found '?'": "de inspringing klopt niet",
    "did not find expected key": "de inspringing klopt niet",
    "did not find expected '-' indicator": "een lijst-item ('- ') staat niet goed ingesprongen",
    "found duplicate anchor": "een tekst die met '&' begint, zet u tussen aanhalingstekens",
    "expected ',' or '}', but got '<stream end>'": "er ontbreekt een '}'",
    "expected ',' or ']', but got '<stream end>'": "er ontbreekt een ']'",
}


@dataclass
class YamlDocument:
    """The plain data of a YAML file and the line on which each value starts."""

    path: str
    data: Any
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line_of(self, path: KeyPath) -> int | None:
        """Return the line of the value at path, or of its nearest parent."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


# What a file given instead of the training file is, by its first bytes (its name may say otherwise).
_DOCUMENTS = {
    b"%PDF": "een PDF",
    b"{\\rtf": "opgemaakte tekst (RTF)",
    b"\x89PNG": "een afbeelding",
    b"\xff\xd8\xff": "een afbeelding",
    b"\xd0\xcf\x11\xe0": "een Word-document",
}
_IN_ZIP = {
    "word/document.xml": "een Word-document",
    "xl/workbook.xml": "een Excel-werkmap",
    "content.xml": "een document van LibreOffice",
}
TRAINING_FILE = (
    "desi-pack verwacht hier het trainingsbestand: een tekstbestand als training.yaml, dat u begint met "
    "desi-pack init en bewerkt in Kladblok of TextEdit"
)


def _document_kind(path: Path, raw: bytes) -> str | None:
    """'een Word-document', 'een PDF', … for a file that is no text at all, or opgemaakte tekst (RTF)."""
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        return next((kind for name, kind in _IN_ZIP.items() if name in names), "een zip-bestand")
    for start, kind in _DOCUMENTS.items():
        if raw.startswith(start):
            return "een Excel-werkmap" if kind == "een Word-document" and path.suffix.lower() == ".xls" else kind
    return None


def quoted(text: str) -> str:
    """The text between quotes, as a trainer writes it in the file and it is read back unchanged."""
    return f"'{text.replace(chr(39), chr(39) * 2)}'" if '"' in text or "\\" in text else f'"{text}"'


def read_text(path: Path) -> str:
    """Return the text of a UTF-8 file (or UTF-16 with its byte order mark), or raise an InputError in Dutch
    (a Word document, PDF or workbook given instead is named as such)."""
    raw = read_input(path, "het trainingsbestand (training.yaml)")
    kind = _document_kind(path, raw)
    if kind:
        hint = " en geen platte tekst (in TextEdit: Opmaak > Maak platte tekst)" if kind.endswith("(RTF)") else ""
        raise InputError(f"{path} is {kind}{hint}; {TRAINING_FILE}.")
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"{path}: dit bestand is {len(raw) / 1024 / 1024:.0f} MB; een trainingsbestand is "
            f"hoogstens {MAX_BYTES // 1024 // 1024} MB. Is er per ongeluk iets anders in geplakt?"
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Windows' Notepad saves "Unicode" so
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        if raw[1:200:2].count(0) > 50 or raw[0:200:2].count(0) > 50:
            raise InputError(
                f"{path}: dit bestand is opgeslagen als UTF-16 (Unicode) zonder kenmerk; sla het op "
                "als UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8)."
            )
        raise InputError(f"{path}: dit is geen tekstbestand; {TRAINING_FILE}.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: dit bestand is geen UTF-8-tekst (fout bij byte {err.start}); sla het op als UTF-8."
        ) from err


def load_yaml(
    path: Path, text: str | None = None, *, fast: bool = False, path_keys: tuple[str, ...] = ()
) -> YamlDocument:
    """Parse a YAML file into plain data, remembering the line of each value.

    A value of one of `path_keys` in double quotes is a Windows path as Explorer copies it, read
    with its backslashes as typed (`_windows_paths`).

    With fast=True (the course data in sessions/, about 60 kB, read on every build and check)
    libyaml parses it, ten times faster than PyYAML's Python parser (80 ms), with the same
    values and lines (tests/test_yamlio.py). A file with anchors, aliases or tags (&, *, !), or
    one libyaml refuses, is parsed again the careful way, with the messages and rules of every
    file. libyaml accepts a few odd texts PyYAML refuses (a tab after a value): not for a
    trainer's own file, then.

    A text given is parsed once for the last few texts (the page checks the same training file
    several times a request): the document returned is then shared, and is read, never changed.
    """
    if text is None:
        return _parsed(path, read_text(path), fast, path_keys)
    return _parsed_text(str(path), text, fast, path_keys)


@functools.lru_cache(maxsize=8)
def _parsed_text(path: str, text: str, fast: bool, path_keys: tuple[str, ...]) -> YamlDocument:
    return _parsed(Path(path), text, fast, path_keys)


def _parsed(path: Path, text: str, fast: bool, path_keys: tuple[str, ...]) -> YamlDocument:
    _refuse_control(path, text)
    text = as_read(text, path_keys)
    if fast:
        parsed = _parsed_fast(text, path)
        if parsed is not None:
            return _document(path, *parsed)
    node, data = _parsed_carefully(path, text)
    return _document(path, node, data)


def as_read(text: str, path_keys: tuple[str, ...] = ()) -> str:
    """`text` as YAML reads what the trainer meant: non-breaking spaces as indentation made spaces,
    a Windows path in double quotes put in single quotes; one character for one, so every line and
    column stays. For another YAML library that must see the same values (training.editing)."""
    return _windows_paths(_nbsp_indents(text), path_keys)


# Spaces at the start of a line, and after a list's dash, with a non-breaking space among them.
_NBSP_INDENT = re.compile("^(?=[ -]*\u00a0)[ \u00a0]*(?:-[ \u00a0]+)*", re.MULTILINE)
# A line that starts a list item or a key; any other line goes on with the text above.
_STARTS_ITEM_OR_KEY = re.compile("[ \u00a0]*(?:-[ \u00a0]|[^\\s:#-][^:\n]*:(?:[ \u00a0]|$))", re.MULTILINE)


def _nbsp_indents(text: str) -> str:
    """Non-breaking spaces as indentation (a list copied from a web page or Word) as the spaces
    they look like: YAML counts only spaces, and read such a line as part of the text above.
    One character for one, so every line and column stays where it was. On a line that goes on
    with a long text above it, a non-breaking space is part of the text, as typed."""

    def as_spaces(found: re.Match[str]) -> str:
        if not _STARTS_ITEM_OR_KEY.match(text, found.start()):
            return found[0]
        return found[0].replace("\u00a0", " ")

    return _NBSP_INDENT.sub(as_spaces, text)


def _windows_paths(text: str, keys: tuple[str, ...]) -> str:
    """Windows paths in double quotes, as Explorer's "Kopiëren als pad" copies them
    ("C:\\Users\\Anna\\logo.png", "\\\\server\\map"), written in single quotes (the same length: lines
    and columns stay). In double quotes YAML reads a backslash as the start of an escape (\\U, \\x,
    \\a) and the path fell apart; single quotes take every backslash as typed. Only for `keys`,
    the values that are a path: elsewhere a backslash in double quotes is YAML's escape, as a
    program writes it ("\\\\" for one backslash, "\\t" for a tab)."""
    if not keys:
        return text
    named = "|".join(map(re.escape, keys))
    pattern = re.compile(rf"""^(\s*(?:{named}):\s+)"((?:[A-Za-z]:\\|\\\\)[^"'\n]*)"(?=\s*(?:#.*)?$)""", re.MULTILINE)
    return pattern.sub(lambda found: f"{found[1]}'{found[2]}'", text)


def _refuse_control(path: Path, text: str) -> None:
    """Refuse a character no one types (text.CONTROL) anywhere in the file, with its line. YAML's
    reader refuses nearly the same ones, but reads U+0085 as a line break; one written as an escape
    in quotes ("\\x01") reaches a value, where the validation of the text refuses it."""
    found = CONTROL.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise ConfigError(str(path), [Problem.at(path, CONTROL_PROBLEM, line)])


def _parsed_fast(text: str, path: Path = Path("?")) -> tuple[yaml.Node | None, Any] | None:
    """The node tree and data libyaml makes of a plain file; None when the careful parser must decide."""
    if _FastLoader is None:
        return None
    try:
        # Anchors and aliases have rules of their own here; a tag (!) libyaml reads a little differently.
        if any(
            isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) or getattr(event, "tag", None)
            for event in yaml.parse(text, Loader=_FastLoader)
        ):
            return None
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            if isinstance(node, yaml.ScalarNode) and not node.value:
                return None  # an empty document ('---'): libyaml places it a line later
            _read_as_typed(path, text, node)
            return node, loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return None  # the careful parser says what is wrong, with its line


def _parsed_carefully(path: Path, text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree and data of PyYAML's Python parser, with every rule of this module checked."""
    loader = _Loader(text)  # without the characters its reader refuses (see _refuse_control)
    loader.anchored, loader.aliased = [], set()
    try:
        node = loader.get_single_node()
        unused = [event for event in loader.anchored if event.anchor not in loader.aliased]
        if unused:
            raise ConfigError(str(path), [_anchor_problem(path, text, event) for event in unused])
        if node is not None and loader.aliased and _expanded_size(node, {}) > MAX_NODES:
            raise ConfigError(
                str(path),
                [
                    f"{path}: de verwijzingen (*) in dit bestand worden samen meer dan {MAX_NODES:,} waarden; "
                    "zo groot is geen trainingsbestand. Schrijf de waarden uit zonder & en *.".replace(",", ".")
                ],
            )
        _read_as_typed(path, text, node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        raise ConfigError(str(path), [_yaml_problem(path, err)]) from err
    except yaml.YAMLError as err:
        raise ConfigError(
            str(path),
            [
                (
                    f"{path}: de opbouw van dit bestand klopt niet; vergelijk het met het "
                    "startbestand dat desi-pack init schrijft."
                )
            ],
        ) from err
    finally:
        loader.dispose()
    return node, data


_STR = "tag:yaml.org,2002:str"
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as the end of a line


def _read_as_typed(path: Path, text: str, node: yaml.Node | None) -> None:
    """Read the plain texts of a hand-typed file as the trainer meant them, or say what to change.

    Three typing mistakes YAML itself passes in silence, each in a text typed without quotes.
    A ' #' ends the text and starts a comment; after a text, how it was typed says what was meant:
    - one space before and none after (`Dorpshuis #zaal 2, Geldermalsen`, `Volg ons #DESI`): part
      of the text, as a house number or hashtag is meant, and read so;
    - two spaces or more before (`Tiel      # verplicht`): a comment, aligned as the README's
      examples align theirs;
    - one space before and one after (`Bibliotheek # zaal 2`): either, so the trainer is asked
      (quotes around the whole, or the comment on a line of its own).
    A list line indented one step too far (`    - Henk Kuipers` under `  - Fatima El Idrissi`)
    would be glued to the item above, and a dash without a space (`-Kees Bosman`) would make no
    list item: both are named with their line. Comments after numbers, quoted texts and lists in
    brackets (the starter file's) are none of these and stay comments. Raises ConfigError with
    every problem.
    """
    if node is None:
        return
    lines = _LINE_BREAK.split(text)
    problems: list[Problem] = []
    _typed(path, lines, node, (), set(), problems)
    if problems:
        raise ConfigError(str(path), problems)


def _typed(path: Path, lines: list[str], node: yaml.Node, loc: KeyPath, seen: set, problems: list[Problem]) -> None:
    if id(node) in seen:  # an alias (*) to a value already seen, or to itself
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        children = [(key.value if isinstance(key, yaml.ScalarNode) else "?", value) for key, value in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = list(enumerate(node.value))
    else:
        return
    for index, (name, child) in enumerate(children):
        curly = None if node.flow_style else _curly(lines, child)
        if curly is not None:  # “Welzijn & Zorg”, ‘Kees: de vrijwilliger’: read as if in straight quotes
            child = yaml.ScalarNode(_STR, curly, child.start_mark, child.end_mark, style='"')
            node.value[index] = child if isinstance(node, yaml.SequenceNode) else (node.value[index][0], child)
        if isinstance(child, yaml.ScalarNode):
            if not node.flow_style and not child.style and child.tag == _STR:
                problem = _plain_text(lines, child, isinstance(node, yaml.SequenceNode))
                if problem:
                    problems.append(Problem.at(path, problem[1], problem[0], loc + (name,)))
        else:
            _typed(path, lines, child, loc + (name,), seen, problems)


# A whole value between the quotes Word and TextEdit make of typed ones: “…” and „…” (Dutch Word),
# ‘…’. Inside, no quote of the same kind: “Welzijn” & “Zorg” is two quoted texts, not one; an
# apostrophe in a word (Ans’ boek, ’s-Hertogenbosch) is no closing quote.
_CURLY = re.compile(r"^[“„”]([^“”„]*)[”“]$|^[‘’]((?:[^‘’]|’(?=\w))*)[’‘]$")
CURLY_PROBLEM = (
    'staat tussen gekrulde aanhalingstekens zoals Word ze maakt; typ gewone aanhalingstekens " of laat ze weg'
)


def _curly(lines: list[str], node: yaml.Node) -> str | None:
    """The text of a value typed between curly quotes on one line, or None. YAML knows only straight
    quotes, so it read `“13:30”` as a text with the quotes in it, and `- ‘Kees: de vrijwilliger’` as a
    name ‘Kees with a value: the text is taken from the line as typed."""
    if isinstance(node, yaml.ScalarNode) and not node.style and node.tag == _STR:
        start, end = node.start_mark, node.end_mark
    elif (
        isinstance(node, yaml.MappingNode)
        and len(node.value) == 1
        and not node.flow_style
        and all(isinstance(n, yaml.ScalarNode) and not n.style for n in node.value[0])
    ):
        start, end = node.value[0][0].start_mark, node.value[0][1].end_mark
    else:
        return None
    if start.line != end.line or start.line >= len(lines):
        return None
    found = _CURLY.match(lines[start.line][start.column : end.column])
    return None if found is None else found[1] if found[1] is not None else found[2]


def _plain_text(lines: list[str], node: yaml.ScalarNode, in_list: bool) -> tuple[int, str] | None:
    """(line, what to change) for a text typed without quotes that YAML reads otherwise than
    meant; a text with a '#' glued to a word after it gets that part back (node.value)."""
    start, end = node.start_mark, node.end_mark
    first = lines[start.line]
    if not first[: start.column].strip() and re.match(r"-[^\W\d_]", node.value):
        # The text begins its line with a dash and a letter: a list item missing its space.
        return start.line + 1, f"zet een spatie achter het streepje, zo: - {first.strip()[1:]}"
    for number in range(start.line + 1, end.line + 1):
        line = lines[number].strip()
        if line == "-" or line.startswith("- "):
            fix = (
                f"zet het streepje recht onder dat van regel {start.line + 1}"
                if in_list
                else "laat het streepje even ver inspringen als de andere regels van de lijst"
            )
            return (
                number + 1,
                (f"'{line}' springt verder in dan de regel erboven en wordt zo een deel van '{node.value}'; {fix}."),
            )
    rest = lines[end.line][end.column :].rstrip()
    comment = rest.lstrip()
    if not comment.startswith("#") or comment == "#" or len(rest) - len(comment) > 1:
        return None  # no comment, an empty one, or one set apart from the text
    if comment[1] not in " \t":  # '#zaal', '#2': part of the text
        node.value += rest
        return None
    prefix = first[: start.column].strip()
    written = f"{prefix}{' ' if prefix else ''}{quoted(node.value + rest)}"
    return (
        end.line + 1,
        (
            f"de tekst na '#' ('{comment[1:].strip()}') valt weg, want een '#' na een "
            "spatie begint een opmerking. Hoort het bij de tekst, zet dan alles tussen "
            f"aanhalingstekens: {written}; is het een opmerking, zet die dan op een eigen "
            "regel."
        ),
    )


def _document(path: Path, node: yaml.Node | None, data: Any) -> YamlDocument:
    """The data with the line of every value; an error for a key that is there twice."""
    doc = YamlDocument(str(path), data)
    if node is not None:
        duplicates: list[tuple[int, KeyPath, str]] = []
        _record_lines(node, (), doc.lines, duplicates)
        if duplicates:
            raise ConfigError(str(path), [Problem.at(path, message, line, loc) for line, loc, message in duplicates])
    return doc


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """How many values the node holds with every alias followed (each shared node counted once per use)."""
    if id(node) not in sizes:
        sizes[id(node)] = 0  # a node that contains itself is counted once
        children = (
            node.value
            if isinstance(node, yaml.SequenceNode)
            else [n for pair in node.value for n in pair]
            if isinstance(node, yaml.MappingNode)
            else []
        )
        sizes[id(node)] = min(1 + sum(_expanded_size(child, sizes) for child in children), MAX_NODES + 1)
    return sizes[id(node)]


def _anchor_problem(path: Path, text: str, event) -> Problem:
    """A value that began with '&': YAML took the first word for an anchor and dropped it."""
    line = event.start_mark.line + 1
    source = text.splitlines()[line - 1] if line <= text.count("\n") + 1 else ""
    key, colon, value = source.partition(":")
    start = value.strip() if colon else ""
    quoted = f'{key.strip()}: "{start}"' if start.startswith("&") else "de tekst tussen aanhalingstekens"
    return Problem.at(
        path,
        f"deze waarde begint met '&{event.anchor}', en een '&' vooraan heeft een eigen "
        f"betekenis: '&{event.anchor}' zou wegvallen. Zet de tekst tussen aanhalingstekens: {quoted}",
        line,
    )


def _quotes_in_quotes(text: str, mark) -> tuple[int, str] | None:
    """A value like "Stichting "De Linde"": quotes inside quotes end the text too early."""
    lines = text.splitlines()
    for number in (mark.line, mark.line - 1):
        line = lines[number] if 0 <= number < len(lines) else ""
        match = re.match(r"""\s*(?:-\s*)?([^:#]+):\s*("[^"]*"\s*[^\s#,\]}].*)$""", line)
        if match:  # show the user's own line with single quotes around it
            key, value = match[1].strip(), match[2].strip()
            value = value[1:-1] if value.endswith('"') else value[1:]  # the quotes the user put around it
            return (
                number + 1,
                (
                    "hier staan aanhalingstekens binnen aanhalingstekens. Zet enkele "
                    f"aanhalingstekens om een tekst met \" erin: {key}: '{value}'."
                ),
            )
    return None


def _no_space_after_dash(text: str, err: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """A list item typed `-Kees Bosman` among items with a space: the line and how to write it."""
    lines = _LINE_BREAK.split(text)
    for mark in (err.context_mark, err.problem_mark):
        if mark is None:
            continue
        line = lines[mark.line] if mark.line < len(lines) else ""
        if re.match(r"\s*-[^\W\d_]", line):
            return mark.line + 1, f"zet een spatie achter het streepje, zo: - {line.strip()[1:]}"
    return None


def _missing_colon(text: str, err: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """A line typed without its ':' (`organisatie Welzijn`): the line and how to write it."""
    lines = _LINE_BREAK.split(text)
    if err.problem == "could not find expected ':'" and err.context_mark is not None:
        number = err.context_mark.line  # where the text began that should have been a name with ':'
    elif err.problem == "mapping values are not allowed here" and err.problem_mark is not None:
        number = err.problem_mark.line - 1  # the line above was read as the start of a text
        if number < 0 or _indent(lines[number]) != _indent(lines[number + 1]):
            return None
    else:
        return None
    line = lines[number].strip()
    if ":" in line or line.startswith(("-", "#", "'", '"')) or " " not in line:
        return None
    key, rest = line.split(" ", 1)
    return number + 1, f"er ontbreekt een ':' achter '{key}', zo: {key}: {rest}"


def _curly_line(text: str, err: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """A value between curly quotes that YAML could not read at all (`organisatie: “Zorg: thuis”`)."""
    lines = _LINE_BREAK.split(text)
    for mark in (err.problem_mark, err.context_mark):
        if mark is None:
            continue
        line = lines[mark.line] if mark.line < len(lines) else ""
        # Always a match: every part of the pattern may be empty.
        value = re.match(r"\s*(?:-\s+)?(?:[^\s“„‘’\"'#][^:#]*:\s+)?(.*?)\s*$", line)[1]  # type: ignore[index]
        if _CURLY.match(value):
            return mark.line + 1, f"de tekst {CURLY_PROBLEM}, zo: {line.strip()[: -len(value)]}{quoted(value[1:-1])}"
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _yaml_problem(path: Path, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    if mark is not None and mark.buffer:
        text = mark.buffer.rstrip("\0")
        typed = (
            _no_space_after_dash(text, err)
            or _missing_colon(text, err)
            or _curly_line(text, err)
            or _quotes_in_quotes(text, mark)
        )
        if typed:
            return Problem.at(path, typed[1], typed[0])
    problem = (err.problem or "").strip()
    if problem.startswith("found character") and "cannot start any token" in problem:
        problem = problem if "\\t" in problem else "found character"
    explained = _YAML_PROBLEMS.get(problem) or next(  # some name the value: "found undefined alias 'x'"
        (
            words
            for start, words in _YAML_PROBLEMS.items()
            if problem.startswith(start) or (err.context or "").startswith(start)
        ),
        None,
    )
    if explained is None and problem.startswith("found character"):
        explained = "hier staat een teken waarmee geen waarde kan beginnen; zet de tekst tussen aanhalingstekens"
    if explained is None and "duplicate" in problem:
        explained = "hier staat iets twee keer"
    if explained is None:
        explained = "de opbouw van het bestand klopt hier niet"
    return Problem.at(path, f"{explained}.", mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)


def _record_lines(node: yaml.Node, path: KeyPath, lines: dict, duplicates: list[tuple[int, KeyPath, str]]) -> None:
    """Note the line of every value; PyYAML would silently keep the last of two equal keys."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name is None:
                continue
            line = key.start_mark.line + 1
            first = lines.get(path + (name, "__key__"))
            if first is not None:
                duplicates.append((line, path + (name,), f"'{name}' staat er al (regel {first}); laat er één over."))
                continue
            lines[path + (name, "__key__")] = line
            _record_lines(value, path + (name,), lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, duplicates)
