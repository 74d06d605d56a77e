"""Changing a training file as the trainer wrote it: what is changed is written, the rest stays.

The page (`desi-pack web`) edits the same `training.yaml` the trainer may also edit in Kladblok,
so saving must keep every comment, the order of the keys, the quotes and the line endings of
what the page did not change. ruamel.yaml reads and writes YAML as a round trip for exactly
this; PyYAML drops comments. The text is read first the way desi-pack reads it (yamlio: a
non-breaking space as indentation, a Windows path in double quotes), so that ruamel sees the
same values the validation saw; every changed value is read back the desi-pack way before the
file is written (`edited` refuses a text that would not say what was meant).

A file changed on disk since it was read (by the trainer in another program) is never written
over in silence: `save` compares the stamp of the bytes read with the bytes on disk.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from desi_pack.errors import DesiPackError, InputError, OutputError, reason
from desi_pack.files import read_input
from desi_pack.yamlio import as_read, load_yaml, read_text

REMOVE = object()  # a value in `changes`: take the key out of the file


class ChangedOnDisk(InputError):
    """The file on disk is not the one the changes were made to."""


@dataclass(frozen=True)
class TrainingText:
    """A training file as read: its text, and how to write it back the same way.

    `stamp` is the SHA-256 of the bytes on disk ("" when there is no file yet); `newline` is
    "\\r\\n" for a file saved by Windows' Kladblok, else "\\n"; `encoding` the one it was read in.
    """

    path: Path
    text: str
    stamp: str
    newline: str = "\n"
    encoding: str = "utf-8"


def stamp_of(path: Path) -> str:
    """The SHA-256 of the file's bytes; "" when it does not exist."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""
    except OSError as err:
        raise InputError(f"{path}: dit bestand kan niet gelezen worden ({reason(err)}).") from err


def read_training_text(path: Path) -> TrainingText:
    """The training file at `path` as text, with its stamp. Raises InputError in Dutch (yamlio.read_text)."""
    raw = read_input(path, "het trainingsbestand (training.yaml)")
    text = read_text(path)
    encoding = (
        "utf-16"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff"))
        else ("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8")
    )
    newline = "\r\n" if "\r\n" in text else "\n"
    return TrainingText(path, text.replace("\r\n", "\n"), hashlib.sha256(raw).hexdigest(), newline, encoding)


def edited(source: TrainingText, changes: Mapping[tuple, Any], path_keys: tuple[str, ...] = ()) -> str:
    """The text of `source` with each value at a key path set (('bijeenkomsten', 2, 'datum') ->
    date(2027, 3, 16)); `REMOVE` takes a key out. Keys not in the file are added at the end of
    their mapping; comments, order, quotes and everything not changed stay as written.

    Values: str, int, date, time (written as "13:30"), lists of those, dicts. Raises DesiPackError
    when the text written would read back as something else (not expected; the file is then
    left alone).
    """
    yaml = _round_trip()
    document = yaml.load(as_read(source.text, path_keys)) if source.text.strip() else None
    if document is None:
        from ruamel.yaml.comments import CommentedMap

        document = CommentedMap()
    lines = source.text.splitlines()
    removed: list[str] = []  # comment lines inside a part taken out of the file: they go with it
    for key_path, value in changes.items():
        removed += _set(document, key_path, value, lines, yaml)
    out = io.StringIO()
    yaml.dump(document, out)
    text = out.getvalue()
    _check_read_back(source, text, changes, path_keys)
    _check_comments_kept(source.path, source.text, text, removed)
    return text


def save(source: TrainingText, text: str) -> TrainingText:
    """Write `text` over the file `source` was read from, atomically (a crash leaves the old file
    whole), in its encoding and line endings. Raises ChangedOnDisk when the file on disk is no
    longer the one read (changed in another program since), OutputError when it cannot be written."""
    path = source.path
    if stamp_of(path) != source.stamp:
        raise ChangedOnDisk(
            f"{path} is veranderd sinds de pagina het las (in een ander programma?); uw wijzigingen zijn niet "
            "opgeslagen. Laad het bestand opnieuw en breng ze dan nog eens aan."
        )
    data = text.replace("\n", source.newline).encode(source.encoding)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".training-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o777)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise OutputError(f"{path}: kan dit bestand niet opslaan ({reason(err)}).") from err
    return TrainingText(path, text, hashlib.sha256(data).hexdigest(), source.newline, source.encoding)


