"""What goes into the Word documents: the context of the draaiboek and the homework sheet.

Only plain strings and lists leave this module; the templates decide the layout.
"""

from __future__ import annotations

from dataclasses import dataclass

from desi_pack import dutch
from desi_pack.course.adapt import choice_options, row_marks
from desi_pack.course.blocks import InfoCard
from desi_pack.course.course import AgendaRow, Assignment, Course, Material, Meeting, Range
from desi_pack.course.schedule import PlannedRow, Schedule
from desi_pack.training.config import MeetingPlan, Training
from desi_pack.word import page
from desi_pack.writing.output import slugify

PAUSE_FILL, NOTE_FILL, PLAIN_FILL = "EFEFEF", "F7F7F2", "FFFFFF"
QUESTION_LINES, NOTE_LINES = 5, 3  # a reading assignment asks no question: a few lines for notes
FEWEST_LINES, MOST_LINES = 3, 8  # the writing lines a homework question gets, at least and at most
PAGE_SAFETY = 0.95  # a plan uses this much of a page: measured text is an estimate
HANDOUTS, INSTRUMENTS, POSTERS = "uitdelen", "instrumenten", "posters"  # folder names in the pack
INSTRUMENT, WORKSHEET, POSTER = "instrument", "werkblad", "poster"
DATES_FILENAME = "data-van-de-training.docx"  # the printed list of dates (datelist.py), at the top of the pack
DATES = f"{HANDOUTS}/{DATES_FILENAME}"  # and handed out at the first meeting
DATES_TITLE = "Data van de training"
DATES_TEXT = f"{DATES_TITLE}: alle bijeenkomsten, met wat deelnemers meenemen"  # in the lists of hand-outs


@dataclass(frozen=True)
class Handout:
    """A form, worksheet or poster a meeting needs, and why: one list for the build and the draaiboek."""

    kind: str  # instrument | werkblad | poster
    key: str  # workbook §
    text: str
    path: str  # relative to the meeting's folder
    reason: str
    sheet: int = 0  # a poster's sheet


def homework_filename(meeting: Meeting) -> str:
    return f"huiswerk-voor-bijeenkomst-{meeting.nummer + 1}.docx"


def draaiboek_filename(meeting: Meeting) -> str:
    return f"draaiboek-bijeenkomst-{meeting.nummer}.docx"


def instrument_filename(course: Course, key: str) -> str:
    """'6.10-reflector-voel-ik-me-eenzaam.docx'."""
    return f"{key}-{slugify(course.instruments[key].titel)}.docx"


def worksheet_filename(course: Course, key: str) -> str:
    """'werkblad-3.5-definities-in-de-praktijk.docx'."""
    return f"werkblad-{key}-{slugify(course.exercises[key].name)}.docx"


def poster_filename(course: Course, key: str, sheet: int) -> str:
    """'poster-11.2-1-elkaar-kennen.docx'; a poster's own title, or its assignment's."""
    title = course.posters[key].vellen[sheet].titel or course.posters[key].kop
    return f"poster-{key}-{slugify(title.split(': ', 1)[-1])}.docx"


