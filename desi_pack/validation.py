"""Turning pydantic's validation errors into Dutch sentences with file, line and field."""

from __future__ import annotations

import difflib
import re
import types
import typing
from functools import cache
from typing import Any, TypeGuard

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from desi_pack.errors import ConfigError, Problem, in_order
from desi_pack.yamlio import YamlDocument, quoted

TAG = "soort"  # the key that says which kind a block is (course/blocks.py)
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
    """Validate YAML data against a model or a type (`dict[str, Instrument]`); raise one ConfigError with
    every problem. Given a type rather than a TypeAdapter, a misspelt key gets a hint at any depth."""
    adapter = model if isinstance(model, TypeAdapter) else _adapter(model)
    root = model if isinstance(model, type) and issubclass(model, BaseModel) else None
    shape = None if isinstance(model, TypeAdapter) else model
    if root is not None and not isinstance(doc.data, dict):
        found = _describe(doc.data)
        raise ConfigError(
            doc.path,
            [
                (
                    f"{doc.path}: het bestand bevat {found}; verwacht regels als 'organisatie: Welzijn Rivierenland', "
                    "zoals in het startbestand dat desi-pack init schrijft."
                )
            ],
        )
    try:
        return adapter.validate_python(doc.data)
    except ValidationError as err:
        problems = [_problem(doc, shape, e) for e in _chosen_branches(doc.data, err.errors(include_url=False))]
        raise ConfigError(doc.path, in_order(problems)) from None


@cache
def _adapter(model: Any) -> TypeAdapter:
    # Building an adapter of a type costs about a millisecond; the course's files are read with the same few.
    return TypeAdapter(model)


def _field_loc(data: Any, loc: tuple) -> tuple:
    """The error's location in the user's data: pydantic's names of union members left out, but
    never a key the user wrote (a key 'A' is no union member)."""
    kept, node, entered = [], data, True
    for part in loc:
        if entered and isinstance(node, dict) and node.get(TAG) == part:
            # pydantic names the kind of block it tried (course/blocks.py) first; the user wrote it as soort
            # (a block `soort: velden` also has a key velden: this is the name, the key comes next).
            entered = False
            continue
        entered = True
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            kept.append(part)
            node = node[part]
        elif not _is_union_tag(part):
            kept.append(part)
            node = None
    return tuple(kept)


def _problem(doc: YamlDocument, root: Any, error: ErrorDetails) -> Problem:
    loc = _field_loc(doc.data, tuple(error["loc"]))
    if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
        loc += (error["ctx"]["discriminator"].strip("'"),)  # the key that names the kind: soort
    line = doc.line_of(loc)
    if error["type"] == "extra_forbidden":
        line = doc.line_of(loc + ("__key__",)) or line
    elif error["type"] in ("missing", "union_tag_not_found"):
        line = doc.line_of(loc[:-1]) if len(loc) > 1 else None
    return Problem.at(doc.path, _message(doc, root, error, loc), line, loc)


def _message(doc: YamlDocument, root: Any, error: ErrorDetails, loc: tuple) -> str:
    """The sentence after the place: what is wrong with the value at `loc`, and what to do."""
    kind = error["type"]
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        return _kind_message(doc, root, error, loc)
    if kind == "extra_forbidden":
        known = _known_keys(root, doc.data, loc[:-1])
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
        keys = _known_keys(root, doc.data, loc) or ["naam", "waarde"]
        expected = " en ".join(f"'{key}: …'" for key in keys[:2])
        return f"verwacht ingesprongen regels als {expected}, maar er staat {_describe(error.get('input'))}."
    if kind in _TYPE_NAMES:
        return f"verwacht {_TYPE_NAMES[kind]}, maar er staat {_describe(error.get('input'))}."
    ctx = error.get("ctx", {})
    if kind == "too_short":
        found = ctx.get("actual_length")
        return (
            f"{'de lijst is leeg' if not found else f'er staan er {found} in de lijst'}; er moet er "
            f"minstens {ctx.get('min_length')} in staan."
        )
    if kind == "too_long":
        return f"er staan er {ctx.get('actual_length')} in de lijst; verwacht er hoogstens {ctx.get('max_length')}."
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


