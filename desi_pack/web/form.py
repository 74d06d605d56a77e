"""The training as a form: which fields the page shows, and the changes a filled-in form makes.

The page shows the values of the training file as desi-pack reads them, and turns what the
trainer typed back into changes of single values (`changes`), which `training.editing` writes
into the file as it was written. The form adds no rule of its own: what is right or wrong is
said by the same validation as `desi-pack check` (course.review), next to the field that
`Problem.loc` names. A value typed wrongly (a word in a number field) is passed on as typed,
so that the validation says what is wrong with it, in its own words.

A field's name in the HTML form is its key path in the file, joined by dots
('bijeenkomsten.2.datum': the third meeting's date).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from desi_pack.text import tidy
from desi_pack.training.editing import REMOVE, same_value, value_at

# The kinds of field: how a value is shown and read back.
TEXT, LONG, LINES, NUMBER, DATE, CLOCK, CHOICE, REMOVE_ITEM = (
    "tekst",
    "lang",
    "regels",
    "getal",
    "datum",
    "tijd",
    "keuze",
    "weg",
)
PARTICIPANTS = "deelnemers"  # names, one per line, or a number when no names are given
LEFT_OUT = "weglaten"  # the manual's rows ticked to leave out, by their position

_SKIP = object()


@dataclass(frozen=True)
class Field:
    """One field of the form: its key path in the file, how it is typed, its Dutch label."""

    path: tuple
    kind: str
    label: str
    required: bool = False
    hint: str = ""
    options: tuple[tuple[str, str], ...] = ()  # (value, label) of a choice
    value: str = ""  # the value as shown
    new: bool = False  # part of an item not yet in the file (a row or contact to add)
    count: str = ""  # PARTICIPANTS: the number of participants, when the file gives no names

    @property
    def name(self) -> str:
        return ".".join(map(str, self.path))

    @property
    def id(self) -> str:
        return "veld-" + "-".join(map(str, self.path)) + ("-weg" if self.kind == REMOVE_ITEM else "")


@dataclass
class Section:
    """A group of fields under a heading (a fieldset with a legend)."""

    title: str
    id: str
    fields: list[Field] = field(default_factory=list)
    meeting: int | None = None  # 1-based: the section of this meeting, with its agenda
    groups: list[Section] = field(default_factory=list)  # items within it (a contact, an own row)
    note: str = ""
    path: tuple = ()  # its key path in the file, where a problem of the whole part is shown

    @property
    def name(self) -> str:
        return ".".join(map(str, self.path)) if self.path else self.id


def shown(value: Any, kind: str) -> str:
    """A value from the file as the form shows it (a date as 2027-01-12, a time as 13:30, lines one per line)."""
    if value is None or value is REMOVE:
        return ""
    if kind == LINES:
        return "\n".join(str(v) for v in value) if isinstance(value, list) else str(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if kind == CLOCK and isinstance(value, int) and not isinstance(value, bool):
        return f"{value // 60:02d}:{value % 60:02d}"  # 13:30 unquoted, read by YAML 1.1 as minutes
    if isinstance(value, (list, dict)):
        return ""
    return str(value)


def changes(form: Mapping[str, Any], data: Any, fields: list[Field]) -> dict[tuple, Any]:
    """The changes of the filled-in `form` (a werkzeug MultiDict or a dict of str) to `data` (the
    file's values as read), for the `fields` the page showed. Values unchanged are left out, so
    the file keeps them exactly as written. Items ticked away are removed last, the highest
    position first, so that the positions of the others stay right.
    """
    found: dict[tuple, Any] = {}
    removed: list[tuple] = []
    new_items: dict[tuple, dict] = {}
    for each in fields:
        raw = _raw(form, each)
        if each.kind == REMOVE_ITEM:
            if raw:
                removed.append(each.path)
            continue
        value = _read(each, raw, form)
        if value is _SKIP:
            continue
        if each.new:
            if value is not REMOVE:
                new_items.setdefault(each.path[:-1], {})[each.path[-1]] = value
            continue
        if not _same(_at(data, each.path), value):
            found[each.path] = value
    for item_path, item in new_items.items():
        found[item_path] = item
    gone = sorted(removed, reverse=True)
    found = {path: value for path, value in found.items() if not any(path[: len(r)] == r for r in gone)}
    return {**found, **{path: REMOVE for path in gone}}


def _same(old: Any, new: Any) -> bool:
    """Whether the file's value and the typed one are the same once read (texts are read tidied
    and without spaces at their ends: text.tidy, config._text)."""
    if isinstance(old, str) and isinstance(new, str):
        return tidy(old).strip() == tidy(new).strip()
    return same_value(old, new)


def _raw(form: Mapping[str, Any], each: Field):
    if each.kind == LEFT_OUT:
        getter = getattr(form, "getlist", None)
        return getter(each.name) if getter else form.get(each.name, [])
    return form.get(each.name)


def _read(each: Field, raw, form: Mapping[str, Any]):
    """The value a field's typed text stands for; REMOVE for an optional field left empty."""
    if raw is None and each.kind not in (LEFT_OUT, PARTICIPANTS):
        return _SKIP  # not on the form that was sent (a part of the page not shown)
    if each.kind == LEFT_OUT:
        positions = sorted(int(v) for v in raw if str(v).isdigit())
        if positions == sorted(int(v) for v in each.value.split(",") if v):
            return _SKIP  # as shown: the file keeps how it names the rows ("6.5" or 3)
        return positions or REMOVE
    if each.kind == PARTICIPANTS:
        if raw is None and form.get(each.name + ".aantal") is None:
            return _SKIP
        names = _lines(raw or "")
        if names:
            return names
        count = (form.get(each.name + ".aantal") or "").strip()
        return _number(count) if count else []
    text = str(raw).replace("\r\n", "\n")
    if each.kind == LINES:
        lines = _lines(text)
        return lines if lines or each.required else REMOVE
    text = text if each.kind == LONG else text.strip()
    if not text.strip():
        return "" if each.required else REMOVE
    if each.kind in (NUMBER, CHOICE) and text.isdigit():
        return _number(text)
    if each.kind == NUMBER:
        return _number(text)
    if each.kind == DATE:
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    if each.kind == CLOCK:
        match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text)
        return time(int(match[1]), int(match[2])) if match and int(match[1]) < 24 and int(match[2]) < 60 else text
    if each.kind == LONG and "\n" not in text.strip():
        return text.strip()
    return text.strip("\n") if each.kind == LONG else text