def _round_trip():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)  # as the starter writes lists: '  - Anna de Vries'
    # A time in double quotes, as the starter writes it ("13:30"): unquoted, YAML 1.1 reads 13:30 as a number.
    yaml.representer.add_representer(
        time, lambda rep, value: rep.represent_scalar("tag:yaml.org,2002:str", value.strftime("%H:%M"), style='"')
    )
    yaml.representer.add_representer(str, _text)
    return yaml


# ruamel keeps a comment with the value above it: the comment lines before a key are stored as
# the "tail" of the value before that key (at its container's slot for it: 2 in a mapping, 0 in a
# list), and the lines before the next section as the tail of a container's last value. A tail
# starts with the end of the value's own line (an end-of-line comment, then a line break). So
# every change takes the tails it would disturb and puts them back where they belong: the tail
# of the whole container after its (new) last value, a changed value's tail after the new value,
# a removed value's tail (without its end-of-line comment) after the value before it.


def _text(representer, value: str):
    """A text in quotes where YAML 1.1, as desi-pack reads it (PyYAML), would take it for something
    else: a participant called 'No' or 'Yes' (false, true), '0612' (a number), '~' (nothing).
    ruamel writes YAML 1.2, in which these are text."""
    import yaml as pyyaml

    tag = pyyaml.resolver.Resolver().resolve(pyyaml.ScalarNode, value, (True, False))
    style = "'" if tag != "tag:yaml.org,2002:str" else None
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _set(document, key_path: tuple, value: Any, lines: list[str], yaml) -> list[str]:
    """Set or remove the value at `key_path` in the round-trip `document`; returns the comment lines
    inside a removed part. `lines` are the file's lines as read (to see how a comment was typed)."""
    removed: list[str] = []
    missing = _first_missing(document, key_path[:-1])
    if missing is not None:  # a section not in the file yet ('verwijskaart'): add it with the value in it
        if value is REMOVE:
            return removed
        for key in reversed(key_path[missing + 1 :]):
            value = [value] if isinstance(key, int) else {key: value}
        key_path = key_path[: missing + 1]
    parent = _node(document, key_path[:-1])
    key = key_path[-1]
    present = key in parent if isinstance(parent, dict) else isinstance(key, int) and key < len(parent)
    last = _last_key(parent)
    end = _take_tail(parent, last) if last is not None else None
    if value is REMOVE:
        if present:
            own = end if key == last else _take_tail(parent, key)
            if key == last:
                end = None
            previous = _key_before(parent, key)
            if isinstance(parent[key], (dict, list)):
                inside = io.StringIO()
                yaml.dump(parent[key], inside)
                removed = _comment_lines(inside.getvalue())
            del parent[key]
            _add_tail(parent, previous, _without_own_line(own))
    else:
        value = _container(value)
        if present:
            own = None if key == last else _take_tail(parent, key)
            if _glued_or_reshaped(parent[key], value, own if key != last else end, lines):
                if key == last:
                    end = _without_own_line(end)
                else:
                    own = _without_own_line(own)
            parent[key] = value
            _add_tail(parent, key, own)
        elif isinstance(parent, list):
            parent.append(value)
        else:
            _insert(parent, key, value, _field_order(key_path[:-1]))
    new_last = _last_key(parent)
    if new_last is not None:
        _add_tail(parent, new_last, end)
    elif end is not None and hasattr(parent, "ca"):
        _add_tail_after_container(document, key_path[:-1], end)
    return removed


def _insert(parent, key, value, order: list[str]) -> None:
    """Add a key where the starter has it: after the last key present that comes before it in
    `order` (the model's fields), taking over the comment lines that followed that key."""
    earlier = order[: order.index(key)] if key in order else list(parent)
    before = next((k for k in reversed(list(parent)) if k in earlier), None)
    if before is None or before == _last_key(parent):
        parent[key] = value
        return
    tail = _take_tail(parent, before)
    parent.insert(list(parent).index(before) + 1, key, value)
    _add_tail(parent, key, tail)


