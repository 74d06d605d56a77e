"""The contacts workbook (.xlsx) of a coordinator who serves many places: reading it, and writing an empty one.

Two sheets hold the data. 'Contacten' has one row per contact with the place (municipality
or neighbourhood) it belongs to; 'Plaatsen' has per place the steps and the options of the
card, one per line in a cell. Columns are found by their heading, so their order is free.
Reading checks every cell and reports all problems together, each with sheet, row and
column; nothing is built from a workbook with a problem in it.
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic_core import PydanticCustomError

from desi_pack import dutch
from desi_pack.errors import InputError, OutputError, WorkbookError, spot
from desi_pack.excel.cells import seal
from desi_pack.excel.compat import sheet_xml
from desi_pack.excel.reading import open_book, quiet, typed, whole
from desi_pack.files import read_input, write_new
from desi_pack.text import CONTROL_PROBLEM, has_control, one_line, tidy
from desi_pack.training import referral
from desi_pack.training.config import parse_clock, parse_end_clock
from desi_pack.training.referral import CardLabels, Contact, FieldProblem, Place

CONTACTS, PLACES, HELP = "Contacten", "Plaatsen", "Uitleg"
ALL_PLACES = "Alle plaatsen"  # a row in 'Plaatsen' whose steps and options every other place shares
HEADER_SEARCH_ROWS = 10
TEMPLATE_ROWS = 2000  # rows of the template that get the formats and checks
_Value = TypeVar("_Value")  # what a check makes of a cell's text


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    required: bool
    width: int
    help: str
    aliases: tuple[str, ...] = ()
    empty: str = ""  # what to say when a required cell is empty


CONTACT_COLUMNS = (
    Column(
        "plaats",
        "Plaats",
        True,
        22,
        "De gemeente, wijk of het dorp waar dit contact bij hoort. Elke plaats krijgt een eigen kaart, met "
        "alleen de eigen contacten. Schrijf een plaats steeds op dezelfde manier.",
        ("gemeente", "wijk", "gemeente of wijk", "dorp", "kern"),
        "leeg; vul de gemeente, wijk of het dorp in waar dit contact bij hoort.",
    ),
    Column(
        "naam",
        "Naam",
        True,
        30,
        "Naam van de persoon, het team of de organisatie die men kan bellen of mailen.",
        ("naam/organisatie/team", "contact", "contactpersoon"),
        "leeg; vul de naam van de persoon, het team of de organisatie in.",
    ),
    Column(
        "organisatie",
        "Organisatie",
        False,
        26,
        "Organisatie of team waar de persoon bij hoort (mag leeg).",
        ("team", "organisatie/team"),
    ),
    Column(
        "waarvoor",
        "Waarvoor",
        False,
        34,
        "Voor welke signalen of vragen men bij dit contact terecht kan (mag leeg).",
        ("voor", "welke signalen", "signalen"),
    ),
    Column(
        "telefoon",
        "Telefoon",
        False,
        18,
        "Een Nederlands nummer: 10 cijfers vanaf 0 (0344-123456, 06-12345678), +31 6 12345678, een 0800- "
        "of 0900-nummer, of een 14-nummer van de gemeente (14 0344). Streepjes en spaties mogen.",
        ("tel", "tel.", "telefoonnummer"),
    ),
    Column(
        "email",
        "E-mail",
        False,
        32,
        "Een e-mailadres, zoals wijkteam@gemeente.nl.",
        ("email", "e-mailadres", "emailadres", "mail"),
    ),
    Column(
        "social_media",
        "Social media",
        False,
        30,
        "Facebook-pagina of ander medium. Zonder naam van een medium komt het op de kaart achter "
        "'Facebook:', zoals in het werkboek. Een ander medium? Zet de naam ervoor: 'Instagram: @wijkteam'.",
        ("facebook", "sociale media"),
    ),
    Column(
        "van",
        "Bereikbaar van",
        False,
        15,
        "Begintijd als uu:mm, zoals 9:00. Samen met 'Bereikbaar tot'.",
        ("van", "bereikbaar vanaf"),
    ),
    Column("tot", "Bereikbaar tot", False, 15, "Eindtijd als uu:mm, zoals 17:00; later dan de begintijd.", ("tot",)),
    Column(
        "dagen",
        "Dagen",
        False,
        24,
        "Op welke dagen, zoals 'maandag t/m vrijdag', 'ma, wo en vr', 'di-do', 'werkdagen', 'weekend' of 'dagelijks'.",
        ("op dagen", "bereikbaar op"),
    ),
)
PLACE_COLUMNS = (
    Column(
        "plaats",
        "Plaats",
        True,
        22,
        f"De gemeente, wijk of het dorp, geschreven zoals in het blad Contacten. Een rij '{ALL_PLACES}' "
        "geeft stappen en opties voor elke plaats die zelf geen stappen of opties heeft.",
        CONTACT_COLUMNS[0].aliases,
        "leeg; vul de gemeente, wijk of het dorp in van deze stappen en opties.",
    ),
    Column(
        "stappen",
        "Stappen",
        False,
        60,
        "Wat iemand doet bij een vermoeden van eenzaamheid, in volgorde; één stap per regel "
        "(nieuwe regel in een cel: Alt+Enter, op een Mac Option+Enter).",
    ),
    Column(
        "opties",
        "Opties",
        False,
        60,
        "Welke mogelijkheden er zijn nadat het bespreekbaar is gemaakt; één optie per regel.",
    ),
)
PHONE_KEYS = ("telefoon", "email", "social_media")

EXAMPLE_PLACE = "Voorbeelddorp"
EXAMPLE_CONTACT = {
    "plaats": EXAMPLE_PLACE,
    "naam": "Sociaal team Voorbeelddorp",
    "organisatie": "Welzijn Voorbeeldregio",
    "waarvoor": "Zorgen over iemand die alleen lijkt te staan",
    "telefoon": "0344-123456",
    "email": "sociaalteam@voorbeelddorp.example",
    "social_media": "facebook.com/sociaalteamvoorbeelddorp",
    "van": time(9, 0),
    "tot": time(17, 0),
    "dagen": "maandag t/m vrijdag",
}
EXAMPLE_STEPS = ("Ga in gesprek met de persoon zelf.", "Bespreek uw zorg met het Sociaal team.")
EXAMPLE_OPTIONS = ("Samen een activiteit in de buurt zoeken.", "Een maatje via de vrijwilligerscentrale.")


@dataclass
class ContactsBook:
    """What a contacts workbook holds: the places in order, and remarks that are no error."""

    places: list[Place]
    notes: list[str] = field(default_factory=list)


# --- reading ----------------------------------------------------------------------


def is_workbook(path: Path) -> bool:
    """A source is a contacts workbook by its name, or by being a zip file (as every .xlsx is)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return True
    if path.suffix.lower() in (".xls", ".ods", ".csv"):
        return True  # read_contacts explains what to do with these
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def read_contacts(path: str | Path, labels: CardLabels) -> ContactsBook:
    """Read and check a contacts workbook; raise one WorkbookError listing every problem."""
    with quiet():  # openpyxl's English remarks on the file's make-up are no message for a coordinator
        return _read(Path(path), labels)


