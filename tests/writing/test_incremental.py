"""Building again: what did not change is taken from the last build, and comes out the same as made anew."""

from __future__ import annotations

import json
import os
import sys
import zipfile
from datetime import timedelta

import pytest
from docx import Document

from desi_pack import build, dutch, load_training
from desi_pack.course.course import load_course
from desi_pack.resources import templates_dir
from desi_pack.writing.output import MANIFEST
from tests.docx_text import body_lines, header_footer
from tests.packages import edited

jobs_module = sys.modules["desi_pack.writing.jobs"]


def contents(path) -> dict[str, bytes]:
    """The parts of a .docx/.xlsx, without the document properties (openpyxl dates them); a calendar
    file's lines without each event's version (DTSTAMP, SEQUENCE), which follows the folder's history."""
    if path.suffix == ".ics":
        lines = path.read_bytes().split(b"\r\n")
        return {"ics": b"\r\n".join(line for line in lines if not line.startswith((b"DTSTAMP:", b"SEQUENCE:")))}
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name != "docProps/core.xml"}


def same_files(a, b) -> list[str]:
    """Paths under a whose content differs from the same path under b."""
    paths = sorted(str(p.relative_to(a)) for p in a.rglob("*") if p.is_file() and p.name != MANIFEST)
    assert paths == sorted(str(p.relative_to(b)) for p in b.rglob("*") if p.is_file() and p.name != MANIFEST)
    return [path for path in paths if contents(a / path) != contents(b / path)]


def moved(training, meeting: int, days: int):
    slots = list(training.bijeenkomsten)
    slots[meeting - 1] = slots[meeting - 1].model_copy(update={"datum": slots[meeting - 1].datum + timedelta(days)})
    return training.model_copy(update={"bijeenkomsten": slots})


def test_nothing_changed_nothing_made_nothing_written(tmp_path):
    training = load_training(None)
    first = build(training, tmp_path, [2])
    assert first.made == 9 and {w.status for w in first.files} == {"nieuw"}
    dates = {p: p.stat().st_mtime_ns for p in first.root.rglob("*.docx")}
    again = build(training, tmp_path, [2])
    assert again.made == 0 and {w.status for w in again.files} == {"ongewijzigd"}
    assert {p: p.stat().st_mtime_ns for p in first.root.rglob("*.docx")} == dates
    keys = json.loads((first.root / MANIFEST).read_text(encoding="utf-8"))["invoer"]
    assert set(keys) == {str(w.path.relative_to(first.root)) for w in first.files}


def test_a_new_date_remakes_what_shows_it_and_the_rest_is_as_made_anew(tmp_path):
    training = load_training(None)
    build(training, tmp_path / "oud")
    later = moved(training, 3, 7)
    result = build(later, tmp_path / "oud")
    remade = sorted(str(w.path.relative_to(result.root)) for w in result.files if w.status == "bijgewerkt")
    assert remade == [
        "bijeenkomst-1/printen-bijeenkomst-1.docx",  # with the list of dates
        "bijeenkomst-1/uitdelen/data-van-de-training.docx",
        "bijeenkomst-2/draaiboek-bijeenkomst-2.docx",  # 'klaar vóór' the date of meeting 3
        "bijeenkomst-2/huiswerk-voor-bijeenkomst-3.docx",
        "bijeenkomst-2/printen-bijeenkomst-2.docx",
        "bijeenkomst-3/agenda-bijeenkomst-3.xlsx",
        "bijeenkomst-3/draaiboek-bijeenkomst-3.docx",
        "bijeenkomst-3/kalender-bijeenkomst-3.ics",
        "bijeenkomst-3/printen-bijeenkomst-3.docx",
        "data-van-de-training.docx",
        "kalender-training.ics",
        "overzicht-training.xlsx",
    ]
    assert result.made == 11  # the list of dates is one file in two places
    fresh = build(later, tmp_path / "nieuw")
    assert same_files(result.root, fresh.root) == []


def test_what_no_form_shows_leaves_the_forms_and_the_rest_is_as_made_anew(tmp_path, write_config):
    build(load_training(write_config()), tmp_path / "oud", [4])
    changed = load_training(write_config({"deelnemers": 14, "extra_afdrukken": 1, "locatie": "Het Dorpshuis"}))
    result = build(changed, tmp_path / "oud", [4])
    remade = {str(w.path.relative_to(result.root)) for w in result.files if w.status == "bijgewerkt"}
    assert not [path for path in remade if "/uitdelen/" in path or path.startswith("instrumenten/")]
    assert "bijeenkomst-4/printen-bijeenkomst-4.docx" in remade  # copies on the cover
    fresh = build(changed, tmp_path / "nieuw", [4])
    assert same_files(result.root, fresh.root) == []


