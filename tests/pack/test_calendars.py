"""The participants' calendar files, read back with two independent readers (icalendar and ical),
and the printed list of dates."""

from __future__ import annotations

import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from desi_pack import build, calendar_files, load_training
from desi_pack.course.adapt import adapt
from desi_pack.course.schedule import schedules
from desi_pack.pack.calendars import TRAINING_FILE, meeting_filename
from desi_pack.pack.documents import DATES, DATES_FILENAME
from desi_pack.writing.pdf import find_libreoffice
from tests.conftest import BASE_CONFIG
from tests.docx_text import body_lines

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Meetings on both sides of the change to summer time (28 March 2027) and back (31 October 2027).
ACROSS_SUMMER_TIME = [
    {"datum": "2027-03-16", "start": "13:30"},
    {"datum": "2027-04-13", "start": "13:30"},
    {"datum": "2027-05-25", "start": "09:15"},
    {"datum": "2027-10-26", "start": "19:00"},
    {"datum": "2027-11-30", "start": "19:00"},
]
TYPED = "Zaal 2; ingang B, achterom\nDorpshuis \\ West"  # what must come out as typed


def events_by_icalendar(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return calendar, calendar.walk("VEVENT")


def events_by_ical(path):
    calendar = IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))
    return calendar, calendar.events


def read(path) -> list[dict]:
    """Each event as both readers read it; they must agree."""
    _, first = events_by_icalendar(path)
    _, second = events_by_ical(path)
    assert len(first) == len(second)
    events = []
    for a, b in zip(first, second):
        one = {
            "uid": str(a["uid"]),
            "sequence": int(a["sequence"]),
            "stamp": a.decoded("dtstamp"),
            "start": a.decoded("dtstart"),
            "end": a.decoded("dtend"),
            "location": str(a["location"]),
            "summary": str(a["summary"]),
            "description": str(a["description"]),
        }
        other = {
            "uid": b.uid,
            "sequence": b.sequence,
            "stamp": b.dtstamp,
            "start": b.dtstart,
            "end": b.dtend,
            "location": b.location,
            "summary": b.summary,
            "description": b.description,
        }
        assert one == other
        events.append(one)
    return events


def test_every_meeting_is_an_event_at_its_own_time_and_place(example_pack, course):
    training = load_training(None)
    plans = schedules(training, adapt(course, training))
    events = read(example_pack / TRAINING_FILE)
    assert len(events) == 5
    for event, plan in zip(events, plans):
        number = plan.meeting.nummer
        assert event["start"] == plan.start.replace(tzinfo=AMSTERDAM)
        assert event["end"] == plan.end.replace(tzinfo=AMSTERDAM)  # the draaiboek's end time
        assert str(event["start"].tzinfo) == "Europe/Amsterdam"
        assert event["location"] == training.place_of(number)
        assert event["summary"] == (
            f"Doorbreek eenzaamheid en sociaal isolement, bijeenkomst {number}: {plan.meeting.titel}"
        )
        assert event["description"].startswith(
            f"Bijeenkomst {number} van 5 van de training Doorbreek eenzaamheid "
            "en sociaal isolement van Welzijn Rivierenland, Tiel.\nTrainers: "
            "Anna de Vries en Mohamed El Amrani."
        )
        # One file per meeting, with the same event.
        assert read(example_pack / f"bijeenkomst-{number}" / meeting_filename(number)) == [event]
    assert events[1]["location"] == "Bibliotheek Tiel"
    assert "U krijgt in deze bijeenkomst het werkboek Eenzaam ben je niet alleen." in events[0]["description"]
    assert (
        "Meenemen: het werkboek Eenzaam ben je niet alleen en het huiswerkblad \u201cOpdracht voor "
        "bijeenkomst 2\u201d met uw antwoorden.\nKlaar vóór deze bijeenkomst:\n- Leesopdracht: Lees het werkboek "
        "tot en met hoofdstuk 4."
    ) in events[1]["description"]
    assert "de formulieren die u bij het huiswerkblad kreeg" in events[3]["description"]  # 8.5, 8.6 with it
    assert len({event["uid"] for event in events}) == 5