def _read(path: Path, labels: CardLabels) -> ContactsBook:
    book, data = _open(path)
    name = str(path)
    try:
        sheets = {sheet.title.strip().casefold(): sheet for sheet in book.worksheets}
        missing = [title for title in (CONTACTS, PLACES) if title.casefold() not in sheets]
        if missing:
            present = ", ".join(f"'{s.title}'" for s in book.worksheets) or "geen bladen"
            raise WorkbookError(
                name,
                [
                    f"{name}: het blad '{title}' ontbreekt (de werkmap heeft {present}). Begin met de lege "
                    f"contactenwerkmap{spot('contacts_template')}: die heeft de goede bladen en kolommen."
                    for title in missing
                ],
            )
        aliases = {"stappen": (labels.steps,), "opties": (labels.options,)}
        unevaluated = _formulas_without_value(data, [sheets[CONTACTS.casefold()], sheets[PLACES.casefold()]])
        contacts_sheet = _Sheet(name, sheets[CONTACTS.casefold()], CONTACT_COLUMNS, {}, unevaluated)
        places_sheet = _Sheet(name, sheets[PLACES.casefold()], PLACE_COLUMNS, aliases, unevaluated)
        header_problems = contacts_sheet.problems + places_sheet.problems
        if header_problems:
            raise WorkbookError(name, header_problems)
        contacts = contacts_sheet.read(_contact_row)
        texts = places_sheet.read(_place_row)
    finally:
        book.close()
    problems = contacts_sheet.problems + places_sheet.problems
    problems += _duplicate_places(places_sheet, texts)
    if problems:
        raise WorkbookError(name, problems)
    # The template's example rows (Voorbeelddorp) never become a card.
    example = [n for n, (place, _c) in contacts if _key(place) == _key(EXAMPLE_PLACE)]
    example += [n for n, (place, *_rest) in texts if _key(place) == _key(EXAMPLE_PLACE)]
    contacts = [(n, row) for n, row in contacts if _key(row[0]) != _key(EXAMPLE_PLACE)]
    texts = [(n, row) for n, row in texts if _key(row[0]) != _key(EXAMPLE_PLACE)]
    result = _assemble(name, contacts, texts)
    if example:
        result.notes.append(
            f"De voorbeeldrijen van het sjabloon ({EXAMPLE_PLACE}) zijn overgeslagen; u mag ze "
            "uit de werkmap verwijderen."
        )
    result.notes += [note for note in (contacts_sheet.hidden_note(), places_sheet.hidden_note()) if note]
    return result


