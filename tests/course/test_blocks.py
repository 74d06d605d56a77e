"""The instruments' blocks (course/blocks.py): a mistake in sessions/instrumenten.yaml is a load error
that names the file, the line and the field, never a failure when the form is drawn."""

from __future__ import annotations

import shutil

import pytest

from desi_pack.course import course as course_module
from desi_pack.course.blocks import ChoiceTable, FillTable, InfoCard, Questions
from desi_pack.errors import ConfigError
from desi_pack.pack.instruments import worksheet
from desi_pack.resources import sessions_dir

KINDS = "aankruislijst, opsomming, keuzetabel, zinsaanvullingen, tabel, raster, info, velden, kaart, meldpunt of vragen"
TABLE = '    - soort: "tabel"'


def _broken(tmp_path, old: str, new: str):
    """A copy of sessions/ with the first `old` in instrumenten.yaml made `new`; (path, line of `old`)."""
    folder = tmp_path / "sessions"
    shutil.copytree(sessions_dir(), folder)
    path = folder / "instrumenten.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, text[: text.index(old)].count("\n") + 1


def _line(path, text: str, after: str = "") -> int:
    """The line (from 1) where `text` first starts in the file, after `after`."""
    content = path.read_text(encoding="utf-8")
    return content[: content.index(text, content.index(after))].count("\n") + 1


def _problems(folder) -> list[str]:
    with pytest.raises(ConfigError) as err:
        course_module.load_course(folder)
    return err.value.problems


def test_the_course_data_has_every_kind_of_block_typed():
    instruments = course_module.load_course().instruments
    (table,) = instruments["4.2"].onderdelen
    assert isinstance(table, FillTable) and table.rijen == 5 and table.genummerd
    assert [column.kop for column in table.kolommen] == [
        "Actie(s)",
        "Actie-eigenaar uit lokaal netwerk",
        "Tijdsplanning",
    ]
    (choices,) = instruments["10.3"].onderdelen
    assert isinstance(choices, ChoiceTable) and choices.notitiekolom.kop.startswith("Wat wil ik")
    # A question in a column head is one shape, with or without questions under it (11.6 step 4).
    steps = next(block for block in instruments["11.6"].onderdelen if isinstance(block, FillTable)).kolommen
    assert steps[0].vragen[0].vraag == "Wat ga ik doen?" and steps[0].vragen[0].subvragen == []
    assert steps[1].vragen[0].subvragen[0] == "aan waarden?"
    # 7.6's question 5 has its own list.
    nested = [item for item in instruments["7.6"].onderdelen[0].items if item.items]
    assert [item.tekst[:2] for item in nested] == ["5."] and len(nested[0].items) == 2


def test_an_unknown_kind_names_the_line_and_the_kinds_there_are(tmp_path):
    path, line = _broken(tmp_path, 'soort: "tabel"', 'soort: "tabl"')
    assert _problems(path.parent) == [
        f"{path}, regel {line}: 4.2.onderdelen[1].soort: desi-pack kent geen soort 'tabl'. Bedoelde u 'tabel'? "
        f"Mogelijk: {KINDS}."
    ]


def test_a_block_without_a_kind_says_which_kinds_there_are(tmp_path):
    path, line = _broken(tmp_path, f'{TABLE}\n      kop: "Concreet vervolg"', '    - kop: "Concreet vervolg"')
    assert _problems(path.parent) == [
        f"{path}, regel {line}: 4.2.onderdelen[1].soort: ontbreekt; zeg wat voor onderdeel dit is met soort: {KINDS}."
    ]


def test_a_missing_key_names_the_block_it_belongs_to(tmp_path):
    path, _ = _broken(tmp_path, "      rijen: 5\n", "")
    line = _line(path, TABLE)  # a missing key has no line: the block's
    assert _problems(path.parent) == [
        f"{path}, regel {line}: 4.2.onderdelen[1].rijen: ontbreekt; deze waarde is verplicht."
    ]


