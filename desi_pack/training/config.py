"""The local training: the YAML file a trainer writes, validated into a model.

Keys are Dutch because trainers write them; `templates/training.yaml` is the
commented starter and the built-in example, and documents every key.
"""

from __future__ import annotations

import os
import re
from datetime import date, time
from pathlib import Path
from typing import Annotated, Literal, NoReturn

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from desi_pack import dutch
from desi_pack.errors import ConfigError, reason
from desi_pack.resources import example_training
from desi_pack.text import CONTROL_PROBLEM, has_control, tidy
from desi_pack.training import logo, referral
from desi_pack.validation import problem_at, validate_document
from desi_pack.yamlio import YamlDocument, load_yaml

MEETING_COUNT = 5
OWN_MEETING = MEETING_COUNT + 1  # issue 7: an own, sixth meeting may follow the five


# The values that name a file or folder: a Windows path in double quotes is read as Explorer copies it.
PATH_KEYS = ("logo", "sjablonen")

MAX_TEXT = 1000  # longer is a paste gone wrong, not a name
# Longer lists are a paste gone wrong too; a build would run for minutes on them.
MAX_PARTICIPANTS = 200  # the manual's group is 10 to 15
MAX_PEOPLE = 20
MAX_LIST = 100


def _text(value):
    if isinstance(value, str):
        if len(value) > MAX_TEXT:  # as typed: one normal form may make a letter two characters
            raise PydanticCustomError(
                "nl_long",
                "is {length} tekens lang; verwacht hoogstens {limit}.",
                {"length": len(value), "limit": MAX_TEXT},
            )
        # Invisible characters and non-breaking spaces pasted along are not part of the text (text.tidy).
        value = tidy(value)
        if not value.strip():
            raise PydanticCustomError("nl_empty", "mag niet leeg zijn.")
        # Word and Excel files cannot hold control characters; say so instead of dropping them.
        if has_control(value):
            raise PydanticCustomError("nl_control", CONTROL_PROBLEM)
        return value.strip()  # a non-breaking space at the end was kept by the reader of the file
    raise PydanticCustomError("string_type", "")


def _date(value):
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise PydanticCustomError(
            "nl_date",
            "'{text}' is geen datum; schrijf jaar-maand-dag, zoals 2027-01-12.",
            {"text": text},
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError("nl_date", "de datum {text} bestaat niet.", {"text": text}) from None


def parse_clock(value):
    """A clock time from '13:30' or '13.30' (a datetime.time passes); PydanticCustomError in Dutch otherwise."""
    if isinstance(value, time):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text)
    if not match:
        raise PydanticCustomError(
            "nl_time",
            "'{text}' is geen tijd; schrijf uren:minuten, zoals \"13:30\".",
            {"text": text},
        )
    hours, minutes = int(match[1]), int(match[2])
    if hours > 23 or minutes > 59:
        raise PydanticCustomError(
            "nl_time",
            "de tijd {text} bestaat niet; uren gaan van 0 tot 23, minuten van 0 tot 59.",
            {"text": text},
        )
    return time(hours, minutes)


def parse_end_clock(value):
    """As parse_clock, and '24:00' (the end of the day, dutch.END_OF_DAY) for an end time."""
    if re.fullmatch(r"\s*24[:.]00\s*", str(value)):
        return dutch.END_OF_DAY
    return parse_clock(value)


Text = Annotated[str, BeforeValidator(_text)]
Day = Annotated[date, BeforeValidator(_date)]
Clock = Annotated[time, BeforeValidator(parse_clock)]
EndClock = Annotated[time, BeforeValidator(parse_end_clock)]


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the trainer's own course (issue 7): lengths, choices and local changes ---------


def _row_ref(value):
    """A row of the manual's agenda: a workbook § ("6.1", or 6.1 unquoted) or a position (3)."""
    if isinstance(value, bool):
        raise PydanticCustomError("nl_row", 'verwacht een paragraaf (zoals "6.1") of het nummer van een rij.')
    if isinstance(value, int):
        if value < 1:
            raise PydanticCustomError("nl_row", "rijen tellen vanaf 1.")
        return value
    if isinstance(value, float):
        return str(value)
    if isinstance(value, str) and value.strip():
        text = value.strip()
        return int(text) if text.isdigit() else text
    raise PydanticCustomError("nl_row", 'verwacht een paragraaf (zoals "6.1") of het nummer van een rij.')


def _paragraph(value):
    if isinstance(value, float):  # 8.3 without quotes
        return str(value)
    return _text(value)


def _texts(value):
    return [value] if isinstance(value, str) else value


def _five_minutes(value: int) -> int:
    if value % 5:
        raise PydanticCustomError(
            "nl_length",
            "{value} min is geen veelvoud van 5 minuten; kies bijvoorbeeld {lower} of {upper}.",
            {"value": value, "lower": value - value % 5, "upper": value - value % 5 + 5},
        )
    return value