def _open(path: Path):
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".csv"):
        raise InputError(
            f"{path}: desi-pack leest contacten uit een Excel-werkmap (.xlsx); sla dit bestand op als "
            "'Excel-werkmap (.xlsx)' en probeer het opnieuw."
        )
    data = read_input(path, "een contactenwerkmap (.xlsx) of trainingsbestand")
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: an encrypted .xlsx, or an old .xls renamed
        raise InputError(
            f"{path}: deze werkmap is beveiligd met een wachtwoord (of is een oud .xls-bestand). Open hem in Excel, "
            "haal het wachtwoord eraf (Bestand > Info > Werkmap beveiligen > Versleutelen met wachtwoord: leeg "
            "laten) en sla hem op als 'Excel-werkmap (.xlsx)'."
        )
    try:
        return open_book(data), data
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as err:
        raise InputError(
            f"{path}: dit is geen Excel-werkmap (.xlsx) of het bestand is beschadigd. Begin met de lege "
            f"contactenwerkmap{spot('contacts_template')}: die heeft de goede kolommen."
        ) from err


def _key(text: str) -> str:
    """How a heading or place name is compared, as a person reads it: the same letters in either
    Unicode form (é as one character or as e + accent) are the same; case, spaces, a trailing '*'
    or ':' do not count."""
    text = unicodedata.normalize("NFKC", tidy(str(text)))
    return " ".join(text.replace("*", " ").split()).rstrip(":").strip().casefold()


def _formulas_without_value(data: bytes, sheets) -> dict[str, set[tuple[int, int]]]:
    """Per sheet title, the (row, 0-based column) of every formula that has no calculated value.

    A workbook written by a program and never opened in Excel keeps formulas without their
    result; read for values, those cells look empty. Only a workbook with formulas is read twice.
    """
    if not any(re.search(rb"<(?:\w+:)?f[ >/]", sheet_xml(sheet)) for sheet in sheets):
        return {}
    formulas = open_book(data, formulas=True)
    try:
        found = {}
        for sheet in sheets:
            with_formulas, sheet = whole(formulas[sheet.title]), whole(sheet)
            found[sheet.title] = {
                (cell.row, cell.column - 1)
                for row, values in zip(with_formulas.iter_rows(), sheet.iter_rows(values_only=True))
                for cell in row
                if cell.data_type == "f" and (cell.column > len(values) or values[cell.column - 1] is None)
            }
        return found
    finally:
        formulas.close()


