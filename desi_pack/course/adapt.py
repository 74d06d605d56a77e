"""The trainer's own course: the manual's Course adapted to one Training.

The manual is a starting point. A trainer may give a meeting another length (the exercises
and the theory get the time, not the pauses, the opening or the closing), make the manual's
choices (8.2 or 8.3; a duration within a range), leave out, add, move or re-time rows, bring
extra materials, and add a sixth, own meeting. `adapt(course, training)` returns a new
Course that reflects all of it, so every output (draaiboek, Excel agenda, materials,
hand-outs, homework, `check`) follows without special cases. `sessions/` stays the one
source of the manual's text; adapted rows remember what changed (`AgendaRow.wijzigingen`,
`handleiding_duur`) and the meeting says it in words (`Meeting.toelichtingen`).

A reference to a row is a workbook § from its `werkboek` list ("6.1", "hoofdstuk 7") or its
position in the manual's agenda, counted from 1 (notes without time count too).
Problems that need the course data to be found (an unknown row, a choice that does not
exist, a length the agenda cannot fit) are reported together, with file, line and field,
like the validation of the file itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction

from desi_pack import dutch
from desi_pack.course.course import AgendaRow, Assignment, Choice, ChoicePoint, Course, Material, Meeting, Range
from desi_pack.course.schedule import Schedule
from desi_pack.errors import ConfigError, in_order
from desi_pack.training.config import MeetingPlan, OwnMaterial, OwnRow, Training
from desi_pack.validation import problem_at

STEP = 5  # durations are rounded to five minutes
LOCAL_CARD, LOCAL_NETWORKS = "11.5", "hoofdstuk 11"  # the verwijskaart, and the chapter on local networks
PROGRAMME_END = "Afsluiting van het programma"  # how the manual's last meeting closes: not so before a sixth
FIXED_KINDS = ("opening", "pauze", "afsluiting", "notitie")  # keep their time when a meeting is longer

# Short marks for `check`, and the words in the draaiboek and the Excel agenda.
MARKS = {
    "eigen": "eigen",
    "verlengd": "verlengd",
    "ingekort": "ingekort",
    "duur": "duur",
    "bandbreedte": "gekozen",
    "verplaatst": "verplaatst",
    "keuze": "keuze",
}


def adapt(course: Course, training: Training) -> Course:
    """Return the course as this training gives it: lengths, choices, local changes, own meeting.

    A course already adapted to this training is returned as it is, so callers may adapt without
    asking; one adapted to another training is adapted anew from the manual's course it was made
    from. Raises ConfigError (every problem of the training's changes at once), and ValueError for
    a course marked `aangepast` that adapt() did not make (it cannot tell for which training).
    """
    if course.aangepast:
        if course._adapted_from is None:
            raise ValueError("this course is marked aangepast but was not made by adapt(); adapt the manual's course")
        manual, made_for = course._adapted_from
        if made_for == _changes(training):
            return course
        course = manual
    problems: list[str] = []
    meetings: list[Meeting] = []
    for index, plan in enumerate(training.bijeenkomsten):
        report = _Reporter(training, index, problems)
        if index < len(course.meetings):
            meetings.append(_ManualMeeting(course, training, index, report).adapted())
        elif own := _own_meeting(course, plan, index + 1, report):  # None: a problem was reported
            meetings.append(own)
    meetings += course.meetings[len(meetings) :]
    if not problems and len(meetings) > len(course.meetings):
        meetings[len(course.meetings) - 1] = _announce(
            meetings[len(course.meetings) - 1], meetings[-1], training.bijeenkomsten[-1]
        )
    if problems:
        raise ConfigError(training.document.path, in_order(problems))
    adapted = course.model_copy(update={"meetings": meetings, "aangepast": True})
    adapted._adapted_from = (course, _changes(training))
    return adapted


def _changes(training: Training) -> tuple:
    """All of the training that adapt() reads: two trainings alike in it adapt a course alike."""
    return training.duur, training.bijeenkomsten


@dataclass
class _Reporter:
    """Collect problems of one item of `bijeenkomsten`, worded like the file's validation errors."""

    training: Training
    index: int
    problems: list[str]

    def __call__(self, loc: tuple, message: str, line_of: tuple | None = None) -> None:
        base = ("bijeenkomsten", self.index)
        self.problems.append(
            problem_at(self.training.document, base + loc, message, base + line_of if line_of else None)
        )


# --- a meeting of the manual -----------------------------------------------------------


class _ManualMeeting:
    """One meeting of the manual with the changes of one item of `bijeenkomsten`."""

    def __init__(self, course: Course, training: Training, index: int, report: _Reporter):
        self.course, self.report = course, report
        self.manual = course.meetings[index]
        self.plan: MeetingPlan = training.bijeenkomsten[index]
        self.length = self.plan.duur or training.duur
        self.number = self.manual.nummer
        self.rows = [row.model_copy(update={"positie": i}) for i, row in enumerate(self.manual.agenda, start=1)]
        self.fixed: set[int] = set()  # positions whose duration the trainer set
        self.removed: set[int] = set()
        self.materials = list(self.manual.materialen)
        self.homework = self.manual.huiswerk
        self.notes: list[str] = []
        self.spread = ""  # how the parts were fitted to the length (Meeting.verdeling)
        self.followed = index + 1 < len(training.bijeenkomsten)  # a meeting of the trainer's own comes after
        # The training's own verwijskaart is handed out where the manual introduces local networks, unless
        # the trainer hands it out at a meeting of their choosing.
        self.local_card = training.verwijskaart is not None and not any(
            LOCAL_CARD in plan.uitdelen for plan in training.bijeenkomsten
        )

    def adapted(self) -> Meeting:
        plan = self.plan
        if plan.titel is not None:
            self.report(
                ("titel",),
                "een titel hoort alleen bij een zesde, eigen bijeenkomst; de titel van "
                f"bijeenkomst {self.number} komt uit de handleiding.",
            )
        if plan.agenda:
            self.report(
                ("agenda",),
                "een eigen agenda hoort alleen bij een zesde, eigen bijeenkomst; pas een "
                "bijeenkomst van de handleiding aan met weglaten, toevoegen, verplaatsen en duren.",
            )
        if plan.keuze is not None:
            self._choose(plan.keuze)
        if self.followed:
            self._not_the_end()
        self._leave_out()
        self._set_durations()
        self._move()
        self._add()
        self.materials += _own_materials(self.course, plan, self.materials, self.report)
        if (
            self.local_card
            and LOCAL_NETWORKS in {ref for row in self.rows for ref in row.werkboek}
            and not any(m.instrument == LOCAL_CARD for m in self.materials)
        ):
            self.materials.append(
                Material(
                    tekst=f"{LOCAL_CARD} {self.course.instruments[LOCAL_CARD].titel}",
                    soort="uitdelen",
                    per="deelnemer",
                    instrument=LOCAL_CARD,
                    eigen=True,
                )
            )
        if not any(r.duur is not None for r in self.rows):
            self.report(("weglaten",), "dan blijft er geen onderdeel met tijd over in de agenda.")
        elif self.length is not None:
            self._fit(self.length)
        _check_end(plan, self.rows, self.length or self.course.rules.duur.minuten, self.report)
        return self.manual.model_copy(
            update={
                "agenda": self.rows,
                "materialen": self.materials,
                "huiswerk": self.homework,
                "duur": self.length,
                "toelichtingen": self.notes,
                "verdeling": self.spread,
                "weggelaten": [
                    row.model_copy(update={"positie": position})
                    for position, row in enumerate(self.manual.agenda, start=1)
                    if position in self.removed
                ],
            }
        )

    # references --------------------------------------------------------------------

    def resolve(self, ref: int | str, loc: tuple, line_of: tuple | None = None) -> int | None:
        """The position in the manual's agenda a reference points at, or None (reported)."""
        agenda = self.manual.agenda
        if isinstance(ref, int):
            if 1 <= ref <= len(agenda):
                return ref
            self.report(
                loc,
                f"bijeenkomst {self.number} heeft geen rij {ref}; de agenda heeft {len(agenda)} "
                f"rijen. Bekende rijen: {self.known_rows()}.",
                line_of,
            )
            return None
        wanted = _paragraph_key(ref)
        found = [i for i, row in enumerate(agenda, start=1) if wanted in {_paragraph_key(w) for w in row.werkboek}]
        if len(found) == 1:
            return found[0]
        if found:
            self.report(
                loc,
                f"'{ref}' hoort bij meer dan één rij van bijeenkomst {self.number} "
                f"({', '.join(map(str, found))}); verwijs met het nummer van de rij.",
                line_of,
            )
            return None
        self.report(
            loc,
            f"bijeenkomst {self.number} heeft geen rij '{ref}'; verwijs met een paragraaf uit de "
            f'agenda (zoals "{self._example()}") of met het nummer van de rij. '
            f"Bekende rijen: {self.known_rows()}.",
            line_of,
        )
        return None

    def known_rows(self) -> str:
        return ", ".join(f"{i} {_row_label(row)}" for i, row in enumerate(self.manual.agenda, start=1))

    def _example(self) -> str:
        return next((row.werkboek[0] for row in self.manual.agenda if row.werkboek), "1")

    def _present(self, ref: int | str, loc: tuple, line_of: tuple | None = None) -> int | None:
        """Resolve a reference to a row that must still be in the agenda."""
        position = self.resolve(ref, loc, line_of)
        if position in self.removed:
            self.report(
                loc, f"rij '{ref}' ({_short(self.manual.agenda[position - 1].wat)}) staat ook bij weglaten.", line_of
            )
            return None
        return position

    def _index(self, position: int | None) -> int:
        return next(i for i, row in enumerate(self.rows) if row.positie == position)

    def _replace(self, position: int | None, **changes) -> None:
        index = self._index(position)
        row = self.rows[index]
        marks = tuple(dict.fromkeys(row.wijzigingen + tuple(changes.pop("wijzigingen", ()))))
        self.rows[index] = row.model_copy(update={**changes, "wijzigingen": marks})

    # the manual's choices ----------------------------------------------------------

    def _choose(self, wanted: str) -> None:
        rows = [(row, row.keuze) for row in self.rows if row.keuze]
        if not rows:
            self.report(
                ("keuze",),
                f"bijeenkomst {self.number} laat in de handleiding niets te kiezen. {_choices_in(self.course)}",
            )
            return
        row, point = rows[0]
        key = _paragraph_key(wanted)
        option = next(
            (o for o in point.opties if key in (_paragraph_key(o.werkboek), _paragraph_key(o.instrument or ""))), None
        )
        if option is None:
            self.report(
                ("keuze",),
                f"'{wanted}' is geen keuze van bijeenkomst {self.number}; kies {_options_text(point.opties)}.",
            )
            return
        others = [o for o in point.opties if o is not option]
        dropped = {o.werkboek for o in others} | {o.instrument for o in others if o.instrument}
        titles = _option_titles(row.wat, point.opties)
        # The manual's 'Kies voor 8.2 of 8.3.' is done with: the row says what was chosen instead.
        notes = [" ".join(b.replace(point.tekst, "").split()) for b in row.bijzonderheden]
        self._replace(
            row.positie,
            wat=titles.get(option.werkboek, row.wat),
            werkboek=[w for w in row.werkboek if w not in dropped],
            bijzonderheden=[n for n in notes if n],
            keuze=point.model_copy(update={"gekozen": option.werkboek}),
            wijzigingen=("keuze",),
        )
        self.materials = [m for m in self.materials if m.instrument not in dropped]
        follows = False
        if self.homework:
            assignments = [_chosen_assignment(a, option, others, titles, self.course) for a in self.homework.opdrachten]
            follows = assignments != list(self.homework.opdrachten)
            self.homework = self.homework.model_copy(update={"opdrachten": assignments})
        self.notes.append(_choice_note(point, option, titles, self.course, follows))

    def _not_the_end(self) -> None:
        """The manual's last meeting ends the programme; with a meeting after it, its closing says so."""
        for row in self.rows:
            if row.wat.startswith(PROGRAMME_END):
                rest = row.wat.removeprefix(PROGRAMME_END).strip()
                closing = f"Afsluiting {rest}".rstrip()
                self._replace(
                    row.positie, wat=f"{closing} (het programma gaat verder in bijeenkomst {self.number + 1})"
                )

    # local changes -----------------------------------------------------------------

    def _leave_out(self) -> None:
        for i, ref in enumerate(self.plan.weglaten):
            position = self.resolve(ref, ("weglaten", i))
            if position is None:
                continue
            if position in self.removed:
                self.report(("weglaten", i), f"rij '{ref}' staat al eerder bij weglaten.")
                continue
            self.removed.add(position)
            row = self.manual.agenda[position - 1]
            self.rows.pop(self._index(position))
            if row.duur is None:
                what = f"de toelichting \u2018{_short(row.bijzonderheden[0] if row.bijzonderheden else '', 60)}\u2019"
                self.notes.append(f"Weggelaten door de trainer: {what} (rij {position} in de handleiding).")
            else:
                self.notes.append(
                    f"Weggelaten door de trainer: {row.wat} (rij {position} in de handleiding, "
                    f"{_duration_text(row.duur)})."
                )

    def _set_durations(self) -> None:
        for ref, value in self.plan.duren.items():
            position = self._present(ref, ("duren",), ("duren", str(ref)))
            if position is None:
                continue
            row = self.manual.agenda[position - 1]
            if row.duur is None:
                self.report(
                    ("duren",), f"rij '{ref}' is een toelichting zonder tijd; die heeft geen duur.", ("duren", str(ref))
                )
                continue
            parts = row.parts
            if isinstance(value, list) and len(value) != len(parts):
                self.report(
                    ("duren",),
                    f"rij '{ref}' heeft {len(parts)} "
                    f"{'deel' if len(parts) == 1 else 'delen'} ({_duration_text(row.duur)}); geef één "
                    f"getal of een lijst van {len(parts)} getallen.",
                    ("duren", str(ref)),
                )
                continue
            self.fixed.add(position)
            if isinstance(value, list):
                duur: int | list[int] = value if len(value) > 1 else value[0]
            elif len(parts) > 1:
                duur = _distribute(parts, value)
            else:
                duur = value
            minutes = sum(duur) if isinstance(duur, list) else duur
            if minutes == row.planned_minutes and not row.is_range:
                continue
            in_range = isinstance(row.duur, Range) and row.duur.van <= minutes <= row.duur.tot
            self._replace(
                position, duur=duur, handleiding_duur=row.duur, wijzigingen=("bandbreedte" if in_range else "duur",)
            )
            if in_range:
                self.notes.append(
                    f"{row.wat}: de handleiding noemt {_duration_text(row.duur)}; gekozen is {minutes} min."
                )

    def _move(self) -> None:
        for i, move in enumerate(self.plan.verplaatsen):
            loc = ("verplaatsen", i)
            position = self._present(move.rij, loc + ("rij",))
            side = "na" if move.na is not None else "voor"
            target = self._present(getattr(move, side), loc + (side,))
            if position is None or target is None:
                continue
            if position == target:
                self.report(loc + (side,), f"rij '{move.rij}' kan niet {side} zichzelf staan.")
                continue
            row = self.rows.pop(self._index(position))
            self.rows.insert(self._index(target) + (side == "na"), row)
            self._replace(position, wijzigingen=("verplaatst",))

    def _add(self) -> None:
        after: dict[int, int] = {}  # rows added after a row so far, to keep their order
        for i, own in enumerate(self.plan.toevoegen):
            loc = ("toevoegen", i)
            row = _own_row(own, eigen=True)
            if own.na is not None or own.voor is not None:
                side = "na" if own.na is not None else "voor"
                target = self._present(getattr(own, side), loc + (side,))
                if target is None:
                    continue
                if side == "na":
                    index = self._index(target) + 1 + after.get(target, 0)
                    after[target] = after.get(target, 0) + 1
                else:
                    index = self._index(target)
            else:  # before the closing, or at the end
                last = self.rows[-1] if self.rows else None
                index = len(self.rows) - 1 if last is not None and last.soort == "afsluiting" else len(self.rows)
            self.rows.insert(index, row)

    # the length of the meeting -----------------------------------------------------

    def _flexible(self, row: AgendaRow) -> bool:
        return not row.eigen and row.soort not in FIXED_KINDS and row.positie not in self.fixed

    def _fit(self, length: int) -> None:
        """Scale the manual's theory and exercises so that the agenda lasts exactly `length` minutes; in a
        meeting longer than the manual's, its breaks first grow in proportion (`_stretch_breaks`)."""
        breaks = self._stretch_breaks(length)
        flexible = [row for row in self.rows if self._flexible(row)]
        fixed_total = sum(row.planned_minutes for row in self.rows if not self._flexible(row))
        bases = [part for row in flexible for part in row.parts]
        room = length - fixed_total
        fixed_what = self._fixed_words(breaks)
        if not bases:
            if room:
                self.report(
                    ("duur",),
                    f"{dutch.minutes(length)} past niet: er zijn geen onderdelen meer die mee "
                    f"kunnen schalen (uitleg of oefening uit de handleiding) en {fixed_what} duren samen "
                    f"{dutch.minutes(fixed_total)}.",
                )
            return
        if room < STEP * len(bases):
            self.report(
                ("duur",),
                f"{dutch.minutes(length)} is te kort voor deze agenda: {fixed_what} duren samen "
                f"{dutch.minutes(fixed_total)}, en de {len(flexible)} onderdelen die meeschalen "
                f"(uitleg en oefeningen) hebben elk minstens {STEP} min per deel nodig; kies minstens "
                f"{dutch.minutes(fixed_total + STEP * len(bases))}.",
            )
            return
        before = sum(bases)
        if room == before:
            return
        shares = iter(_distribute(bases, room))
        scaled_notes = False
        for row in flexible:
            new_parts = [next(shares) for _ in row.parts]
            if new_parts == row.parts:
                continue
            duur = new_parts if isinstance(row.duur, list) else new_parts[0]
            mark = "verlengd" if sum(new_parts) > row.planned_minutes else "ingekort"
            notes = _scaled_minutes(row.bijzonderheden, row.planned_minutes, sum(new_parts))
            scaled_notes = scaled_notes or notes != row.bijzonderheden
            self._replace(row.positie, duur=duur, handleiding_duur=row.duur, wijzigingen=(mark,), bijzonderheden=notes)
        how = "verlengd" if room > before else "ingekort"
        rule = self.course.rules.duur
        quote = (
            f" De handleiding: \u2018{rule.tekst}\u2019" if length != rule.minuten and length in rule.toegestaan else ""
        )
        self.spread = (
            f"Deze bijeenkomst duurt {dutch.minutes(length)}; zonder aanpassing "
            f"zou de agenda {dutch.minutes(fixed_total - sum(new - old for old, new in breaks) + before)} duren.{quote} De uitleg en de oefeningen zijn "
            f"daarom naar verhouding {how}, afgerond op {STEP} minuten: samen {dutch.minutes(room)} in plaats van "
            f"{dutch.minutes(before)}.{_notes_words(scaled_notes)}{_breaks_words(breaks, rule.minuten)} "
            f"{dutch.capital(fixed_what)} houden hun tijd."
        )

    def _stretch_breaks(self, length: int) -> list[tuple[int, int]]:
        """Give the manual's breaks a share of a longer meeting: a break of the manual is meant for its
        3 hours, so in 4 hours it grows in proportion, rounded to STEP minutes, never shorter than the
        manual's (the workbook names no break for 4 hours). Returns (manual minutes, new minutes) of each break made longer."""
        manual = self.course.rules.duur.minuten
        if length <= manual:
            return []
        changed = []
        for row in self.rows:
            if row.soort != "pauze" or row.eigen or row.positie in self.fixed or not isinstance(row.duur, int):
                continue
            longer = max(row.duur, STEP * round(row.duur * length / manual / STEP))
            if longer != row.duur:
                changed.append((row.duur, longer))
                self._replace(row.positie, duur=longer, handleiding_duur=row.duur, wijzigingen=("verlengd",))
        return changed

    def _fixed_words(self, breaks: list[tuple[int, int]] | None = None) -> str:
        words = ["opening en afsluiting" if breaks else "pauzes, opening en afsluiting"]
        if any(row.eigen for row in self.rows):
            words.append("uw eigen onderdelen")
        if self.fixed:
            words.append("de duren die u zelf koos")
        return dutch.names(words)


# --- the own, sixth meeting ------------------------------------------------------------


def _own_meeting(course: Course, plan: MeetingPlan, number: int, report: _Reporter) -> Meeting | None:
    for key in ("keuze", "weglaten", "verplaatsen", "duren", "toevoegen"):
        if getattr(plan, key):
            report(
                (key,),
                f"de {number}e bijeenkomst is uw eigen bijeenkomst en heeft geen rijen uit de "
                "handleiding; zet uw onderdelen onder agenda, in volgorde.",
            )
    if plan.titel is None:
        report(("titel",), f"de {number}e bijeenkomst is uw eigen bijeenkomst; geef haar een titel.")
    if not plan.agenda:
        report(
            ("agenda",),
            f"de {number}e bijeenkomst is uw eigen bijeenkomst; geef een agenda met minstens "
            "één onderdeel (wat en duur).",
        )
    for i, own in enumerate(plan.agenda):
        if own.na is not None or own.voor is not None:
            report(
                ("agenda", i, "na" if own.na is not None else "voor"),
                "na en voor horen bij toevoegen; onder agenda staan de onderdelen al in volgorde.",
            )
    materials = _own_materials(course, plan, [], report)
    if plan.titel is None or not plan.agenda:
        return None
    rows = [_own_row(own, eigen=False).model_copy(update={"positie": i}) for i, own in enumerate(plan.agenda, start=1)]
    if plan.duur:
        _check_end(plan, rows, plan.duur, report)
    return Meeting(
        nummer=number,
        titel=plan.titel,
        agenda=rows,
        materialen=materials,
        eigen=True,
        duur=plan.duur or sum(row.planned_minutes for row in rows),
        toelichtingen=[
            (
                f"Bijeenkomst {number} staat niet in de handleiding: het is de eigen (vervolg)bijeenkomst "
                "van de trainer, na de bijeenkomsten van de handleiding."
            )
        ],
    )


def _announce(last: Meeting, own: Meeting, plan: MeetingPlan) -> Meeting:
    """The last meeting of the manual says that the trainer's own meeting follows."""
    note = (
        f"Na deze bijeenkomst volgt nog bijeenkomst {own.nummer}, de eigen bijeenkomst van de trainer: "
        f"\u2018{own.titel}\u2019, {dutch.long_date(plan.datum)} om {dutch.clock(plan.start)}."
    )
    return last.model_copy(update={"toelichtingen": [*last.toelichtingen, note]})


# --- pieces ----------------------------------------------------------------------------


def _check_end(plan: MeetingPlan, rows: list[AgendaRow], length: int, report: _Reporter) -> None:
    """`einde: gepland` cannot hold when the parts take longer than the planned length: they would run on
    after the end that every page shows."""
    total = sum(row.planned_minutes for row in rows)
    if plan.einde != "gepland" or total <= length:
        return
    start = datetime.combine(plan.datum, plan.start)
    planned, parts = start + timedelta(minutes=length), start + timedelta(minutes=total)
    report(
        ("einde",),
        f"de onderdelen duren samen {dutch.minutes(total)}, {dutch.minutes(total - length)} langer "
        f"dan de geplande {dutch.minutes(length)}, en lopen dus door na {dutch.clock(planned)}. Schrijf einde: "
        f"onderdelen (de bijeenkomst eindigt dan om {dutch.clock(parts)}), of kort een onderdeel in met duren.",
    )


def _own_row(own: OwnRow, eigen: bool) -> AgendaRow:
    return AgendaRow(
        soort=own.soort,
        wat=own.wat,
        duur=own.duur,
        werkboek=list(own.werkboek),
        bijzonderheden=list(own.bijzonderheden),
        eigen=eigen,
    )


def _own_materials(course: Course, plan: MeetingPlan, present: list[Material], report: _Reporter) -> list[Material]:
    handed_out = {m.instrument for m in present if m.instrument}
    added = []
    for i, key in enumerate(plan.uitdelen):
        if key not in course.instruments:
            known = ", ".join(f"{k} {form.titel}" for k, form in course.instruments.items())
            report(("uitdelen", i), f"'{key}' is geen instrument van het werkboek; kies uit {known}.")
        elif key not in handed_out:
            handed_out.add(key)
            added.append(
                Material(
                    tekst=f"{key} {course.instruments[key].titel}",
                    soort="uitdelen",
                    per="deelnemer",
                    instrument=key,
                    eigen=True,
                )
            )
    added += [_own_material(m) for m in plan.materialen]
    return added


def _own_material(own: OwnMaterial) -> Material:
    per = own.per
    if per is None and own.aantal is None:
        per = "deelnemer" if own.soort == "uitdelen" else "groep"
    return Material(tekst=own.tekst, soort=own.soort, per=per, aantal=own.aantal, eigen=True)


def _chosen_assignment(
    assignment: Assignment, option: Choice, others: list[Choice], titles: dict[str, str], course: Course
) -> Assignment:
    """Homework about both options of a choice, about the chosen one only."""
    dropped = {o.werkboek for o in others} | {o.instrument for o in others if o.instrument}
    if not dropped & set(assignment.werkboek):
        return assignment
    refs = [r for r in assignment.werkboek if r not in dropped]
    text = list(assignment.tekst)
    title = titles.get(option.werkboek, "")
    if title and all(o.werkboek in assignment.werkboek for o in [option, *others]):
        name = title.split(": ", 1)[-1]
        text = [f"Ga op zoek naar {name[:1].lower()}{name[1:]} ({option.werkboek})."]
        if option.instrument in course.instruments:
            text[0] += (
                f" Gebruik hierbij het instrument {option.instrument} {course.instruments[option.instrument].titel}."
            )
    return assignment.model_copy(update={"werkboek": refs, "tekst": text})


def _option_titles(what: str, options: list[Choice]) -> dict[str, str]:
    """'8.2 Praktijkopdracht: Talenten en wensen' for 8.2, from '8.2 …wensen of 8.3 …waarden'."""
    parts = re.split(r"\s+of\s+(?=\d)", what)
    titles = {}
    for option in options:
        match = next((p.strip() for p in parts if p.startswith(option.werkboek + " ")), None)
        if match:
            titles[option.werkboek] = match
    return titles


def _choice_note(point: ChoicePoint, option: Choice, titles: dict[str, str], course: Course, homework: bool) -> str:
    """What the draaiboek tells the trainer about the choice made in the training file."""
    handout = (
        f"; u deelt alleen {option.instrument} {course.instruments[option.instrument].titel} uit"
        if option.instrument in course.instruments
        else ""
    )
    follows = f"; ook het huiswerk gaat alleen over {option.werkboek}" if homework else ""
    return (
        f"Gekozen oefening: {titles.get(option.werkboek, option.werkboek)}{handout}{follows}. De handleiding "
        f"laat kiezen tussen {dutch.names([o.werkboek for o in point.opties])}."
    )


def choice_options(row: AgendaRow, course: Course) -> list[str]:
    """The options of the row's choice as a trainer reads them: '8.2 Praktijkopdracht: Talenten en wensen
    (met 8.5 Mijn talenten en wensen)'."""
    if row.keuze is None:
        return []
    titles = _option_titles(row.wat, row.keuze.opties)
    names = []
    for option in row.keuze.opties:
        form = (
            f" (met {option.instrument} {course.instruments[option.instrument].titel})"
            if option.instrument in course.instruments
            else ""
        )
        names.append(f"{titles.get(option.werkboek, option.werkboek)}{form}")
    return names


def _options_text(options: list[Choice]) -> str:
    return " of ".join(o.werkboek for o in options)


def _choices_in(course: Course) -> str:
    found = [
        f"bijeenkomst {m.nummer} ({_options_text(row.keuze.opties)})"
        for m in course.meetings
        for row in m.agenda
        if row.keuze
    ]
    return f"Een keuze staat alleen in {dutch.names(found)}." if found else "De handleiding laat nergens te kiezen."


def _paragraph_key(text: str) -> str:
    return text.strip().lstrip("\u00a7").strip().lower()


MINUTES_IN_TEXT = re.compile(r"\b(\d+)( minuten| min\b)")


def _scaled_minutes(notes: list[str], before: int, after: int) -> list[str]:
    """The notes of a row whose minutes went from `before` to `after`, with the minutes they name for its
    steps ('Neem 15 minuten voor het lezen en 30 minuten voor het bespreken.' in a row of 45 min) scaled
    the same way, so that paper never shows 15 + 30 beside 65 min. Only where the minutes named add up
    to the row's own (they divide it); else the notes as they are."""
    found = [int(m.group(1)) for note in notes for m in MINUTES_IN_TEXT.finditer(note)]
    if not found or sum(found) != before or before == after:
        return notes
    shares = iter(_distribute(found, after))
    return [MINUTES_IN_TEXT.sub(lambda m: f"{next(shares)}{m.group(2)}", note) for note in notes]


def _notes_words(scaled: bool) -> str:
    return " De minuten die de bijzonderheden noemen, zijn op dezelfde manier aangepast." if scaled else ""


def _breaks_words(breaks: list[tuple[int, int]], manual: int) -> str:
    """' De pauzes van de handleiding zijn voor 3 uur; ze zijn naar verhouding langer: 15 min in plaats van
    10 min.'"""
    if not breaks:
        return ""
    changes = dutch.names(
        [f"{dutch.minutes(new)} in plaats van {dutch.minutes(old)}" for old, new in dict(breaks).items()]
    )
    return (
        f" De pauzes van de handleiding zijn voor {dutch.minutes(manual)}; ze zijn naar verhouding langer: {changes}."
    )


def _distribute(bases: list[int], total: int) -> list[int]:
    """Share `total` in proportion to `bases`, in steps of five minutes and at least one step each.

    The sum is exact: whole steps go by largest remainder (ties: the larger base, then the
    earlier row); minutes that are not a whole step go to the largest share.
    """
    steps, rest = divmod(total, STEP)
    exact = [Fraction(base * steps, sum(bases)) for base in bases]
    result = [max(1, int(e)) for e in exact]
    order = sorted(range(len(bases)), key=lambda i: (-(exact[i] - int(exact[i])), -bases[i], i))
    short = steps - sum(result)
    while short > 0:
        for i in order[:short]:
            result[i] += 1
        short = steps - sum(result)
    for i in reversed(order):
        if short == 0:
            break
        if result[i] > 1:
            result[i] -= 1
            short += 1
    minutes = [r * STEP for r in result]
    minutes[max(range(len(minutes)), key=lambda i: (minutes[i], -i))] += rest
    return minutes


def _duration_text(duur: int | Range | list[int] | None) -> str:
    if isinstance(duur, Range):
        return f"{duur.van}{dutch.EN_DASH}{duur.tot} min"
    if isinstance(duur, list):
        return " + ".join(map(str, duur)) + " min"
    return f"{duur} min" if duur is not None else ""


def _short(text: str, width: int = 45) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    at_word = cut.rsplit(" ", 1)[0]
    # At a word, unless that drops a long word ("Handelingsverlegenheid").
    return (at_word if len(at_word) >= width * 2 // 3 else cut).rstrip(" ,.:;") + "\u2026"


def _row_label(row: AgendaRow) -> str:
    if row.duur is None:
        first = row.bijzonderheden[0] if row.bijzonderheden else ""
        return f"toelichting zonder tijd (\u2018{_short(first, 30)}\u2019)"
    refs = f"{', '.join(row.werkboek)}; " if row.werkboek else ""
    return f"{_short(row.wat, 50)} ({refs}{_duration_text(row.duur)})"


# --- what the outputs say about a changed row ------------------------------------------


def row_marks(row: AgendaRow) -> list[str]:
    """Sentences for the draaiboek and the Excel agenda: what the trainer changed in this row. A row
    stretched or shortened with the whole meeting says nothing: Meeting.verdeling says that once."""
    manual = _duration_text(row.handleiding_duur)
    texts = {
        "duur": f"Duur aangepast door de trainer: de handleiding geeft {manual}.",
        "bandbreedte": f"Gekozen binnen de bandbreedte van de handleiding ({manual}).",
        "verplaatst": f"Verplaatst: in de handleiding is dit rij {row.positie}.",
        "keuze": (
            f"Gekozen uit {dutch.names([o.werkboek for o in row.keuze.opties])} (de handleiding laat de "
            "trainer kiezen)."
            if row.keuze
            else ""
        ),
    }
    marks = ["Eigen onderdeel van de trainer (niet uit de handleiding)."] if row.eigen else []
    return marks + [texts[w] for w in row.wijzigingen if texts.get(w)]


def manual_duration_text(row: AgendaRow) -> str:
    """The manual's duration of a row ('eigen' for a row of the trainer's own)."""
    if row.eigen:
        return "eigen"
    return _duration_text(row.handleiding_duur if row.handleiding_duur is not None else row.duur)


def agenda_table(schedule: Schedule) -> list[str]:
    """The agenda of one meeting as an aligned text table for the terminal (`check`)."""
    head = ["Nr", f"Van{dutch.EN_DASH}tot", "Wat", "min", "\u00a7", "Aangepast"]
    lines = []
    for planned in schedule.rows:
        row = planned.row
        times = (
            f"{dutch.clock(planned.start)}{dutch.EN_DASH}{dutch.clock(planned.end)}"
            if planned.start and planned.end
            else ""
        )
        minutes = "+".join(map(str, row.parts)) if row.duur is not None else ""
        marks = ["eigen"] if row.eigen else []
        marks += [MARKS[w] + (f" {row.keuze.gekozen}" if w == "keuze" and row.keuze else "") for w in row.wijzigingen]
        if row.handleiding_duur is not None and any(
            w in ("verlengd", "ingekort", "duur", "bandbreedte") for w in row.wijzigingen
        ):
            marks[-1] += f" (was {_duration_text(row.handleiding_duur).removesuffix(' min')})"
        number = "+" if row.eigen or row.positie is None else str(row.positie)
        what = _short(row.wat, 42) if row.duur is not None else "(toelichting)"
        refs = ", ".join(r.replace("hoofdstuk ", "hfst. ") for r in row.werkboek)
        lines.append([number, times, what, minutes, refs, ", ".join(marks)])
    for row in schedule.meeting.weggelaten:  # shown where it was, as the draaiboek mentions it
        what = _short(row.wat, 42) if row.duur is not None else "(toelichting)"
        refs = ", ".join(r.replace("hoofdstuk ", "hfst. ") for r in row.werkboek)
        before = [i for i, line in enumerate(lines) if line[0].isdigit() and int(line[0]) < (row.positie or 0)]
        lines.insert(before[-1] + 1 if before else 0, [str(row.positie), "", what, "", refs, "weggelaten"])
    widths = [max(len(r[i]) for r in [head, *lines]) for i in range(len(head))]
    right = {0, 3}

    def fmt(cells: list[str]) -> str:
        out = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "    " + "  ".join(out).rstrip()

    return [fmt(head), *(fmt(r) for r in lines), "    " + total_line(schedule)]


def total_line(schedule: Schedule) -> str:
    """'Totaal 2 uur 50 min (gepland 3 uur); de bijeenkomst duurt van 13:30 tot 16:30.': the agenda's
    length and the meeting's one start and end (Schedule.end, the trainer's decision)."""
    return (
        f"Totaal {dutch.minutes(schedule.total)} (gepland {dutch.minutes(schedule.length)}); de bijeenkomst "
        f"duurt van {dutch.clock(schedule.start)} tot {dutch.clock(schedule.end)}."
    )
