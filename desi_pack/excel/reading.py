"""Workbooks people hand in, read as the program that saved them meant them.

Every workbook desi-pack reads back (the contacts workbook, the agendas' attendance) is read
through here, so that each program's habits are handled once:

- WPS and some other programs record a sheet's size wrongly (`<dimension ref="A1"/>` while the
  data goes further); openpyxl's read-only sheets trust that size and would stop at A1. `whole`
  makes a sheet read to its real end.
"""

from __future__ import annotations


def whole(sheet):
    """The read-only `sheet`, read to its real end whatever size the file records for it."""
    sheet.reset_dimensions()
    return sheet
