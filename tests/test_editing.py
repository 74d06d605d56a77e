"""Saving a training file from the page: what changed is written, every other byte stays as the trainer wrote it."""

from __future__ import annotations

import difflib
from datetime import date, time
from pathlib import Path

import pytest

from desi_pack.errors import DesiPackError
from desi_pack.resources import example_training
from desi_pack.training.config import PATH_KEYS, load_training
from desi_pack.training.editing import REMOVE, ChangedOnDisk, edited, read_training_text, save


def _starter(tmp_path: Path, text: str | None = None, data: bytes | None = None) -> Path:
    path = tmp_path / "training.yaml"
    if data is not None:
        path.write_bytes(data)
    else:
        path.write_text(text if text is not None else example_training().read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _diff(old: str, new: str) -> list[str]:
    """The lines taken out (-) and put in (+)."""
    return [
        line.rstrip("\n")
        for line in difflib.ndiff(old.splitlines(True), new.splitlines(True))
        if line.startswith(("- ", "+ "))
    ]


def test_no_change_gives_the_file_back_byte_for_byte(tmp_path):
    source = read_training_text(_starter(tmp_path))
    assert edited(source, {}, PATH_KEYS) == source.text


@pytest.mark.parametrize(
    "changes, expected",
    [
        (
            {("organisatie",): "Zorg & Welzijn: Oost"},
            ["- organisatie: Welzijn Rivierenland", "+ organisatie: 'Zorg & Welzijn: Oost'"],
        ),
        (
            {("bijeenkomsten", 2, "start"): time(14, 0)},
            ['-   - {datum: 2027-03-16, start: "13:30"}', '+   - {datum: 2027-03-16, start: "14:00"}'],
        ),
        (
            {("bijeenkomsten", 1, "datum"): date(2027, 2, 23)},
            [
                '-   - {datum: 2027-02-16, start: "13:30", locatie: Bibliotheek Tiel}',
                '+   - {datum: 2027-02-23, start: "13:30", locatie: Bibliotheek Tiel}',
            ],
        ),
        (
            {("bijeenkomsten", 1, "locatie"): REMOVE},
            [
                '-   - {datum: 2027-02-16, start: "13:30", locatie: Bibliotheek Tiel}',
                '+   - {datum: 2027-02-16, start: "13:30"}',
            ],
        ),
        (
            {("deelnemers",): ["Kees Bosman", "Anna Bakker"]},
            ["- deelnemers: 12", "+ deelnemers:", "+   - Kees Bosman", "+   - Anna Bakker"],
        ),
        ({("trainers",): ["Anna de Vries"]}, ["-   - Mohamed El Amrani"]),
        ({("duur",): 240}, ["+ duur: 240"]),
        ({("extra_afdrukken",): REMOVE}, ["- extra_afdrukken: 2"]),
        ({("verwijskaart", "contacten", 0, "email"): REMOVE}, ["-       email: wijkteam@tiel.example"]),
    ],
)
def test_a_change_touches_only_its_own_lines(tmp_path, changes, expected):
    path = _starter(tmp_path)
    source = read_training_text(path)
    text = edited(source, changes, PATH_KEYS)
    assert _diff(source.text, text) == expected
    load_training(path, text)  # and it is a training


def test_a_new_key_goes_where_the_starter_has_it_and_takes_no_comment_with_it(tmp_path):
    source = read_training_text(_starter(tmp_path))
    text = edited(source, {("logo",): "logo.png"}, PATH_KEYS)
    lines = text.splitlines()
    at = lines.index("logo: logo.png")
    assert lines[at - 1].startswith("  Of per e-mail")  # after meldpunt, before the comment on extra_afdrukken
    assert lines[at + 1].startswith("# Extra afdrukken")


def test_removing_a_key_keeps_the_comments_around_it(tmp_path):
    """The comments before and after a part taken out stay; the ones inside it go with it."""
    source = read_training_text(_starter(tmp_path))
    text = edited(source, {("meldpunt",): REMOVE, ("verwijskaart",): REMOVE}, PATH_KEYS)
    comments = [line for line in source.text.splitlines() if line.startswith("#")]
    assert comments == [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert "meldpunt" not in load_training(source.path, text).model_fields_set


def test_a_section_not_in_the_file_is_added_with_the_value(tmp_path):
    path = _starter(
        tmp_path,
        "organisatie: Welzijn\ngemeente: Tiel\ntrainers: [Anna]\nlocatie: Buurthuis\n"
        "deelnemers: 12\nbijeenkomsten: []\n",
    )
    text = edited(
        read_training_text(path), {("verwijskaart", "contacten", 0): {"naam": "Wijkteam", "telefoon": "0344-123456"}}
    )
    assert text.endswith("verwijskaart:\n  contacten:\n    - naam: Wijkteam\n      telefoon: 0344-123456\n")


def test_a_hash_glued_to_the_old_value_goes_with_it(tmp_path):
    """`Dorpshuis #zaal 2` is one text for desi-pack: replaced, the '#zaal 2' must not stay behind."""
    path = _starter(tmp_path, "locatie: Dorpshuis #zaal 2\ngemeente: Tiel   # de gemeente\n")
    text = edited(read_training_text(path), {("locatie",): "Buurthuis", ("gemeente",): "Buren"})
    assert text == "locatie: Buurthuis\ngemeente: Buren  # de gemeente\n"  # the comment keeps its column


def test_windows_line_endings_a_byte_order_mark_and_utf16_are_written_as_they_were(tmp_path):
    for data, encoding in (
        (b"\xef\xbb\xbforganisatie: Welzijn\r\ngemeente: Tiel\r\n", "utf-8-sig"),
        ("organisatie: Welzijn\r\ngemeente: Tiël\r\n".encode("utf-16"), "utf-16"),
    ):
        path = _starter(tmp_path, data=data)
        source = read_training_text(path)
        save(source, edited(source, {("organisatie",): "Zorg"}))
        assert (
            path.read_bytes().decode(encoding)
            == "organisatie: Zorg\r\ngemeente: " + ("Tiel" if encoding == "utf-8-sig" else "Tiël") + "\r\n"
        )
        assert path.read_bytes().startswith(b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b"\xff\xfe")


def test_a_file_changed_on_disk_since_it_was_read_is_not_written_over(tmp_path):
    path = _starter(tmp_path)
    source = read_training_text(path)
    path.write_text(source.text.replace("Tiel", "Buren"), encoding="utf-8")  # the trainer, in Kladblok
    mine = path.read_bytes()
    with pytest.raises(ChangedOnDisk) as err:
        save(source, edited(source, {("organisatie",): "Zorg"}))
    assert "is veranderd sinds de pagina het las" in err.value.message
    assert path.read_bytes() == mine


def test_saving_leaves_no_temporary_file_and_keeps_the_file_whole_when_it_cannot_write(tmp_path, monkeypatch):
    path = _starter(tmp_path)
    source = read_training_text(path)
    before = path.read_bytes()

    def broken(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("desi_pack.training.editing.os.replace", broken)
    with pytest.raises(DesiPackError) as err:
        save(source, edited(source, {("organisatie",): "Zorg"}))
    assert "kan dit bestand niet opslaan" in err.value.message and "Traceback" not in err.value.message
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["training.yaml"]


def test_non_breaking_spaces_and_windows_paths_are_read_as_desi_pack_reads_them(tmp_path):
    path = _starter(tmp_path, 'organisatie: Welzijn\ndeelnemers:\n\u00a0 - Kees\nlogo: "C:\\Users\\Anna\\logo.png"\n')
    text = edited(read_training_text(path), {("organisatie",): "Zorg"}, PATH_KEYS)
    assert text == "organisatie: Zorg\ndeelnemers:\n  - Kees\nlogo: 'C:\\Users\\Anna\\logo.png'\n"
