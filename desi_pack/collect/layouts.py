"""A blank form's layout, and the answers of a filled-in copy read by aligning the two.

The layout is the blank form's text with a gap where each field is: a regular expression
in which the form's own text must come back in order, and each text field's gap takes
whatever stands there now, whether typed in the field, beside it, or as new paragraphs
(LibreOffice 7.4). Tick boxes and dates keep their state in their controls, so they are
read from the controls: by tag where the tags survived, else by their order in the form.
Whitespace, dotted writing lines and the marks of table cells may differ; the words may not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from desi_pack.collect.reading import DATE_KIND, MARKS, TICK_KIND, Document
from desi_pack.course.course import corrections

SPACE = "[ \t\n\r\u00a0\u2007\u202f]*"
# A paragraph's end in the form must be one in the copy too: it tells neighbouring fields apart.
NEWLINE = "[ \t\r\u00a0\u2007\u202f]*\n[ \t\n\r\u00a0\u2007\u202f]*"
# A table's marks: at least one (so that no answer can end anywhere in its cell, which makes the
# search try every split), and any number more (merged cells count them differently).
BREAK = f"[ \t\n\r\u00a0\u2007\u202f]*[{MARKS}][ \t\n\r\u00a0\u2007\u202f{MARKS}]*"
GAP = f"([^{MARKS}]*?)"  # a field's answer stays in its table cell
TICKS = "[ \t\u00a0]*[\u2610\u2612][ \t\u00a0]*"  # a box shows, ticked or not: it anchors its line
# What an empty field showed in earlier forms of the same layout version: a form handed out then
# and filled in now still shows it where nothing was typed.
EARLIER_PLACEHOLDERS = re.compile("Typ hier\u2026?")
# What earlier forms printed where today's print other words: the workbook's own spelling before a
# correction (sessions/correcties.yaml), and the training's name in capitals. A form handed out then
# and filled in now is read as one of today.
EARLIER_NAMES = {"Doorbreek eenzaamheid en sociaal isolement": ["Doorbreek Eenzaamheid en Sociaal Isolement"]}
_DOTS = set("…._·\u2026 \t\n\u00a0")
_TOKEN = re.compile(rf"[{MARKS}]+|[ \t\n\r\u00a0\u2007\u202f]+|[\u2026.]{{2,}}|\u2026|\u2610|[^\s{MARKS}\u2026\u2610]+")


@dataclass(frozen=True)
class Field:
    tag: str
    kind: str  # reading.TICK_KIND, DATE_KIND, LIST_KIND or TEXT_KIND
    label: str  # the question, as the form's alias names it
    placeholder: str  # what the blank field shows


class Layout:
    """The fields of one blank form (a .docx as desi-pack makes it) and how to find them in a copy."""

    def __init__(self, blank: Document):
        self.fields = [Field(c.tag or "", c.kind, c.alias, c.text) for c in blank.controls]
        self._gaps: list[int] = []  # per regex group: the index of its field
        pieces, position = [], 0
        for index, control in enumerate(blank.controls):
            pieces.append(_own(blank.text[position : control.start]))
            if control.kind == TICK_KIND:
                pieces.append(TICKS)
            else:
                pieces.append(GAP)
                self._gaps.append(index)
            position = control.start + len(control.text)
        pieces.append(_own(blank.text[position:]))
        self._source = "".join(pieces)
        self._compiled: re.Pattern | None = None
        self._own_text = _outside(blank)
        # The form's title and subtitle: how a copy without properties or tags is recognised.
        self.title = [line for line in blank.text.splitlines() if line.strip()][:2]

    @property
    def _pattern(self) -> re.Pattern:
        """Compiled when first needed: a form's pattern takes some 40 ms to compile, and a form filled
        in Word, with its text untouched, is read from its tags alone."""
        if self._compiled is None:
            self._compiled = re.compile(self._source)
        return self._compiled

    def answers(self, filled: Document) -> tuple[dict[str, str | bool], list[str]]:
        """Per field tag, the answer: True/False for a tick box, text (dates as d-M-yyyy) otherwise;
        '' for an untouched field. And notes, in Dutch, on what could not be read for sure."""
        notes: list[str] = []
        values: dict[str, str | bool] = {}
        tagged = {c.tag: c for c in filled.controls if c.tag}
        ticks = [c for c in filled.controls if c.kind == TICK_KIND]
        dates = [c for c in filled.controls if c.kind == DATE_KIND]
        wanted_ticks = [f for f in self.fields if f.kind == TICK_KIND]
        by_order = not tagged and len(ticks) == len(wanted_ticks)
        if wanted_ticks and not tagged and not by_order:
            notes.append(
                f"de vinkjes wijken af van het lege formulier ({len(ticks)} in plaats van "
                f"{len(wanted_ticks)}); ze zijn niet gelezen"
            )
        order = dict(zip((f.tag for f in wanted_ticks), ticks)) if by_order else {}
        untouched = len(tagged) == len(self.fields) and _outside(filled) == self._own_text
        match = None if untouched else self._pattern.fullmatch(filled.text)
        if match is None and not tagged and not untouched:
            notes.append(
                "de tekst van het formulier is veranderd, zodat niet zeker is welk antwoord bij welke "
                "vraag hoort; de antwoorden in tekstvelden zijn niet gelezen"
            )
        elif match is None and not untouched:
            notes.append(
                "er is tekst buiten de invulvelden getypt of veranderd; alleen wat in de velden staat, is gelezen"
            )
        gaps = (
            {self.fields[i].tag: _typed(filled, *match.span(n + 1)) for n, i in enumerate(self._gaps)} if match else {}
        )
        date_order = (
            dict(zip((f.tag for f in self.fields if f.kind == DATE_KIND), dates))
            if len(dates) == sum(f.kind == DATE_KIND for f in self.fields)
            else {}
        )
        for field in self.fields:
            if field.kind == TICK_KIND:
                control = tagged.get(field.tag) or order.get(field.tag)
                values[field.tag] = bool(control and (control.checked or "\u2612" in control.text))
                continue
            own = tagged.get(field.tag)
            text = _clean(own.text, field.placeholder) if own and not own.placeholder else ""
            text = text or _clean(gaps.get(field.tag, ""), field.placeholder)
            if field.kind == DATE_KIND:
                control = own or date_order.get(field.tag)
                text = _date(control.date) if control and control.date else text  # typed by hand: as typed
            values[field.tag] = text
        return values, notes


def _outside(document: Document) -> str | None:
    """The document's own text outside its fields, without spacing, marks, dots or boxes: what must be
    the same for the fields' contents to be all there is to read. None where fields nest."""
    parts, position = [], 0
    for control in sorted(document.controls, key=lambda c: c.start):
        if control.start < position:
            return None
        parts.append(document.text[position : control.start])
        position = control.start + len(control.text)
    parts.append(document.text[position:])
    return _NOT_TEXT.sub("", "".join(parts))