def _lines(text: str) -> list[str]:
    """Lines with something on them. A column pasted from Excel comes as one line per cell; two
    columns (first name, surname) as the cells of a row with a tab between them: one name."""
    return [" ".join(line.split()) for line in re.split(r"\r\n|[\r\n]", text) if line.strip()]


def _number(text: str):
    return int(text) if re.fullmatch(r"\d{1,6}", text.strip()) else text.strip()


def _at(data: Any, path: tuple) -> Any:
    return value_at(data, path, REMOVE)


# --- what the page shows --------------------------------------------------------------

LENGTHS = (("", "zoals de hele training"), ("180", "3 uur (de handleiding)"), ("240", "4 uur"))
TRAINING_LENGTHS = (("", "3 uur (de handleiding)"), ("240", "4 uur"))
# When a meeting ends where its parts do not fill the planned length (bijeenkomsten[N].einde, rules.MeetingEnd).
ENDINGS = (("", "nog niet gekozen"), ("gepland", "op de geplande tijd"), ("onderdelen", "als de onderdelen klaar zijn"))
_CONTACT = (
    ("naam", TEXT, "Naam (persoon, team of organisatie)", True),
    ("organisatie", TEXT, "Organisatie", False),
    ("waarvoor", TEXT, "Waarvoor", False),
    ("telefoon", TEXT, "Telefoon", False),
    ("email", TEXT, "E-mail", False),
    ("social_media", TEXT, "Sociale media", False),
    ("bereikbaar_van", CLOCK, "Bereikbaar van", False),
    ("bereikbaar_tot", CLOCK, "Bereikbaar tot", False),
    ("dagen", TEXT, "Op welke dagen", False),
)


def sections(data: Any, manual, left_out: Mapping[int, list[int]]) -> list[Section]:
    """The form for the training file's `data` (as read; a dict): its sections in the page's order.

    `manual` is the course as the manual has it (load_course): the meetings' titles, the rows
    to leave out or add after, the choices. `left_out` gives per meeting (1-based) the positions
    of the rows left out now (from the adapted course), so that they show ticked.
    """
    data = data if isinstance(data, dict) else {}
    return [_organisation(data), _people(data), *_meetings(data, manual, left_out), _referral(data)]


def _field(data: Any, path: tuple, kind: str, label: str, required: bool = False, **extra) -> Field:
    return Field(path, kind, label, required, value=shown(_at(data, path), kind), **extra)