def _field_order(key_path: tuple) -> list[str]:
    """The fields of the model that holds the mapping at `key_path`, in the model's order."""
    import typing

    from pydantic import BaseModel

    from desi_pack.training.config import Training

    model: type[BaseModel] | None = Training
    for key in key_path:
        if isinstance(key, int):
            continue
        field = model.model_fields.get(key) if model is not None else None
        if field is None:
            return []
        found = [field.annotation]
        model = None
        while found:
            kind = found.pop()
            if isinstance(kind, type) and issubclass(kind, BaseModel):
                model = kind
                break
            found.extend(typing.get_args(kind))
    return list(model.model_fields) if model is not None else []


def _first_missing(document, key_path: tuple) -> int | None:
    """The position in `key_path` of the first key that is not in the file, or None."""
    node = document
    for position, key in enumerate(key_path):
        present = key in node if isinstance(node, dict) else isinstance(key, int) and key < len(node)
        if not present:
            return position
        node = node[key]
    return None


def _node(document, key_path: tuple):
    node = document
    for key in key_path:
        node = node[key]
    return node


def _container(value):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict) and not isinstance(value, CommentedMap):
        return CommentedMap((key, _container(item)) for key, item in value.items())
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        return CommentedSeq(_container(item) for item in value)
    return value


def _last_key(container):
    if isinstance(container, dict):
        return next(reversed(container), None) if container else None
    return len(container) - 1 if container else None


def _key_before(container, key):
    keys = list(container) if isinstance(container, dict) else list(range(len(container)))
    index = keys.index(key)
    return keys[index - 1] if index else None


def _slot(container) -> int:
    return 2 if isinstance(container, dict) else 0


def _block(value) -> bool:
    """A mapping or list written over lines of its own (not [a, b] or {a: 1}), with items."""
    # ruamel's CommentedMap and CommentedSeq (imported late: the CLI starts without ruamel) know their style.
    return isinstance(value, (dict, list)) and bool(value) and not value.fa.flow_style()  # type: ignore[union-attr]


def _take_tail(container, key):
    """Take out the comment token that follows the value at container[key] (None if there is none)."""
    value = container[key]
    if _block(value):
        inner = _take_tail(value, _last_key(value))
        if inner is not None:
            return inner
    entry = container.ca.items.get(key)
    slot = _slot(container)
    if entry and len(entry) > slot and entry[slot] is not None:
        token, entry[slot] = entry[slot], None
        return token
    return None


def _add_tail(container, key, token) -> None:
    """Put `token` after the value at container[key]; after a tail that is there, if any."""
    if token is None:
        return
    if key is None:  # nothing before it in this container: the lines go before its first item
        _add_tail_after_container_start(container, token)
        return
    value = container[key]
    if _block(value):
        _add_tail(value, _last_key(value), token)
        return
    from ruamel.yaml.tokens import CommentToken

    slot = _slot(container)
    entry = container.ca.items.setdefault(key, [None, None, None, None] if slot == 2 else [None, None])
    if entry[slot] is not None:  # its own tail, then the lines of a removed value (after its line end)
        token = CommentToken(entry[slot].value + token.value.removeprefix("\n"), entry[slot].start_mark, None)
    entry[slot] = token


def _add_tail_after_container_start(container, token) -> None:
    lines = [line for line in token.value.split("\n") if line.strip()]
    if lines:
        container.yaml_set_start_comment("\n".join(line.lstrip()[1:].removeprefix(" ") for line in lines))


def _add_tail_after_container(document, key_path: tuple, token) -> None:
    """A container left empty: its tail goes after the container itself, in its parent."""
    if not key_path:
        return
    parent = _node(document, key_path[:-1])
    from ruamel.yaml.tokens import CommentToken

    slot = _slot(parent)
    entry = parent.ca.items.setdefault(key_path[-1], [None, None, None, None] if slot == 2 else [None, None])
    entry[slot] = CommentToken("\n" + token.value.lstrip("\n"), None, None) if entry[slot] is None else entry[slot]