def meeting_handouts(course: Course, meeting: Meeting) -> list[Handout]:
    """What a meeting hands out or hangs up, in order: the manual's list, then what the
    agenda's assignments use, then what the homework sheet is handed out with; each once."""
    found: dict[tuple[str, str, int], Handout] = {}

    def add(kind: str, key: str, reason: str) -> None:
        if kind == POSTER:
            for sheet, item in enumerate(course.posters[key].vellen):
                title = item.titel or course.posters[key].kop
                found.setdefault(
                    (kind, key, sheet),
                    Handout(
                        kind,
                        key,
                        f"Poster {key} {dutch.capital(title)}",
                        f"{POSTERS}/{poster_filename(course, key, sheet)}",
                        reason,
                        sheet,
                    ),
                )
        elif kind == INSTRUMENT:
            found.setdefault(
                (kind, key, 0),
                Handout(
                    kind,
                    key,
                    f"{key} {course.instruments[key].titel}",
                    f"{HANDOUTS}/{instrument_filename(course, key)}",
                    reason,
                ),
            )
        else:
            found.setdefault(
                (kind, key, 0),
                Handout(
                    kind,
                    key,
                    f"Werkblad {key} {course.exercises[key].name}",
                    f"{HANDOUTS}/{worksheet_filename(course, key)}",
                    reason,
                ),
            )

    for material in meeting.materialen:
        if material.instrument:
            add(
                INSTRUMENT,
                material.instrument,
                "gekozen door de trainer" if material.eigen else "in de lijst van de handleiding",
            )
    for row in meeting.agenda:
        for ref in [*row.werkboek, *row.gebruikt]:
            for kind, table in (
                (INSTRUMENT, course.instruments),
                (WORKSHEET, course.exercises),
                (POSTER, course.posters),
            ):
                if ref in table:
                    add(kind, ref, f"bij opdracht {ref}" if ref == row.werkboek[0] else f"bij {row.wat}")
    # The homework sheet says what it is handed out with ('Bij dit blad krijgt u …'): all of that is printed.
    given = meeting.huiswerk
    for assignment in given.opdrachten if given else []:
        for ref in [*assignment.werkboek, *([assignment.instrument] if assignment.instrument else [])]:
            what = INSTRUMENT if ref in course.instruments else WORKSHEET if ref in course.exercises else None
            if what and given:
                add(what, ref, f"bij de {given.kop.lower()}")  # 'bij de opdrachten voor …'
    return list(found.values())


def common(training: Training, course: Course) -> dict:
    """Values every document shows: who gives the training, and the attribution."""
    return {
        "organisatie": training.organisatie,
        "gemeente": training.town_shown,  # '' where the organisation's name holds it: the templates leave it out
        "logo": training.logo_image,
        "trainers": dutch.names(training.trainers),
        "bronvermelding": course.rules.werkboek.attribution,
        "training": f"{course.rules.naam} \u2013 {dutch.unbroken(training.shown_name)}",
    }


def duration_text(row: AgendaRow) -> str:
    """'10 min', '5–10 min', '10 + 15 min'."""
    if isinstance(row.duur, Range):
        return f"{row.duur.van}{dutch.EN_DASH}{row.duur.tot} min"
    return " + ".join(str(p) for p in row.parts) + " min"


def bullet(text: str) -> str:
    return "\u2022 " + text[2:] if text.startswith("- ") else text


def agenda_row(planned: PlannedRow) -> dict:
    row = planned.row
    fill = {"pauze": PAUSE_FILL, "notitie": NOTE_FILL}.get(row.soort, PLAIN_FILL)
    # A cell needs at least one paragraph, hence [""] for an empty list.
    return {
        "tijden": [f"{dutch.clock(a)}{dutch.EN_DASH}{dutch.clock(b)}" for a, b in planned.slots] or [""],
        "wat": row.wat,
        "tijd": duration_text(row) if row.duur is not None else "",
        "bijzonderheden": [*row_marks(row), *(bullet(b) for b in row.bijzonderheden)] or [""],
        "werkboek": workbook_refs(row.werkboek),
        "kleur": fill,
        "heel": "1",  # the row stays whole on its page ('0' would let it split: split_rows cuts it instead)
        "laatste": "",  # '1' for the last two rows: they keep with the total under the table (_agenda)
    }