def _organisation(data: dict) -> Section:
    return Section(
        "Organisatie en plaats",
        "organisatie-en-plaats",
        [
            _field(data, ("organisatie",), TEXT, "Naam van de organisatie", True),
            _field(data, ("gemeente",), TEXT, "Gemeente, wijk of dorp", True),
            _field(
                data,
                ("locatie",),
                TEXT,
                "Standaardlocatie van de bijeenkomsten",
                True,
                hint="Per bijeenkomst kunt u hieronder een andere locatie geven.",
            ),
            _field(data, ("partners",), LINES, "Lokale partnerorganisaties", hint="Eén per regel; mag leeg blijven."),
            _field(
                data,
                ("meldpunt",),
                LONG,
                "Meldpunt voor signalen van eenzaamheid",
                hint="Komt op de Signaleringskaart; mag leeg blijven.",
            ),
        ],
    )


def _people(data: dict) -> Section:
    participants = data.get("deelnemers")
    names = participants if isinstance(participants, list) else []
    return Section(
        "Trainers en deelnemers",
        "mensen",
        [
            _field(data, ("trainers",), LINES, "Trainers", True, hint="Eén naam per regel."),
            Field(
                ("deelnemers",),
                PARTICIPANTS,
                "Namen van de deelnemers",
                hint="Eén naam per regel; een kolom uit Excel plakken kan ook. Weet u de namen nog niet, "
                "vul dan alleen het aantal in.",
                value="\n".join(map(str, names)),
                count="" if isinstance(participants, list) or participants is None else str(participants),
            ),
            _field(
                data,
                ("extra_afdrukken",),
                NUMBER,
                "Extra afdrukken per hand-out",
                hint="Bovenop één per deelnemer; standaard 2.",
            ),
            _field(
                data,
                ("duur",),
                CHOICE,
                "Lengte van de bijeenkomsten",
                options=_with_current(TRAINING_LENGTHS, data.get("duur")),
            ),
        ],
    )


def _with_current(options: tuple, current: Any) -> tuple:
    """The choices, and the file's own value among them when it is another one (200 minutes)."""
    if current is None or current is REMOVE or any(value == str(current) for value, _ in options):
        return options
    return (*options, (str(current), f"{current} minuten"))


def _meetings(data: dict, manual, left_out: Mapping[int, list[int]]) -> list[Section]:
    plans = data.get("bijeenkomsten")
    plans = plans if isinstance(plans, list) else []
    found = []
    for index, plan in enumerate(plans):
        number = index + 1
        meeting = manual.meetings[index] if index < len(manual.meetings) else None
        section = _meeting(data, index, meeting, plan if isinstance(plan, dict) else {})
        if meeting is None:
            section.groups = _own_rows(data, ("bijeenkomsten", index, "agenda"), None)
            section.fields.append(Field(("bijeenkomsten", index), REMOVE_ITEM, "Deze eigen bijeenkomst weghalen"))
        else:
            section.fields += _choices(data, ("bijeenkomsten", index), meeting, manual)
            section.fields.append(
                Field(
                    ("bijeenkomsten", index, "weglaten"),
                    LEFT_OUT,
                    "Weglaten",
                    value=",".join(map(str, left_out.get(number, []))),
                )
            )
            section.groups = _own_rows(data, ("bijeenkomsten", index, "toevoegen"), meeting)
        found.append(section)
    if len(plans) == len(manual.meetings):  # room for the trainer's own, sixth meeting
        found.append(_new_own_meeting(len(plans)))
    return found


def _meeting(data: dict, index: int, meeting, plan: dict) -> Section:
    """A meeting's own fields: when, where, how long; the title too for the trainer's own meeting."""
    base = ("bijeenkomsten", index)
    fields = [
        _field(data, (*base, "datum"), DATE, "Datum", True),
        _field(data, (*base, "start"), CLOCK, "Begintijd", True),
        _field(data, (*base, "duur"), CHOICE, "Lengte", options=_with_current(LENGTHS, plan.get("duur"))),
        _field(data, (*base, "einde"), CHOICE, "Einde", options=_with_current(ENDINGS, plan.get("einde"))),
        _field(data, (*base, "locatie"), TEXT, "Locatie", hint="Leeg: de standaardlocatie."),
    ]
    if meeting is None:
        fields.insert(0, _field(data, (*base, "titel"), TEXT, "Titel", True))
    return Section(
        f"Bijeenkomst {index + 1}",
        f"bijeenkomst-{index + 1}",
        fields,
        meeting=index + 1,
        note=meeting.titel if meeting else "Uw eigen bijeenkomst, na die van de handleiding.",
        path=base,
    )


