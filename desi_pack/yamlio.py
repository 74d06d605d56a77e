"""Reading YAML files: plain values only, with the line of every value kept.

The loader deliberately leaves dates and clock times as text: PyYAML would turn
``2027-02-30`` into a crash and an unquoted ``13:30`` into the number 810 (YAML 1.1
sexagesimal). Validation turns the text into dates and times with a clear message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from desi_pack.errors import ConfigError, InputError
from desi_pack.files import read_input

KeyPath = tuple  # a path into the data: ("bijeenkomsten", 2, "datum")


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamps and without sexagesimal numbers."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
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

# PyYAML's problems in words a trainer understands.
_YAML_PROBLEMS = {
    "mapping values are not allowed here": (
        "hier staat een ':' die niet kan; zet tekst met een ':' tussen aanhalingstekens"
    ),
    "could not find expected ':'": "er ontbreekt een ':' achter een sleutel",
    "found character '\\t' that cannot start any token": (
        "er staat een tab; gebruik spaties om in te springen"
    ),
    "found unexpected end of stream": "het bestand houdt midden in een waarde op",
    "found undefined alias": "er staat een '*' die nergens naar verwijst",
    "expected <block end>, but found '-'": "een '-' staat niet goed ingesprongen",
    "expected <block end>, but found '<block mapping start>'": (
        "de inspringing klopt niet"
    ),
    "expected <block end>, but found '<scalar>'": "de inspringing klopt niet",
    "did not find expected key": "de inspringing klopt niet",
    "did not find expected '-' indicator": "een lijst-item ('- ') staat niet goed ingesprongen",
    "found duplicate anchor": "een anker ('&') komt twee keer voor",
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


def field_path(loc: tuple) -> str:
    """Write a location as `bijeenkomsten[3].datum` (list positions count from 1)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def read_text(path: Path) -> str:
    """Return the text of a UTF-8 file, or raise an InputError in Dutch."""
    raw = read_input(path, "een YAML-bestand")
    if b"\x00" in raw:
        raise InputError(f"{path}: dit is geen tekstbestand; verwacht een YAML-bestand.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{path}: dit bestand is geen UTF-8-tekst (fout bij byte {err.start}); "
            "sla het op als UTF-8."
        ) from err


def load_yaml(path: Path, text: str | None = None) -> YamlDocument:
    """Parse a YAML file into plain data, remembering the line of each value."""
    if text is None:
        text = read_text(path)
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as err:  # checked before parsing: a character YAML refuses
        line = text.count("\n", 0, err.position) + 1
        problem = (f"{path}, regel {line}: hier staat een onzichtbaar stuurteken (#x{err.character:04x}); "
                   "typ die regel opnieuw.")
        raise ConfigError(str(path), [problem]) from err
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        raise ConfigError(str(path), [_yaml_problem(path, err)]) from err
    except yaml.YAMLError as err:
        raise ConfigError(str(path), [f"{path}: dit is geen geldige YAML."]) from err
    finally:
        loader.dispose()
    doc = YamlDocument(str(path), data)
    if node is not None:
        duplicates: list[str] = []
        _record_lines(node, (), doc.lines, duplicates)
        if duplicates:
            raise ConfigError(str(path), [f"{path}, {d}" for d in duplicates])
    return doc


def _yaml_problem(path: Path, err: yaml.MarkedYAMLError) -> str:
    mark = err.problem_mark or err.context_mark
    where = f", regel {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
    problem = (err.problem or "").strip()
    if problem.startswith("found character") and "cannot start any token" in problem:
        problem = problem if "\\t" in problem else "found character"
    explained = _YAML_PROBLEMS.get(problem)
    if explained is None and problem.startswith("found character"):
        explained = "hier staat een teken waarmee geen waarde kan beginnen; zet de tekst tussen aanhalingstekens"
    if explained is None and "duplicate" in problem:
        explained = "een sleutel komt twee keer voor"
    if explained is None:
        explained = "de opbouw van het bestand klopt hier niet"
    return f"{path}{where}: {explained}."


def _record_lines(node: yaml.Node, path: KeyPath, lines: dict, duplicates: list[str]) -> None:
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
                duplicates.append(
                    f"regel {line}: {field_path(path + (name,))}: deze sleutel staat er al "
                    f"(regel {first}); laat er één over."
                )
                continue
            lines[path + (name, "__key__")] = line
            _record_lines(value, path + (name,), lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines, duplicates)