def split_rows(rows: list[dict], schedule: Schedule, title_lines: int, logo: bool) -> list[dict]:
    """The agenda's rows laid on pages: a tall row that meets the end of a page is cut in two rows there,
    between two of its paragraphs, the second marked '(vervolg)'; unless a part of a few lines would
    be left on either page: such a row moves whole to the next page. No row splits by itself: LibreOffice
    25.2 splits a row in the middle of a sentence, whatever its paragraphs ask.

    The agenda is laid out as estimated (page.py's measures); a row up to page.WHOLE_ROW_CM is never cut.
    `title_lines`: the lines of the draaiboek's subtitle (the meeting's title).
    """
    room = page.body_height_cm(logo)
    header = page.line_cm(page.TABLE_TEXT_PT, 1.0) + 4 * page.PT_CM
    used = (
        page.line_cm(20, 1.0)
        + title_lines * page.line_cm(12)
        + 12 * page.PT_CM  # title, subtitle
        + 6 * (page.line_cm(page.TABLE_TEXT_PT, 1.0) + 2 * page.PT_CM)  # date, time, place …
        + page.line_cm(14, 1.0)
        + 18 * page.PT_CM
        + header
    )  # 'Agenda' and the header row
    if schedule.meeting.verdeling:  # how the times were fitted, above the table
        used += page.paragraph_cm(schedule.meeting.verdeling, 9.5)
    laid: list[dict] = []
    for context, planned in zip(rows, schedule.rows):
        height = _row_height_cm(planned.row)
        first, rest = room - used, height - (room - used)
        if used + height <= room:
            used += height
        elif height > page.WHOLE_ROW_CM and min(first, rest) >= page.SPLIT_PART_CM and (parts := _cut(context, first)):
            laid.append(parts[0])
            context = parts[1]
            used = header + page.cell_height_cm(context["bijzonderheden"], page.AGENDA_COLUMNS_CM[3])
        else:
            used = header + height
        laid.append(context)
    return laid


def _cut(context: dict, room_cm: float) -> tuple[dict, dict] | None:
    """A row cut in two between the paragraphs of its notes: as many as fill `room_cm` in the first,
    the rest in a second row below it; None where not one paragraph fits or all of them do."""
    notes = context["bijzonderheden"]
    width = page.AGENDA_COLUMNS_CM[3]
    count = 0
    while count < len(notes) and page.cell_height_cm(notes[: count + 1], width) <= room_cm:
        count += 1
    if count == 0 or count == len(notes):
        return None
    rest = context | {
        "tijden": [""],
        "wat": f"{context['wat']} (vervolg)",
        "tijd": "",
        "bijzonderheden": notes[count:],
        "werkboek": "",
    }
    return context | {"bijzonderheden": notes[:count]}, rest


def subtitle(meeting: Meeting) -> str:
    """The line under the draaiboek's title: the meeting's title, and the exercise the trainer chose where
    the manual leaves a choice ('… Gekozen oefening: 8.3 Praktijkopdracht: Interesses en waarden.')."""
    chosen = next((row for row in meeting.agenda if row.keuze and row.keuze.gekozen), None)
    return f"{meeting.titel} Gekozen oefening: {chosen.wat}." if chosen else meeting.titel


def _agenda(training: Training, schedule: Schedule) -> list[dict]:
    rows = [agenda_row(r) for r in schedule.rows]
    title_lines = page.text_lines(subtitle(schedule.meeting), page.TEXT_WIDTH_CM, 12)
    laid = split_rows(rows, schedule, title_lines, logo=training.logo_image is not None)
    # The last two rows keep with the total under the table: the total never opens a page, and the row
    # that goes along never stands alone under the repeated header.
    return [row | {"laatste": "1"} if index >= len(laid) - 2 else row for index, row in enumerate(laid)]


def _row_height_cm(row: AgendaRow) -> float:
    """About how high the row prints in the draaiboek's agenda (its tallest cell)."""
    _, what, _, notes, _ = page.AGENDA_COLUMNS_CM
    return max(
        page.cell_height_cm([row.wat], what, bold=True),
        page.cell_height_cm([*row_marks(row), *row.bijzonderheden] or [""], notes),
    )