def test_what_outlook_and_google_need_is_in_the_file(example_pack):
    for path in [example_pack / TRAINING_FILE, example_pack / "bijeenkomst-3" / meeting_filename(3)]:
        data = path.read_bytes()
        calendar, _ = events_by_icalendar(path)
        assert calendar["version"] == "2.0" and calendar["method"] == "PUBLISH"
        assert str(calendar["prodid"]).startswith("-//desi-pack//")
        assert all(line.endswith(b"\r") for line in data.split(b"\n")[:-1])  # CRLF
        assert max(len(line) for line in data.split(b"\r\n")) <= 75  # folded
        zones = calendar.walk("VTIMEZONE")
        assert [str(zone["tzid"]) for zone in zones] == ["Europe/Amsterdam"]
        # A yearly rule for each change, no list of dates (RDATE): Outlook mishandles those.
        assert b"RDATE" not in data
        rules = {part.name: part["rrule"] for part in zones[0].subcomponents}
        assert {name: (rule["freq"], rule["bymonth"], rule["byday"]) for name, rule in rules.items()} == {
            "DAYLIGHT": (["YEARLY"], [3], ["-1SU"]),
            "STANDARD": (["YEARLY"], [10], ["-1SU"]),
        }
        for event in calendar.walk("VEVENT"):
            assert event.decoded("dtstamp").utcoffset() == timedelta(0)
            assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"


