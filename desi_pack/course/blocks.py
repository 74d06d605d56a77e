"""The kinds of block an instrument of the workbook is made of (`onderdelen` in sessions/instrumenten.yaml).

Each kind is a model named by its `soort`; `Block` is their union, told apart by that key. A block
that does not fit its kind (an unknown `soort`, a missing or misspelt key, a count where a text
belongs) is a problem of loading the course, with file, line and field, not of drawing the form:
pack/instruments.py draws each kind from these models. Nothing of the workbook is written here.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _as_mapping(key: str):
    """A text where the workbook has only a text, else the mapping: `- "Wat deed ik al?"` is
    `{vraag: "Wat deed ik al?"}`, so a renderer reads one shape."""
    return BeforeValidator(lambda value: {key: value} if isinstance(value, str) else value)


# --- the parts of blocks -------------------------------------------------------


class NoteColumn(_Part):
    """A column to write notes in beside a choice table; `kop` None: the form's own heading."""

    kop: str | None = None


class StarterGroup(_Part):
    """Sentence starters under one heading, standing beside the other groups (8.5's two wishes)."""

    kop: str
    items: list[str] = Field(min_length=1)


class HeadQuestion(_Part):
    """A question in a table's column head, with the questions under it (11.6 step 4)."""

    vraag: str
    subvragen: list[str] = []


class Column(_Part):
    """A column of a table to fill in: its head, the questions under the head, the step it is (11.6)."""

    kop: str
    vragen: list[Annotated[HeadQuestion, _as_mapping("vraag")]] = []
    stap: str | None = None


class ColumnGroup(_Part):
    """A heading over `breedte` neighbouring columns; `teken` stands between it and the next ('+', '=')."""

    kop: str
    breedte: int = Field(ge=1)
    teken: str | None = None


class InfoItem(_Part):
    """An item of a card's list, with the items nested under it (7.6's question 5)."""

    tekst: str
    items: list[Annotated[InfoItem, _as_mapping("tekst")]] = []


class WritingQuestion(_Part):
    """A question of a worksheet and the lines (0 or more) to write the answer on."""

    vraag: str
    regels: int = Field(ge=0)


# --- the kinds of block ----------------------------------------------------------


class Checklist(_Part):
    """Tick boxes; an item None is an empty box with a line to name your own."""

    soort: Literal["aankruislijst"]
    kop: str | None = None
    items: list[str | None] = Field(min_length=1)


class BulletList(_Part):
    """A list to read, not to tick (5.3's signals); an item None is a line to write on."""

    soort: Literal["opsomming"]
    kop: str | None = None
    items: list[str | None] = Field(min_length=1)


class ChoiceTable(_Part):
    """Statements with one choice each from a scale, optionally a column for notes."""

    soort: Literal["keuzetabel"]
    kolommen: list[str] | None = None  # the table's head as the workbook prints it; None: made from the scale
    legenda: str
    schaal: list[str] = Field(min_length=2)
    stellingen: list[str] = Field(min_length=1)
    notitiekolom: NoteColumn | None = None

    @model_validator(mode="after")
    def _one_head_per_column(self):
        columns = 1 + len(self.schaal) + (1 if self.notitiekolom else 0)
        if self.kolommen is not None and len(self.kolommen) != columns:
            raise ValueError(
                f"kolommen noemt {len(self.kolommen)} koppen, maar de tabel heeft er {columns}: één "
                "voor de stellingen, één per keuze van de schaal en één voor de notitiekolom als die er "
                "is. Zet er evenveel onder kolommen, of laat kolommen weg (~)."
            )
        return self


class SentenceStarters(_Part):
    """Sentence starters, each with a box to write in; or groups of them side by side."""

    soort: Literal["zinsaanvullingen"]
    kop: str | None = None
    opschrift: str | None = None  # a caption the workbook puts between heading and groups
    ruimte: float | None = Field(default=None, gt=0)  # cm to write in under each item; None: 1.8
    items: list[str] = []
    groepen: list[StarterGroup] = []

    @model_validator(mode="after")
    def _items_or_groups(self):
        if bool(self.items) == bool(self.groepen):
            raise ValueError("een blok zinsaanvullingen heeft items of groepen, precies één van de twee.")
        return self


class FillTable(_Part):
    """A table to fill in, `rijen` rows; the owner column of Concreet vervolg offers the partners."""

    soort: Literal["tabel"]
    kop: str | None = None
    kolommen: list[Column] = Field(min_length=1)
    rijen: int = Field(ge=1)
    rijkoppen: list[str] | None = None  # a fixed text in the first column of each row
    genummerd: bool = False
    kopgroepen: list[ColumnGroup] = []

    @model_validator(mode="after")
    def _heads_fit(self):
        if self.rijkoppen is not None and len(self.rijkoppen) != self.rijen:
            raise ValueError(
                f"rijkoppen noemt {len(self.rijkoppen)} rijen, maar rijen is {self.rijen}; "
                "zet evenveel rijkoppen als rijen."
            )
        spanned = sum(group.breedte for group in self.kopgroepen)
        if self.kopgroepen and spanned != len(self.kolommen):
            raise ValueError(
                f"de kopgroepen zijn samen {spanned} kolommen breed, maar de tabel heeft er "
                f"{len(self.kolommen)}; maak de breedtes samen even groot als het aantal kolommen."
            )
        return self


class Grid(_Part):
    """A grid of interests to tick; a cell None is a box to name your own."""

    soort: Literal["raster"]
    rijen: list[list[str | None]] = Field(min_length=1)


class InfoCard(_Part):
    """A card to read: heading, paragraphs and a (nested) list; no fields."""

    soort: Literal["info"]
    kop: str | None = None
    tekst: list[str] = []
    items: list[Annotated[InfoItem, _as_mapping("tekst")]] = []


class Fields(_Part):
    """Name, date and similar fields, one a line; a label that starts with 'Datum' is a date."""

    soort: Literal["velden"]
    velden: list[str] = Field(min_length=1)


class NetworkMap(_Part):
    """The drawn network map (8.7); `voorbeeld`: the workbook's filled-in example, which only it shows."""

    soort: Literal["kaart"]
    kop: str | None = None
    voorbeeld: bool
    labels: list[str] | None = None  # the workbook labels no sectors


class ReportingPoint(_Part):
    """Where signals are reported locally: the training's `meldpunt`, where it has one."""

    soort: Literal["meldpunt"]


class Questions(_Part):
    """Questions with lines to write on: an assignment's worksheet (pack/instruments.worksheet)."""

    soort: Literal["vragen"]
    vragen: list[WritingQuestion] = Field(min_length=1)


Block = Annotated[
    Checklist
    | BulletList
    | ChoiceTable
    | SentenceStarters
    | FillTable
    | Grid
    | InfoCard
    | Fields
    | NetworkMap
    | ReportingPoint
    | Questions,
    Field(discriminator="soort"),
]
LISTS = (Checklist, BulletList)  # the kinds of list that stand side by side