def workbook_refs(refs: list[str]) -> str:
    """'3.2, 3.3' or 'hfst. 4': short enough for a narrow column."""
    return ", ".join(r.replace("hoofdstuk ", "hfst.\u00a0") for r in refs)


def total_line(schedule: Schedule) -> str:
    """The line under the agenda: its total and the meeting's one end time, with the time to spare, calmly."""
    if schedule.spare:
        return (
            f"Totaal: {dutch.minutes(schedule.total)}; de bijeenkomst duurt tot {dutch.clock(schedule.end)}, "
            f"u houdt {schedule.spare} minuten over."
        )
    return (
        f"Totaal: {dutch.minutes(schedule.total)}, van {dutch.clock(schedule.start)} tot {dutch.clock(schedule.end)}."
    )


def agenda_notes(meeting: Meeting, course: Course) -> list[str]:
    """Say how ranges were planned, where the manual leaves a choice, and what the trainer changed."""
    notes = []
    for row in meeting.agenda:
        if isinstance(row.duur, Range):
            notes.append(
                f"{row.wat}: de handleiding noemt {duration_text(row)}; gepland is "
                f"{row.duur.tot} min (de bovengrens), zodat de bijeenkomst niet uitloopt."
            )
        if row.keuze and not row.keuze.gekozen:
            notes.append(
                f"U kiest zelf welke oefening de groep doet: {' of '.join(choice_options(row, course))}. "
                "Het pakket bevat de formulieren van beide; neem mee wat u kiest."
            )
    # The manual's big sheets are the posters desi-pack prints: the agenda's 'Hang … een groot vel' means those.
    printed = {h.key for h in meeting_handouts(course, meeting) if h.kind == POSTER}
    for m in meeting.materialen:
        if m.poster in printed:
            sheets = len(course.posters[m.poster].vellen)
            count = {2: "twee", 3: "drie", 4: "vier"}.get(sheets, str(sheets))
            notes.append(
                f"De grote vellen van de handleiding zijn de {count} posters {m.poster} in het printbestand "
                "(A3): hang die op."
            )
    return notes + list(meeting.toelichtingen)


def materials(training: Training, course: Course, meeting: Meeting) -> list[dict]:
    """Everything to bring, hand out or hang up, with how many: the one list of what is printed for a
    meeting, that the draaiboek's table and the Excel list show alike and the print file holds.

    Each item: tekst, soort ('Meenemen', 'Uitdelen', 'Ophangen'), aantal (text), per_deelnemer (its count
    follows the group: one each and the spares) and keer (how many each: 2 for a form filled in at the
    meeting and again with the homework).
    """
    given = handouts(training, course, meeting)
    printed_posters = {h.key for h in meeting_handouts(course, meeting) if h.kind == POSTER}
    result = []
    for m in meeting.materialen:
        if m.soort == "uitdelen":
            continue  # in `given`, in the manual's order, with the forms and sheets the agenda uses
        if m.poster in printed_posters:
            continue  # the big sheets of the manual are the posters desi-pack prints: one list names them once
        result.append(
            {
                "tekst": m.tekst,
                "soort": "Meenemen",
                "aantal": _count_text(training, m),
                "per_deelnemer": m.per == "deelnemer" and not m.aantal,
                "keer": 1,
            }
        )
    printed = []
    for item in given:
        times = item.get("keer", 1)
        printed.append(
            {
                "tekst": item["tekst"],
                "soort": "Uitdelen",
                "aantal": str(item["aantal"]),
                "per_deelnemer": item["aantal"] == training.print_count * times,
                "keer": times,
                "positie": item["positie"],
            }
        )
    for poster in posters(course, meeting):
        printed.append(
            {
                "tekst": poster["tekst"],
                "soort": "Ophangen",
                "aantal": "1 (A3)",
                "per_deelnemer": False,
                "keer": 1,
                "positie": poster["positie"],
            }
        )
    # What is handed out or hung up, in the order of the agenda, as the print file holds it (a stable sort:
    # things at one place keep the manual's order).
    return result + sorted(printed, key=lambda item: item["positie"])