class _Sheet:
    """One sheet: where its heading row is, which column holds what, and the problems found."""

    def __init__(
        self,
        book: str,
        sheet,
        columns: tuple[Column, ...],
        extra_aliases: Mapping[str, tuple[str, ...]],
        unevaluated: dict[str, set[tuple[int, int]]] | None = None,
    ):
        self.book, self.sheet, self.columns = book, sheet, {c.key: c for c in columns}
        whole(sheet)  # the size a workbook records for a sheet can be wrong (WPS writes 'A1')
        self.title = sheet.title
        self.unevaluated = (unevaluated or {}).get(sheet.title, set())
        xml = sheet_xml(sheet)
        rows = re.findall(rb"<(?:\w+:)?row\s[^>]*>", xml)  # a row's attributes come in any order
        self.hidden = {
            int(number[1])
            for row in rows
            if re.search(rb'\bhidden="(?:1|true)"', row) and (number := re.search(rb'\br="(\d+)"', row))
        }
        # Cells that hold an error value (t="e"), as (row, 0-based column): '#N/A' typed as text is text.
        self.errors = set()
        for cell in re.findall(rb"<(?:\w+:)?c\s[^>]*>", xml):
            where = re.search(rb'\br="([A-Z]+)(\d+)"', cell)
            if where and re.search(rb'\bt="e"', cell):
                self.errors.add((int(where[2]), column_index_from_string(where[1].decode()) - 1))
        self.hidden_read: list[int] = []
        self.problems: list[str] = []
        self.positions: dict[str, int] = {}  # column key -> 0-based index
        self.headings: dict[str, str] = {}  # column key -> heading as written
        names = {}
        for column in columns:
            for alias in (column.title, *column.aliases, *extra_aliases.get(column.key, ())):
                names[_key(alias)] = column.key
        self._find_header(names)

    def _find_header(self, names: dict[str, str]) -> None:
        first = next(c.key for c in self.columns.values() if c.required)
        rows = self.sheet.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True)
        for number, row in enumerate(rows, start=1):
            row = tuple(typed(value) for value in row)
            if any(isinstance(v, str) and names.get(_key(v)) == first for v in row):
                self.header_row = number
                self._map(row, names)
                return
        self.header_row = 0
        self.problems.append(
            f"{self.book}, blad {self.title}: geen kopregel gevonden met de kolom '{self.columns[first].title}' "
            f"(gezocht in de eerste {HEADER_SEARCH_ROWS} rijen)."
        )

    def _map(self, row: tuple, names: dict[str, str]) -> None:
        known = {c.title: c.key for c in self.columns.values()}
        for index, value in enumerate(row):
            if value is None or not str(value).strip():
                continue
            heading = str(value).strip()
            key = names.get(_key(heading))
            letter = get_column_letter(index + 1)
            if key is None:
                close = difflib.get_close_matches(_key(heading), [_key(t) for t in known], n=1, cutoff=0.75)
                if close:  # a misspelt heading would silently lose a column; other columns are the user's own
                    title = next(t for t in known if _key(t) == close[0])
                    self.problems.append(
                        f"{self.book}, blad {self.title}, rij {self.header_row}, kolom {letter}: "
                        f"onbekende kolom '{heading}'. Bedoelde u '{title}'?"
                    )
                continue
            if key in self.positions:
                first = get_column_letter(self.positions[key] + 1)
                self.problems.append(
                    f"{self.book}, blad {self.title}, rij {self.header_row}, kolom {letter}: "
                    f"'{heading}' staat er al (kolom {first}); laat er één over."
                )
                continue
            self.positions[key], self.headings[key] = index, heading
        for column in self.columns.values():
            if column.required and column.key not in self.positions:
                self.problems.append(
                    f"{self.book}, blad {self.title}: de kolom '{column.title}' ontbreekt "
                    f"(verplicht; kopregel in rij {self.header_row})."
                )

    def where(self, row: int, *keys: str) -> str:
        """'contacten.xlsx, blad Contacten, rij 7, kolom E (Telefoon)'."""
        keys = tuple(k for k in keys if k in self.positions)
        start = f"{self.book}, blad {self.title}, rij {row}"
        if not keys:
            return start
        letters = [get_column_letter(self.positions[k] + 1) for k in keys]
        headings = [self.headings[k] for k in keys]
        if len(keys) == 1:
            return f"{start}, kolom {letters[0]} ({headings[0]})"
        return f"{start}, kolommen {dutch.names(letters)} ({', '.join(headings)})"

    def read(self, parse) -> list:
        """Every non-empty row after the heading, parsed; problems are collected, not raised."""
        results = []
        rows = self.sheet.iter_rows(min_row=self.header_row + 1, values_only=True)
        for number, row in enumerate(rows, start=self.header_row + 1):
            values = {key: typed(row[i]) if i < len(row) else None for key, i in self.positions.items()}
            unevaluated = [key for key, i in self.positions.items() if (number, i) in self.unevaluated]
            if all(_blank(v) for v in values.values()) and not unevaluated:
                continue
            if number in self.hidden:
                self.hidden_read.append(number)
            cells = _Cells(self, number, values)
            for key in unevaluated:
                cells.problem(
                    "hier staat een formule zonder berekende waarde (het bestand is gemaakt door een "
                    "programma en nooit in Excel geopend). Open het in Excel of LibreOffice, sla het op "
                    "en probeer het opnieuw; of typ de waarde zelf in.",
                    key,
                )
                values[key] = None
            for key, value in values.items():
                if (number, self.positions[key]) in self.errors and value is not None:
                    cells.problem(
                        f"de cel toont de foutwaarde {value.strip()} (een formule die niet klopt); "
                        "verbeter de formule of typ de waarde zelf in.",
                        key,
                    )
                    values[key] = None
            if cells.failed:
                parse(cells)  # the row's other problems are reported too
                continue
            item = parse(cells)
            if not cells.failed:
                results.append((number, item))
        return results

    def hidden_note(self) -> str:
        """A remark on hidden rows that were read: they are on the cards, though Excel hides them."""
        if not self.hidden_read:
            return ""
        rows = self.hidden_read
        listed = dutch.names([str(r) for r in rows[:8]]) + (" …" if len(rows) > 8 else "")
        if len(rows) == 1:
            return (
                f"Blad {self.title}: rij {listed} is verborgen in Excel, maar staat wel op de kaarten. Maak hem "
                "zichtbaar om hem na te kijken, of verwijder hem als hij er niet op hoort."
            )
        return (
            f"Blad {self.title}: rijen {listed} zijn verborgen in Excel, maar staan wel op de kaarten. Maak ze "
            "zichtbaar om ze na te kijken, of verwijder ze als ze er niet op horen."
        )