RowRef = Annotated[int | str, BeforeValidator(_row_ref)]
# When a meeting whose parts do not fill its planned length ends (course/schedule.py): at the planned
# time, or when the parts end.
Ending = Literal["gepland", "onderdelen"]
Paragraph = Annotated[str, BeforeValidator(_paragraph)]
Minutes = Annotated[int, Field(ge=1, le=600)]
Length = Annotated[int, Field(ge=5, le=720), AfterValidator(_five_minutes)]


class _Placed(_Config):
    """Something placed in the agenda after (`na`) or before (`voor`) a row of the manual."""

    na: RowRef | None = None
    voor: RowRef | None = None

    @model_validator(mode="after")
    def _one_place(self):
        if self.na is not None and self.voor is not None:
            raise PydanticCustomError("nl_place", "geef na of voor, niet allebei.")
        return self


class OwnRow(_Placed):
    """A row of the trainer's own: what, how many minutes, notes."""

    wat: Text
    duur: Minutes
    soort: Literal["opening", "uitleg", "oefening", "pauze", "afsluiting"] = "oefening"
    bijzonderheden: Annotated[list[Text], BeforeValidator(_texts), Field(max_length=MAX_LIST)] = []
    werkboek: list[Paragraph] = Field(default=[], max_length=MAX_LIST)


class Move(_Placed):
    """Move a row of the manual to another place in the agenda."""

    rij: RowRef

    @model_validator(mode="after")
    def _has_place(self):
        if self.na is None and self.voor is None:
            raise PydanticCustomError("nl_place", "geef met na of voor aan waar de rij heen moet.")
        return self


class OwnMaterial(_Config):
    """Something extra to bring or hand out."""

    tekst: Text
    soort: Literal["meenemen", "uitdelen"] = "meenemen"
    aantal: int | None = Field(default=None, ge=1, le=500)
    per: Literal["deelnemer", "groep"] | None = None


class MeetingPlan(_Config):
    """When and where one meeting takes place, and the trainer's changes to its agenda."""

    datum: Day
    start: Clock
    locatie: Text | None = None
    duur: Length | None = None
    einde: Ending | None = None
    keuze: Paragraph | None = None
    weglaten: list[RowRef] = Field(default=[], max_length=MAX_LIST)
    toevoegen: list[OwnRow] = Field(default=[], max_length=MAX_LIST)
    verplaatsen: list[Move] = Field(default=[], max_length=MAX_LIST)
    duren: dict[RowRef, Minutes | list[Minutes]] = Field(default={}, max_length=MAX_LIST)
    materialen: list[OwnMaterial] = Field(default=[], max_length=MAX_LIST)
    uitdelen: list[Paragraph] = Field(default=[], max_length=MAX_LIST)
    titel: Text | None = None  # only the own, sixth meeting
    agenda: list[OwnRow] = Field(default=[], max_length=MAX_LIST)  # only the own, sixth meeting


# --- the verwijskaart section (workbook §11.5) -------------------------------------


