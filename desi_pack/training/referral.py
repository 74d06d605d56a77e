"""The verwijskaart (workbook §11.5) as data: places, their contacts, and the checks on a contact's fields.

A Place is one municipality or neighbourhood with its own steps, options and contacts;
it comes from the `verwijskaart:` section of a training (config.py) or from a contacts
workbook (contacts.py), and is rendered by cards.py. The checks here (telephone number,
e-mail address, days) are plain functions raising FieldProblem with a Dutch reason, so
that both sources report the same problem in the same words.

The card's own headings are not here: they are the workbook's, in
`sessions/instrumenten.yaml` under "11.5" (see CardLabels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time

from desi_pack import dutch
from desi_pack.text import shown


class FieldProblem(ValueError):
    """A value that cannot be right; the message is the Dutch reason."""


@dataclass(frozen=True)
class Contact:
    """Whom to contact: a person, team or organisation, and how and when to reach them."""

    naam: str
    organisatie: str = ""
    waarvoor: str = ""
    telefoon: str = ""
    email: str = ""
    social_media: str = ""
    van: time | None = None
    tot: time | None = None
    dagen: tuple[int, ...] = ()  # 0 = maandag … 6 = zondag

    @property
    def hours(self) -> str:
        """'09:00' and '17:00' as a pair, or '' when no hours were given."""
        return f"{dutch.clock(self.van)}{dutch.EN_DASH}{dutch.clock(self.tot)}" if self.van and self.tot else ""


@dataclass(frozen=True)
class Place:
    """One municipality or neighbourhood and what its card says."""

    naam: str
    stappen: tuple[str, ...] = ()
    opties: tuple[str, ...] = ()
    contacten: tuple[Contact, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not (self.stappen or self.opties or self.contacten)


@dataclass(frozen=True)
class CardLabels:
    """The headings of the card, verbatim from instrument 11.5 of the workbook."""

    steps: str  # "Op basis van uw vermoedens onderneemt u het volgende:"
    options: str  # "Nadat u het bespreekbaar heeft gemaakt zijn er de volgende opties:"
    contact: str  # "Voor vragen en advies neemt u contact op met naam/organisatie/team:"
    phone: str  # "Tel:"
    email: str  # "E-mail:" (the workbook: "Email:", sessions/correcties.yaml)
    social: str  # "Facebook:"
    hours: str  # "Bereikbaar van tot"
    days: str  # "Op dagen"
    title: str  # "Verwijskaart"
    heading: str  # "11.5 Instrument: Verwijskaart"

    @classmethod
    def from_instrument(cls, instrument) -> CardLabels:
        """The labels of the course's §11.5 Instrument (its `onderdelen`, `titel` and `kop`).

        Not typed with course.Instrument: the training's input comes before the course
        in the pipeline and does not import it. Loading the course checked that 11.5 has these
        two prompts and six labels (course.py, `_referral_problems`).
        """
        blocks = {block.soort: block for block in instrument.onderdelen}
        steps, options = blocks["zinsaanvullingen"].items
        contact, phone, email, social, hours, days = blocks["velden"].velden
        return cls(steps, options, contact, phone, email, social, hours, days, instrument.titel, instrument.kop)

    def hours_line(self, contact: Contact) -> str:
        """'Bereikbaar van 09:00 tot 17:00', filling in the workbook's 'Bereikbaar van tot'."""
        if not (contact.van and contact.tot):
            return ""
        words = self.hours.split()
        if "van" in words and "tot" in words:
            words.insert(words.index("van") + 1, dutch.clock(contact.van))
            words.insert(words.index("tot") + 1, dutch.clock(contact.tot))
            return " ".join(words)
        return f"{self.hours}: {contact.hours}"

    def social_parts(self, contact: Contact) -> tuple[str, str]:
        """('Facebook:', value) as in the workbook, or ('', value) when it names its own medium ('Instagram: @…')."""
        value = contact.social_media
        if not value or re.match(r"[A-Za-z][\w .-]{1,20}:\s", value):
            return "", value
        return self.social, value


def contact_lines(contact: Contact, labels: CardLabels, compact: bool = False) -> list[tuple[str, str]]:
    """(label, value) per way to reach a contact; an empty value is left off a card. Hours and days
    share a line: 'Bereikbaar van 09:00 tot 17:00, maandag t/m vrijdag' ('ma t/m vr' when compact)."""
    lines = [(labels.phone, contact.telefoon), (labels.email, contact.email), labels.social_parts(contact)]
    hours = labels.hours_line(contact)
    days = days_text(contact.dagen, short=compact)
    if hours and days:
        return [*lines, ("", f"{hours}, {days}")]
    # Days without hours: 'Bereikbaar: maandag t/m vrijdag' (the workbook's 'Op dagen' is a blank to fill in).
    return [*lines, ("", hours), (f"{labels.hours.split()[0]}:", days)]


def place_of(section, municipality: str) -> Place:
    """The place of a training's `verwijskaart:` section (config.ReferralSection), or an empty card for
    its municipality where it has none."""
    if section is None:
        return Place(municipality)
    contacts = tuple(
        Contact(
            naam=c.naam,
            organisatie=c.organisatie or "",
            waarvoor=c.waarvoor or "",
            telefoon=c.telefoon or "",
            email=c.email or "",
            social_media=c.social_media or "",
            van=c.bereikbaar_van,
            tot=c.bereikbaar_tot,
            dagen=c.dagen or (),
        )
        for c in section.contacten
    )
    return Place(section.plaats or municipality, tuple(section.stappen), tuple(section.opties), contacts)