class _Cells:
    """The values of one row, read through checks that note a problem instead of raising."""

    def __init__(self, sheet: _Sheet, row: int, values: dict):
        self.sheet, self.row, self.values = sheet, row, values
        self.failed = False
        self.reported: set[str] = set()  # a cell gets one problem: its first

    def problem(self, message: str, *keys: str) -> None:
        self.failed = True
        if self.reported.intersection(keys):
            return
        self.reported.update(keys)
        self.sheet.problems.append(f"{self.sheet.where(self.row, *keys)}: {message}")

    def text(self, key: str, required: bool = False) -> str:
        value = self.values.get(key)
        if _blank(value):
            if required:
                self.problem(self.sheet.columns[key].empty, key)
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if has_control(str(value)):  # before the spacing is tidied: Python takes some of them for spaces
            self.problem(CONTROL_PROBLEM, key)
            return ""
        return one_line(str(value))  # 'Tiel' with a zero-width space pasted along is Tiel (text.tidy)

    def checked(self, key: str, check: Callable[[str], _Value], empty: _Value) -> _Value:
        """The cell's text as `check` reads it; `empty` when the cell is empty or `check` finds a problem."""
        text = self.text(key)
        if not text:
            return empty
        try:
            return check(text)
        except FieldProblem as err:
            self.problem(str(err), key)
            return empty

    def phone(self) -> str:
        value = self.values.get("telefoon")
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool) and len(str(value)) == 9:
            # Excel keeps a number typed as 0612345678 as 612345678: the 0 is meant.
            self.values["telefoon"] = f"0{value}"
        return self.checked("telefoon", referral.check_phone, "")

    def clock(self, key: str, end: bool = False) -> time | None:
        value = self.values.get(key)
        if _blank(value):
            return None
        try:
            return _cell_time(value, end)
        except FieldProblem as err:
            self.problem(str(err), key)
            return None

    def lines(self, key: str) -> tuple[str, ...]:
        value = self.values.get(key)
        if _blank(value):
            return ()
        if has_control(str(value)):  # before the lines are split: Python takes some of them for line breaks
            self.problem(CONTROL_PROBLEM, key)
            return ()
        lines = []
        for line in tidy(str(value)).splitlines():
            line = re.sub(r"^\s*(?:\d{1,2}[.)]|[-\u2022*\u2013])\s+", "", line).strip()  # the card numbers itself
            if one_line(line):
                lines.append(one_line(line))
        return tuple(lines)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# openpyxl reads a time of 24:00 or later (an Excel serial of 1 or more) as a date just after this day.
_EXCEL_DAY_ZERO = date(1899, 12, 31)


def _cell_time(value, end: bool = False) -> time:
    """A clock time from a cell: a time, a fraction of a day, or text such as '9:00'; with `end`, also 24:00."""
    if isinstance(value, datetime):
        days = (value.date() - _EXCEL_DAY_ZERO).days
        if -1 <= days <= 2:  # '25:00' typed in Excel: day 1 at 01:00
            hours = max(days, 0) * 24 + value.hour
            return _cell_time(f"{hours}:{value.minute:02d}", end)
        if value.time() != time(0):
            # Apple Numbers keeps a time typed as 8:30 with the day it was typed (and shows only 8:30):
            # in a column of times, the time is what was meant.
            return value.time().replace(second=0, microsecond=0)
        raise FieldProblem(f"{value:%d-%m-%Y} is een datum, geen tijd; schrijf uren:minuten, zoals 9:00.")
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        return _cell_time(f"{minutes // 60}:{minutes % 60:02d}", end)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 <= value <= 1:
            minutes = round(value * 24 * 60)
            return _cell_time(f"{minutes // 60}:{minutes % 60:02d}", end)
        raise FieldProblem(f"'{value:g}' is geen tijd; schrijf uren:minuten, zoals 9:00.")
    text = str(value).strip()
    if re.fullmatch(r"\d{1,2}[:.]\d{2}[:.]00", text):  # '09:00:00'
        text = text[:-3]
    try:
        return parse_end_clock(text) if end else parse_clock(text)
    except PydanticCustomError as err:
        raise FieldProblem(err.message()) from None


