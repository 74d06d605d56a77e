"""Example data left in a real training: the starter file's invented names, places and numbers.

`desi-pack init` writes the built-in example (Welzijn Rivierenland in Tiel) as a starting
point. A coordinator who fills in their own organisation but forgets a contact or a
meeting's place would hand out invented telephone numbers on a real verwijskaart; every
text still equal to one of the example's is named here, so `check`, `build` and
`verwijskaart` can say so.
"""

from __future__ import annotations

from functools import cache

from desi_pack.errors import field_path

# Values that are not the example's own data: words any training may share with it.
_COMMON_KEYS = {
    "datum",
    "start",
    "soort",
    "per",
    "dagen",
    "bereikbaar_van",
    "bereikbaar_tot",
    "logo",
    "keuze",
    "waarvoor",
}  # what a contact is for is worded alike everywhere


def _texts(value, path: tuple = ()):
    """(path, text) for every text in a training's data, as model_dump(mode='json') gives it."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in _COMMON_KEYS:
                yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
    elif isinstance(value, str) and len(value.strip()) > 3:
        yield path, value


@cache
def _example_texts() -> frozenset[str]:
    from desi_pack.training.config import load_training  # the example is a training like any other

    return frozenset(text for _, text in _texts(load_training(None).model_dump(mode="json")))


def leftovers(training) -> list[tuple[str, str]]:
    """(field path, text) of every text of `training` that is still the example's; none for the example itself."""
    return [(field_path(path), text) for path, text in leftover_paths(training)]


def leftover_paths(training) -> list[tuple[tuple, str]]:
    """(key path, text) of every text of `training` that is still the example's: ('trainers', 0)."""
    from desi_pack.resources import example_training

    if training.source == str(example_training()):
        return []
    example = _example_texts()
    return [(path, text) for path, text in _texts(training.model_dump(mode="json")) if text in example]


def warning(training) -> str | None:
    """One Dutch sentence naming the example data still in `training`, or None."""
    found = leftovers(training)
    if not found:
        return None
    shown = "; ".join(f"{path}: {text}" for path, text in found[:6]) + (" …" if len(found) > 6 else "")
    one = len(found) == 1
    return (
        f"Let op: {training.source} bevat nog {len(found)} gegeven{'' if one else 's'} uit het "
        f"voorbeeld ({shown}). Vervang {'het' if one else 'ze'} door uw eigen gegevens: de namen, plaatsen en "
        "telefoonnummers van het voorbeeld zijn verzonnen."
    )
