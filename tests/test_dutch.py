"""dutch.py: dates as Babel's Dutch locale writes them, without loading Babel in a command."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desi_pack import dutch
from desi_pack.word import properties


def test_dates_are_written_as_babel_writes_them_in_dutch():
    babel_dates = pytest.importorskip("babel.dates")
    day = date(2026, 12, 28)
    for _ in range(800):  # every weekday and month, a leap day, single- and double-digit days
        assert dutch.long_date(day) == babel_dates.format_date(day, "EEEE d MMMM y", locale="nl_NL")
        assert dutch.short_date(day) == babel_dates.format_date(day, "d MMMM y", locale="nl_NL")
        day += timedelta(days=1)
    assert dutch.long_date(date(2027, 1, 12)) == "dinsdag 12 januari 2027"


def test_document_properties_escape_as_saxutils_does():
    from xml.sax.saxutils import escape

    for text in ("Welzijn & Zorg <Tiel>", 'Stichting "De Linde"', "l'Escaut", "gewoon"):
        assert properties._escaped(text) == escape(text)
        assert properties._escaped(text, attribute=True) == escape(text, {'"': "&quot;"})