def _contact_row(cells: _Cells) -> tuple[str, Contact]:
    place = cells.text("plaats", required=True)
    name = cells.text("naam", required=True)
    contact = Contact(
        naam=name,
        organisatie=cells.text("organisatie"),
        waarvoor=cells.text("waarvoor"),
        telefoon=cells.phone(),
        email=cells.checked("email", referral.check_email, ""),
        social_media=cells.text("social_media"),
        van=cells.clock("van"),
        tot=cells.clock("tot", end=True),
        dagen=_days(cells),
    )
    given = [k for k in PHONE_KEYS if not _blank(cells.values.get(k))]
    if not given:
        cells.problem("geen telefoon, e-mail of social media; vul er minstens één in.", *PHONE_KEYS)
    van, tot = cells.values.get("van"), cells.values.get("tot")
    if _blank(van) != _blank(tot):
        empty = "tot" if _blank(tot) else "van"
        cells.problem("leeg; vul 'Bereikbaar van' en 'Bereikbaar tot' allebei in, of geen van beide.", empty)
    elif contact.van and contact.tot and contact.van >= contact.tot:
        cells.problem(
            f"de eindtijd {dutch.clock(contact.tot)} ligt niet na de begintijd {dutch.clock(contact.van)}.",
            "van",
            "tot",
        )
    return place, contact


def _days(cells: _Cells) -> tuple[int, ...]:
    return cells.checked("dagen", referral.parse_days, ())


def _place_row(cells: _Cells) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    return cells.text("plaats", required=True), cells.lines("stappen"), cells.lines("opties")


def _duplicate_places(sheet: _Sheet, rows: list) -> list[str]:
    seen: dict[str, int] = {}
    problems = []
    for number, (place, _steps, _options) in rows:
        if _key(place) in seen:
            problems.append(
                f"{sheet.where(number, 'plaats')}: '{place}' staat al in rij {seen[_key(place)]}; "
                "zet de stappen en opties van een plaats in één rij."
            )
        else:
            seen[_key(place)] = number
    return problems


def _assemble(name: str, contacts: list, texts: list) -> ContactsBook:
    """Group the contacts by place; give each place its steps and options (or those of 'Alle plaatsen')."""
    shared = ((), ())
    names: dict[str, str] = {}
    own: dict[str, tuple] = {}
    for _number, (place, steps, options) in texts:
        if _key(place) == _key(ALL_PLACES):
            shared = (steps, options)
            continue
        names.setdefault(_key(place), place)
        own[_key(place)] = (steps, options)
    grouped: dict[str, list[Contact]] = {}
    everywhere: list[Contact] = []  # e.g. a national helpline, on every card
    for _number, (place, contact) in contacts:
        if _key(place) == _key(ALL_PLACES):
            everywhere.append(contact)
            continue
        names.setdefault(_key(place), place)
        grouped.setdefault(_key(place), []).append(contact)
    if not names:
        raise WorkbookError(
            name,
            [
                (
                    f"{name}: de werkmap bevat geen contacten en geen plaatsen; vul het blad "
                    f"{CONTACTS} in (één rij per contact)."
                )
            ],
        )
    places, notes = [], []
    for key, display in names.items():
        steps, options = own.get(key, ((), ()))
        places.append(
            Place(display, steps or shared[0], options or shared[1], tuple(grouped.get(key, [])) + tuple(everywhere))
        )
    empty = [p.naam for p in places if not grouped.get(_key(p.naam)) and not everywhere]
    if empty:
        notes.append(
            f"{len(empty)} plaats{'en' if len(empty) != 1 else ''} zonder contacten "
            f"({dutch.names(empty[:5])}{' …' if len(empty) > 5 else ''}): de kaart heeft daar invulruimte."
        )
    return ContactsBook(places, notes)