# --- telephone ------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s\-./()\u00a0\u2013]")
PHONE_HINT = (
    "verwacht 10 cijfers die met 0 beginnen (zoals 0344-123456 of 06-12345678), +31 met 9 cijfers, "
    "een 0800- of 0900-nummer (zoals 0800-1234) of een 14-nummer van de gemeente (zoals 14 0344)"
)


def check_phone(text: str) -> str:
    """Return a Dutch telephone number as typed, or raise FieldProblem."""
    value = text.strip()
    # '+31 (0)6 …': the (0) is not dialled from abroad; drop it before counting.
    digits = _PHONE_SEPARATORS.sub("", value.replace("(0)", ""))
    ok = (
        re.fullmatch(r"0[1-9]\d{8}", digits)  # 0344123456, 0612345678
        or re.fullmatch(r"(?:\+|00)31[1-9]\d{8}", digits)  # +31612345678, 0031344123456
        or re.fullmatch(r"0(?:800|90[069])\d{4}(?:\d{3})?", digits)  # 0800-1234, 0900-1234567
        or re.fullmatch(r"140\d{2,3}", digits)  # 14 020, 14 0344
    )
    if not ok:
        raise FieldProblem(f"'{shown(value)}' is geen telefoonnummer; {PHONE_HINT}.")
    return value


# --- e-mail ---------------------------------------------------------------------

_EMAIL = re.compile(
    r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*"  # local part, no '..'
    r"@(?:[^\W_](?:(?:[^\W_]|-)*[^\W_])?\.)+[^\W\d_]{2,}"  # domain, letters TLD
)


def check_email(text: str) -> str:
    """Return an e-mail address, or raise FieldProblem."""
    value = text.strip()
    if value.lower().startswith("mailto:"):
        value = value[7:]
    if not _EMAIL.fullmatch(value):
        raise FieldProblem(f"'{shown(value)}' is geen e-mailadres; verwacht iets als naam@organisatie.nl.")
    return value


# --- days -----------------------------------------------------------------------

DAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DAY_SHORT = ("ma", "di", "wo", "do", "vr", "za", "zo")
_DAY_WORDS = {
    **{name: i for i, name in enumerate(DAY_NAMES)},
    **{short: i for i, short in enumerate(DAY_SHORT)},
    **{name[:3]: i for i, name in enumerate(DAY_NAMES)},  # maa, din, woe, don, vri, zat, zon
}
_DAY_GROUPS = {
    "dagelijks": range(7),
    "elke dag": range(7),
    "alle dagen": range(7),
    "werkdagen": range(5),
    "doordeweeks": range(5),
    "weekend": range(5, 7),
}
DAYS_HINT = "schrijf dagen zoals 'maandag t/m vrijdag', 'ma, wo en vr', 'di-do', 'werkdagen', 'weekend' of 'dagelijks'"


def parse_days(text: str) -> tuple[int, ...]:
    """'ma t/m vr, za' -> (0, 1, 2, 3, 4, 5); raise FieldProblem for anything else."""
    value = " ".join(text.split())
    lowered = value.lower().replace("\u2013", "-")
    lowered = re.sub(r"\b(?:op|in het|het)\s+", "", lowered)
    lowered = re.sub(r"\s*(?:t/m|t\.e\.m\.?|\btot en met\b|\btm\b|-)\s*", " tm ", lowered)
    parts = [p.strip() for p in re.split(r",|;|&|\+|/|\s+en\s+", lowered) if p.strip()]
    if not parts:
        raise FieldProblem(f"'{value}' noemt geen dagen; {DAYS_HINT}.")
    days: set[int] = set()
    for part in parts:
        if part in _DAY_GROUPS:
            days.update(_DAY_GROUPS[part])
            continue
        if re.search(r"\btot\b", part):
            raise FieldProblem(f"'{value}': schrijf 't/m' (tot en met) in plaats van 'tot'.")
        ends = [e.strip() for e in part.split(" tm ")]
        if len(ends) > 2:
            raise FieldProblem(f"'{value}': een reeks heeft één begindag en één einddag; {DAYS_HINT}.")
        found: list[int] = []
        for end in ends:
            day = _day(end)
            if day is None:
                where = "" if end == value.lower() else f" in '{value}'"
                raise FieldProblem(f"'{end}'{where} is geen dag; {DAYS_HINT}.")
            found.append(day)
        if len(found) == 1:
            days.add(found[0])
            continue
        first, last = found
        if last < first:
            raise FieldProblem(
                f"'{value}': de reeks {DAY_NAMES[first]} t/m {DAY_NAMES[last]} loopt terug in de week; "
                f"schrijf de dagen van maandag naar zondag, zoals '{DAY_SHORT[last]}, {DAY_SHORT[first]} t/m zo'."
            )
        days.update(range(first, last + 1))
    return tuple(sorted(days))


def _day(word: str) -> int | None:
    word = word.rstrip(".").strip()
    word = word[:-1] if word.endswith("s") and word[:-1] in _DAY_WORDS else word  # 'maandags'
    return _DAY_WORDS.get(word)


def days_text(days: tuple[int, ...], short: bool = False) -> str:
    """(0, 1, 2, 3, 4) -> 'maandag t/m vrijdag'; (0, 2, 4) -> 'maandag, woensdag en vrijdag'."""
    if not days:
        return ""
    if len(days) == 7:
        return "elke dag"
    names = DAY_SHORT if short else DAY_NAMES
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{names[run[0]]} t/m {names[run[-1]]}")
        else:
            parts.extend(names[d] for d in run)
    return dutch.names(parts)