def test_partners_are_on_a_form_so_a_new_partner_remakes_it(tmp_path, write_config):
    build(load_training(write_config()), tmp_path, only_instruments=True)
    result = build(
        load_training(write_config({"partners": ["Sociaal wijkteam Tiel", "Bibliotheek"]})),
        tmp_path,
        only_instruments=True,
    )
    remade = [w.path.name for w in result.files if w.status == "bijgewerkt"]
    assert "4.2-concreet-vervolg.docx" in remade


def test_an_edited_file_is_never_taken_as_made(tmp_path):
    training = load_training(None)
    first = build(training, tmp_path, [2])
    edited = first.root / "bijeenkomst-2" / "uitdelen" / "6.8-reflector-vooroordelen-over-eenzaamheid.docx"
    edited.write_bytes(b"aantekeningen")
    again = build(training, tmp_path, [2])
    assert {w.path: w.status for w in again.files}[edited] == "behouden"
    forced = build(training, tmp_path, [2], force=True)
    assert {w.path: w.status for w in forced.files}[edited] == "overschreven"
    fresh = build(training, tmp_path / "vers", [2]).root / "bijeenkomst-2" / "uitdelen" / edited.name
    assert edited.read_bytes() == fresh.read_bytes()


def test_a_changed_template_remakes_what_it_fills(tmp_path):
    own = tmp_path / "sjablonen"
    own.mkdir()
    source = (templates_dir() / "formulier.docx").read_bytes()
    (own / "formulier.docx").write_bytes(
        edited(source, {"word/header1.xml": (b"{{ organisatie }}", b"{{ organisatie }} (eigen huisstijl)")})
    )
    training = load_training(None)
    build(training, tmp_path / "uit", only_instruments=True)
    result = build(training, tmp_path / "uit", only_instruments=True, templates_dir=own)
    assert result.made == len(load_course().instruments) and {w.status for w in result.files} == {"bijgewerkt"}
    with zipfile.ZipFile(result.root / "instrumenten" / "7.6-voorbeeldvragen.docx") as archive:
        assert b"(eigen huisstijl)" in archive.read("word/header1.xml")


def test_two_processes_make_the_same_files_as_one(tmp_path, monkeypatch):
    if not jobs_module.can_fork():
        pytest.skip("two worker processes are only started on Linux with more than one core")
    training = load_training(None)
    monkeypatch.setattr(jobs_module, "PARALLEL_FROM_MS", 10**9)
    one = build(training, tmp_path / "een", [3])
    monkeypatch.setattr(jobs_module, "PARALLEL_FROM_MS", 0)
    two = build(training, tmp_path / "twee", [3])
    assert two.made == one.made
    assert same_files(one.root, two.root) == []


def test_a_form_the_trainer_changed_is_kept_and_printed_as_changed(tmp_path):
    training = load_training(None)
    first = build(training, tmp_path)
    form = first.root / "bijeenkomst-2" / "uitdelen" / "5.3-signaleringskaart.docx"
    doc = Document(form)
    doc.add_paragraph("Aanvulling van de trainer: ook letten op rouw.")
    doc.save(form)
    again = build(training, tmp_path)
    statuses = {str(w.path.relative_to(first.root)): w.status for w in again.files}
    assert statuses["bijeenkomst-2/uitdelen/5.3-signaleringskaart.docx"] == "behouden"
    assert statuses["bijeenkomst-2/printen-bijeenkomst-2.docx"] == "bijgewerkt"
    assert statuses["instrumenten/5.3-signaleringskaart.docx"] == "ongewijzigd"  # the blank one stays ours
    printed = Document(first.root / "bijeenkomst-2" / "printen-bijeenkomst-2.docx")
    assert "Aanvulling van de trainer: ook letten op rouw." in [p.text for p in printed.paragraphs]
    # With --force the trainer's version is replaced (after a backup), and so is the print file's copy.
    build(training, tmp_path, [2], force=True)
    printed = Document(first.root / "bijeenkomst-2" / "printen-bijeenkomst-2.docx")
    assert "Aanvulling van de trainer: ook letten op rouw." not in [p.text for p in printed.paragraphs]


def _pid(*needed) -> bytes:
    return str(os.getpid()).encode()