def test_a_meeting_after_the_change_of_summer_time_keeps_its_clock_time(tmp_path, write_config):
    training = load_training(write_config({"bijeenkomsten": ACROSS_SUMMER_TIME}))
    root = build(training, tmp_path).root
    path = root / TRAINING_FILE
    events = read(path)
    wanted = [(13, 30, 1), (13, 30, 2), (9, 15, 2), (19, 0, 2), (19, 0, 1)]  # hour, minute, hours ahead of UTC
    assert [
        (e["start"].hour, e["start"].minute, e["start"].utcoffset() // timedelta(hours=1)) for e in events
    ] == wanted
    # The file's own VTIMEZONE says the same as the time zone database, read by each reader from its rules.
    zone = icalendar.Calendar.from_ical(path.read_bytes()).walk("VTIMEZONE")[0].to_tz()
    observances = events_by_ical(path)[0].timezones[0]
    for event in events:
        local = event["start"].replace(tzinfo=None)
        assert local.replace(tzinfo=zone).utcoffset() == event["start"].utcoffset()
        assert observances.get_observance(local).observance.tz_offset_to.offset == event["start"].utcoffset()


def test_typed_text_comes_out_as_typed(tmp_path, write_config):
    meetings = [dict(m) for m in ACROSS_SUMMER_TIME]
    meetings[2]["locatie"] = TYPED
    training = load_training(
        write_config(
            {"bijeenkomsten": meetings, "organisatie": "Welzijn; Zorg, \\Tiel", "trainers": ["Anna, de Vries", "Bo;b"]}
        )
    )
    root = build(training, tmp_path).root
    events = read(root / TRAINING_FILE)
    assert events[2]["location"] == TYPED
    assert "van Welzijn; Zorg, \\Tiel, Tiel.\nTrainers: Anna, de Vries en Bo;b." in events[2]["description"]
    assert len(events) == 5  # nothing typed made an event or a line of its own


def _event(root, number):
    return read(root / f"bijeenkomst-{number}" / meeting_filename(number))[0]


def test_uid_stays_and_sequence_rises_only_when_date_time_or_place_change(tmp_path, write_config):
    def built(changes: dict):
        return build(load_training(write_config(changes)), tmp_path).root

    root = built({})
    first = {n: _event(root, n) for n in range(1, 6)}
    whole = (root / TRAINING_FILE).read_bytes()
    assert {event["sequence"] for event in first.values()} == {0}
    files = {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}
    # Nothing changed: every file byte for byte as it was, DTSTAMP included.
    again = built({})
    assert {path: path.read_bytes() for path in again.rglob("*") if path.is_file()} == files
    # Meeting 3 a week later, meeting 4 elsewhere: their events move, under the same UID.
    meetings = [dict(m) for m in BASE_CONFIG["bijeenkomsten"]]
    meetings[2]["datum"] = "2027-03-23"
    meetings[3]["locatie"] = "Het Dorpshuis"
    moved = built({"bijeenkomsten": meetings})
    now = {n: _event(moved, n) for n in range(1, 6)}
    assert {n: e["uid"] for n, e in now.items()} == {n: e["uid"] for n, e in first.items()}
    assert {n: e["sequence"] for n, e in now.items()} == {1: 0, 2: 0, 3: 1, 4: 1, 5: 0}
    assert now[3]["start"].day == 23 and now[4]["location"] == "Het Dorpshuis"
    assert now[1] == first[1]  # DTSTAMP too
    assert (moved / TRAINING_FILE).read_bytes() != whole
    assert [e["sequence"] for e in read(moved / TRAINING_FILE)] == [0, 0, 1, 1, 0]
    # Built again as it is: nothing rises.
    assert {n: _event(built({"bijeenkomsten": meetings}), n) for n in range(1, 6)} == now
    # A later start: the time changed, it rises once more.
    meetings[2]["start"] = "14:00"
    assert _event(built({"bijeenkomsten": meetings}), 3)["sequence"] == 2
    # Another trainer: the event says so, but it did not move.
    other = _event(built({"bijeenkomsten": meetings, "trainers": ["Anna de Vries"]}), 3)
    assert other["sequence"] == 2 and "Trainer: Anna de Vries." in other["description"]


def test_another_training_gets_uids_of_its_own(tmp_path, write_config):
    """Another round of the same training (a later first date), and another training put in the folder
    with --force, do not take the UIDs of the first: importing theirs must not move its events."""
    first = [e["uid"] for e in read(build(load_training(write_config()), tmp_path / "a").root / TRAINING_FILE)]
    later = [{**m, "datum": m["datum"].replace("2027", "2028")} for m in BASE_CONFIG["bijeenkomsten"]]
    again = build(load_training(write_config({"bijeenkomsten": later})), tmp_path / "b").root
    assert set(first).isdisjoint(e["uid"] for e in read(again / TRAINING_FILE))
    other = build(
        load_training(write_config({"gemeente": "Culemborg", "locatie": "Het Dorpshuis"})), tmp_path / "a", force=True
    ).root
    assert set(first).isdisjoint(e["uid"] for e in read(other / TRAINING_FILE))
    assert {e["sequence"] for e in read(other / TRAINING_FILE)} == {0}  # not a moved event of the first


def test_a_sixth_meeting_of_ones_own_is_in_the_calendar(second_pack):
    events = read(second_pack / TRAINING_FILE)
    assert len(events) == 6
    assert events[5]["summary"].endswith("bijeenkomst 6: Terugkomen op de acties")
    assert events[5]["start"] == datetime(2027, 9, 7, 9, 30, tzinfo=AMSTERDAM)
    assert events[5]["description"].startswith("Bijeenkomst 6 van 6 ")
    assert (second_pack / "bijeenkomst-6" / meeting_filename(6)).exists()


def test_calendar_files_lists_what_a_page_offers_for_download(example_pack, tmp_path):
    found = calendar_files(example_pack)
    assert [(f.path.relative_to(example_pack).as_posix(), f.label, f.number) for f in found] == [
        (TRAINING_FILE, "Alle bijeenkomsten", None),
        ("bijeenkomst-1/kalender-bijeenkomst-1.ics", "Bijeenkomst 1, dinsdag 12 januari 2027", 1),
        ("bijeenkomst-2/kalender-bijeenkomst-2.ics", "Bijeenkomst 2, dinsdag 16 februari 2027", 2),
        ("bijeenkomst-3/kalender-bijeenkomst-3.ics", "Bijeenkomst 3, dinsdag 16 maart 2027", 3),
        ("bijeenkomst-4/kalender-bijeenkomst-4.ics", "Bijeenkomst 4, dinsdag 20 april 2027", 4),
        ("bijeenkomst-5/kalender-bijeenkomst-5.ics", "Bijeenkomst 5, dinsdag 1 juni 2027", 5),
    ]
    assert calendar_files(tmp_path) == []


# --- the printed list of dates -----------------------------------------------------------


def test_the_list_of_dates_names_every_date_time_place_and_what_to_bring(example_pack):
    for path in (example_pack / DATES_FILENAME, example_pack / "bijeenkomst-1" / DATES):
        text = "\n".join(body_lines(path))
        for line in [
            "Data van de training",
            "dinsdag 12 januari 2027",
            "13:30\u201316:30 uur",
            "dinsdag 16 februari 2027",
            "13:30\u201316:30 uur",
            "Bibliotheek Tiel",
            "dinsdag 1 juni 2027",
            "Buurthuis De Schakel, Tiel",
            "U krijgt het werkboek Eenzaam ben je niet alleen.",
            (
                "Meenemen: het werkboek Eenzaam ben je niet alleen en het huiswerkblad \u201cOpdracht voor "
                "bijeenkomst 2\u201d met uw antwoorden."
            ),
            "\u2022 Leesopdracht: Lees het werkboek tot en met hoofdstuk 4.",
            "Trainers: Anna de Vries en Mohamed El Amrani.",
            "Vraag de trainer om het agendabestand:",
        ]:
            assert line in text, line
    assert (example_pack / DATES_FILENAME).read_bytes() == (example_pack / "bijeenkomst-1" / DATES).read_bytes()


def test_the_list_of_dates_is_handed_out_at_the_first_meeting(example_pack):
    printed = "\n".join(body_lines(example_pack / "bijeenkomst-1" / "printen-bijeenkomst-1.docx"))
    assert "Data van de training" in printed and "dinsdag 1 juni 2027" in printed
    draaiboek = "\n".join(body_lines(example_pack / "bijeenkomst-1" / "draaiboek-bijeenkomst-1.docx"))
    assert "Data van de training: alle bijeenkomsten, met wat deelnemers meenemen" in draaiboek
    assert "Data van de training" not in "\n".join(
        body_lines(example_pack / "bijeenkomst-2" / "printen-bijeenkomst-2.docx")
    )


def _long_places(folder, second_training):
    """The second training (six meetings, a logo) with three trainers and a long place for every meeting."""
    text = second_training.read_text(encoding="utf-8").replace(
        "trainers: [Fatma Yilmaz, Kees Brouwer]",
        "trainers: [Fatma Yilmaz-van der Berg, Kees Brouwer, Annemarie de Groot-Hendriksen]",
    )
    for number, day in enumerate(["01-12", "02-16", "03-16", "04-20", "06-01", "09-07"], start=1):
        place = (
            f"Dorpshuis De Kruisakker, zaal {number} (ingang via de achterkant), Kerkstraat 12, 4191 AB Geldermalsen"
        )
        between = "\n  " if number == 6 else ", "  # the sixth meeting is written as a block
        text = text.replace(f"datum: '2027-{day}'", f"datum: '2027-{day}'{between}locatie: '{place}'")
    (folder / "logo.png").write_bytes((second_training.parent / "logo.png").read_bytes())
    (folder / "training.yaml").write_text(text, encoding="utf-8")
    return build(load_training(folder / "training.yaml"), folder / "uit").root


@pytest.mark.libreoffice
@pytest.mark.parametrize("which", ["voorbeeld", "tweede", "lange plaatsen"])
def test_the_list_of_dates_prints_on_one_a4_page(which, example_pack, second_pack, second_training, tmp_path):
    pack = {"voorbeeld": example_pack, "tweede": second_pack}.get(which) or _long_places(tmp_path, second_training)
    if which == "lange plaatsen":
        assert "zaal 6 (ingang via de achterkant)" in "\n".join(body_lines(pack / DATES_FILENAME))
    subprocess.run(
        [
            find_libreoffice(),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profiel",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(pack / DATES_FILENAME),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / DATES_FILENAME.replace(".docx", ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "Pages:           1" in info
    assert "595.3" in info and "841.89" in info  # A4 in points
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    dates = ["12 januari 2027", "16 februari 2027", "16 maart 2027", "20 april 2027", "1 juni 2027"]
    dates += ["7 september 2027"] if which != "voorbeeld" else []
    assert all(date in text for date in dates)
    assert "Vraag de trainer om het agendabestand" in text  # the last line is on the page too
