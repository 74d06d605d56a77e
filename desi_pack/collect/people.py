"""Who filled in a form: names typed by hand, matched to the training's participants.

A name counts as the same when it differs only in capitals, accents, spaces or punctuation
('jose  garcia' is José García). A first name alone, or a name with a typing error, is
matched when it fits one participant of the training's list only, and the match is reported as
unsure; names not on the list are never merged by likeness.
"""

from __future__ import annotations

import difflib

from desi_pack.dutch import names as dutch_names
from desi_pack.text import normal, one_line

ALIKE = 0.85  # difflib's ratio from which two names are taken for one with a typing error


class People:
    """The persons seen so far; `resolve` gives each typed name its person."""

    def __init__(self, participants: list[str]):
        self.participants = {normal(name): name for name in participants if normal(name)}
        self._seen: dict[str, str] = {}  # normal -> name shown, for people not on the list

    def resolve(self, typed: str) -> tuple[str, str | None]:
        """The person's name as the training lists it (or as first typed), and a note when unsure."""
        key = normal(typed)
        if not key:
            return "", None
        if key in self.participants:
            return self.participants[key], None
        shown = one_line(typed)
        # Only the training's own list decides a near match: two people not on it may well be
        # 'Deelnemer 1' and 'Deelnemer 2', or Anna and Anne.
        candidates = self._alike(key)
        if len(candidates) == 1:
            return candidates[0], f"'{shown}' gelezen als {candidates[0]}; controleer dit"
        name = self._seen.setdefault(key, shown)
        if len(candidates) > 1:
            return name, (
                f"'{shown}' past bij meer deelnemers ({dutch_names(candidates)}); niet samengevoegd, controleer dit"
            )
        if self.participants:
            return name, f"'{shown}' staat niet in de lijst met deelnemers"
        return name, None

    def in_name(self, text: str) -> str | None:
        """The one participant whose full name appears in `text` (a file name), if exactly one does."""
        words = f" {normal(text.replace('_', ' '))} "
        found = {name for key, name in self.participants.items() if f" {key} " in words}
        return found.pop() if len(found) == 1 else None

    def _alike(self, key: str) -> list[str]:
        words = set(key.split())
        return sorted(
            {
                name
                for other, name in self.participants.items()
                if words <= set(other.split()) or difflib.SequenceMatcher(None, key, other).ratio() >= ALIKE
            }
        )