def _without_own_line(token):
    """The token without the end of the value's own line (its end-of-line comment): what follows."""
    if token is None:
        return None
    from ruamel.yaml.tokens import CommentToken

    text = token.value
    rest = text[text.index("\n") :] if "\n" in text else ""
    return CommentToken(rest, token.start_mark, None) if rest.strip() or rest.count("\n") > 1 else None


def _glued_or_reshaped(old, new, tail, lines: list[str]) -> bool:
    """Whether the old value's end-of-line comment must go with it: a '#' glued to the text
    (`Dorpshuis #zaal 2`: one space before the '#', none after; part of the value for desi-pack,
    see yamlio) or a value changed from a text to a list or back."""
    if isinstance(old, (dict, list)) != isinstance(new, (dict, list)):
        return True
    if tail is None or not tail.value.startswith("#") or tail.start_mark is None:
        return False
    line, column = tail.start_mark.line, tail.start_mark.column
    text = lines[line] if line < len(lines) else ""
    before = text[:column]
    return before.endswith(" ") and not before.endswith("  ") and not tail.value[1:2].isspace()


def _check_read_back(source: TrainingText, text: str, changes: Mapping[tuple, Any], path_keys: tuple[str, ...]) -> None:
    """The new text, read the desi-pack way, says what the old one said with the changes made."""
    import copy

    before = load_yaml(source.path, source.text, path_keys=path_keys).data if source.text.strip() else None
    expected = copy.deepcopy(before) if isinstance(before, dict) else {}
    for key_path, value in changes.items():
        _apply(expected, key_path, value)
    if _plain(load_yaml(source.path, text, path_keys=path_keys).data) != _plain(expected):
        raise DesiPackError(
            f"{source.path}: kon de wijziging niet zo opslaan dat het bestand hetzelfde terugleest; "
            "het bestand is niet gewijzigd. Pas het aan in een teksteditor (Kladblok)."
        )


def _apply(data: Any, key_path: tuple, value: Any) -> None:
    """What `_set` does to the round-trip document, on plain data (a part not there yet is added)."""
    node = data
    for position, key in enumerate(key_path[:-1]):
        present = key in node if isinstance(node, dict) else isinstance(key, int) and key < len(node)
        if not present:
            if value is REMOVE:
                return
            for inner in reversed(key_path[position + 1 :]):
                value = [value] if isinstance(inner, int) else {inner: value}
            key_path = key_path[: position + 1]
            break
        node = node[key]
    node = _at(data, key_path[:-1])
    last = key_path[-1]
    if value is REMOVE:
        if isinstance(node, dict):
            node.pop(last, None)
        elif isinstance(node, list) and isinstance(last, int) and last < len(node):
            del node[last]
    elif isinstance(node, list) and last == len(node):
        node.append(value)
    else:
        node[last] = value


def _check_comments_kept(path: Path, old: str, new: str, removed: list[str]) -> None:
    """Every comment line of the trainer's stays (an end-of-line comment may go with its value, the
    comments inside a part taken out with that part)."""
    remaining = Counter(_comment_lines(new) + removed)
    remaining.subtract(_comment_lines(old))
    if any(count < 0 for count in remaining.values()):
        raise DesiPackError(
            f"{path}: kon de wijziging niet opslaan zonder een opmerking (#) in het bestand te "
            "verliezen; het bestand is niet gewijzigd. Pas het aan in een teksteditor."
        )


def _comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]


_ABSENT = object()


def value_at(data: Any, key_path: tuple, missing: Any = None) -> Any:
    """The value at `key_path` in data as read (dicts and lists); `missing` where there is none."""
    node = data
    for key in key_path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return missing
    return node


def _at(data, key_path: tuple):
    return value_at(data, key_path, _ABSENT)


def same_value(old: Any, new: Any) -> bool:
    """Whether a value as read from the file and a value to write say the same (a date written as
    text or as a date, a time as "13:30" or as a time)."""
    return _plain(old) == _plain(new)


def _plain(value):
    """A value as compared after reading back: times as '13:30', dates as dates, containers as plain ones."""
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