def _kind_message(doc: YamlDocument, root: Any, error: ErrorDetails, loc: tuple) -> str:
    """A block whose `soort` is missing or unknown (course/blocks.py): the kinds there are."""
    expected = error["ctx"].get("expected_tags")  # pydantic names them only for a kind it does not know
    if expected:
        kinds = re.findall(r"'([^']*)'", expected)
    else:
        kinds = _kinds(_annotation_at(root, doc.data, loc[:-1]), loc[-1])
    listed = f"{', '.join(kinds[:-1])} of {kinds[-1]}" if len(kinds) > 1 else "".join(kinds)
    if error["type"] == "union_tag_not_found":
        return f"ontbreekt; zeg wat voor onderdeel dit is met {loc[-1]}:{f' {listed}' if listed else ' …'}."
    tag = str(error["ctx"]["tag"])
    hint = _closest(tag, kinds)
    guess = f" Bedoelde u '{hint}'?" if hint else ""
    return f"desi-pack kent geen {loc[-1]} '{tag}'.{guess} Mogelijk: {listed}."


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
            return (
                f"een ':' met een spatie erachter kan niet zomaar in een tekst; zet de tekst tussen "
                f"aanhalingstekens: {before}{quoted(text)}"
            )
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


def _known_keys(root: Any, data: Any, loc: tuple) -> list[str]:
    """The keys the model at `loc` knows (none where there is no model there)."""
    model = _model_of(_annotation_at(root, data, loc), _value_at(data, list(loc)))
    return list(model.model_fields) if model else []


def _annotation_at(root: Any, data: Any, loc: tuple) -> Any:
    """The type the value at `loc` must have, from the type of the whole (None where unknown):
    through models' fields, lists' items, mappings' values and the union member `data` chose."""
    annotation, node = root, data
    for part in loc:
        model = _model_of(annotation, node)
        if model is not None:
            field = model.model_fields.get(part) if isinstance(part, str) else None
            annotation = field.annotation if field else None
        else:
            annotation = _item_of(annotation)
        node = _value_at(node, [part])
    return annotation


def _item_of(annotation: Any) -> Any:
    """The type of an item of a list, or of a value of a mapping (`list[Material] | None`: Material)."""
    annotation = _unwrapped(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (list, tuple, set, frozenset) and args:
        return args[0]
    if origin is dict and args:
        return args[-1]
    if isinstance(annotation, types.UnionType) or origin is typing.Union:
        return next((item for item in map(_item_of, args) if item is not None), None)
    return None


def _unwrapped(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _members(annotation: Any) -> list[type[BaseModel]]:
    """The models `annotation` allows at its top: itself, or the members of its union."""
    annotation = _unwrapped(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return [m for arg in typing.get_args(annotation) for m in _members(arg)]
    return []


def _model_of(annotation: Any, node: Any) -> type[BaseModel] | None:
    """The model a value of `annotation` is read as: of a union of kinds, the one its `soort` names."""
    members = _members(annotation)
    if isinstance(node, dict) and node.get(TAG) is not None:
        chosen = [m for m in members if node.get(TAG) in _kinds_of(m)]
        members = chosen or members
    return members[0] if members else None


def _kinds(annotation: Any, tag: str) -> list[str]:
    """The kinds of a union told apart by `tag` ('soort'): 'aankruislijst', 'opsomming', …."""
    return [kind for model in _members(annotation) for kind in _kinds_of(model, tag)]


def _kinds_of(model: type[BaseModel], tag: str = "") -> tuple:
    field = model.model_fields.get(tag or TAG)
    return typing.get_args(field.annotation) if field else ()


def _closest(word: str, known: list[str]) -> str | None:
    matches = difflib.get_close_matches(word.lower(), known, n=1, cutoff=0.6)
    return matches[0] if matches else None
