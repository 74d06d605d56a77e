"""Collecting after the meetings: every filled-in form in a folder read back into one workbook.

`collect` reads the forms (sources.py, reading.py), recognises each one (by its stored
properties, its fields' tags, or its text), reads its answers by aligning it with the blank
form of this training (layouts.py), says who filled it in (people.py) and at which meeting,
and adds the attendance the trainer ticked in the agendas (attendance.py). What is written
of it, the workbook and the certificates, is results.py's.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from desi_pack import dutch
from desi_pack.collect import attendance, sources
from desi_pack.collect.layouts import Layout, typed_date
from desi_pack.collect.people import People, normal
from desi_pack.collect.reading import Document, Unreadable, read
from desi_pack.errors import reason
from desi_pack.pack.build import BlankForms
from desi_pack.training.config import Training
from desi_pack.word import properties
from desi_pack.word.controls import FORMS_VERSION
from desi_pack.writing.output import same_owner

READ, SKIPPED, REFUSED = "gelezen", "overgeslagen", "geweigerd"
BEFORE, AFTER = "voor", "na"
WORKBOOK = "antwoorden.xlsx"
MAX_ANSWER = 32000  # characters; an Excel cell holds 32,767
DAYS_AROUND = 30  # a form dated further than this before the first or after the last meeting is flagged
# The field that says who filled in a form, by the last part of its tag.
NAME_FIELDS = ("naam", "ingevuld-door", "persoonlijke-netwerkkaart-van")
_MEETING_FOLDER = re.compile(r"^(?:bijeenkomst|bijeenkomsten|b)[-_ ]?(\d{1,2})$", re.IGNORECASE)
_MOMENTS = {
    "voor": BEFORE,
    "voormeting": BEFORE,
    "begin": BEFORE,
    "start": BEFORE,
    "na": AFTER,
    "nameting": AFTER,
    "eind": AFTER,
    "einde": AFTER,
}


@dataclass
class Answer:
    """One filled-in form: where it came from, whose it is, when, and its values by field tag."""

    source: str
    form: str
    person: str = ""
    date: str = ""  # as filled in, d-M-yyyy where it could be read as a date
    day: datetime.date | None = None  # that date, where it could ('date' is the field above)
    meeting: int | None = None
    moment: str = ""  # BEFORE or AFTER when its folder says so
    typed: str = ""  # the name as filled in
    values: dict[str, str | bool] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class FileLine:
    """A line of the files sheet: a file, what happened to it, and why."""

    name: str
    result: str
    form: str = ""
    reason: str = ""


@dataclass
class Collection:
    training: Training
    blanks: BlankForms
    layouts: dict[str, Layout]
    answers: list[Answer]
    files: list[FileLine]
    attendance: dict[int, attendance.Sheet]
    people: People
    unread: list[str] = field(default_factory=list)  # the pack's agendas that could not be read


def collect(folder: Path, training: Training, pack: Path | None = None, leave_out: Path | None = None) -> Collection:
    """Read every form and agenda under `folder` (and the agendas in the training's `pack` folder).

    Raises InputError only when `folder` cannot be read; every file that cannot be used is a
    FileLine saying why.
    """
    blanks = BlankForms(training)
    reader = _Reader(training, blanks)
    agendas: dict[int, tuple[str, attendance.Sheet]] = {}
    unread: list[str] = []  # the pack's agendas that could not be read: no certificate is decided on them
    for path in sorted(pack.glob("bijeenkomst-*/agenda-bijeenkomst-*.xlsx")) if pack and pack.is_dir() else []:
        try:
            problem = _agenda(str(path), path.read_bytes(), agendas, reader.files, quiet=True)
        except OSError as err:
            problem = f"kan niet gelezen worden ({reason(err)})"
            reader.files.append(
                FileLine(
                    str(path),
                    REFUSED,
                    "aanwezigheid",
                    f"{problem}; de aanwezigheid van deze bijeenkomst is niet gelezen",
                )
            )
        if problem:
            unread.append(str(path))
    for source in sources.find(folder, leave_out):  # a generator: one file in memory at a time
        if source.problem:
            reader.files.append(FileLine(source.name, SKIPPED, reason=source.problem))
        elif source.suffix in sources.AGENDAS:
            _agenda(source.name, source.content, agendas, reader.files)
        else:
            reader.add(source)
    sheets = {n: sheet for n, (_, sheet) in sorted(agendas.items())}
    reader.finish([row.name for sheet in sheets.values() for row in sheet.rows])
    return Collection(training, blanks, reader.layouts, reader.answers, reader.files, sheets, reader.people, unread)


def _agenda(name: str, data: bytes, agendas: dict, files: list[FileLine], quiet: bool = False) -> str | None:
    """Read an agenda's attendance; `quiet`: one of the pack's own, said nothing of while not filled in.
    Returns why it could not be read, if it could not."""
    try:
        sheet = attendance.read(data, Path(name).name)
    except attendance.NotAnAgenda as err:
        files.append(
            FileLine(
                name,
                REFUSED if quiet else SKIPPED,
                "aanwezigheid",
                f"{err}; de aanwezigheid van deze bijeenkomst is niet gelezen" if quiet else f"{err}",
            )
        )
        return str(err)
    if not any(row.present or row.homework for row in sheet.rows):
        if not quiet:
            files.append(FileLine(name, SKIPPED, f"agenda {sheet.meeting}", "er is nog geen aanwezigheid ingevuld"))
        return None
    replaced = agendas.get(sheet.meeting)
    agendas[sheet.meeting] = (name, sheet)
    notes = [f"vervangt {replaced[0]}"] if replaced else []
    if sheet.unknown:
        notes.append(
            f"niet te lezen als ja of nee: {'; '.join(sheet.unknown[:5])}{' …' if len(sheet.unknown) > 5 else ''}"
            ". Schrijf daar ja of nee en verzamel opnieuw"
        )
    if any(row.present not in ("ja", "nee", "") for row in sheet.rows):
        notes.append(
            "tot dan telt zo'n teken niet als aanwezig, en blijft een eerder bewijs van deelname van die "
            "deelnemer staan"
        )
    files.append(FileLine(name, READ, f"aanwezigheid bijeenkomst {sheet.meeting}", "; ".join(notes)))
    return None


class _Reader:
    def __init__(self, training: Training, blanks: BlankForms):
        self.training, self.blanks = training, blanks
        self.people = People(training.participant_names)  # with the agendas' names at `finish`
        self.layouts: dict[str, Layout] = {}
        self.answers: list[Answer] = []
        self.files: list[FileLine] = []
        self.lines: dict[int, FileLine] = {}  # the files sheet's line of each answer

    def add(self, source: sources.Source) -> None:
        try:
            document = read(source.content, source.suffix)
        except Unreadable as err:
            self.files.append(FileLine(source.name, REFUSED, reason=str(err)))
            return
        except MemoryError:
            self.files.append(FileLine(source.name, REFUSED, reason="te groot om te lezen"))
            return
        form, problem = self._recognise(document)
        if problem:
            self.files.append(FileLine(source.name, REFUSED, form, problem))
            return
        values, notes = self.layout(form).answers(document)
        if not any(values.values()):
            self.files.append(FileLine(source.name, SKIPPED, form, "leeg formulier: er is niets ingevuld"))
            return
        owner = document.properties.get(properties.TRAINING)
        if owner and not same_owner(owner, self.training.owner):
            self.files.append(
                FileLine(
                    source.name,
                    SKIPPED,
                    form,
                    (
                        f"gemaakt voor de training {owner}, niet voor {self.training.owner}; verzamel het met het "
                        "trainingsbestand van die training"
                    ),
                )
            )
            return
        if any(isinstance(v, str) and len(v) > MAX_ANSWER for v in values.values()):
            values = {
                t: v[:MAX_ANSWER] + "\u2026" if isinstance(v, str) and len(v) > MAX_ANSWER else v
                for t, v in values.items()
            }
            notes.append(
                f"een antwoord is langer dan een cel van Excel toelaat; het is ingekort tot {MAX_ANSWER} tekens"
            )
        answer = Answer(source.name, form, values=values, notes=notes)
        answer.typed = next(
            (
                value
                for tag, value in values.items()
                if tag.rsplit("/", 1)[-1] in NAME_FIELDS and isinstance(value, str) and value
            ),
            "",
        )
        self._when(answer, source)
        self.answers.append(answer)
        self.files.append(FileLine(source.name, READ, form))
        self.lines[id(answer)] = self.files[-1]

    def finish(self, listed: list[str]) -> None:
        """What needs all files: who filled in each form (the training's list and the names the trainer
        typed in the agendas, `listed`, spell a person's name), two forms of one person, and then every
        form's notes on its line."""
        self.people = People([*self.training.participant_names, *listed])
        for answer in self.answers:
            self._who(answer)
        self._doubles()
        for answer in self.answers:
            self.lines[id(answer)].reason = "; ".join(answer.notes)

    def _doubles(self) -> None:
        """Forms of one person for one form and moment: a copy with the same answers (the same
        attachment twice, 'Jan (kopie).docx') counts once; different ones are kept, and flagged."""
        seen: dict[tuple, list[Answer]] = {}
        # The shortest name first: 'Jan.docx' is the original of 'Jan (kopie).docx' and 'Jan (1).docx'.
        for answer in sorted(self.answers, key=lambda a: (len(a.source), a.source)):
            earlier = seen.setdefault((answer.form, normal(answer.person), answer.meeting, answer.moment), [])
            same = next((other for other in earlier if other.values == answer.values), None)
            if same:
                self.answers.remove(answer)
                line = self.lines.pop(id(answer))
                line.result, line.reason = SKIPPED, f"hetzelfde ingevulde formulier als {same.source}; één keer geteld"
                continue
            if answer.person and earlier:
                first = earlier[0]
                first.notes.append(f"dubbel: {answer.person} leverde dit formulier ook in als {answer.source}")
                answer.notes.append(f"dubbel: {answer.person} leverde dit formulier ook in als {first.source}")
            earlier.append(answer)

    def layout(self, form: str) -> Layout:
        if form not in self.layouts:
            blank = self.blanks(form)
            if blank is None:
                raise ValueError(f"no blank form {form}")  # asked only for a form that has one
            self.layouts[form] = Layout(read(blank, ".docx"))
        return self.layouts[form]

    def _recognise(self, document: Document) -> tuple[str, str | None]:
        """The form's name, or why it is not read."""
        form = document.properties.get(properties.FORM) or next(
            (c.tag.split("/", 1)[0] for c in document.controls if c.tag and "/" in c.tag), ""
        )
        version = document.properties.get(properties.VERSION)
        if form and self.blanks(form) is None:
            return form, "dit formulier van desi-pack heeft geen antwoorden om te verzamelen (zoals een kaart)"
        if form and version and version != FORMS_VERSION:
            return form, (
                f"een formulier van een andere versie van desi-pack (indeling {version}, nu "
                f"{FORMS_VERSION}); laat het opnieuw invullen op het formulier van deze versie"
            )
        return (form, None) if form else self._by_text(document)

    def _by_text(self, document: Document) -> tuple[str, str | None]:
        """A form without properties or tags (saved by another program): the blank whose title it shows."""
        text = normal(document.text)
        for name in self.blanks.names():
            if not self.layout(name).fields:
                continue
            if all(normal(line) in text for line in self.layout(name).title):
                return name, None
        return "", (
            "geen ingevuld formulier van desi-pack: een ander document (zoals een draaiboek), of een formulier "
            "waarvan de tekst is veranderd"
        )

    def _who(self, answer: Answer) -> None:
        if answer.typed:
            answer.person, unsure = self.people.resolve(answer.typed)
            if unsure:
                answer.notes.append(unsure)
            return
        has_name = any(f.tag.rsplit("/", 1)[-1] in NAME_FIELDS for f in self.layout(answer.form).fields)
        from_name = self.people.in_name(answer.source)
        if from_name:
            answer.person = from_name
            answer.notes.append(f"{'geen naam ingevuld; ' if has_name else ''}{from_name} gelezen uit de bestandsnaam")
        elif has_name:
            answer.notes.append("geen naam ingevuld")

    def _when(self, answer: Answer, source: sources.Source) -> None:
        typed = next(
            (
                value
                for tag, value in answer.values.items()
                if tag.rsplit("/", 1)[-1] == "datum" and isinstance(value, str) and value
            ),
            "",
        )
        day = typed_date(typed, self.training.bijeenkomsten[0].datum.year) if typed else None
        answer.day, answer.date = day, f"{day.day}-{day.month}-{day.year}" if day else typed
        if typed and not day:
            answer.notes.append(f"de datum '{typed}' is niet als datum te lezen")
        first, last = self.training.bijeenkomsten[0].datum, self.training.bijeenkomsten[-1].datum
        if day and not first - timedelta(days=DAYS_AROUND) <= day <= last + timedelta(days=DAYS_AROUND):
            answer.notes.append(
                f"de datum {answer.date} valt buiten de training ({dutch.short_date(first)} tot "
                f"{dutch.short_date(last)})"
            )
        for folder in source.folders:
            found = _MEETING_FOLDER.match(folder.strip())
            if found and 1 <= int(found.group(1)) <= len(self.training.bijeenkomsten):
                answer.meeting = int(found.group(1))
            elif found:
                answer.notes.append(f"de map '{folder}' noemt een bijeenkomst die de training niet heeft")
            answer.moment = _MOMENTS.get(normal(folder), answer.moment)
        answer.meeting = answer.meeting or self._meeting_on(day) or _only(self.blanks.meetings(answer.form))

    def _meeting_on(self, day: date | None) -> int | None:
        """The meeting held on `day`, or within three days of it."""
        if day is None:
            return None
        near = [(abs((slot.datum - day).days), n) for n, slot in enumerate(self.training.bijeenkomsten, start=1)]
        distance, number = min(near)
        return number if distance <= 3 else None


def _only(numbers: list[int]) -> int | None:
    return numbers[0] if len(numbers) == 1 else None
