"""Shared fixtures: the course data, configs written on tmp_path, a built example pack."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import settings

from desi_pack import build, load_training
from desi_pack.cli import main
from desi_pack.course.course import load_course
from desi_pack.errors import DesiPackError
from desi_pack.writing.pdf import find_libreoffice

# The property tests draw the same cases on every run, so that CI on a clean machine passes or
# fails on the code alone. To look for new cases, on purpose (each run draws others):
#   HYPOTHESIS_PROFILE=verkennen pytest tests/test_any_input.py tests/test_yamlio.py
# and make each case found an @example beside its test, with the fix.
settings.register_profile("vast", derandomize=True, database=None)
settings.register_profile("verkennen")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "vast"))

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
    skip = pytest.mark.skip(
        reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het, "
        "of: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
    )
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


# The second training of issue 14: a logo, 15 named participants, meetings of 4 hours, exercise 8.3
# chosen at meeting 3, and a sixth meeting of the trainer's own.
SECOND_TRAINING = """\
organisatie: Welzijn Zutphen
gemeente: Zutphen
trainers: [Fatma Yilmaz, Kees Brouwer]
locatie: "Wijkcentrum 'De Linde', Coehoornsingel 1, Zutphen"
deelnemers: [Fatma Yilmaz, Joost van Dijk, Anna Bakker, Sven de Boer, Mila Jansen, Ruben Smit, Noor Visser,
  Daan de Vries, Lotte Mulder, Bram Bos, Eva Peters, Thijs Hendriks, Sara Dekker, Jesse Kok, Iris van Leeuwen]
partners: [Wijkteam Zutphen, Humanitas Zutphen]
logo: logo.png
duur: 240
bijeenkomsten:
- {datum: '2027-01-12', start: '09:30'}
- {datum: '2027-02-16', start: '09:30'}
- {datum: '2027-03-16', start: '09:30', keuze: '8.3'}
- {datum: '2027-04-20', start: '09:30'}
- {datum: '2027-06-01', start: '09:30'}
- datum: '2027-09-07'
  start: '09:30'
  titel: Terugkomen op de acties
  agenda:
  - {wat: Welkom, duur: 10, soort: opening}
  - {wat: 'Wat is er gebeurd met de acties?', duur: 60, werkboek: ['4.2']}
  - {wat: Pauze, duur: 15, soort: pauze}
  - {wat: Nieuwe acties, duur: 30}
  - {wat: Afsluiting, duur: 5, soort: afsluiting}
  uitdelen: ['4.2', '11.5']
"""


@pytest.fixture(scope="session")
def second_training(tmp_path_factory) -> Path:
    """The second training written to a folder of its own, with a square logo (logo.png)."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("tweede")
    Image.new("RGB", (300, 300), (31, 92, 107)).save(folder / "logo.png")
    path = folder / "training.yaml"
    path.write_text(SECOND_TRAINING, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def second_pack(second_training, tmp_path_factory):
    """The second training, built once for all tests that only read it."""
    return build(load_training(second_training), tmp_path_factory.mktemp("pack2")).root


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
