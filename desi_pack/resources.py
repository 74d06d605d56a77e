"""Where the built-in course data and templates are, in a checkout and in a wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def builtin_dir(name: str) -> Path:
    """Return the built-in folder `sessions` or `templates`.

    A wheel carries them inside the package; a checkout (or editable install) has
    them at the top of the repository.
    """
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"ingebouwde map '{name}' ontbreekt naast {_PACKAGE}")


def sessions_dir() -> Path:
    return builtin_dir("sessions")


def templates_dir() -> Path:
    return builtin_dir("templates")


def example_training() -> Path:
    """The built-in example training, also the starter written by `init`."""
    return templates_dir() / "training.yaml"
