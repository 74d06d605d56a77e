"""Dutch wording of dates, clock times and durations, shared by every document."""

from __future__ import annotations

from datetime import date, datetime, time

EN_DASH = "\u2013"

# The names as Babel's nl_NL writes them (tests/test_dutch.py compares): Babel itself costs 30 ms
# to import and load, in every command that shows a date.
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def long_date(day: date) -> str:
    """'dinsdag 12 januari 2027'."""
    return f"{DAYS[day.weekday()]} {short_date(day)}"


def short_date(day: date) -> str:
    """'12 januari 2027'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def clock(moment: time | datetime) -> str:
    """'13:30'; the end of the day (time.max, see END_OF_DAY) is '24:00'."""
    if moment == END_OF_DAY:
        return "24:00"
    return f"{moment.hour:02d}:{moment.minute:02d}"


END_OF_DAY = time.max  # 'bereikbaar tot 24:00': a helpline open day and night


def minutes(total: int) -> str:
    """'2 uur 45 min', '3 uur', '45 min'."""
    hours, rest = divmod(abs(total), 60)
    if hours and rest:
        return f"{hours} uur {rest} min"
    if hours:
        return f"{hours} uur"
    return f"{rest} min"


def weeks(days: int) -> str:
    """'5 weken', '1 week en 3 dagen', '4 dagen'."""
    full, rest = divmod(days, 7)
    week_text = f"{full} {'week' if full == 1 else 'weken'}" if full else ""
    day_text = f"{rest} {'dag' if rest == 1 else 'dagen'}" if rest else ""
    return " en ".join(t for t in (week_text, day_text) if t) or "0 dagen"


def names(items: list[str]) -> str:
    """'Anna, Bert en Cor'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


NBSP = "\u00a0"


def unbroken(text: str, longest: int = 32) -> str:
    """A place, date or name that a line may break only between its parts: the words of each part
    between commas joined by non-breaking spaces ("Wijkcentrum 'De Linde', Coehoornsingel 1, Zutphen"
    never breaks inside 'De Linde' or 'Coehoornsingel 1'); a part longer than `longest` letters may
    still break, or it would run past the margin."""
    return ", ".join(part if len(part) > longest else part.replace(" ", NBSP) for part in text.split(", "))


def capital(text: str) -> str:
    """'(1) elkaar kennen' -> '(1) Elkaar kennen': the first letter a capital, whatever comes before it."""
    for index, letter in enumerate(text):
        if letter.isalpha():
            return text[:index] + letter.upper() + text[index + 1 :]
    return text