def _count(training: Training, material: Material) -> int | None:
    if material.aantal:
        return material.aantal
    return training.print_count if material.per == "deelnemer" else None


def _count_text(training: Training, material: Material) -> str:
    count = _count(training, material)
    return str(count) if count else "voor de groep"


IN_PRINT_FILE = "in het printbestand"  # where a hand-out desi-pack made is, as paper says it


def handouts(training: Training, course: Course, meeting: Meeting) -> list[dict]:
    """What to hand out and where each hand-out comes from: `waar` the file in the meeting's folder (or
    where else it comes from), `bron` the same in words for paper, which names no file, `positie` where in
    the agenda it is handed out (handout_position)."""
    forms = {(h.kind, h.key): h for h in meeting_handouts(course, meeting) if h.kind != POSTER}
    twice = filled_in_twice(course, meeting)
    result = []
    if meeting.nummer == 1:  # the printed list of dates, for participants who keep no calendar
        result.append(
            {
                "tekst": DATES_TEXT,
                "aantal": training.print_count,
                "waar": DATES,
                "bron": IN_PRINT_FILE,
                "positie": (0, -1),
            }
        )  # at the opening
    for m in meeting.materialen:
        if m.soort != "uitdelen":
            continue
        if m.document == "huiswerk":
            where, words = homework_filename(meeting), f"het huiswerkblad, {IN_PRINT_FILE}"
            position: tuple[int, ...] = (len(meeting.agenda), 0, -1)  # at the end, before the sheets handed out with it
        elif m.instrument:
            where, words = forms.pop((INSTRUMENT, m.instrument)).path, IN_PRINT_FILE
            position = handout_position(meeting, m.instrument)
        else:
            where = words = _source(m, course)
            position = (-1,)  # not printed (the workbook, the trainer's own): first, to get ready
        # A form is named as the print file names it (the manual's list words some differently:
        # '8.7 Lege netwerkkaart'), so that every list of the meeting names one thing one way.
        text = f"{m.instrument} {course.instruments[m.instrument].titel}" if m.instrument else m.tekst
        times = 2 if m.instrument in twice and _count(training, m) == training.print_count else 1
        if times > 1:
            text += f" ({TWICE})"
        result.append(
            {
                "tekst": text,
                "aantal": (_count(training, m) or 1) * times,
                "waar": where,
                "bron": words,
                "keer": times,
                "positie": position,
            }
        )
    # What the agenda's assignments use, though the manual's list does not name it.
    for handout in forms.values():
        result.append(
            {
                "tekst": f"{handout.text} ({handout.reason})",
                "aantal": training.print_count,
                "waar": handout.path,
                "bron": IN_PRINT_FILE,
                "positie": handout_position(meeting, handout.key),
            }
        )
    return result


TWICE = "in de bijeenkomst en bij het huiswerk"  # why a form is printed twice for every participant


def filled_in_twice(course: Course, meeting: Meeting) -> set[str]:
    """The forms a participant fills in at the meeting and again at home: an agenda row's exercise uses
    them and the homework sheet is handed out with them ('Bij dit blad krijgt u het invulformulier 7.5').
    Each participant needs two of those; an information card is kept and taken home, one is enough."""
    used = {ref for row in meeting.agenda for ref in agenda_uses(row)}
    return {
        ref
        for ref in homework_refs(meeting) & used
        if ref in course.instruments and handout_name(course, ref).startswith("het invulformulier")
    }


def homework_refs(meeting: Meeting) -> set[str]:
    """The workbook §§ and instruments the homework sheet of `meeting` names."""
    if not meeting.huiswerk:
        return set()
    return {
        ref
        for assignment in meeting.huiswerk.opdrachten
        for ref in [*assignment.werkboek, *([assignment.instrument] if assignment.instrument else [])]
    }


