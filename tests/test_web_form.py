"""The training as a form on the page: checked by the core's validation, saved as the trainer wrote it.

Through Flask's test client; the browser's own part (htmx, the keyboard, axe) is in test_web_browser.py.
"""

from __future__ import annotations

import re

import pytest
import yaml

from desi_pack.resources import example_training
from desi_pack.training.config import load_training
from tests.web_client import Page


@pytest.fixture
def page(tmp_path):
    return Page.open(tmp_path)


def _errors(html: str) -> dict[str, list[str]]:
    """The problems shown beside each field, by the field's id."""
    found = {}
    for box in re.finditer(r'<div class="error" id="([^"]+)-fout"[^>]*>(.*?)</div>', html, re.S):
        texts = re.findall(r"<p class=\"fout\">(.*?)</p>", box[2], re.S)
        if texts:
            found[box[1]] = texts
    return found


def test_the_form_shows_the_training_file_as_desi_pack_reads_it(page):
    form = page.form()
    assert form["organisatie"] == "Welzijn Rivierenland"
    assert form["trainers"] == "Anna de Vries\nMohamed El Amrani"
    assert form["deelnemers.aantal"] == "12" and form["deelnemers"] == ""
    assert form["bijeenkomsten.1.datum"] == "2027-02-16" and form["bijeenkomsten.1.start"] == "13:30"
    assert form["bijeenkomsten.1.locatie"] == "Bibliotheek Tiel" and form["bijeenkomsten.0.locatie"] == ""
    assert form["verwijskaart.contacten.0.telefoon"] == "0344-555 010"
    html = page.get("/").get_data(as_text=True)
    assert 'lang="nl"' in html and str(page.training) in html


def test_sending_the_form_unchanged_changes_nothing(page):
    before = page.training.read_bytes()
    response = page.post("/opslaan", page.form())
    assert response.status_code == 303
    assert page.training.read_bytes() == before


def test_a_mistake_is_shown_beside_its_field_in_the_validations_words_and_nothing_is_saved(page):
    before = page.training.read_bytes()
    form = {**page.form(), "bijeenkomsten.2.start": "25:00", "organisatie": "  "}
    response = page.post("/controle", form, htmx=True)
    errors = _errors(response.get_data(as_text=True))
    assert errors["veld-bijeenkomsten-2-start"] == [
        "De tijd 25:00 bestaat niet; uren gaan van 0 tot 23, minuten van 0 tot 59."
    ]
    assert errors["veld-organisatie"] == ["Mag niet leeg zijn."]
    saved = page.post("/opslaan", form)
    assert saved.status_code == 400 and "Nog niet opgeslagen: 2 fouten" in saved.get_data(as_text=True)
    assert page.training.read_bytes() == before


def test_the_same_mistake_gives_the_same_sentence_as_desi_pack_check(page, tmp_path):
    """The page adds no rule: its message is the CLI's, without the file and line in front."""
    from desi_pack.errors import ConfigError

    text = page.training.read_text(encoding="utf-8").replace(
        '{datum: 2027-03-16, start: "13:30"}', '{datum: 2027-02-30, start: "13:30"}'
    )
    with pytest.raises(ConfigError) as cli:
        load_training(page.training, text)
    form = {**page.form(), "bijeenkomsten.2.datum": "2027-02-30"}
    shown = _errors(page.post("/controle", form, htmx=True).get_data(as_text=True))["veld-bijeenkomsten-2-datum"]
    assert cli.value.problems[0].endswith(shown[0][0].lower() + shown[0][1:])


def test_a_saved_change_is_written_and_everything_else_stays_as_written(page):
    before = page.training.read_text(encoding="utf-8")
    form = {
        **page.form(),
        "organisatie": "Zorg & Welzijn: Oost",
        "bijeenkomsten.2.start": "14:00",
        "deelnemers": "Kees Bosman\nAnna Bakker\n",
        "deelnemers.aantal": "",
    }
    assert page.post("/opslaan", form).status_code == 303
    after = page.training.read_text(encoding="utf-8")
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == [
        "organisatie: 'Zorg & Welzijn: Oost'",
        "deelnemers:",
        "  - Kees Bosman",
        "  - Anna Bakker",
        '  - {datum: 2027-03-16, start: "14:00"}',
    ]
    training = load_training(page.training)
    assert training.organisatie == "Zorg & Welzijn: Oost" and training.participant_names == [
        "Kees Bosman",
        "Anna Bakker",
    ]


def test_a_column_pasted_from_excel_gives_one_participant_a_line(page):
    form = {**page.form(), "deelnemers": "Kees Bosman\r\nAnna Bakker\r\n\r\nPiet\tJansen\r\n", "deelnemers.aantal": ""}
    assert page.post("/opslaan", form).status_code == 303
    assert load_training(page.training).participant_names == ["Kees Bosman", "Anna Bakker", "Piet Jansen"]


