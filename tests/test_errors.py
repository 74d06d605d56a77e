"""errors.py: a core message names the input, each face says how it is given."""

from __future__ import annotations

import pickle

import pytest

from desi_pack import build, load_training
from desi_pack.errors import ArgumentProblem, OutputError, said, spot


def test_a_spot_is_left_out_unless_the_face_has_a_way_for_it():
    text = f"Kies een andere map{spot('out')}, of vervang dat pakket{spot('force')}."
    assert said(text) == "Kies een andere map, of vervang dat pakket."
    assert said(text, {"out": " met --out"}) == "Kies een andere map met --out, of vervang dat pakket."


def test_an_error_keeps_its_spots_across_processes():
    error = pickle.loads(pickle.dumps(OutputError(f"x: kies een andere map{spot('out')}.")))
    assert error.message == str(error) == "x: kies een andere map."
    assert error.told({"out": " met --out"}) == "x: kies een andere map met --out."


def test_a_meeting_that_does_not_exist_is_refused_by_the_core_before_anything_is_written(tmp_path):
    with pytest.raises(ArgumentProblem) as caught:
        build(load_training(None), tmp_path, [2, 9])
    assert caught.value.argument == "meetings"
    assert caught.value.message == "bijeenkomst 9 bestaat niet; kies een nummer van 1 tot en met 5."
    assert list(tmp_path.iterdir()) == []