def handout_position(meeting: Meeting, key: str) -> tuple[int, int]:
    """Where in the agenda the hand-out `key` (a workbook §) is handed out, as (agenda row, place among its
    §§): at the row whose exercise uses it, else at the first row of its chapter, else at the end; one that
    only the homework uses comes after the homework sheet (end, 1). The print file and the draaiboek's
    checklist list hand-outs in this order."""
    end = len(meeting.agenda)
    if key in homework_refs(meeting) and not any(key in agenda_uses(row) for row in meeting.agenda):
        return end, 1
    for index, row in enumerate(meeting.agenda):
        uses = agenda_uses(row)
        if key in uses:
            return index, uses.index(key)
    chapter = key.split(".")[0]
    for index, row in enumerate(meeting.agenda):
        refs = row.werkboek
        if f"hoofdstuk {chapter}" in refs or (refs and refs[0].split(".")[0] == chapter):
            return index, len(refs)
    return end, 0


def agenda_uses(row: AgendaRow) -> list[str]:
    """The §§ an agenda row's exercise uses: those it names, those the course data says it uses, its choices."""
    choices = [option.instrument for option in (row.keuze.opties if row.keuze else []) if option.instrument]
    return [*row.werkboek, *row.gebruikt, *choices]


def elsewhere(training: Training, course: Course, meeting: Meeting) -> list[str]:
    """What is handed out but not printed by desi-pack, with where it comes from: 'Print van werkboek
    (bestellen of downloaden via …)'; the rest is in the meeting's print file."""
    return [
        f"{m.tekst} ({_source(m, course)[:1].lower()}{_source(m, course)[1:]})"
        for m in meeting.materialen
        if m.soort == "uitdelen" and not (m.instrument or m.document)
    ]


def _source(material, course: Course) -> str:
    """Where a hand-out desi-pack does not print comes from, in words."""
    return "eigen materiaal van de trainer" if material.eigen else course.rules.werkboek.bestellen


def posters(course: Course, meeting: Meeting) -> list[dict]:
    """The posters to hang up: `waar` the file, `bron` where it is in words, `positie` where in the agenda."""
    return [
        {
            "tekst": f"{h.text} ({h.reason})",
            "waar": h.path,
            "bron": f"{IN_PRINT_FILE}, op A3",
            "positie": handout_position(meeting, h.key),
        }
        for h in meeting_handouts(course, meeting)
        if h.kind == POSTER
    ]


def assignment_line(assignment: Assignment) -> str:
    label = "Leesopdracht" if assignment.soort == "lezen" else "Praktijkopdracht"
    text = " ".join(assignment.tekst) or (
        f"opdracht {assignment.opdracht} uit het werkboek" if assignment.opdracht else ""
    )
    return f"{label}: {text}"


def draaiboek(training: Training, course: Course, schedule: Schedule, next_slot: MeetingPlan | None = None) -> dict:
    """The context of a meeting's draaiboek."""
    meeting = schedule.meeting
    number = meeting.nummer
    context = common(training, course) | {
        "nummer": number,
        "titel": subtitle(meeting),
        "datum": dutch.long_date(schedule.day),
        "begin": dutch.clock(schedule.start),
        "eind": dutch.clock(schedule.end),
        "locatie": dutch.unbroken(training.place_of(number)),
        "deelnemers": _participants_text(training),
        "verdeling": meeting.verdeling,
        "agenda": _agenda(training, schedule),
        "totaal": total_line(schedule),
        "toelichtingen": agenda_notes(meeting, course),
        "groep": training.group_size,
        "extra": training.extra_afdrukken,
        "afdrukken": training.print_count,
        "materialen": materials(training, course, meeting),
        "elders": elsewhere(training, course, meeting),
        "posters": bool(posters(course, meeting)),  # how to print them is said only where there are some
        "huiswerk": None,
    }
    if meeting.huiswerk and next_slot is not None:
        context["huiswerk"] = {
            "kop": meeting.huiswerk.kop,
            "klaar": f"{dutch.long_date(next_slot.datum)} (bijeenkomst {number + 1})",
            "opdrachten": [assignment_line(a) for a in meeting.huiswerk.opdrachten],
            "trainer": meeting.huiswerk.trainer,
        }
    return context