def test_a_row_left_out_and_a_row_added_change_the_agenda_live(page):
    form = {
        **page.form(),
        "bijeenkomsten.0.weglaten": ["3"],
        "bijeenkomsten.0.toevoegen.0.wat": "Rondje: wat neemt u mee?",
        "bijeenkomsten.0.toevoegen.0.duur": "10",
    }
    html = page.post("/controle", form, htmx=True).get_data(as_text=True)
    agenda = re.search(r'<div class="agenda" id="agenda-1".*?</table>', html, re.S)[0]
    assert "Rondje: wat neemt u mee?" in agenda
    assert page.post("/opslaan", form).status_code == 303
    plan = yaml.safe_load(page.training.read_text(encoding="utf-8"))["bijeenkomsten"][0]
    assert plan["weglaten"] == [3] and plan["toevoegen"] == [{"wat": "Rondje: wat neemt u mee?", "duur": 10}]


def test_a_contact_is_added_and_another_removed(page):
    form = {
        **page.form(),
        "verwijskaart.contacten.2.naam": "Huisartsenpraktijk Tiel",
        "verwijskaart.contacten.2.telefoon": "0344-612345",
        "verwijskaart.contacten.0": "ja",
    }
    assert page.post("/opslaan", form).status_code == 303
    contacts = yaml.safe_load(page.training.read_text(encoding="utf-8"))["verwijskaart"]["contacten"]
    assert [c["naam"] for c in contacts] == ["Joyce Bakker", "Huisartsenpraktijk Tiel"]


def test_a_new_contact_without_a_way_to_reach_it_is_named_at_the_new_contact(page):
    form = {**page.form(), "verwijskaart.contacten.2.naam": "Huisarts"}
    html = page.post("/controle", form, htmx=True).get_data(as_text=True)
    assert _errors(html)["veld-verwijskaart-contacten-2"] == [
        "Geen telefoon, email of social_media; vul er minstens één in."
    ]  # in the new contact's box
    assert '<a href="#veld-verwijskaart-contacten-2">Contact 3: Geen telefoon' in html


def test_a_file_changed_in_another_program_is_not_overwritten(page):
    form = page.form()
    stamp = page.stamp()
    page.training.write_text(page.training.read_text(encoding="utf-8").replace("Tiel", "Buren"), encoding="utf-8")
    mine = page.training.read_bytes()
    response = page.client.post(
        "/opslaan",
        base_url="http://127.0.0.1:8765",
        data={**form, "csrf": page.guard.csrf_token, "stempel": stamp, "organisatie": "Zorg"},
        headers={"Origin": "http://127.0.0.1:8765"},
    )
    assert "is veranderd sinds deze pagina het las" in response.get_data(as_text=True)
    assert page.training.read_bytes() == mine


def test_without_a_training_the_page_offers_to_begin_one(tmp_path):
    page = Page.open(tmp_path, starter=False)
    html = page.get("/").get_data(as_text=True)
    assert "Nieuwe training beginnen" in html and "training.yaml" in html
    assert page.post("/nieuw").status_code == 303
    assert load_training(page.training).organisatie == "Welzijn Rivierenland"
    assert page.post("/nieuw").status_code == 400  # never over the file just begun
    assert load_training(page.training).organisatie == "Welzijn Rivierenland"