# --- the empty workbook -------------------------------------------------------------

HEAD_FILL = PatternFill("solid", fgColor="DCE9EC")
REQUIRED_FILL = PatternFill("solid", fgColor="B7D3DA")
EXAMPLE_FONT = Font(italic=True, color="7F7F7F")
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
GRID = Border(*(Side(style="thin", color="A6A6A6"),) * 4)
CLOCK = "hh:mm"
DAY_SUGGESTIONS = (
    "maandag t/m vrijdag",
    "maandag t/m donderdag",
    "werkdagen",
    "dagelijks",
    "weekend",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
)


def template_bytes(labels: CardLabels) -> bytes:
    """An empty contacts workbook: explanation, both sheets with one example row, checks, frozen headings."""
    book = Workbook()
    _help_sheet(book.active, labels)
    contacts = book.create_sheet(CONTACTS)
    _data_sheet(contacts, CONTACT_COLUMNS, [[EXAMPLE_CONTACT[c.key] for c in CONTACT_COLUMNS]])
    _contact_checks(contacts)
    places = book.create_sheet(PLACES)
    _data_sheet(places, PLACE_COLUMNS, [[EXAMPLE_PLACE, "\n".join(EXAMPLE_STEPS), "\n".join(EXAMPLE_OPTIONS)]])
    places.row_dimensions[2].height = 15 * max(len(EXAMPLE_STEPS), len(EXAMPLE_OPTIONS))
    for column in PLACE_COLUMNS:
        places.column_dimensions[_letter(PLACE_COLUMNS, column.key)].alignment = WRAP
    _prompts(places, PLACE_COLUMNS, set())
    book.active = 1  # open on Contacten; the tab Uitleg is in front of it
    seal(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_template(path: str | Path, labels: CardLabels) -> Path:
    """Write the empty contacts workbook to path (.xlsx added if missing); never over an existing file."""
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".xlsx")
    if path.suffix.lower() != ".xlsx":
        raise OutputError(f"{path}: geef een naam die eindigt op .xlsx, zoals contacten.xlsx.")
    data = template_bytes(labels)
    write_new(path, data)
    return path


def _letter(columns: tuple[Column, ...], key: str) -> str:
    return get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.key == key))


def _data_sheet(sheet, columns: tuple[Column, ...], examples: list[list]) -> None:
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.title)
        cell.font, cell.border, cell.alignment = BOLD, GRID, WRAP
        cell.fill = REQUIRED_FILL if column.required else HEAD_FILL
        cell.comment = Comment(
            f"{'Verplicht. ' if column.required else ''}{column.help}", "desi-pack", width=300, height=140
        )
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row, values in enumerate(examples, start=2):
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=index, value=value)
            cell.font, cell.alignment = EXAMPLE_FONT, WRAP
            if isinstance(value, time):
                cell.number_format = CLOCK
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _rows(columns: tuple[Column, ...], key: str) -> str:
    letter = _letter(columns, key)
    return f"{letter}2:{letter}{TEMPLATE_ROWS}"


def _contact_checks(sheet) -> None:
    """Formats and checks where they help: text for numbers (keeps the 0), times, days, e-mail."""
    columns = CONTACT_COLUMNS
    sheet.column_dimensions[_letter(columns, "telefoon")].number_format = "@"
    for key in ("van", "tot"):
        sheet.column_dimensions[_letter(columns, key)].number_format = CLOCK
        rule = DataValidation(
            type="time",
            operator="between",
            formula1="0",
            formula2="0.999305556",
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
        )
        rule.errorTitle, rule.error = "Geen tijd", "Vul een tijd in van 0:00 tot 23:59, zoals 9:00 of 17:30."
        _prompt(rule, columns, key)
        rule.add(_rows(columns, key))
        sheet.add_data_validation(rule)
    days = DataValidation(
        type="list",
        formula1='"' + ",".join(DAY_SUGGESTIONS) + '"',
        allow_blank=True,
        showErrorMessage=False,
        showInputMessage=True,
    )  # suggestions; own text allowed
    _prompt(days, columns, "dagen")
    days.add(_rows(columns, "dagen"))
    sheet.add_data_validation(days)
    email = _letter(columns, "email")
    mail = DataValidation(
        type="custom",
        formula1=f'ISNUMBER(FIND("@",{email}2))',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="warning",
    )
    mail.errorTitle, mail.error = "Geen e-mailadres?", "Een e-mailadres heeft een @, zoals wijkteam@gemeente.nl."
    _prompt(mail, columns, "email")
    mail.add(_rows(columns, "email"))
    sheet.add_data_validation(mail)
    _prompts(sheet, columns, {"van", "tot", "dagen", "email"})