def _new_own_meeting(index: int) -> Section:
    """An own meeting to add after the manual's: its fields, empty; filled in, it is added."""
    base = ("bijeenkomsten", index)
    row = (*base, "agenda", 0)
    return Section(
        f"Bijeenkomst {index + 1} (eigen, mag leeg blijven)",
        f"bijeenkomst-{index + 1}",
        [
            Field((*base, "titel"), TEXT, "Titel", new=True, hint="Bijvoorbeeld: terugkomen op de acties."),
            Field((*base, "datum"), DATE, "Datum", new=True),
            Field((*base, "start"), CLOCK, "Begintijd", new=True),
            Field((*base, "locatie"), TEXT, "Locatie", new=True, hint="Leeg: de standaardlocatie."),
            Field((*row, "wat"), TEXT, "Eerste onderdeel van de agenda", new=True),
            Field((*row, "duur"), NUMBER, "Duur van dat onderdeel in minuten", new=True),
        ],
        path=base,
        note="Een zesde bijeenkomst van uzelf, na de vijf van de handleiding. Vul de titel, de datum, de "
        "begintijd en een eerste onderdeel in om hem toe te voegen; daarna kunt u er meer onderdelen bij zetten.",
    )


def _choices(data: dict, base: tuple, meeting, manual) -> list[Field]:
    from desi_pack.course.adapt import choice_options

    fields = []
    for row in meeting.agenda:
        if row.keuze:
            names = choice_options(row, manual)
            options = (
                ("", "de groep kiest tijdens de bijeenkomst"),
                *((o.werkboek, name) for o, name in zip(row.keuze.opties, names)),
            )
            fields.append(
                _field(
                    data,
                    (*base, "keuze"),
                    CHOICE,
                    "Keuze uit de handleiding",
                    options=_with_current(options, _at(data, (*base, "keuze"))),
                    hint=row.keuze.tekst,
                )
            )
    return fields[:1]


def _own_rows(data: dict, path: tuple, meeting) -> list[Section]:
    rows = _at(data, path)
    rows = rows if isinstance(rows, list) else []
    groups = []
    after = (
        (
            ("", "vóór de afsluiting"),
            *((str(position), f"na {position}. {_short(row.wat)}") for position, row in manual_rows(meeting)),
        )
        if meeting
        else ()
    )
    for i in range(len(rows) + 1):
        new = i == len(rows)
        item = (*path, i)
        title = "Nieuw onderdeel toevoegen" if new else f"Eigen onderdeel {i + 1}"
        fields = [
            Field((*item, "wat"), TEXT, "Wat", not new, value=shown(_at(data, (*item, "wat")), TEXT), new=new),
            Field(
                (*item, "duur"),
                NUMBER,
                "Duur in minuten",
                not new,
                value=shown(_at(data, (*item, "duur")), NUMBER),
                new=new,
            ),
        ]
        if meeting is not None and new:
            fields.append(Field((*item, "na"), CHOICE, "Waar in de agenda", options=after, new=True))
        if not new:
            fields.append(Field(item, REMOVE_ITEM, "Dit onderdeel weghalen"))
        groups.append(Section(title, "veld-" + "-".join(map(str, item)), fields, path=item))
    return groups


def manual_rows(meeting) -> list[tuple[int, Any]]:
    """The rows of a meeting of the manual that take time, with their position in its table (from 1,
    notes counted: the numbers `weglaten` and `na` take, as `desi-pack check` shows them)."""
    return [(position, row) for position, row in enumerate(meeting.agenda, start=1) if row.duur is not None]


def _short(text: str, width: int = 50) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _referral(data: dict) -> Section:
    base = ("verwijskaart",)
    section = Section(
        "Verwijskaart",
        "verwijskaart",
        [
            _field(data, (*base, "plaats"), TEXT, "Plaats op de kaart", hint="Leeg: de gemeente."),
            _field(
                data, (*base, "stappen"), LINES, "Wat u doet bij een signaal", hint="Eén stap per regel, in volgorde."
            ),
            _field(data, (*base, "opties"), LINES, "Mogelijkheden daarna", hint="Eén per regel."),
        ],
        note="Wat iemand doet met een signaal van eenzaamheid, en wie hij of zij kan bellen (werkboek §11.5).",
        path=base,
    )
    contacts = _at(data, (*base, "contacten"))
    contacts = contacts if isinstance(contacts, list) else []
    for i in range(len(contacts) + 1):
        new = i == len(contacts)
        item = (*base, "contacten", i)
        fields = [
            Field((*item, key), kind, label, required and not new, value=shown(_at(data, (*item, key)), kind), new=new)
            for key, kind, label, required in _CONTACT
        ]
        if not new:
            fields.append(Field(item, REMOVE_ITEM, "Dit contact weghalen"))
        section.groups.append(
            Section(
                "Nieuw contact toevoegen" if new else f"Contact {i + 1}",
                "veld-" + "-".join(map(str, item)),
                fields,
                path=item,
            )
        )
    return section