def test_jobs_marked_here_and_one_of_each_kind_are_made_by_this_process():
    if not jobs_module.can_fork():
        pytest.skip("two processes only where fork is cheap (Linux)")
    Job, key = jobs_module.Job, jobs_module.key
    jobs = {f"werkmap-{n}.xlsx": Job(key("w", n), _pid, here=True) for n in range(3)}
    jobs |= {f"document-{n}.docx": Job(key("d", n), _pid, cost_ms=100) for n in range(6)}
    jobs["print.docx"] = Job(key("p"), _pid, needs={p: j for p, j in jobs.items() if p.endswith(".docx")})
    made = jobs_module.run(jobs, None, "test", parallel=True)
    here = str(os.getpid()).encode()
    assert all(made[f"werkmap-{n}.xlsx"] == here for n in range(3))
    # One document before the fork, so that what its kind reads once the workers inherit; the rest there.
    assert [made[f"document-{n}.docx"] == here for n in range(6)].count(True) == 1
    assert made["print.docx"] != here


def _moved_date(before, after, meeting: int = 4) -> str:
    was, now = (dutch.long_date(t.bijeenkomsten[meeting - 1].datum) for t in (before, after))
    return f"de datum (was {was}, nu {now})"


def _stale_draaiboek(tmp_path):
    """Built, the draaiboek of meeting 4 edited by the trainer, the meeting moved a week and built again:
    (the training before, after, the trainer's draaiboek, its .nieuw version)."""
    training = load_training(None)
    root = build(training, tmp_path, [4]).root
    own = root / "bijeenkomst-4" / "draaiboek-bijeenkomst-4.docx"
    _edit(own, "Eigen aantekening.")
    later = moved(training, 4, 7)
    return training, later, own, build(later, tmp_path, [4]).stale[0].newer


def _edit(path, line: str) -> None:
    doc = Document(path)
    doc.add_paragraph(line)
    doc.save(path)


def test_a_kept_draaiboek_stays_known_as_stale_whatever_builds_run_in_between(tmp_path):
    """Edit, build (for any reason), move the meeting, build: the move is reported and the new version
    written beside the trainer's; and again at every build until the trainer settles it."""
    training = load_training(None)
    root = build(training, tmp_path, [4]).root
    own = root / "bijeenkomst-4" / "draaiboek-bijeenkomst-4.docx"
    _edit(own, "Eigen aantekening: koffie om half drie.")
    between = build(training, tmp_path, [4])
    assert between.stale == [] and {w.path: w.status for w in between.files}[own] == "behouden"
    build(training, tmp_path, [2])  # another meeting in between, too
    later = moved(training, 4, 7)
    for _ in range(2):  # the move, and a build after it with nothing new
        result = build(later, tmp_path, [4])
        assert [(s.path, s.newer.name) for s in result.stale] == [(own, "draaiboek-bijeenkomst-4.nieuw.docx")]
        assert result.stale[0].changes == [_moved_date(training, later)]
    newer = own.with_name("draaiboek-bijeenkomst-4.nieuw.docx")
    assert "27 april 2027" in "\n".join(body_lines(newer)) + header_footer(newer)[0]
    assert "Eigen aantekening: koffie om half drie." in [p.text for p in Document(own).paragraphs]
    printed = body_lines(root / "bijeenkomst-4" / "printen-bijeenkomst-4.docx")
    assert (
        f"Let op: Draaiboek bijeenkomst 4 in dit bestand is uw eigen versie, van vóór deze wijziging: "
        f"{_moved_date(training, later)}. Controleer wat daarin niet meer klopt, of druk in plaats daarvan de "
        "nieuwe versie af die desi-pack ernaast heeft gezet." in printed
    )
    assert "Draaiboek bijeenkomst 4 (uw eigen versie)" in printed
    assert "Eigen aantekening: koffie om half drie." in printed


def test_a_kept_file_whose_new_version_the_trainer_took_is_no_longer_stale(tmp_path):
    """The message asks to carry the edits over into the .nieuw version: once that is in the place of the
    trainer's version (the .nieuw file gone), it is made from what is now, and no longer reported."""
    _, later, own, newer = _stale_draaiboek(tmp_path)
    _edit(newer, "Eigen aantekening.")
    os.replace(newer, own)
    settled = build(later, tmp_path, [4])
    assert settled.stale == [] and {w.path: w.status for w in settled.files}[own] == "behouden"
    assert not newer.exists()
    moved_again = build(moved(later, 4, 7), tmp_path, [4])
    assert [s.changes for s in moved_again.stale] == [[_moved_date(later, moved(later, 4, 7))]]


