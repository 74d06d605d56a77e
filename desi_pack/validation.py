"""Turning pydantic's validation errors into Dutch sentences with file, line and field."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeGuard, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from desi_pack.errors import ConfigError, Problem, in_order
from desi_pack.yamlio import YamlDocument, quoted

_Text = TypeVar("_Text", bound=str)  # a message, or a Problem (a str with its place)

_TYPE_NAMES = {
    "string_type": "tekst",
    "int_type": "een heel getal",
    "int_parsing": "een heel getal",
    "int_from_float": "een heel getal",
    "list_type": "een lijst",
    "bool_type": "ja of nee (true/false)",
    "bool_parsing": "ja of nee (true/false)",
}


def validate_document(doc: YamlDocument, model: Any) -> Any:
    """Validate YAML data against a model; raise one ConfigError with every problem."""
    adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
    root = model if isinstance(model, type) and issubclass(model, BaseModel) else None
    if root is not None and not isinstance(doc.data, dict):
        found = _describe(doc.data)
        raise ConfigError(
            doc.path,
            [(f"{doc.path}: het bestand bevat {found}; verwacht regels als 'organisatie: Welzijn Rivierenland', "
              "zoals in het startbestand dat desi-pack init schrijft.")],
        )
    try:
        return adapter.validate_python(doc.data)
    except ValidationError as err:
        problems = [_problem(doc, root, e) for e in _chosen_branches(doc.data, err.errors(include_url=False))]
        raise ConfigError(doc.path, in_order(problems)) from None


def _field_loc(data: Any, loc: tuple) -> tuple:
    """The error's location in the user's data: pydantic's names of union members left out, but
    never a key the user wrote (a key 'A' is no union member)."""
    kept, node = [], data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        if in_dict or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            kept.append(part)
            node = node[part]
        elif not _is_union_tag(part):
            kept.append(part)
            node = None
    return tuple(kept)


def _problem(doc: YamlDocument, root: type[BaseModel] | None, error: ErrorDetails) -> Problem:
    loc = _field_loc(doc.data, tuple(error["loc"]))
    line = doc.line_of(loc)
    if error["type"] == "extra_forbidden":
        line = doc.line_of(loc + ("__key__",)) or line
    elif error["type"] == "missing":
        line = doc.line_of(loc[:-1]) if len(loc) > 1 else None
    return Problem.at(doc.path, _message(doc, root, error, loc), line, loc)


def _message(doc: YamlDocument, root: type[BaseModel] | None, error: ErrorDetails, loc: tuple) -> str:
    """The sentence after the place: what is wrong with the value at `loc`, and what to do."""
    kind = error["type"]
    if kind == "extra_forbidden":
        known = _known_keys(root, loc[:-1])
        hint = _closest(str(loc[-1]), known)
        allowed = ", ".join(sorted(known)) if known else ""
        tail = f" Bedoelde u '{hint}'?" if hint else (f" Mogelijk: {allowed}." if allowed else "")
        return f"'{loc[-1]}' kent desi-pack hier niet.{tail}"
    if kind == "missing":
        # A missing key has no line of its own: _problem gives the line of what holds it.
        return "ontbreekt; deze waarde is verplicht."
    if kind == "string_type" and isinstance(error.get("input"), dict):
        return _colon_in_text(loc, error["input"])
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        keys = _known_keys(root, loc) or ["naam", "waarde"]
        expected = " en ".join(f"'{key}: …'" for key in keys[:2])
        return f"verwacht ingesprongen regels als {expected}, maar er staat {_describe(error.get('input'))}."
    if kind in _TYPE_NAMES:
        return f"verwacht {_TYPE_NAMES[kind]}, maar er staat {_describe(error.get('input'))}."
    ctx = error.get("ctx", {})
    if kind == "too_short":
        found = ctx.get("actual_length")
        return (f"{'de lijst is leeg' if not found else f'er staan er {found} in de lijst'}; er moet er "
                f"minstens {ctx.get('min_length')} in staan.")
    if kind == "too_long":
        return (f"er staan er {ctx.get('actual_length')} in de lijst; verwacht er hoogstens "
                f"{ctx.get('max_length')}.")
    if kind in ("greater_than_equal", "greater_than"):
        return f"{error.get('input')!r} is te klein; verwacht minstens {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"{error.get('input')!r} is te groot; verwacht hoogstens {ctx.get('le', ctx.get('lt'))}."
    if kind == "literal_error":
        # pydantic lists the choices in English ("'a', 'b' or 'c'").
        expected = str(ctx.get("expected")).replace("' or '", "' of '")
        return f"verwacht een van {expected}, maar er staat {_describe(error.get('input'))}."
    if kind == "value_error" or kind.startswith("nl_"):
        message = str(ctx.get("error", error["msg"])) if kind == "value_error" else error["msg"]
        return message
    return f"ongeldige waarde {_describe(error.get('input'))}."


def problem_at(doc: YamlDocument, loc: tuple, message: str, line_of: tuple | None = None) -> Problem:
    """A problem found after validation, in the same words: 'file, regel N: field: message';
    `line_of` names the value whose line is shown, when not the one at `loc` (a mapping's key)."""
    return Problem.at(doc.path, message, doc.line_of(line_of or loc), loc)


def _describe(value: Any) -> str:
    if value is None:
        return "niets"
    if isinstance(value, bool):
        return "ja/nee"
    if isinstance(value, dict):
        entries = [f"{key}: {'…' if isinstance(item, (dict, list)) else item}" for key, item in value.items()]
        if len(entries) > 1:
            return f"een blok regels, zoals '{entries[0]}'"
        return f"'{entries[0]}'" if entries else "'{}'"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _colon_in_text(loc: tuple, value: dict) -> str:
    """A text typed with ': ' in it (`- Yvonne de Kok: vervangt Ans`): how to write it so it stays one text."""
    if len(value) == 1:
        key, item = next(iter(value.items()))
        if not isinstance(item, (dict, list)):
            text = f"{key}:" if item is None else f"{key}: {item}"
            before = "- " if loc and isinstance(loc[-1], int) else f"{loc[-1]}: " if loc else ""
            return (f"een ':' met een spatie erachter kan niet zomaar in een tekst; zet de tekst tussen "
                    f"aanhalingstekens: {before}{quoted(text)}")
    return f"verwacht tekst, maar er staat {_describe(value)}."


def _chosen_branches(data: Any, errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Only the errors of the union member the user chose: a list of names is not also 'not a number'.

    pydantic reports every member of `int | list[str]` that failed; the kind of value the user
    wrote (a list, a number, a mapping) says which member was meant.
    """
    kept = []
    for error in errors:
        tags = [(i, part) for i, part in enumerate(error["loc"]) if _is_union_tag(part)]
        if not tags:
            kept.append(error)
            continue
        index, tag = tags[0]
        value = _value_at(data, [p for p in error["loc"][:index] if not _is_union_tag(p)])
        siblings = [e for e in errors if e["loc"][:index] == error["loc"][:index] and len(e["loc"]) > index]
        chosen = [e for e in siblings if _member_fits(str(e["loc"][index]), value)]
        if not chosen or _member_fits(tag, value):
            kept.append(error)
    return kept


def _value_at(data: Any, loc: list) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _member_fits(tag: str, value: Any) -> bool:
    """Whether a union member ('int', 'list[...]', 'str', a model's name) is the kind of `value`."""
    if tag.startswith(("list", "tuple")):
        return isinstance(value, list)
    if tag.startswith(("int", "float")):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tag.startswith("str") or "str]" in tag:
        return isinstance(value, str)
    if tag.startswith("dict") or tag[:1].isupper():
        return isinstance(value, dict)
    return False


def _is_union_tag(part: Any) -> TypeGuard[str]:
    # pydantic names the union member it tried ('int', 'list[str]', 'Range'); not a field.
    return isinstance(part, str) and (part[:1].isupper() or "[" in part or part in ("int", "str"))


def _known_keys(root: type[BaseModel] | None, loc: tuple) -> list[str]:
    model = root
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field else None
    return list(model.model_fields) if model else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found:
            return found
    if isinstance(annotation, types.UnionType):
        for arg in annotation.__args__:
            found = _model_in(arg)
            if found:
                return found
    return None


def _closest(word: str, known: list[str]) -> str | None:
    matches = difflib.get_close_matches(word.lower(), known, n=1, cutoff=0.6)
    return matches[0] if matches else None