_NOT_TEXT = re.compile(rf"[\s{MARKS}\u2026.\u2610\u2612]+")


def _typed(document: Document, start: int, end: int) -> str:
    """The document's text from `start` to `end` without what its fields that still show their
    placeholder show: a prompt (the form's own, or the one Word shows in a field emptied again) is
    no answer, wherever the tags went."""
    parts, position = [], start
    for control in sorted(document.controls, key=lambda c: c.start):
        if control.placeholder and position <= control.start and control.start + len(control.text) <= end:
            parts.append(document.text[position : control.start])
            position = control.start + len(control.text)
    parts.append(document.text[position:end])
    return "".join(parts)


@cache
def _earlier() -> tuple[re.Pattern, dict[str, list[str]]]:
    """Today's words that earlier forms printed otherwise, as one pattern, and per such words the
    earlier ones."""
    earlier: dict[str, list[str]] = {now: list(before) for now, before in EARLIER_NAMES.items()}
    for correction in corrections():
        earlier.setdefault(correction.correctie, []).append(correction.bron)
    words = sorted(earlier, key=len, reverse=True)  # the longest first: 'namelijk:' in a longer one
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words)), earlier


def _own(text: str) -> str:
    """The form's own text as a pattern (see `_fixed`), where it was worded otherwise before also as it
    was then (EARLIER_NAMES)."""
    found, earlier = _earlier()
    pieces, position = [], 0
    for match in found.finditer(text):
        alternatives = [_fixed(match[0]), *(_fixed(before) for before in earlier[match[0]])]
        pieces += [_fixed(text[position : match.start()]), f"(?:{'|'.join(alternatives)})"]
        position = match.end()
    return "".join([*pieces, _fixed(text[position:])])


def _fixed(text: str) -> str:
    """The form's own text as a pattern: the same words, any spacing, writing lines optional."""
    out = []
    for token in _TOKEN.findall(text):
        if token[0] in MARKS or (token[0] in SPACE and token.isspace()):
            out.append(BREAK if any(mark in token for mark in MARKS) else NEWLINE if "\n" in token else SPACE)
        elif token[0] in "\u2026." and set(token) <= set("\u2026."):
            out.append("[\u2026.]*")
        elif token == "\u2610":
            out.append("[\u2610\u2612]?")
        else:
            out.append(re.escape(token))
    return "".join(_merge(out))


def _merge(pieces: list[str]) -> list[str]:
    """Neighbouring spaces as one (a long run of them makes the search slow), the strongest kept."""
    strength = {SPACE: 0, NEWLINE: 1, BREAK: 2}
    merged: list[str] = []
    for piece in pieces:
        if merged and piece in strength and merged[-1] in strength:
            merged[-1] = max(piece, merged[-1], key=strength.__getitem__)
        else:
            merged.append(piece)
    return merged


def _clean(text: str, placeholder: str) -> str:
    """An answer as typed: without the form's placeholder, writing lines and outer blank lines."""
    text = EARLIER_PLACEHOLDERS.sub("", text)
    if placeholder.strip():
        text = text.replace(placeholder, "")
    lines = [line.rstrip() for line in text.replace("\t", " ").splitlines()]
    text = "\n".join(lines).strip()
    return "" if set(text) <= _DOTS else text


def _date(iso: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day}-{day.month}-{day.year}"


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb"),
            ("maart", "mrt", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augustus", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def typed_date(text: str, year: int | None = None) -> date | None:
    """A date typed by hand: '16-3-2027', '16/03/27', '2027-03-16', '16 maart 2027', 'di 16 mrt';
    `year` where none is typed. None when it is no date."""
    text = text.strip().lower().rstrip(".")
    found = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if found:
        parts = (int(found[3]), int(found[2]), int(found[1]))
    elif found := re.fullmatch(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})", text):
        parts = (int(found[1]), int(found[2]), int(found[3]))
    elif found := re.fullmatch(r"(?:[a-z]+\.?,?\s+)?(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?", text):
        given = int(found[3]) if found[3] else year
        if found[2] not in MONTHS or not given:
            return None
        parts = (int(found[1]), MONTHS[found[2]], given)
    else:
        return None
    day, month, whole_year = parts
    whole_year += 2000 if whole_year < 100 else 0
    try:
        return date(whole_year, month, day)
    except ValueError:
        return None
