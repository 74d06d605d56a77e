"""The course as data: the five meetings of Bijlage 1 and the workbook's assignments.

Everything here is read from `sessions/*.yaml`; nothing of the workbook is written
in code. The models only give the data a shape and a few derived values.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from desi_pack import dutch
from desi_pack.course.blocks import Block, Fields, SentenceStarters
from desi_pack.errors import ConfigError
from desi_pack.resources import sessions_dir
from desi_pack.validation import problem_at, validate_document
from desi_pack.yamlio import YamlDocument, load_yaml

REFERRAL = "11.5"  # the verwijskaart: its prompts and labels are those of every card desi-pack makes


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(_Data):
    van: int = Field(ge=0)
    tot: int = Field(ge=0)


class Choice(_Data):
    werkboek: str
    instrument: str | None = None


class ChoicePoint(_Data):
    tekst: str
    opties: list[Choice] = Field(min_length=2)
    gekozen: str | None = None  # the option the trainer chose (adapt.py); None: the manual's open choice


RowKind = Literal["opening", "uitleg", "oefening", "pauze", "afsluiting", "notitie"]


class AgendaRow(_Data):
    """One row of a meeting's table in the trainer's manual."""

    soort: RowKind
    wat: str = ""
    duur: int | Range | list[int] | None = None
    werkboek: list[str] = []
    gebruikt: list[str] = []  # hand-outs the exercise uses without naming them its §: '7.6' at 7.2
    bijzonderheden: list[str] = []
    keuze: ChoicePoint | None = None
    # Set by adapt.py for the trainer's own course, never in sessions/:
    positie: int | None = None  # place in the manual's agenda, counted from 1; None for an own row
    eigen: bool = False  # a row of the trainer's own
    wijzigingen: tuple[str, ...] = ()  # verlengd | ingekort | duur | bandbreedte | verplaatst | keuze
    handleiding_duur: int | Range | list[int] | None = None  # the manual's duration, when changed

    @model_validator(mode="after")
    def _timed_unless_note(self):
        if (self.duur is None) != (self.soort == "notitie"):
            raise ValueError("een notitie heeft geen duur, elke andere rij wel")
        return self

    @property
    def planned_minutes(self) -> int:
        """Minutes planned: a range is planned with its upper bound."""
        if self.duur is None:
            return 0
        if isinstance(self.duur, Range):
            return self.duur.tot
        if isinstance(self.duur, list):
            return sum(self.duur)
        return self.duur

    @property
    def parts(self) -> list[int]:
        """The minutes of each part (one part unless the manual splits the row)."""
        if isinstance(self.duur, list):
            return list(self.duur)
        return [self.planned_minutes] if self.duur is not None else []

    @property
    def is_range(self) -> bool:
        return isinstance(self.duur, Range)


class Material(_Data):
    """Something to bring or hand out; `per` decides the print count."""

    tekst: str
    soort: Literal["meenemen", "uitdelen"]
    per: Literal["deelnemer", "groep"] | None = None
    aantal: int | None = Field(default=None, ge=1)
    instrument: str | None = None
    document: Literal["huiswerk"] | None = None
    poster: str | None = None  # the workbook § of the posters desi-pack prints in its place (they replace it)
    eigen: bool = False  # added by the trainer (adapt.py)


class Assignment(_Data):
    """A reading or practice assignment for the next meeting."""

    soort: Literal["lezen", "praktijk"]
    tekst: list[str] = []  # addressed to the participant; what is for the trainer is in Homework.trainer
    opdracht: str | None = None
    instrument: str | None = None
    werkboek: list[str] = []
    vragen: list[str] = []


class Homework(_Data):
    kop: str
    opdrachten: list[Assignment] = Field(min_length=1)
    trainer: list[str] = []


class Meeting(_Data):
    nummer: int = Field(ge=1)
    titel: str
    materialen: list[Material] = []
    agenda: list[AgendaRow] = Field(min_length=1)
    huiswerk: Homework | None = None
    # Set by adapt.py for the trainer's own course, never in sessions/:
    duur: int | None = None  # the planned length; None: the manual's (rules.duur.minuten)
    eigen: bool = False  # the trainer's own, sixth meeting
    toelichtingen: list[str] = []  # what the trainer changed, for the draaiboek
    verdeling: str = ""  # how the parts were stretched or shortened to the meeting's length: said once
    weggelaten: list[AgendaRow] = []  # the manual's rows the trainer left out, with their positie

    @property
    def planned_minutes(self) -> int:
        return sum(row.planned_minutes for row in self.agenda)


class Question(_Data):
    """A question and the lines to write the answer on (0: a step without writing room)."""

    vraag: str
    regels: int | None = Field(default=None, ge=0, le=30)

    @field_validator("vraag")
    @classmethod
    def _as_heading(cls, text: str) -> str:
        """A question prints as a heading of its own: the workbook asks some within a sentence
        ('… de vragen: wat zou iemand willen bereiken?'), and a heading starts with a capital."""
        return dutch.capital(text)


def _question(value):
    return {"vraag": value} if isinstance(value, str) else value


class Exercise(_Data):
    """A workbook assignment with the questions people write an answer to."""

    titel: str
    instructie: list[str] = []
    vragen: list[Annotated[Question, BeforeValidator(_question)]] = Field(min_length=1)
    afsluiting: list[str] = []

    @property
    def name(self) -> str:
        """'Definities in de praktijk' from '3.5 Trainingsopdracht: Definities in de praktijk'."""
        return self.titel.split(": ", 1)[-1]


class Level(_Data):
    kop: str
    tekst: str


class Sheet(_Data):
    """One big sheet on the wall: a title, what the level means, questions to stick notes under."""

    titel: str | None = None
    niveaus: list[Level] = []
    vakken: list[str] = Field(min_length=1)


class Poster(_Data):
    kop: str
    vellen: list[Sheet] = Field(min_length=1)


class Instrument(_Data):
    """A blank instrument of the workbook; its blocks (course/blocks.py) are drawn by pack/instruments.py."""

    kop: str
    titel: str
    papier: Literal["A4-staand", "A3-liggend"]
    naam_en_datum: bool = False  # a form a participant fills in: a line for name and date at the top
    inleiding: list[str] = []
    onderdelen: list[Block] = Field(min_length=1)
    bron: list[str] = []


class Rule(_Data):
    tekst: str


class GroupRule(Rule):
    minimum: int
    maximum: int


class LengthRule(Rule):
    minuten: int
    toegestaan: list[int]


class SpacingException(Rule):
    na_bijeenkomst: int
    minimum_weken: int


class SpacingRule(Rule):
    minimum_weken: int
    maximum_weken: int
    uitzondering: SpacingException


class Workbook(_Data):
    titel: str
    auteurs: str
    jaar: int
    uitgever: str
    bestellen: str
    vermenigvuldigen: str

    @property
    def attribution(self) -> str:
        """The credit line every generated document carries."""
        return f"Bron: {self.auteurs} ({self.jaar}). {self.titel}. {self.uitgever}. {self.vermenigvuldigen}"


class CourseRules(_Data):
    naam: str
    werkboek: Workbook
    groep: GroupRule
    duur: LengthRule
    tussenpoos: SpacingRule
    opdrachten: Rule


class Course(_Data):
    """The whole course: rules, meetings in order and the workbook's exercises."""

    rules: CourseRules
    meetings: list[Meeting]
    exercises: dict[str, Exercise]
    instruments: dict[str, Instrument]
    posters: dict[str, Poster]
    aangepast: bool = False  # adapt.py made this the course of one training
    # adapt.py: the manual's course it was made from, and what of the training it follows
    # (not part of the data: a build's key of the course stays what the course says).
    _adapted_from: tuple[Course, object] | None = PrivateAttr(default=None)

    def meeting(self, number: int) -> Meeting:
        return self.meetings[number - 1]


