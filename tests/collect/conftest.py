"""The training whose forms the collect tests fill in: the starter file with four named participants."""

from __future__ import annotations

from pathlib import Path

import pytest

from desi_pack.training.config import load_training

NAMES = ["Fatima Yilmaz", "Joost van Dijk", "Anouk Smit", "José García"]


@pytest.fixture(scope="module")
def training(tmp_path_factory):
    folder = tmp_path_factory.mktemp("training")
    text = Path("templates/training.yaml").read_text(encoding="utf-8")
    text = text.replace("deelnemers: 12", "deelnemers:\n" + "".join(f"  - {n}\n" for n in NAMES))
    (folder / "training.yaml").write_text(text, encoding="utf-8")
    return load_training(folder / "training.yaml")