def _phone(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # YAML reads 0344123456 as a number and drops the 0 (or even reads it as octal).
        raise PydanticCustomError("nl_phone", 'zet het telefoonnummer tussen aanhalingstekens, zoals "0344-123456".')
    return _referral_check(referral.check_phone, _text(value))


def _email(value):
    return _referral_check(referral.check_email, _text(value))


def _days(value):
    if isinstance(value, list):  # [ma, wo, vr]
        value = ", ".join(str(v) for v in value)
    return _referral_check(referral.parse_days, _text(value))


def _referral_check(check, value):
    try:
        return check(value)
    except referral.FieldProblem as err:
        raise PydanticCustomError("nl_referral", "{reason}", {"reason": str(err)}) from None


class ReferralContact(_Config):
    """One contact on the verwijskaart."""

    naam: Text
    organisatie: Text | None = None
    waarvoor: Text | None = None
    telefoon: Annotated[str, BeforeValidator(_phone)] | None = None
    email: Annotated[str, BeforeValidator(_email)] | None = None
    social_media: Text | None = None
    bereikbaar_van: Clock | None = None
    bereikbaar_tot: EndClock | None = None
    dagen: Annotated[tuple[int, ...], BeforeValidator(_days)] | None = None

    @model_validator(mode="after")
    def _reachable(self):
        if not (self.telefoon or self.email or self.social_media):
            raise PydanticCustomError("nl_contact", "geen telefoon, email of social_media; vul er minstens één in.")
        if (self.bereikbaar_van is None) != (self.bereikbaar_tot is None):
            raise PydanticCustomError(
                "nl_contact", "vul bereikbaar_van en bereikbaar_tot allebei in, of geen van beide."
            )
        if self.bereikbaar_van and self.bereikbaar_tot and self.bereikbaar_van >= self.bereikbaar_tot:
            raise PydanticCustomError(
                "nl_contact",
                "bereikbaar_tot ({tot}) ligt niet na bereikbaar_van ({van}).",
                {"van": self.bereikbaar_van.strftime("%H:%M"), "tot": self.bereikbaar_tot.strftime("%H:%M")},
            )
        return self


class ReferralSection(_Config):
    """The local verwijskaart: what to do with a signal, the options, whom to contact."""

    plaats: Text | None = None
    stappen: list[Text] = Field(default=[], max_length=MAX_LIST)
    opties: list[Text] = Field(default=[], max_length=MAX_LIST)
    contacten: list[ReferralContact] = Field(default=[], max_length=MAX_LIST)


class Training(_Config):
    """One local run of the course."""

    organisatie: Text
    gemeente: Text
    trainers: list[Text] = Field(min_length=1, max_length=MAX_PEOPLE)
    locatie: Text
    deelnemers: int | list[Text]
    partners: list[Text] = Field(default=[], max_length=MAX_LIST)
    meldpunt: Text | None = None
    logo: Text | None = None
    sjablonen: Text | None = None  # a folder of the trainer's own Word templates, from the training file
    extra_afdrukken: int = Field(default=2, ge=0, le=50)
    duur: Length | None = None  # issue 7: the length of every meeting of the manual
    bijeenkomsten: list[MeetingPlan]
    verwijskaart: ReferralSection | None = None  # issue 4: the local referral card

    _source: str = PrivateAttr(default="")
    _logo: bytes | None = PrivateAttr(default=None)
    _lines: dict = PrivateAttr(default_factory=dict)

    @field_validator("deelnemers", mode="before")
    @classmethod
    def _participants(cls, value):
        if isinstance(value, bool) or not isinstance(value, (int, list)):
            raise PydanticCustomError(
                "nl_participants",
                "verwacht een aantal (zoals 12) of een lijst met namen.",
            )
        if isinstance(value, int) and value < 1:
            raise PydanticCustomError("nl_participants", "verwacht minstens 1 deelnemer.")
        if (value if isinstance(value, int) else len(value)) > MAX_PARTICIPANTS:
            raise PydanticCustomError(
                "nl_participants",
                "{count} deelnemers is te veel voor één training; verwacht hoogstens {limit} "
                "(de handleiding gaat uit van 10 tot 15).",
                {"count": value if isinstance(value, int) else len(value), "limit": MAX_PARTICIPANTS},
            )
        if isinstance(value, list) and not value:
            raise PydanticCustomError("nl_participants", "de lijst met namen is leeg.")
        return value

    @field_validator("bijeenkomsten", mode="before")
    @classmethod
    def _five_meetings(cls, value):
        if isinstance(value, list) and len(value) not in (MEETING_COUNT, OWN_MEETING):
            raise PydanticCustomError(
                "nl_meetings",
                "er staan {count} bijeenkomsten; de training heeft er {expected}, in volgorde "
                "(een zesde, eigen bijeenkomst mag erbij).",
                {"count": len(value), "expected": MEETING_COUNT},
            )
        return value

    @property
    def logo_image(self) -> bytes | None:
        """The logo's bytes, read and checked once when the training was loaded."""
        return self._logo

    @property
    def source(self) -> str:
        """The file this training was read from."""
        return self._source

    @property
    def document(self) -> YamlDocument:
        """The file's name and the line of every value, for messages found after validation."""
        return YamlDocument(self._source or "trainingsbestand", None, self._lines)

    @property
    def group_size(self) -> int:
        return self.deelnemers if isinstance(self.deelnemers, int) else len(self.deelnemers)

    @property
    def participant_names(self) -> list[str]:
        """The names given, or an empty list when only a number was given."""
        return [] if isinstance(self.deelnemers, int) else list(self.deelnemers)

    @property
    def print_count(self) -> int:
        """Copies of a hand-out: one per participant plus the spares."""
        return self.group_size + self.extra_afdrukken

    @property
    def templates_dir(self) -> Path | None:
        """The folder named by `sjablonen:`, relative to the training file; None: the built-in templates."""
        return Path(self._source).parent / self.sjablonen if self.sjablonen else None

    @property
    def owner(self) -> str:
        """The training as a person names it, 'Welzijn Rivierenland, Tiel': whose pack an output folder holds."""
        return f"{self.organisatie}, {self.gemeente}"

    @property
    def town_shown(self) -> str:
        """The town as paper shows it beside the organisation: '' where the organisation's name already
        holds it ('Welzijn Zutphen' in Zutphen), so no header reads 'Welzijn Zutphen · Zutphen'."""
        holds = re.search(rf"(?<!\w){re.escape(self.gemeente)}(?!\w)", self.organisatie, re.IGNORECASE)
        return "" if holds else self.gemeente

    @property
    def shown_name(self) -> str:
        """'Welzijn Rivierenland, Tiel', 'Welzijn Zutphen': the training's name on paper (`owner` stays the
        name a pack is known by, with its town)."""
        return f"{self.organisatie}, {self.town_shown}" if self.town_shown else self.organisatie

    def place_of(self, number: int) -> str:
        return self.bijeenkomsten[number - 1].locatie or self.locatie


NAME = "training.yaml"
_LIKE = 3  # files beside it named in the sentence, at most


def training_here(folder: Path | None = None) -> Path | None:
    """The training a user means without naming one: `training.yaml` in the current folder, if it is there."""
    path = (folder / NAME) if folder else Path(NAME)  # said to the user as they'd type it
    return path if path.is_file() else None


def no_training_here(naming: str, example: str | None = None, folder: Path | None = None) -> str:
    """The Dutch sentence for a command run without a training file where there is none.

    It names the folder looked in (in full) and what to do. A file beside it that is probably the
    training file (training.yaml.txt, as Notepad saves it; training.yml; Training.YAML; any other
    .yaml) is named, and so is a training.yaml in a folder above (a trainer inside
    output/<organisatie>/bijeenkomst-4/): never read, as the output would land in the wrong place.
    `naming` is how the user names a file, with {file} in it ('desi-pack build {file}'); `example`
    the command that uses the built-in example, said only where nothing else is near.
    """
    folder = (folder or Path.cwd()).absolute()
    here = f"In {folder} staat geen {NAME}"
    like = like_training(folder)
    if like:
        named = [
            f"{name} (Kladblok zet .txt achter de naam)" if name.lower().endswith(".txt") else name for name in like
        ]
        typed = f'"{like[0]}"' if " " in like[0] else like[0]
        return (
            f"{here}, wel {dutch.names(named)}: geef de naam op, zo: {naming.format(file=typed)}; "
            f"of noem het bestand {NAME}."
        )
    above = next((parent for parent in folder.parents if (parent / NAME).is_file()), None)
    if above is not None:
        return (
            f"{here}; uw trainingsbestand staat waarschijnlijk in {above}: ga naar die map (cd "
            f"{os.path.relpath(above, folder)}) en geef de opdracht daar opnieuw."
        )
    also = f", of probeer het voorbeeld: {example}" if example else ""
    return (
        f"{here}: begin er een met desi-pack init, of geef de naam van uw trainingsbestand op, zo: "
        f"{naming.format(file='PAD/' + NAME)}{also}."
    )


def like_training(folder: Path) -> list[str]:
    """Names of files in `folder` that are probably a training file under another name, most likely first."""
    try:
        names = sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError:
        return []
    plain = [n for n in names if n.lower().removesuffix(".txt") in ("training.yaml", "training.yml", "training")]
    other = [n for n in names if n.lower().endswith((".yaml", ".yml", ".yaml.txt")) and n not in plain]
    return (plain + other)[:_LIKE]


def load_training(path: str | Path | None, text: str | None = None) -> Training:
    """Read and validate a training file; with None, the built-in example (only ever asked for by name:
    `desi-pack ... --voorbeeld`). With `text`, that text is read as the file at `path` (the page
    checks what the trainer typed before it is saved: a logo is still found beside the file).
    Raises InputError or ConfigError with Dutch messages; ConfigError.problems are `Problem`s."""
    source = Path(path) if path is not None else example_training()
    doc = load_yaml(source, text, path_keys=PATH_KEYS)
    training = validate_document(doc, Training)
    training._source = str(source)
    if training.logo:
        training._logo = _read_logo(doc, source.parent / training.logo)
    if training.sjablonen and not training.templates_dir.is_dir():
        what = "is een bestand, geen map" if training.templates_dir.exists() else "bestaat niet"
        raise ConfigError(
            doc.path,
            [
                problem_at(
                    doc,
                    ("sjablonen",),
                    (
                        f"de map {training.templates_dir} {what}; geef de map met uw eigen sjablonen, ten opzichte van het "
                        "trainingsbestand (zo'n map maakt u met: desi-pack sjablonen MAP)."
                    ),
                )
            ],
        )
    training._lines = doc.lines
    return training


def _read_logo(doc, path: Path) -> bytes:
    """The logo as a picture Word shows (see logo.py), or a Dutch error at the config's `logo:` line."""

    def fail(message: str) -> NoReturn:
        raise ConfigError(doc.path, [problem_at(doc, ("logo",), message)])

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        fail(f"het bestand {path} bestaat niet; geef het pad ten opzichte van het trainingsbestand.")
    except OSError as err:
        fail(f"{path} kan niet gelezen worden ({reason(err)}).")
    try:
        return logo.normalise(data, str(path))
    except logo.LogoProblem as problem:
        fail(str(problem))
