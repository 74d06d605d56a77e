"""Cells read back as typed: Excel's _xHHHH_ escapes and Windows line ends (excel/reading.py)."""

from desi_pack.excel.reading import typed


def test_excel_escapes_and_line_ends_are_what_was_typed():
    assert typed("regel 1_x000D_\nregel 2") == "regel 1\nregel 2"
    assert typed("regel 1\r\nregel 2\rregel 3") == "regel 1\nregel 2\nregel 3"
    assert typed("_x005F_x000D_ staat er letterlijk") == "_x000D_ staat er letterlijk"  # an escaped underscore
    assert typed("tab_x0009_hier") == "tab\thier"
    assert typed("half_xD800_teken") == "half\ud800teken"  # as stored; text.CONTROL refuses or drops it
    assert typed(12) == 12 and typed(None) is None
