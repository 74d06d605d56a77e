"""Invisible characters pasted along with a name, a place or a number (issue 23): one rule for the
training file, the contacts workbook and the forms that come back (desi_pack/text.py, tidy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desi_pack.collect.results import collect_and_write
from desi_pack.pack.build import build
from desi_pack.text import shown, tidy
from desi_pack.training.config import load_training
from desi_pack.training.referral import FieldProblem, check_phone
from tests.docx_text import header_footer

ZWSP, NBSP = "\u200b", "\u00a0"


def test_the_rule():
    assert tidy(f"Tiel{ZWSP}") == "Tiel" and tidy(f"{ZWSP}0344-123456") == "0344-123456"
    assert tidy(f"0344{NBSP}123456") == "0344 123456" and tidy("0344\u202f123\u2007456") == "0344 123 456"
    assert tidy("\u202a+31 6 12345678\u202c") == "+31 6 12345678"  # as copied from a phone's contacts
    assert tidy("e\u0301") == "é"  # one Unicode form
    family = "👩\u200d👩\u200d👧"  # the joiners make one family of three emoji: they stay
    assert tidy(f"Gezin {family}\u200d") == f"Gezin {family}"
    assert shown("0344\u200d123456") == "0344[onzichtbaar teken]123456"


def test_an_invisible_character_left_in_a_refused_value_is_named():
    with pytest.raises(FieldProblem) as caught:
        check_phone("0344\u200d12345")
    assert "'0344[onzichtbaar teken]12345' is geen telefoonnummer" in str(caught.value)


def test_a_non_breaking_space_in_the_organisation_is_a_space_in_every_header(write_config, tmp_path):
    """Word puts a non-breaking space where Ctrl+Shift+Space is typed, a web page as &nbsp;; copied
    into the training file, it was in every header as a U+00A0."""
    path = write_config({"organisatie": f"Welzijn{NBSP}&{NBSP}Zorg{ZWSP}", "deelnemers": [f"Kees Bosman{ZWSP}"]})
    training = load_training(path)
    assert training.organisatie == "Welzijn & Zorg" and training.participant_names == ["Kees Bosman"]
    pack = build(training, tmp_path / "output", [1]).root
    header, _footer = header_footer(next((pack / "bijeenkomst-1").glob("draaiboek*.docx")))
    assert "Welzijn & Zorg" in header and NBSP not in header and ZWSP not in header


def test_a_participant_typed_with_a_zero_width_space_is_the_same_participant(tmp_path):
    """A name copied from a Teams chat into the form's name field keeps a U+200B at its end."""
    from desi_pack.pack.build import BlankForms
    from tests.collect.test_collect import NAMES, _reflector

    text = Path("templates/training.yaml").read_text(encoding="utf-8")
    (tmp_path / "training.yaml").write_text(
        text.replace("deelnemers: 12", "deelnemers:\n" + "".join(f"  - {n}\n" for n in NAMES)), encoding="utf-8"
    )
    training = load_training(tmp_path / "training.yaml")
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "fatima.docx").write_bytes(
        _reflector(BlankForms(training), "6.8", f"{NAMES[0]}{ZWSP}", ["a"] * 8, "2027-02-16")
    )
    result = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    answers = [a for a in result.collection.answers if a.form == "6.8"]
    assert [a.person for a in answers] == [NAMES[0]]
    assert not any(a.notes for a in answers)  # read as the listed name, not as a near match