def homework(training: Training, course: Course, meeting: Meeting) -> dict:
    """The context of the homework sheet handed out at the end of `meeting`, its writing lines planned
    for the page (see plan_lines)."""
    given = meeting.huiswerk
    if given is None:
        raise ValueError(f"meeting {meeting.nummer} gives no homework")  # asked only for one that does
    following = meeting.nummer + 1
    slot = training.bijeenkomsten[following - 1]
    context = common(training, course) | {
        "kop": given.kop,
        "volgende": following,
        "klaar": dutch.long_date(slot.datum),
        "tijd": dutch.clock(slot.start),
        "locatie": dutch.unbroken(training.place_of(following)),
        "opdrachten": [_assignment(a, course, _open_choice(meeting)) for a in given.opdrachten],
    }
    plan_lines(context, logo=training.logo_image is not None)
    return context


def plan_lines(context: dict, logo: bool) -> None:
    """Set the writing lines of a homework sheet so that no page holds a stray question.

    A question stays with its lines (the template keeps them together), so the sheet's pages fill
    question by question. Where the last page would hold a single question, every question gets a line
    fewer (down to FEWEST_LINES) until the sheet needs a page less; where that cannot be, a line more
    (up to MOST_LINES) until a second question joins the last page.
    """
    preferred = [[q["regels"] for q in o["vragen"]] + [o["regels"]] for o in context["opdrachten"]]
    fewer = range(0, FEWEST_LINES - QUESTION_LINES - 1, -1)  # 0, -1, -2: a page less, if it can
    more = range(1, MOST_LINES - FEWEST_LINES + 1)
    for step in [*fewer, *more]:
        _set_lines(context, preferred, step)
        if not _stray(_pages(context, logo), logo):
            return
    _set_lines(context, preferred, 0)  # nothing better: the lines as the workbook has them


def _stray(pages: list[list[float]], logo: bool) -> bool:
    """Whether the last of several pages holds a single question, or less than a third of a page."""
    last = pages[-1]
    return len(pages) > 1 and (len(last) == 1 or sum(last) < page.body_height_cm(logo) / 3)


def _set_lines(context: dict, preferred: list[list[int]], step: int) -> None:
    for assignment, lines in zip(context["opdrachten"], preferred):
        for question, wanted in zip(assignment["vragen"], lines):
            question["regels"] = min(MOST_LINES, max(FEWEST_LINES, wanted + step)) if wanted else 0
        assignment["regels"] = min(MOST_LINES, max(FEWEST_LINES - 1, lines[-1] + step))


def _pages(context: dict, logo: bool) -> list[list[float]]:
    """The sheet's units (a question with its lines, the first with its assignment's heading and text)
    as they fall on pages: per page, the height of each unit in cm."""
    room = page.body_height_cm(logo) * PAGE_SAFETY
    used = (
        page.paragraph_cm(context["kop"], 20, after_pt=2, spacing=1.0)
        + page.paragraph_cm(context["training"], 12, after_pt=10, spacing=1.0)
        + page.WRITING_LINE_CM
        + 3 * page.line_cm(page.TABLE_TEXT_PT, 1.0)
        + 6 * page.PT_CM
    )
    pages: list[list[float]] = [[]]
    for assignment in context["opdrachten"]:
        head = page.paragraph_cm(assignment["kop"], 14, before_pt=14, spacing=1.0, bold=True)
        head += sum(page.paragraph_cm(t, 10.5) for t in assignment["tekst"])
        notes = [*assignment["instructie"], assignment["werkboek"], assignment["formulieren"]]
        head += sum(page.paragraph_cm(t, 9.5) for t in notes if t)
        questions = [(q["tekst"], q["regels"]) for q in assignment["vragen"]] or [
            ("Aantekeningen", assignment["regels"])
        ]
        for number, (question, lines) in enumerate(questions):
            unit = (head if number == 0 else 0) + page.paragraph_cm(question, 10.5, before_pt=8, bold=True)
            unit += lines * page.WRITING_LINE_CM
            if used + unit > room and pages[-1]:
                pages.append([])
                used = 0.0
            pages[-1].append(unit)
            used += unit
    return pages


