"""Shared fixtures: the course data, configs written on tmp_path, a built example pack."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from desi_pack import build, load_training
from desi_pack.cli import main
from desi_pack.course.course import load_course
from desi_pack.errors import DesiPackError
from desi_pack.writing.pdf import find_libreoffice

BASE_CONFIG = {
    "organisatie": "Welzijn Rivierenland",
    "gemeente": "Tiel",
    "trainers": ["Anna de Vries", "Mohamed El Amrani"],
    "locatie": "Buurthuis De Schakel, Tiel",
    "deelnemers": 12,
    "partners": ["Sociaal wijkteam Tiel"],
    "bijeenkomsten": [
        {"datum": "2027-01-12", "start": "13:30"},
        {"datum": "2027-02-16", "start": "13:30", "locatie": "Bibliotheek Tiel"},
        {"datum": "2027-03-16", "start": "13:30"},
        {"datum": "2027-04-20", "start": "13:30"},
        {"datum": "2027-06-01", "start": "13:30"},
    ],
}


def pytest_collection_modifyitems(config, items):
    """Tests marked `libreoffice` are skipped, saying why, on a machine without LibreOffice."""
    try:
        find_libreoffice()
        return
    except DesiPackError:
        pass
    skip = pytest.mark.skip(reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het, "
                                   "of: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui")
    for item in items:
        if "libreoffice" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def course():
    return load_course()


@pytest.fixture
def write_config(tmp_path):
    """Write a config: a dict (BASE_CONFIG updated with it) or raw YAML text."""

    def write(changes: dict | str | None = None, name: str = "training.yaml") -> Path:
        path = tmp_path / name
        if isinstance(changes, str):
            path.write_text(textwrap.dedent(changes), encoding="utf-8")
        else:
            data = {**BASE_CONFIG, **(changes or {})}
            data = {k: v for k, v in data.items() if v is not ...}
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def example_pack(tmp_path_factory):
    """The built-in example training, built once for all tests that only read it."""
    out = tmp_path_factory.mktemp("pack")
    result = build(load_training(None), out)
    return result.root


@pytest.fixture
def run(capsys):
    """Run the real entry point; return (exit code, stdout, stderr)."""

    def invoke(*args: str) -> tuple[int, str, str]:
        try:
            main(list(args))
            code = 0
        except SystemExit as exit_:
            code = exit_.code or 0
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke
