"""LibreOffice kept running for the page (writing/office.py): started once, reached by its own user only,
a damaged document refused in Dutch without losing the office, closed with the page."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest

from desi_pack.resources import templates_dir
from desi_pack.writing import pdf
from desi_pack.writing.office import Offices
from desi_pack.writing.pdf import PdfError, convert_kept, page_count

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def offices():
    kept = Offices.here()
    if kept is None or not kept.usable:
        pytest.skip("geen Python met LibreOffice's uno (Debian: apt-get install python3-uno)")
    kept.count = 1  # one is enough to test, and quicker to start
    yield kept
    kept.close()


def _documents() -> dict[str, bytes]:
    return {name: (templates_dir() / name).read_bytes() for name in ("formulier.docx", "draaiboek.docx")}


def test_converts_as_a_started_libreoffice_does_and_stays_running(offices):
    documents = _documents()
    kept = convert_kept(offices, documents)
    started = pdf.convert(pdf.find_libreoffice(), documents)
    assert {path: page_count(data) for path, data in kept.items()} == {
        path: page_count(data) for path, data in started.items()
    }
    assert all(data.startswith(b"%PDF") for data in kept.values())
    first = offices._all[0].process.pid
    convert_kept(offices, {"a.docx": documents["formulier.docx"]})
    assert [office.process.pid for office in offices._all] == [first]  # not started again


def test_the_pipe_is_for_this_user_only(offices):
    convert_kept(offices, {"a.docx": _documents()["formulier.docx"]})
    pipe = offices._all[0].pipe
    sockets = [p for p in Path("/tmp").glob(f"OSL_PIPE_*_{pipe}")]
    assert sockets, "LibreOffice luistert niet op een benoemde pipe"
    mode = sockets[0].stat().st_mode
    assert stat.S_ISSOCK(mode) and not mode & (stat.S_IWGRP | stat.S_IWOTH)


def test_a_damaged_document_is_refused_in_dutch_and_the_office_goes_on(offices):
    with pytest.raises(PdfError) as caught:
        convert_kept(offices, {"bijeenkomst-1/kapot.docx": b"PK\x03\x04 geen echt document"})
    assert "bijeenkomst-1/kapot.docx" in caught.value.message and "Er is niets geschreven" in caught.value.message
    made = convert_kept(offices, {"a.docx": _documents()["formulier.docx"]})
    assert made["a.docx"].startswith(b"%PDF")


def test_closing_stops_libreoffice_and_removes_its_profile():
    kept = Offices.here()
    if kept is None or not kept.usable:
        pytest.skip("geen Python met LibreOffice's uno")
    kept.count = 1
    convert_kept(kept, {"a.docx": _documents()["formulier.docx"]})
    office = kept._all[0]
    kept.close()
    assert office.process.poll() is not None and not office.profile.exists()
    time.sleep(0.5)
    assert _living_in_group(office.process.pid) == []  # nothing of LibreOffice is left running


def _living_in_group(group: int) -> list[int]:
    """The processes of a process group that still run (zombies, left to a container's init, do not)."""
    living = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            living.append(int(stat_file.parent.name))
    return living