def _open_choice(meeting: Meeting) -> dict[str, str]:
    """Where the meeting leaves the group a choice the trainer did not make beforehand: per option's form,
    its exercise ({'8.5': '8.2', '8.6': '8.3'}); else nothing."""
    return {
        option.instrument: option.werkboek
        for row in meeting.agenda
        if row.keuze and not row.keuze.gekozen
        for option in row.keuze.opties
        if option.instrument
    }


def _given_text(course: Course, refs: list[str], choice: dict[str, str]) -> str:
    """'Bij dit blad krijgt u …': the forms that come with the sheet; those of an open choice as the one
    or the other, each with its exercise."""
    given = [r for r in refs if r in course.instruments or r in course.exercises]
    fixed = [handout_name(course, r) for r in given if r not in choice]
    either = [r for r in given if r in choice]
    if len(either) < 2:
        fixed, either = [handout_name(course, r) for r in given], []
    if not fixed and not either:
        return ""
    text = f"Bij dit blad krijgt u {dutch.names(fixed)}" if fixed else "Bij dit blad krijgt u"
    if either:
        options = " of ".join(f"{handout_name(course, r)} (bij oefening {choice[r]})" for r in either)
        text += f"{' en' if fixed else ''} {options}: het formulier bij de oefening die de groep deed"
    return f"{text}."


def _assignment(assignment: Assignment, course: Course, choice: dict[str, str] | None = None) -> dict:
    exercise = course.exercises.get(assignment.opdracht) if assignment.opdracht else None
    if assignment.soort == "lezen":
        heading = "Leesopdracht"
    else:
        heading = exercise.titel if exercise else "Praktijkopdracht"
    questions = [{"tekst": q, "regels": QUESTION_LINES} for q in assignment.vragen]
    if exercise:
        questions += [
            {"tekst": q.vraag, "regels": QUESTION_LINES if q.regels is None else q.regels} for q in exercise.vragen
        ]
    refs = list(assignment.werkboek) + ([assignment.instrument] if assignment.instrument else [])
    return {
        "formulieren": _given_text(course, refs, choice or {}),
        "kop": heading,
        "tekst": assignment.tekst,
        "instructie": exercise.instructie if exercise else [],
        "werkboek": ", ".join(f"\u00a7{r}" for r in refs),
        "vragen": questions,
        "regels": NOTE_LINES,
    }


def handout_name(course: Course, ref: str) -> str:
    """A hand-out as a participant knows it, by kind, § and title: 'het invulformulier 8.5 Mijn talenten en
    wensen', 'de informatiekaart 6.9 Tips …', 'het werkblad 6.7 Het gesprek aangaan'."""
    if ref in course.instruments:
        instrument = course.instruments[ref]
        card = all(isinstance(block, InfoCard) for block in instrument.onderdelen)
        return f"{'de informatiekaart' if card else 'het invulformulier'} {ref} {instrument.titel}"
    return f"het werkblad {ref} {course.exercises[ref].name}"


def _participants_text(training: Training) -> str:
    if training.participant_names:
        return f"{training.group_size} (namen in de aanwezigheidslijst)"
    return str(training.group_size)
