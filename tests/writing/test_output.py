"""Writing the output tree: whole files only, user edits kept, safe folder names."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from desi_pack.errors import OutputError
from desi_pack.writing import output
from desi_pack.writing.output import KEPT, NEW, UNCHANGED, UPDATED, slugify, write_tree
from tests.conftest import BASE_CONFIG as BASE


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Welzijn Rivierenland", "welzijn-rivierenland"),
        ("Zorg & Welzijn Tiël", "zorg-welzijn-tiel"),
        ("../../etc/passwd", "etc-passwd"),
        ("CON", "con-training"),
        ("Lpt1", "lpt1-training"),
        ("\U0001f91d\U0001f91d", "training"),
        ("x" * 200, "x" * 60),
    ],
)
def test_slug_is_a_safe_readable_folder_name(text, slug):
    assert slugify(text) == slug


def test_statuses_over_rebuilds(tmp_path):
    files = {"a/een.txt": b"1", "twee.txt": b"2"}
    assert [w.status for w in write_tree(tmp_path, files)] == [NEW, NEW]
    assert [w.status for w in write_tree(tmp_path, files)] == [UNCHANGED, UNCHANGED]
    assert [w.status for w in write_tree(tmp_path, {**files, "a/een.txt": b"1b"})] == [UPDATED, UNCHANGED]
    (tmp_path / "twee.txt").write_bytes(b"door de trainer")
    assert [w.status for w in write_tree(tmp_path, {**files, "twee.txt": b"3"})] == [UPDATED, KEPT]
    assert (tmp_path / "twee.txt").read_bytes() == b"door de trainer"


def test_existing_file_not_made_by_desi_pack_is_kept(tmp_path):
    (tmp_path / "een.txt").write_bytes(b"van iemand anders")
    assert [w.status for w in write_tree(tmp_path, {"een.txt": b"1"})] == [KEPT]
    assert (tmp_path / "een.txt").read_bytes() == b"van iemand anders"


def test_failed_move_puts_everything_back(tmp_path, monkeypatch):
    real_replace = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", flaky)
    with pytest.raises(OutputError, match="de schijf is vol") as caught:
        write_tree(tmp_path, {"een.txt": b"1", "twee.txt": b"2"})
    monkeypatch.setattr(output.os, "replace", real_replace)
    assert str(tmp_path / "twee.txt") in caught.value.message and ".desi-pack-tmp" not in caught.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert [w.status for w in write_tree(tmp_path, {"een.txt": b"1", "twee.txt": b"2"})] == [NEW, NEW]


def _draaiboek_texts(root):
    from tests.docx_text import body_lines

    return {
        n: "\n".join(body_lines(root / f"bijeenkomst-{n}" / f"draaiboek-bijeenkomst-{n}.docx")) for n in range(1, 6)
    }


def _lock(path, monkeypatch):
    """Make `path` impossible to replace, as a file open in Word on Windows is."""
    if os.geteuid() == 0 and shutil.which("chattr") and subprocess.run(["chattr", "+i", str(path)]).returncode == 0:
        return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)
    real_open = open

    def refusing(file, mode="r", *args, **kwargs):
        if os.fspath(file) == os.fspath(path) and mode != "rb":
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing)
    return lambda: None


def test_a_file_that_cannot_be_replaced_stops_the_build_before_anything_changes(
    write_config, tmp_path, run, monkeypatch
):
    code, _, _ = run("build", str(write_config()), "--out", str(tmp_path / "out"), "--stil")
    root = tmp_path / "out" / "welzijn-rivierenland"
    before = _draaiboek_texts(root)
    stamps = {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}
    later = {**BASE, "bijeenkomsten": [{**m, "start": "09:30"} for m in BASE["bijeenkomsten"]]}
    locked = root / "bijeenkomst-3" / "draaiboek-bijeenkomst-3.docx"
    unlock = _lock(locked, monkeypatch)
    try:
        code, out, err = run("build", str(write_config(later)), "--out", str(tmp_path / "out"), "--stil")
    finally:
        unlock()
    assert code == 1 and out == ""
    assert err == (
        f"Fout: {locked}: dit bestand kan niet vervangen worden (geen toestemming). Is het geopend in "
        "Word of Excel? Sluit het en probeer het opnieuw. Er is niets veranderd.\n"
    )
    assert _draaiboek_texts(root) == before
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()} == stamps


def test_another_training_of_the_same_organisation_does_not_replace_the_pack(write_config, tmp_path, run):
    out = tmp_path / "out"
    assert run("build", str(write_config()), "--out", str(out), "--stil")[0] == 0
    root = out / "welzijn-rivierenland"
    before = _draaiboek_texts(root)
    other = write_config({"gemeente": "Culemborg", "locatie": "Het Bastion, Culemborg"}, name="culemborg.yaml")
    code, _, err = run("build", str(other), "--out", str(out), "--stil")
    assert code == 1
    assert err == (
        f"Fout: {root}: deze map hoort bij de training 'Welzijn Rivierenland, Tiel', niet bij "
        "'Welzijn Rivierenland, Culemborg'. Kies een andere map met --out, of vervang dat pakket met "
        "--force (bestanden die u wijzigde krijgen eerst een reservekopie).\n"
    )
    assert _draaiboek_texts(root) == before
    code, _, err = run("verwijskaart", str(other), "--out", str(out), "--stil")
    assert code == 1 and "hoort bij de training 'Welzijn Rivierenland, Tiel'" in err
    # The same training again, with another spelling of its place, is the same training (as for verzamel:
    # tests/collect/test_collect.py, test_build_and_verzamel_agree_whose_pack_a_folder_is).
    assert run("build", str(write_config({"gemeente": "TIËL"})), "--out", str(out), "--stil")[0] == 0
    assert run("build", str(other), "--out", str(out), "--stil", "--force")[0] == 0
    assert "Culemborg" in _draaiboek_texts(root)[1]
