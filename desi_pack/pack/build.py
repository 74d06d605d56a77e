"""The build: from a training and the course data to the tree of documents.

Every file is first described as a job (jobs.py): how to make it, and a key of all it is
made from. A file whose inputs did not change since the last build into the same folder
is taken from there; the others are made in memory, in two processes when that pays.
Then each meeting's print file (printfile.py) and, with pdf=True, a PDF of every
document in one LibreOffice run (pdf.py). All files are written at once by
output.write_tree: nothing half-written, nothing the user edited overwritten.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desi_pack import dutch
from desi_pack.course.adapt import adapt
from desi_pack.course.course import Course, load_course
from desi_pack.course.rules import RuleWarning, check
from desi_pack.course.schedule import Schedule, schedules
from desi_pack.errors import ArgumentProblem, spot
from desi_pack.pack import calendars, datelist, documents, instruments, posters, printfile
from desi_pack.training import example
from desi_pack.training.config import Training
from desi_pack.word.rendering import Templates
from desi_pack.writing.jobs import Job, Previous, Progress, inputs_of, key, run, same_inputs
from desi_pack.writing.output import (
    WrittenFile,
    checksum,
    claim,
    recorded,
    recorded_owner,
    same_owner,
    slugify,
    write_tree,
)
from desi_pack.writing.pdf import TwoPass, find_libreoffice, old_pdfs, with_pdfs

if TYPE_CHECKING:
    from desi_pack.writing.office import Offices

OVERVIEW = "overzicht-training.xlsx"
FORM = "formulier.docx"
# What a form never shows of the training: changing a date or the group leaves the forms as they are.
NOT_IN_FORMS = ("locatie", "deelnemers", "extra_afdrukken", "bijeenkomsten", "verwijskaart")
STAGE_DOCUMENTS = "Documenten maken"


@dataclass
class BuildResult:
    root: Path
    files: list[WrittenFile] = field(default_factory=list)
    warnings: list[RuleWarning] = field(default_factory=list)
    made: int = 0  # files made in this build; the others were taken unchanged from the last one
    stale: list[Stale] = field(default_factory=list)  # files the user changed, made from what has changed since
    partial: bool = False  # only some meetings were asked for: the overview and instruments were left alone
    notes: list[str] = field(default_factory=list)  # what a person should know that is no rule of the manual


@dataclass(frozen=True)
class Stale:
    """A file the user changed and desi-pack kept, although what it was made from changed since."""

    path: Path  # the user's version, kept
    newer: Path  # the version made now, beside it
    changes: list[str]  # in words: "de datum (was dinsdag 16 februari 2027, nu dinsdag 23 februari 2027)"


def build(
    training: Training,
    out_dir: str | Path = "output",
    meetings: list[int] | None = None,
    *,
    course: Course | None = None,
    templates_dir: Path | None = None,
    force: bool = False,
    only_instruments: bool = False,
    pdf: bool = False,
    progress: Progress | None = None,
    offices: Offices | None = None,
) -> BuildResult:
    """Render every document in memory (and with pdf=True its PDF), then write them all at once.

    `offices`: LibreOffices kept running (the page's, writing/office.py) to make the PDFs with;
    without, LibreOffice is started for this build."""
    course = adapt(course or load_course(), training)  # the trainer's own course (issue 7)
    selected = _selected(meetings, len(course.meetings))
    # No LibreOffice: stop before making anything.
    soffice = (offices if offices is not None and offices.usable else find_libreoffice()) if pdf else None
    plans = schedules(training, course)
    warnings = check(training, course)
    root = Path(out_dir) / slugify(training.organisatie)
    claim(root, training.owner, force)  # before any work: another training's pack is not replaced
    previous = Previous(root)
    templates_dir = templates_dir or training.templates_dir
    notes = [note for note in (example.warning(training), _templates_note(root, templates_dir)) if note]
    forms = _Forms(training, course, Templates(templates_dir), plans)
    base = forms.calendar_state(root, previous)
    jobs: dict[str, Job] = {}
    facts: dict[str, dict] = {}
    partial = bool(meetings) and selected != set(range(1, len(course.meetings) + 1))
    if not only_instruments:
        for plan in plans:
            if plan.meeting.nummer in selected:
                made_here = meeting_jobs(training, course, plan, forms)
                jobs.update(made_here)
                facts.update(dict.fromkeys(made_here, meeting_facts(training, plan)))
                facts.update(forms.own_facts(plan.meeting.nummer))
        if not partial:
            jobs[OVERVIEW] = Job(
                key("overzicht", forms.training_key, forms.course_key),
                _overview_workbook,
                (training, course, plans, warnings),
                cost_ms=13,
                here=True,
            )
            jobs[calendars.TRAINING_FILE] = forms.calendar()
            jobs[datelist.FILENAME] = forms.dates()
            facts[datelist.FILENAME] = forms.dates_facts()
    if not partial:
        for number in course.instruments:
            path = f"{documents.INSTRUMENTS}/{documents.instrument_filename(course, number)}"
            jobs[path] = forms.instrument(number)
    kept = _Kept(previous, root, facts)
    own = {} if force else kept.take(jobs)  # a file someone changed is kept: the print files and PDFs show it
    printed = [plan for plan in plans if plan.meeting.nummer in selected and not only_instruments]
    prints = {_print_path(plan): forms.print_file(plan, jobs, own, counted=bool(soffice)) for plan in printed}
    facts.update({_print_path(plan): meeting_facts(training, plan) for plan in printed})
    if not force:
        kept.take(prints)  # a print file the trainer changed, too
    # The print files made here (not one the trainer changed) with their number of parts, to count their pages.
    parts = {path: len(job.args[0].content.items) for path, job in prints.items() if job.result is None}
    jobs.update(prints)
    files = run(jobs, previous, STAGE_DOCUMENTS, progress)
    keys = {path: job.key for path, job in jobs.items()}
    made = sum(1 for job in {id(j): j for j in jobs.values()}.values() if not job.reused)
    if soffice:
        made += _add_pdfs(soffice, files, keys, previous, progress, parts)
    kept.remember(keys)  # after the PDFs: a kept file's PDF is of its own version, made from what it is now
    written = write_tree(
        root, files, force, keys, training.owner, facts, {TEMPLATES: _templates_name(templates_dir), CALENDAR: base}
    )
    notes += kept.notes
    if not soffice:
        notes += [note for note in [old_pdfs(written, "document")] if note]
    return BuildResult(root, written, warnings, made, kept.stale, partial, notes)


TEMPLATES = "sjablonen"  # the manifest's note of the templates a folder's files were made with
CALENDAR = "kalender"  # the manifest's note of the part of every event's UID that is the training's
BUILT_IN = "ingebouwd"


def _templates_name(folder: Path | None) -> str:
    return str(folder.resolve()) if folder else BUILT_IN


def _templates_note(root: Path, folder: Path | None) -> str | None:
    """A warning when files made with other templates will now get another look."""
    before, now = recorded(root, TEMPLATES), _templates_name(folder)
    if before is None or before == now:
        return None
    was = "de ingebouwde sjablonen" if before == BUILT_IN else f"de sjablonen in {before}"
    is_ = "de ingebouwde sjablonen" if now == BUILT_IN else f"de sjablonen in {now}"
    return (
        f"Let op: de bestanden in {root} zijn eerder gemaakt met {was}; deze build gebruikt {is_}. Wat nu opnieuw "
        f"gemaakt wordt, krijgt die opmaak. Bedoelde u de andere? Geef de map{spot('templates')}, of zet hem in "
        "het trainingsbestand: sjablonen: MAP."
    )


NEWER = ".nieuw"  # draaiboek-bijeenkomst-2.nieuw.docx: the version made now, beside the user's


def newer_path(path: str) -> str:
    stem, _, suffix = path.rpartition(".")
    return f"{stem}{NEWER}.{suffix}"


@dataclass(frozen=True)
class Base:
    """What a file the user changed was made from: the key and facts desi-pack recorded for it."""

    key: str | None
    facts: dict


class _Kept:
    """The files the user changed since desi-pack made them, which a build keeps: what each was made
    from, whether that changed since (then the version of now is made beside it, .nieuw), and what
    the manifest must remember of each."""

    def __init__(self, previous: Previous, root: Path, facts: dict[str, dict]):
        self.previous, self.root, self.facts = previous, root, facts
        self.stale: list[Stale] = []
        self.notes: list[str] = []
        self.bases: dict[str, Base] = {}

    def take(self, jobs: dict[str, Job]) -> dict[str, list[str]]:
        """Replace, in `jobs`, each file the user changed by their version (adding the .nieuw job where
        it is stale); return those paths with what changed since in words (empty: nothing)."""
        own: dict[str, list[str]] = {}
        for path, data in self.previous.changed_by_user(jobs).items():
            self.bases[path] = base = _base(self.previous, self.root, path)
            now = self.facts.get(path, {})
            newer = newer_path(path)
            own[path] = []
            if _outdated(base, jobs[path].key, now):
                jobs[newer], self.facts[newer] = jobs[path], now
                own[path] = what_changed(base.facts, now)
                self.stale.append(Stale(self.root / path, self.root / newer, own[path]))
            elif (self.root / newer).exists():  # left from when it was stale, and no longer true
                self.notes.append(
                    f"{self.root / newer} is niet meer nodig: uw versie ernaast is weer gemaakt van "
                    "wat nu geldt. U kunt dat bestand weggooien."
                )
            jobs[path] = Job(key("eigen versie", checksum(data)), bytes, (data,), cost_ms=0, result=data)
        return own

    def remember(self, keys: dict[str, str]) -> None:
        """What the manifest keeps of each kept file: what the user's version was made from."""
        for path, base in self.bases.items():
            if base.key is None:
                keys.pop(path, None)
            else:
                keys[path] = base.key
            self.facts[path] = base.facts


def _base(previous: Previous, root: Path, path: str) -> Base:
    """What the user's version of `path` was made from: the version desi-pack wrote there, or the
    newer version it wrote beside it (.nieuw) once the trainer has put that one in its place (it is
    gone, and the file at `path` changed: what the message about a stale file asks them to do)."""
    newer = newer_path(path)
    if previous.recorded_key(newer) is not None and not (root / newer).exists():
        return Base(previous.recorded_key(newer), previous.facts(newer))
    return Base(previous.recorded_key(path), previous.facts(path))


def _outdated(base: Base, now_key: str, now_facts: dict) -> bool:
    """Whether what the user's version was made from has changed since (a new release of desi-pack
    alone is no reason). Without a key of this desi-pack's kind (a folder written by an older one,
    which also forgot the key after one build) the facts still tell."""
    same = same_inputs(base.key, now_key) if base.key is not None else None
    if same is not None:
        return not same
    return any(base.facts[name] != now_facts[name] for name in base.facts.keys() & now_facts.keys())


# The facts a meeting's files show, in the order a trainer reads them: shown with their values ...
SHOWN_FACTS = ("datum", "tijd", "plaats", "trainers", "organisatie")
# ... or only named, when the value is long (the agenda, recorded as a hash).
NAMED_FACTS = ("agenda",)


def meeting_facts(training: Training, plan: Schedule) -> dict[str, str]:
    """What a meeting's files show that a trainer would want to know changed: date, time, place,
    trainers, organisation and agenda ({'datum': 'dinsdag 16 februari 2027', …})."""
    agenda = [(row.row.wat, row.row.planned_minutes, row.row.bijzonderheden) for row in plan.rows]
    return {
        "datum": dutch.long_date(plan.day),
        "tijd": f"{dutch.clock(plan.start)}{dutch.EN_DASH}{dutch.clock(plan.end)}",
        "plaats": training.place_of(plan.meeting.nummer),
        "trainers": dutch.names(list(training.trainers)),
        "organisatie": training.owner,
        "agenda": hashlib.sha256(repr(agenda).encode()).hexdigest()[:16],
    }


def what_changed(before: dict, now: dict) -> list[str]:
    """In words, what differs between the facts a file was made from and those of now
    (["de datum (was dinsdag 16 februari 2027, nu dinsdag 23 februari 2027)", "de agenda"]).
    A fact recorded by an older desi-pack, or not at all, is left out of the comparison."""
    if not before or not now:
        return ["de gegevens waarvan het gemaakt is"]
    both = [
        name for name in (*SHOWN_FACTS, *NAMED_FACTS) if name in before and name in now and before[name] != now[name]
    ]
    changes = [
        f"de {name} (was {before[name]}, nu {now[name]})" if name in SHOWN_FACTS else f"de {name}" for name in both
    ]
    return changes or ["iets anders waarvan het gemaakt is (sjabloon, cursusgegevens of een andere instelling)"]


class _Forms:
    """The templates of one build, and the job of each document, made once however often used."""

    def __init__(self, training: Training, course: Course, templates: Templates, plans: list[Schedule] | None = None):
        self.training, self.course, self.templates = training, course, templates
        self.plans = plans if plans is not None else schedules(training, course)
        self._base = calendars.uid_base(training)
        self._before: dict[int, dict] = {}
        self.course_key = hashlib.sha256(course.model_dump_json().encode()).hexdigest()
        everything = training.model_dump(mode="json")
        self.training_key = everything
        self.form_key = {name: value for name, value in everything.items() if name not in NOT_IN_FORMS}
        self.frame = documents.common(training, course)  # what the header and footer of every form show
        self._jobs: dict[tuple | str, Job] = {}

    def calendar_state(self, root: Path, previous: Previous) -> str:
        """Take what the pack's manifest kept of the calendar (the UIDs' part that is the training's,
        each event's version) when the folder is this training's; return that part of the UIDs."""
        if same_owner(recorded_owner(root) or self.training.owner, self.training.owner):
            self._base = recorded(root, CALENDAR) or self._base
            self._before = {
                plan.meeting.nummer: previous.facts(calendar_path(plan.meeting.nummer)) for plan in self.plans
            }
        return self._base

    @cached_property
    def events(self) -> list[calendars.Entry]:
        return calendars.entries(
            self.training, self.course, self.plans, self._base, lambda number: self._before.get(number, {})
        )

    def calendar(self, number: int | None = None) -> Job:
        """The calendar file of one meeting, or with no number of the whole training."""
        events = [e for e in self.events if number in (None, e.appointment.number)]
        name = f"{self.course.rules.naam} ({self.training.organisatie})"
        if number is not None:
            name = f"{name}, bijeenkomst {number}"
        return Job(key("kalender", name, [asdict(e) for e in events]), calendars.ics, (events, name), cost_ms=2)

    def own_facts(self, number: int) -> dict[str, dict]:
        """What the manifest keeps of a meeting's files besides `meeting_facts`: its event's version, and
        on the first meeting's list of dates the dates of all."""
        event = next(e for e in self.events if e.appointment.number == number)
        own = {calendar_path(number): calendars.facts(event)}
        if number == 1:
            own[f"bijeenkomst-1/{documents.DATES}"] = self.dates_facts()
        return own

    def dates(self) -> Job:
        """The printed list of dates (one job for both places it is in)."""
        if "data" in self._jobs:
            return self._jobs["data"]
        appointments = [e.appointment for e in self.events]
        inputs = key("data", self.frame, [asdict(a) for a in appointments], self.templates.digest(FORM))
        self._jobs["data"] = Job(
            inputs, datelist.render, (self.training, self.course, appointments, self.templates), cost_ms=6
        )
        return self._jobs["data"]

    def dates_facts(self) -> dict[str, str]:
        """The facts of the list of dates: those of every meeting, one after the other."""
        shown = [e.appointment.facts for e in self.events]
        return {name: " / ".join(f[name] for f in shown) for name in calendars.WHERE_AND_WHEN} | {
            "trainers": dutch.names(list(self.training.trainers)),
            "organisatie": self.training.owner,
        }

    def meeting_key(self, number: int) -> dict:
        """The training as one meeting's workbook shows it: its own date, time and place only."""
        return self.training_key | {"bijeenkomsten": [self.training_key["bijeenkomsten"][number - 1]]}

    def instrument(self, number: str) -> Job:
        return self.handout(documents.INSTRUMENT, number)

    def handout(self, kind: str, number: str, sheet: int = 0) -> Job:
        """A form, worksheet or poster."""
        if (kind, number, sheet) not in self._jobs:
            # The verwijskaart is the training's local card where it has one (instruments.REFERRAL).
            local = self.training_key.get("verwijskaart") if number == instruments.REFERRAL else None
            inputs = key(
                "formulier",
                kind,
                number,
                sheet,
                self.form_key,
                self.frame,
                self.course_key,
                self.templates.digest(FORM),
                local,
            )
            self._jobs[kind, number, sheet] = Job(inputs, self._render, (kind, number, sheet), cost_ms=6)
        return self._jobs[kind, number, sheet]

    def document(self, name: str, context: dict, form: str | None = None) -> Job:
        """A template filled with context; with `form` (the name of its fields, 'huiswerk-2') it gets
        text fields on its writing lines."""
        inputs = key("sjabloon", name, form, context, self.templates.digest(name))
        if form:
            return Job(inputs, instruments.fillable, (self.templates, name, context, form), cost_ms=5)
        return Job(inputs, self.templates.render, (name, context), cost_ms=3)

    def print_file(
        self, plan: Schedule, jobs: dict[str, Job], own: dict[str, list[str]] | None = None, counted: bool = False
    ) -> Job:
        """A meeting's print file, from the documents of its folder (`own`: the paths the user changed,
        with what changed since their version was made, in words; `counted`: its pages will be counted
        in its PDF)."""
        own = own or {}
        folder = f"bijeenkomst-{plan.meeting.nummer}/"
        needs = {
            path: job
            for path, job in jobs.items()
            if path.startswith(folder) and path.endswith(".docx") and NEWER + "." not in path
        }
        front = printfile.cover(
            self.training,
            self.course,
            plan,
            {path.removeprefix(folder) for path in needs},
            {path.removeprefix(folder): changes for path, changes in own.items() if path.startswith(folder)},
        )
        # Its parts by what they are made from, without desi-pack's code (its own key has that): a print
        # file the trainer changed is out of date when a part's inputs changed, not after an update.
        parts = [(path, inputs_of(job.key)) for path, job in needs.items()]
        inputs, with_pages = (
            key("printen", asdict(front), parts, self.templates.digest(FORM), pages) for pages in (counted, True)
        )
        # Without PDFs the pages are not counted; a print file an earlier build with PDFs left, its pages
        # counted, is as good (building with and without --pdf in turn then rewrites nothing).
        return Job(inputs, self._print_file, (front, folder), needs, cost_ms=60, also=() if counted else (with_pages,))

    def _print_file(self, front: printfile.Cover, folder: str, needed: dict[str, bytes]) -> bytes:
        return printfile.render(
            front, {path.removeprefix(folder): data for path, data in needed.items()}, self.templates
        )

    def _render(self, kind: str, number: str, sheet: int) -> bytes:
        course, training = self.course, self.training
        if kind == documents.POSTER:
            return posters.render(number, course.posters[number], sheet, training, course, self.templates)
        form = (
            course.instruments[number]
            if kind == documents.INSTRUMENT
            else instruments.worksheet(course.exercises[number])
        )
        return instruments.render(number, form, training, course, self.templates)


def meeting_files(training: Training, course: Course, plan: Schedule, forms: _Forms) -> dict[str, bytes]:
    """The files of one meeting's folder, by relative path, all made here and now."""
    return run(meeting_jobs(training, course, plan, forms), None, STAGE_DOCUMENTS, parallel=False)


def meeting_jobs(training: Training, course: Course, plan: Schedule, forms: _Forms) -> dict[str, Job]:
    """How to make the files of one meeting's folder, by relative path."""
    meeting = plan.meeting
    number = meeting.nummer
    folder = f"bijeenkomst-{number}"
    has_next = number < len(training.bijeenkomsten)
    next_slot = training.bijeenkomsten[number] if has_next else None
    context = documents.draaiboek(training, course, plan, next_slot)
    files = {
        f"{folder}/{documents.draaiboek_filename(meeting)}": forms.document("draaiboek.docx", context),
        f"{folder}/agenda-bijeenkomst-{number}.xlsx": Job(
            key("agenda", number, forms.meeting_key(number), forms.course_key),
            _meeting_workbook,
            (training, course, plan, _homework_due(course, number)),
            here=True,
        ),
    }
    if meeting.huiswerk and has_next:
        files[f"{folder}/{documents.homework_filename(meeting)}"] = forms.document(
            "huiswerk.docx", documents.homework(training, course, meeting), form=f"huiswerk-{number + 1}"
        )
    for handout in documents.meeting_handouts(course, meeting):
        files[f"{folder}/{handout.path}"] = forms.handout(handout.kind, handout.key, handout.sheet)
    if number == 1:  # handed out at the first meeting
        files[f"{folder}/{documents.DATES}"] = forms.dates()
    files[calendar_path(number)] = forms.calendar(number)
    return files


def calendar_path(number: int) -> str:
    """The calendar file of one meeting, in its folder; the manifest keeps its event's version with it."""
    return f"bijeenkomst-{number}/{calendars.meeting_filename(number)}"


# openpyxl takes 0.1 s to import: only the process that makes the workbooks imports it (Job.here).


def _meeting_workbook(*args) -> bytes:
    from desi_pack.pack import workbooks

    return workbooks.meeting_workbook(*args)


def _overview_workbook(*args) -> bytes:
    from desi_pack.pack import workbooks

    return workbooks.overview_workbook(*args)


def _homework_due(course: Course, number: int) -> bool:
    """Whether the meeting before `number` gave homework, to be checked at this one."""
    return number > 1 and course.meetings[number - 2].huiswerk is not None


def _print_path(plan: Schedule) -> str:
    return f"bijeenkomst-{plan.meeting.nummer}/{printfile.filename(plan.meeting.nummer)}"


def _add_pdfs(
    soffice: str | Offices,
    files: dict[str, bytes],
    keys: dict[str, str],
    previous: Previous,
    progress: Progress | None,
    prints: dict[str, int],
) -> int:
    """A PDF beside every Word and Excel file (pdf.with_pdfs), keyed by what its document is made
    from; return how many were made. A print file (`prints`: its path and number of parts) is
    converted twice: once to count the pages of its parts in its own PDF, which are then written into
    its cover and footers, and once as it is then."""

    def numbered(marked: dict[str, bytes]) -> dict[str, bytes]:
        for path, pdf in marked.items():
            files[path] = printfile.set_page_numbers(files[path], printfile.page_ranges(pdf, prints[path]))
        return {path: files[path] for path in marked}

    pdf_keys, made = with_pdfs(
        soffice, files, previous, progress, TwoPass({path: files[path] for path in prints}, numbered), made_from=keys
    )
    keys.update(pdf_keys)
    return made


def _selected(meetings: list[int] | None, count: int) -> set[int]:
    if not meetings:
        return set(range(1, count + 1))
    wrong = [n for n in meetings if not 1 <= n <= count]
    if wrong:
        raise ArgumentProblem(
            f"bijeenkomst {wrong[0]} bestaat niet; kies een nummer van 1 tot en met {count}.", "meetings"
        )
    return set(meetings)


class BlankForms:
    """The forms a participant fills in and hands back, blank, as this training's build makes them.

    A form is named as its stored property names it (word/properties.py): the instrument's §
    ('6.8'), 'werkblad-3.5' or 'huiswerk-3'. Each is made when first asked for (a few ms);
    collecting filled-in forms compares them with these.
    """

    def __init__(self, training: Training, course: Course | None = None, templates_dir: Path | None = None):
        self.course = adapt(course or load_course(), training)
        self._forms = _Forms(training, self.course, Templates(templates_dir or training.templates_dir))
        self._made: dict[str, bytes | None] = {}
        self._homework = {f"huiswerk-{m.nummer + 1}": m for m in self.course.meetings[:-1] if m.huiswerk}
        self._worksheets = {
            f"werkblad-{h.key}"
            for m in self.course.meetings
            for h in documents.meeting_handouts(self.course, m)
            if h.kind == documents.WORKSHEET
        }

    def names(self) -> list[str]:
        """Every form's name, instruments first."""
        return [*self.course.instruments, *sorted(self._worksheets), *self._homework]

    def meetings(self, name: str) -> list[int]:
        """The meetings that hand the form out (a homework sheet: the meeting it is handed in at)."""
        if name in self._homework:
            return [self._homework[name].nummer + 1]
        kind, key = (
            (documents.WORKSHEET, name.removeprefix("werkblad-"))
            if name.startswith("werkblad-")
            else (documents.INSTRUMENT, name)
        )
        return [
            m.nummer
            for m in self.course.meetings
            if any(h.kind == kind and h.key == key for h in documents.meeting_handouts(self.course, m))
        ]

    def __call__(self, name: str) -> bytes | None:
        """The blank form's .docx; None for a name no form of this training has."""
        if name not in self._made:
            self._made[name] = self._make(name)
        return self._made[name]

    def _make(self, name: str) -> bytes | None:
        forms = self._forms
        if name in self._homework:
            meeting = self._homework[name]
            job = forms.document("huiswerk.docx", documents.homework(forms.training, self.course, meeting), form=name)
            return job.make(*job.args)
        if name in self._worksheets:
            return forms._render(documents.WORKSHEET, name.removeprefix("werkblad-"), 0)
        if name in self.course.instruments:
            return forms._render(documents.INSTRUMENT, name, 0)
        return None
