"""What `desi-pack verzamel` checks before it reads anything, as core rules called without Click."""

from __future__ import annotations

import pytest

from desi_pack import load_training
from desi_pack.collect import results
from desi_pack.errors import ArgumentProblem, InputError


@pytest.fixture
def training():
    return load_training(None)  # the example: five meetings


def test_certificates_take_all_meetings_but_one_unless_a_minimum_is_given(training):
    assert results.certificates_minimum(training, False, None) is None  # no certificates asked for
    assert results.certificates_minimum(training, True, None) == 4
    assert results.certificates_minimum(training, False, 2) == 2  # a minimum asks for them too


@pytest.mark.parametrize("minimum", [0, 6, -1])
def test_a_minimum_the_training_cannot_have_names_the_argument(training, minimum, tmp_path):
    with pytest.raises(ArgumentProblem) as caught:
        results.checked_request(tmp_path, training, minimum=minimum)
    assert caught.value.argument == "minimum"
    assert caught.value.message == "de training heeft 5 bijeenkomsten; kies een getal van 1 tot en met 5."


def test_a_pack_folder_that_is_no_folder_names_the_argument(training, tmp_path):
    with pytest.raises(ArgumentProblem) as caught:
        results.checked_request(tmp_path, training, pack_dir=tmp_path / "nergens", certificates=True)
    assert caught.value.argument == "pack_dir" and "is geen map" in caught.value.message


def test_the_folder_of_forms_is_checked_before_the_pack(training, tmp_path):
    with pytest.raises(InputError) as caught:
        results.checked_request(tmp_path / "ontvangen", training, pack_dir=tmp_path)
    assert caught.value.message.endswith(
        "deze map bestaat niet; geef de map op waarin u de ingevulde formulieren hebt verzameld."
    )


def test_without_a_workbook_named_the_pack_must_exist_and_the_core_names_no_option(training, tmp_path):
    (tmp_path / "ontvangen").mkdir()
    with pytest.raises(InputError) as caught:
        results.checked_request(tmp_path / "ontvangen", training, pack_dir=tmp_path)
    said = caught.value.message
    assert "hier staan geen pakketten van Welzijn Rivierenland" in said and "--" not in said
    assert caught.value.told({"pack_dir": " met --uitvoer", "training": " met --training"}).endswith(
        "of geef met --uitvoer de map met de pakketten (en met --training het trainingsbestand)."
    )
    assert not (tmp_path / "welzijn-rivierenland").exists()
    results.checked_request(tmp_path / "ontvangen", training, out=tmp_path / "antwoorden.xlsx")  # a workbook named
