"""Writing the output tree: whole files only, user edits kept, safe folder names."""

from __future__ import annotations

import json
import os

import pytest

from desi_pack.errors import OutputError
from desi_pack.writing import output
from desi_pack.writing.output import KEPT, MANIFEST, NEW, UNCHANGED, UPDATED, slugify, write_tree


@pytest.mark.parametrize("text, slug", [
    ("Welzijn Rivierenland", "welzijn-rivierenland"),
    ("Zorg & Welzijn Tiël", "zorg-welzijn-tiel"),
    ("../../etc/passwd", "etc-passwd"),
    ("CON", "con-training"),
    ("Lpt1", "lpt1-training"),
    ("\U0001F91D\U0001F91D", "training"),
    ("x" * 200, "x" * 60),
])
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


def test_failed_move_leaves_whole_files_and_a_true_manifest(tmp_path, monkeypatch):
    real_replace = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", flaky)
    with pytest.raises(OutputError, match="de schijf is vol"):
        write_tree(tmp_path, {"een.txt": b"1", "twee.txt": b"2"})
    monkeypatch.setattr(output.os, "replace", real_replace)
    assert (tmp_path / "een.txt").read_bytes() == b"1"
    assert not (tmp_path / "twee.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".desi-pack-tmp")]
    manifest = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert list(manifest["bestanden"]) == ["een.txt"]
    assert [w.status for w in write_tree(tmp_path, {"een.txt": b"1", "twee.txt": b"2"})] == [UNCHANGED, NEW]