def load_course(folder: Path | None = None) -> Course:
    """Read and validate the course data from a sessions folder."""
    folder = Path(folder) if folder else sessions_dir()
    return _load_course(folder.resolve())


class Correction(_Data):
    """An obvious spelling error of the workbook and how desi-pack prints it (sessions/correcties.yaml)."""

    bron: str
    correctie: str


def _corrected(doc, corrections: list[Correction]):
    """The YAML document with every correction made in its texts; lines stay as they were."""
    patterns = [(re.compile(rf"(?<!\w){re.escape(c.bron)}(?!\w)"), c.correctie) for c in corrections]

    def fix(node):
        if isinstance(node, dict):
            return {key: fix(value) for key, value in node.items()}
        if isinstance(node, list):
            return [fix(item) for item in node]
        if isinstance(node, str):
            for pattern, correction in patterns:
                node = pattern.sub(correction, node)
        return node

    doc.data = fix(doc.data)
    return doc


@cache
def corrections(folder: Path | None = None) -> list[Correction]:
    """The corrections of sessions/correcties.yaml (or of `folder`), in their order."""
    folder = Path(folder) if folder else sessions_dir()
    return validate_document(load_yaml(folder / "correcties.yaml", fast=True), list[Correction])


@cache
def _load_course(folder: Path) -> Course:
    # libyaml parses the course data (fast=True); a file with a problem is parsed again to name its line.
    corrections_ = corrections(folder)

    def read(name: Path):
        return _corrected(load_yaml(name, fast=True), corrections_)

    rules = validate_document(read(folder / "training.yaml"), CourseRules)
    meetings = [
        validate_document(read(path), Meeting)
        for path in sorted(folder.glob("bijeenkomst-*.yaml"), key=_meeting_number)
    ]
    exercises = validate_document(read(folder / "opdrachten.yaml"), dict[str, Exercise])
    instruments_doc = read(folder / "instrumenten.yaml")
    instruments = validate_document(instruments_doc, dict[str, Instrument])
    if problems := _referral_problems(instruments_doc, instruments):
        raise ConfigError(instruments_doc.path, problems)
    posters = validate_document(read(folder / "posters.yaml"), dict[str, Poster])
    return Course(rules=rules, meetings=meetings, exercises=exercises, instruments=instruments, posters=posters)