def test_a_folder_that_forgot_the_key_of_a_kept_file_still_tells_by_its_facts(tmp_path):
    """Packs written before this fix lost the key of a kept file after one build; the facts stayed."""
    training = load_training(None)
    root = build(training, tmp_path, [4]).root
    own = root / "bijeenkomst-4" / "draaiboek-bijeenkomst-4.docx"
    _edit(own, "Eigen aantekening.")
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    del manifest["invoer"]["bijeenkomst-4/draaiboek-bijeenkomst-4.docx"]
    (root / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    later = moved(training, 4, 7)
    result = build(later, tmp_path, [4])
    assert [s.changes for s in result.stale] == [[_moved_date(training, later)]]


def test_what_changed_names_trainers_and_leaves_out_facts_an_older_version_did_not_record():
    from desi_pack.pack.build import what_changed

    before = {"datum": "a", "tijd": "13:30–16:30", "agenda": "x"}
    now = {"datum": "a", "tijd": "13:00–16:00", "trainers": "Anna en Bert", "agenda": "y"}
    assert what_changed(before, now) == ["de tijd (was 13:30–16:30, nu 13:00–16:00)", "de agenda"]
    assert what_changed({**before, "trainers": "Anna"}, now)[1] == "de trainers (was Anna, nu Anna en Bert)"


def test_a_new_version_no_longer_needed_is_named(tmp_path):
    """The meeting moved and moved back: the trainer's version is right again, the .nieuw one is not."""
    training = load_training(None)
    root = build(training, tmp_path, [4]).root
    own = root / "bijeenkomst-4" / "draaiboek-bijeenkomst-4.docx"
    _edit(own, "Eigen aantekening.")
    newer = build(moved(training, 4, 7), tmp_path, [4]).stale[0].newer
    back = build(training, tmp_path, [4])
    assert back.stale == []
    assert (
        f"{newer} is niet meer nodig: uw versie ernaast is weer gemaakt van wat nu geldt. U kunt dat bestand "
        "weggooien." in back.notes
    )


def test_a_print_file_the_trainer_changed_is_kept_and_told_stale_like_any_other(tmp_path):
    training = load_training(None)
    root = build(training, tmp_path, [4]).root
    printed = root / "bijeenkomst-4" / "printen-bijeenkomst-4.docx"
    _edit(printed, "Extra pagina van de trainer.")
    assert build(training, tmp_path, [4]).stale == []
    later = moved(training, 4, 7)
    result = build(later, tmp_path, [4])
    assert sorted(s.newer.name for s in result.stale) == ["printen-bijeenkomst-4.nieuw.docx"]
    assert result.stale[0].changes == [_moved_date(training, later)]
    assert "Extra pagina van de trainer." in body_lines(printed)
    assert "27 april 2027" in "\n".join(body_lines(printed.with_name("printen-bijeenkomst-4.nieuw.docx")))


def test_a_new_release_of_desi_pack_alone_does_not_make_a_kept_file_stale(tmp_path, monkeypatch):
    training = load_training(None)
    root = build(training, tmp_path, [4]).root
    _edit(root / "bijeenkomst-4" / "draaiboek-bijeenkomst-4.docx", "Eigen aantekening.")
    build(training, tmp_path, [4])  # the print file with the trainer's draaiboek ...
    _edit(root / "bijeenkomst-4" / "printen-bijeenkomst-4.docx", "Eigen aantekening.")  # ... changed too
    assert build(training, tmp_path, [4]).stale == []
    monkeypatch.setattr(jobs_module, "code_fingerprint", lambda: "eennieuwereversie")
    again = build(training, tmp_path, [4])
    assert again.stale == [] and again.made > 0  # remade what it made, left the trainer's version alone
    later = moved(training, 4, 7)
    assert [s.changes for s in build(later, tmp_path, [4]).stale] == [[_moved_date(training, later)]] * 2


def test_the_same_word_document_is_the_same_bytes_whenever_it_is_made(tmp_path, monkeypatch):
    """python-docx dates a zip entry with the time of saving; desi-pack's Word files carry a fixed date,
    so a document remade with the same content (after an update of desi-pack, say) is 'ongewijzigd'."""
    training = load_training(None)
    first = build(training, tmp_path / "eerst", [4]).root
    monkeypatch.setattr(zipfile.time, "time", lambda: 2_000_000_000.0)  # another day, as zipfile sees it
    later = build(training, tmp_path / "later", [4]).root
    words = sorted(path.relative_to(first) for path in first.rglob("*.docx"))
    assert len(words) == 6  # draaiboek, homework, print file, 8.7 with its picture, werkblad 8.4, 10.3
    assert [path for path in words if (first / path).read_bytes() != (later / path).read_bytes()] == []


def test_a_kept_file_the_trainer_brought_up_to_date_is_settled_by_throwing_the_new_version_away(tmp_path):
    _, later, own, newer = _stale_draaiboek(tmp_path)
    _edit(own, "Nieuwe datum: dinsdag 27 april.")  # the trainer puts the new date in their own version
    newer.unlink()
    assert build(later, tmp_path, [4]).stale == []
    assert build(later, tmp_path, [4]).stale == []