def test_a_logo_is_checked_as_the_cli_checks_it_and_stored_beside_the_training(page):
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (300, 120), "navy").save(picture, "PNG")
    form = {**page.form(), "logo": (io.BytesIO(picture.getvalue()), "mijn logo.png")}
    assert page.post("/logo", form, content_type="multipart/form-data").status_code == 303
    assert (page.folder / "logo.png").is_file()
    assert load_training(page.training).logo == "logo.png"
    svg = {**page.form(), "logo": (io.BytesIO(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "logo.svg")}
    html = page.post("/logo", svg, content_type="multipart/form-data").get_data(as_text=True)
    assert "is een SVG-tekening" in html


def test_when_the_parts_are_shorter_the_page_asks_when_the_meeting_ends_and_saves_the_answer(page):
    """Meeting 2's parts take 2 h 50 of the planned 3 h (rules.meeting_end): the page says so beside the
    agenda, and the trainer's choice is written as `einde` and shown as one end time."""
    html = page.get("/").get_data(as_text=True)
    agenda = re.search(r'<div class="agenda" id="agenda-2".*?</div>', html, re.S)[0]
    assert "10 min korter dan de geplande 3 uur" in agenda and "Kies bij ‘Einde’" in agenda
    form = {**page.form(), "bijeenkomsten.1.einde": "onderdelen"}
    assert page.post("/opslaan", form).status_code == 303
    assert yaml.safe_load(page.training.read_text(encoding="utf-8"))["bijeenkomsten"][1]["einde"] == "onderdelen"
    agenda = re.search(r'<div class="agenda" id="agenda-2".*?</div>', page.get("/").get_data(as_text=True), re.S)[0]
    assert "tot 16:20" in agenda and "eindigt om 16:20" in agenda and "Kies" not in agenda


def test_every_choice_and_row_of_the_manual_is_offered(page):
    """Found by trying the page: an empty choice showed as '<object object at …> minuten', and no row
    could be left out or placed after (the rows' positions come from the manual's table)."""
    html = page.get("/").get_data(as_text=True)
    assert "object at" not in html
    choice = re.search(r'<select id="veld-bijeenkomsten-2-keuze".*?</select>', html, re.S)[0]
    assert re.findall(r'<option value="([^"]*)"', choice) == ["", "8.2", "8.3"]
    boxes = re.findall(r'name="bijeenkomsten\.0\.weglaten" value="(\d+)"', html)
    assert len(boxes) > 8 and boxes == sorted(boxes, key=int)
    after = re.search(r'<select id="veld-bijeenkomsten-0-toevoegen-0-na".*?</select>', html, re.S)[0]
    assert len(re.findall("<option", after)) == len(boxes) + 1


def test_a_refused_logo_keeps_what_was_typed(page):
    import io

    form = {
        **page.form(),
        "bijeenkomsten.4.locatie": "Bibliotheek Zutphen",
        "logo": (io.BytesIO(b"geen plaatje"), "logo.png"),
    }
    html = page.post("/logo", form, content_type="multipart/form-data").get_data(as_text=True)
    assert "geen afbeelding" in html and 'value="Bibliotheek Zutphen"' in html


def test_a_problem_elsewhere_does_not_hide_the_agendas(page):
    form = {**page.form(), "organisatie": "", "bijeenkomsten.0.start": "09:30"}
    html = page.post("/controle", form, htmx=True).get_data(as_text=True)
    agenda = re.search(r'<div class="agenda" id="agenda-1".*?</div>', html, re.S)[0]
    assert "09:30–09:40" in agenda  # the start typed, though the organisation is still missing


def test_values_still_from_the_example_are_pointed_out_beside_their_field_while_typing(page):
    def note(html: str, field: str) -> bool:
        box = re.search(rf'<div class="error" id="veld-{field}-fout".*?</div>', html, re.S)[0]
        return "nog uit het voorbeeld" in box

    html = page.get("/").get_data(as_text=True)
    assert note(html, "trainers") and note(html, "organisatie")
    typed = page.post("/controle", {**page.form(), "trainers": "Fatima El Idrissi", "locatie": ""}, htmx=True).get_data(
        as_text=True
    )
    assert not note(typed, "trainers") and note(typed, "organisatie")  # live, even with a problem elsewhere


def test_a_problem_of_one_line_of_a_list_names_the_line(page):
    form = {**page.form(), "trainers": "Anna de Vries\nMohamed El Amrani\n" + "x" * 1001}
    errors = _errors(page.post("/controle", form, htmx=True).get_data(as_text=True))
    assert errors["veld-trainers"] == ["Regel 3: is 1001 tekens lang; verwacht hoogstens 1000."]


def test_names_yaml_would_read_as_something_else_are_kept_as_names(page):
    """'No' and 'Yes' are false and true in YAML 1.1, '0612' a number: saved in quotes, read back as typed."""
    form = {**page.form(), "deelnemers": "No\nYes\n0612\nOn", "deelnemers.aantal": ""}
    assert page.post("/opslaan", form).status_code == 303
    assert load_training(page.training).participant_names == ["No", "Yes", "0612", "On"]


def test_two_columns_pasted_from_excel_are_one_name_a_row(page):
    form = {**page.form(), "deelnemers": "Bram\tKoster\r\nAnna\tde Vries\r\n", "deelnemers.aantal": ""}
    assert page.post("/opslaan", form).status_code == 303
    assert load_training(page.training).participant_names == ["Bram Koster", "Anna de Vries"]


def test_after_a_change_elsewhere_the_trainer_may_keep_their_own_version(page):
    form, stamp = page.form(), page.stamp()
    page.training.write_text(
        page.training.read_text(encoding="utf-8").replace("gemeente: Tiel", "gemeente: Buren"), encoding="utf-8"
    )
    sent = {**form, "csrf": page.guard.csrf_token, "stempel": stamp, "organisatie": "Zorg"}
    first = page.client.post(
        "/opslaan", base_url="http://127.0.0.1:8765", data=sent, headers={"Origin": "http://127.0.0.1:8765"}
    ).get_data(as_text=True)
    assert "Toch deze versie opslaan" in first and first.count("is veranderd sinds deze pagina het las") == 1
    kept = page.client.post(
        "/opslaan",
        base_url="http://127.0.0.1:8765",
        data={**sent, "overschrijven": "ja"},
        headers={"Origin": "http://127.0.0.1:8765"},
    )
    assert kept.status_code == 303
    training = load_training(page.training)
    assert training.organisatie == "Zorg" and training.gemeente == "Tiel"  # the page's version, as chosen


def test_a_pack_of_another_training_is_not_offered_and_replacing_it_is_asked(page):
    from desi_pack.writing.output import slugify

    assert page.post("/pakket", page.form()).status_code == 303
    page.client.application.extensions["desi"].build.thread.join()
    root = page.folder / "output" / slugify("Welzijn Rivierenland")
    assert (root / "bijeenkomst-1").is_dir()
    page.post("/opslaan", {**page.form(), "gemeente": "Buren"})
    html = page.get("/pakket").get_data(as_text=True)
    assert "Pakket maken voor ‘Welzijn Rivierenland, Buren’" in html and "alles.zip" not in html
    assert page.post("/pakket", page.form()).status_code == 303  # not without asking
    run = page.client.application.extensions["desi"].build
    assert run.result.root == root and "Buren" not in (root / ".desi-pack.json").read_text(encoding="utf-8")
    page.post("/pakket", {"force": "ja"})
    page.client.application.extensions["desi"].build.thread.join()
    assert "Buren" in (root / ".desi-pack.json").read_text(encoding="utf-8")
    assert "alles.zip" in page.get("/pakket").get_data(as_text=True)


def test_the_pack_page_offers_the_participants_calendar_files(page):
    assert page.post("/pakket", page.form()).status_code == 303
    page.client.application.extensions["desi"].build.thread.join()
    html = page.get("/pakket").get_data(as_text=True)
    assert "Voor de agenda van de deelnemers" in html
    assert "geel gemarkeerd" in html and "trainers[1]" not in html  # the example's data said in the page's words
    links = re.findall(r'href="(/pakket/bestand/[^"]+\.ics)"', html)
    assert links[0] == "/pakket/bestand/kalender-training.ics" and len(links) >= 6
    calendar = page.get(links[0])
    assert calendar.mimetype == "text/calendar" and calendar.data.startswith(b"BEGIN:VCALENDAR")


def test_the_help_page_is_the_manual_and_its_links_lead_somewhere(page):
    from pathlib import Path

    html = page.get("/hulp").get_data(as_text=True)
    manual = (Path(__file__).resolve().parents[1] / "docs" / "handleiding.md").read_text(encoding="utf-8")
    assert "<h1" in html and "Handleiding desi-pack" in html and "desi-pack web" in html
    assert manual.splitlines()[2] in html  # the manual's own words, one source
    targets = set(re.findall(r'id="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links and links <= targets, links - targets
    assert "pytest" not in html and "English summary" not in html  # for trainers, not for developers


def test_a_build_with_pdfs_uses_the_libreoffice_the_page_keeps(page, monkeypatch):
    """The page starts LibreOffice once for its life (writing/office.py); each build with PDFs uses it."""
    import desi_pack.pack.build as building

    kept = object()
    page.client.application.extensions["desi"].offices = kept
    seen = {}
    monkeypatch.setattr(building, "build", lambda *args, **kwargs: seen.update(kwargs))
    assert page.post("/pakket", {**page.form(), "pdf": "1"}).status_code == 303
    page.client.application.extensions["desi"].build.thread.join()
    assert seen["pdf"] is True and seen["offices"] is kept


def test_desi_pack_web_closes_the_libreoffice_it_kept_when_it_stops(tmp_path, monkeypatch):
    from desi_pack.web import serve as serving
    from desi_pack.writing import office

    (tmp_path / "training.yaml").write_bytes(example_training().read_bytes())
    closed = []

    class Kept:
        usable = True

        def close(self):
            closed.append(True)

    monkeypatch.setattr(office.Offices, "here", classmethod(lambda cls: Kept()))
    monkeypatch.setattr("waitress.server.create_server", lambda *args, **kwargs: _Stopped())
    serving.serve(tmp_path, open_browser=False, say=lambda line: None)
    assert closed == [True]


class _Stopped:
    """A server that is stopped (Ctrl+C) as soon as it runs."""

    def run(self):
        raise KeyboardInterrupt

    def close(self):
        pass