def _referral_problems(doc: YamlDocument, instruments: dict[str, Instrument]) -> list[str]:
    """The verwijskaart's prompts and labels are read by their place (training/referral.CardLabels):
    two sentence starters (what you do, the options) and six fields (contact, phone, e-mail, social
    media, hours, days). Anything else is said here, with its line, not when a card is drawn."""
    card = instruments.get(REFERRAL)
    if card is None:
        return [
            problem_at(
                doc,
                (),
                f"het instrument {REFERRAL}, de verwijskaart, ontbreekt; desi-pack maakt er de "
                "verwijskaarten mee. Zet het terug zoals in het werkboek.",
            )
        ]
    needs = (
        (SentenceStarters, "zinsaanvullingen", "items", 2, "twee zinsbeginnen", "wat u onderneemt, en de opties"),
        (
            Fields,
            "velden",
            "velden",
            6,
            "zes labels",
            "contact, telefoon, e-mail, sociale media, bereikbaarheid en dagen, in die volgorde",
        ),
    )
    problems: list[str] = []
    for kind, name, key, count, words, what in needs:
        places = [index for index, block in enumerate(card.onderdelen) if isinstance(block, kind)]
        found = len(getattr(card.onderdelen[places[-1]], key)) if places else 0
        if not places:
            problems.append(
                problem_at(
                    doc, (REFERRAL, "onderdelen"), f"de verwijskaart heeft een blok {name} nodig met {words} ({what})."
                )
            )
        elif found != count:
            problems.append(
                problem_at(
                    doc,
                    (REFERRAL, "onderdelen", places[-1], key),
                    f"de verwijskaart heeft hier {words} nodig ({what}); er "
                    f"{'staat' if found == 1 else 'staan'} er {found}.",
                )
            )
    return problems


def _meeting_number(path: Path) -> int:
    return int(path.stem.rsplit("-", 1)[1])