def test_a_value_of_the_wrong_type_names_its_line(tmp_path):
    path, line = _broken(tmp_path, "      rijen: 5\n", "      rijen: vijf\n")
    assert _problems(path.parent) == [
        f"{path}, regel {line}: 4.2.onderdelen[1].rijen: verwacht een heel getal, maar er staat 'vijf'."
    ]


def test_a_misspelt_key_of_a_block_gets_the_key_it_meant(tmp_path):
    path, line = _broken(tmp_path, "      genummerd: true", "      genumerd: true")
    assert _problems(path.parent) == [
        f"{path}, regel {line}: 4.2.onderdelen[1].genumerd: 'genumerd' kent desi-pack "
        "hier niet. Bedoelde u 'genummerd'?"
    ]


def test_a_misspelt_key_deep_in_a_block_gets_the_key_it_meant(tmp_path):
    path, line = _broken(tmp_path, '        - kop: "Tijdsplanning"', '        - kopp: "Tijdsplanning"')
    assert _problems(path.parent) == [
        f"{path}, regel {line}: 4.2.onderdelen[1].kolommen[3].kop: ontbreekt; deze waarde is verplicht.",
        f"{path}, regel {line}: 4.2.onderdelen[1].kolommen[3].kopp: 'kopp' kent desi-pack hier niet. Bedoelde u 'kop'?",
    ]


def test_a_block_written_as_a_text_is_a_load_error(tmp_path):
    path, line = _broken(tmp_path, '    - soort: "meldpunt"\n', "    - meldpunt\n")
    (problem,) = _problems(path.parent)
    assert problem.startswith(f"{path}, regel {line}: 5.3.onderdelen[7]: verwacht ingesprongen regels als 'soort: …'")


def test_row_heads_that_do_not_match_the_rows_are_a_load_error(tmp_path):
    path, _ = _broken(tmp_path, "      rijen: 11\n", "      rijen: 10\n")
    line = _line(path, TABLE, after='"7.4":')  # a rule of the whole block: the block's line
    assert _problems(path.parent) == [
        f"{path}, regel {line}: 7.4.onderdelen[1]: rijkoppen noemt "
        "11 rijen, maar rijen is 10; zet evenveel rijkoppen als rijen."
    ]


def test_a_choice_table_whose_heads_do_not_fit_its_columns_is_a_load_error(tmp_path):
    path, _ = _broken(tmp_path, '        - "Competenties"\n', "")
    (problem,) = _problems(path.parent)
    assert ": 10.3.onderdelen[1]: kolommen noemt 6 koppen, maar de tabel heeft er 7:" in problem


def test_the_verwijskaart_needs_its_six_labels(tmp_path):
    path, _ = _broken(tmp_path, '        - "Op dagen"\n', "")
    line = _line(path, '        - "Voor vragen', after='"11.5":')  # a list is on the line of its first item
    assert _problems(path.parent) == [
        f"{path}, regel {line}: 11.5.onderdelen[2].velden: de verwijskaart heeft hier zes labels nodig (contact, "
        "telefoon, e-mail, sociale media, bereikbaarheid en dagen, in die volgorde); er staan er 5."
    ]


def test_a_worksheet_is_typed_blocks_too():
    exercise = course_module.load_course().exercises["6.7"]
    form = worksheet(exercise)
    assert isinstance(form.onderdelen[0], Questions)
    assert [q.vraag for q in form.onderdelen[0].vragen] == [q.vraag for q in exercise.vragen]
    assert all(isinstance(block, InfoCard) for block in form.onderdelen[1:])


def test_a_block_whose_key_is_named_like_its_kind_names_the_key_once(tmp_path):
    # `soort: velden` has a key `velden`: pydantic's name of the kind and the key are not one field twice.
    path, line = _broken(tmp_path, '        - "Naam:"\n', "        - 5\n")
    assert _problems(path.parent) == [
        f"{path}, regel {line}: 8.5.onderdelen[2].velden[1]: verwacht tekst, maar er staat het getal 5."
    ]
