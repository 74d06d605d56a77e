"""Workbooks people hand in, read as the program that saved them meant them.

Every workbook desi-pack reads back (the contacts workbook, the agendas' attendance) is read
through here, so that each program's habits are handled once:

- WPS and some other programs record a sheet's size wrongly (`<dimension ref="A1"/>` while the
  data goes further); openpyxl's read-only sheets trust that size and would stop at A1. `whole`
  makes a sheet read to its real end.
- Word and Excel can save as "Strict Open XML" (ooxml.py): `open_book` reads such a workbook as
  the same workbook saved normally.
- openpyxl remarks in English on what it skips or repairs (warnings on the terminal); they are
  about the file's make-up, not about what desi-pack reads from it, and are not shown (`quiet`).
- Excel stores a carriage return in text as `_x000D_` (text pasted from a Windows program keeps
  its CR LF line ends: "regel 1_x000D_\nregel 2"), and any other character XML cannot hold as
  `_xHHHH_`; openpyxl hands these escapes back as typed characters. `typed` decodes them.
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from desi_pack.ooxml import transitional

# ECMA-376 Part 1, 22.9.2.19 (ST_Xstring): a character as _xHHHH_; "_x005F_" is an underscore, so
# that text which itself reads "_x000D_" is stored as "_x005F_x000D_".
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


@contextmanager
def quiet() -> Iterator[None]:
    """Read a workbook inside this: openpyxl's English warnings are not shown (a read-only sheet
    is parsed, and warned about, while its rows are read)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def open_book(data: bytes, *, formulas: bool = False):
    """The workbook in `data`, read-only, with the values Excel calculated (`formulas`: the formulas
    instead); one saved as Strict Open XML as if saved normally. Raises what openpyxl's
    load_workbook raises for what is no workbook (BadZipFile, InvalidFileException, KeyError …)."""
    from openpyxl import load_workbook

    with quiet():
        return load_workbook(io.BytesIO(transitional(data)), read_only=True, data_only=not formulas)


def whole(sheet):
    """The read-only `sheet`, read to its real end whatever size the file records for it."""
    sheet.reset_dimensions()
    return sheet


def typed(value):
    """A cell's value as the person typed it: text with Excel's `_xHHHH_` escapes decoded and every
    line end (Windows' CR LF, an old Mac's CR) a plain line break; other values as they are."""
    if not isinstance(value, str):
        return value
    if "_x" in value:
        value = _ESCAPE.sub(_character, value)
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _character(match: re.Match) -> str:
    return chr(int(match[1], 16))  # half a character too: text.CONTROL refuses or drops it where it is read