def _prompt(rule: DataValidation, columns: tuple[Column, ...], key: str) -> None:
    column = next(c for c in columns if c.key == key)
    rule.promptTitle = column.title[:32]
    rule.prompt = column.help[:255]


def _prompts(sheet, columns: tuple[Column, ...], done: set[str]) -> None:
    """The column's explanation, shown when a cell is selected (a check that allows anything)."""
    for column in columns:
        if column.key in done:
            continue
        rule = DataValidation(allow_blank=True, showInputMessage=True)
        _prompt(rule, columns, column.key)
        rule.add(_rows(columns, column.key))
        sheet.add_data_validation(rule)


def _help_sheet(sheet, labels: CardLabels) -> None:
    """What the workbook is for, every column, and how to write days and times."""
    sheet.title = HELP
    for letter, width in zip("ABCD", (13, 17, 10, 88)):
        sheet.column_dimensions[letter].width = width
    row = 1

    def line(text: str, font: Font | None = None) -> None:
        nonlocal row
        cell = sheet.cell(row=row, column=1, value=text)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
        cell.alignment = WRAP
        if font:
            cell.font = font
        sheet.row_dimensions[row].height = 15 * (1 + len(text) // 125) + (6 if font and font.size else 0)
        row += 1

    line(f"Contacten voor de verwijskaart (werkboek \u00a7{labels.heading.split()[0]})", Font(bold=True, size=14))
    line(
        "Vul de bladen Contacten en Plaatsen in en maak dan met één opdracht een verwijskaart per gemeente, "
        "wijk of dorp:   desi-pack verwijskaart contacten.xlsx"
    )
    line(
        "Elke plaats krijgt een A4-kaart en een vel zakkaarten om te knippen, met alleen de eigen contacten, "
        "stappen en opties. Rij 2 van elk blad is een voorbeeld (grijs): overschrijf of verwijder die."
    )
    row += 1
    for col, title in enumerate(("Blad", "Kolom", "Verplicht", "Uitleg"), start=1):
        cell = sheet.cell(row=row, column=col, value=title)
        cell.font, cell.fill, cell.border = BOLD, HEAD_FILL, GRID
    on_card = {"stappen": f" Op de kaart onder: '{labels.steps}'", "opties": f" Op de kaart onder: '{labels.options}'"}
    for sheet_name, columns in ((CONTACTS, CONTACT_COLUMNS), (PLACES, PLACE_COLUMNS)):
        for column in columns:
            row += 1
            explanation = column.help + on_card.get(column.key, "")
            values = (sheet_name, column.title, "ja" if column.required else "", explanation)
            for col, value in enumerate(values, start=1):
                cell = sheet.cell(row=row, column=col, value=value)
                cell.alignment, cell.border = WRAP, GRID
            sheet.row_dimensions[row].height = 15 * (1 + len(explanation) // 95)
    row += 2
    line("Hoe u het schrijft", BOLD)
    for text in (
        "Tijden: uren:minuten, zoals 9:00 of 17:30. Excel controleert dat het een tijd van 0:00 tot 23:59 is.",
        (
            "Dagen: dagnamen voluit of afgekort (ma, di, wo, do, vr, za, zo), gescheiden door komma's of 'en'; een "
            "reeks met 't/m' of een streepje (ma-vr). Ook: werkdagen, weekend, dagelijks. Op de kaart staat het "
            "voluit, zoals 'maandag t/m vrijdag'."
        ),
        "Telefoon: de kolom staat op tekst, zodat de 0 vooraan blijft staan.",
        (
            "Stappen en opties: één per regel in de cel (Alt+Enter, op een Mac Option+Enter). De kaart toont ze "
            f"in deze volgorde: zet eerst wat iemand eerst doet. Een rij '{ALL_PLACES}' in het blad {PLACES} geldt "
            "voor elke plaats zonder eigen stappen of opties."
        ),
        f"Een contact met plaats '{ALL_PLACES}' (bijvoorbeeld een landelijke hulplijn) staat op elke kaart.",
        "Eigen kolommen (bijvoorbeeld aantekeningen) mogen erbij; desi-pack slaat ze over.",
        "Klopt er iets niet, dan maakt desi-pack geen kaarten en noemt het elk probleem met blad, rij en kolom.",
    ):
        line(text)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
