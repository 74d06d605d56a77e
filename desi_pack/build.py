"""The build: from a training and the course data to the tree of documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desi_pack import documents, instruments, posters, workbooks
from desi_pack.adapt import adapt
from desi_pack.config import Training
from desi_pack.course import Course, load_course
from desi_pack.errors import InputError
from desi_pack.output import WrittenFile, slugify, write_tree
from desi_pack.rendering import Templates
from desi_pack.rules import RuleWarning, check
from desi_pack.schedule import Schedule, schedules

OVERVIEW = "overzicht-training.xlsx"


@dataclass
class BuildResult:
    root: Path
    files: list[WrittenFile] = field(default_factory=list)
    warnings: list[RuleWarning] = field(default_factory=list)


def build(
    training: Training,
    out_dir: str | Path = "output",
    meetings: list[int] | None = None,
    *,
    course: Course | None = None,
    templates_dir: Path | None = None,
    force: bool = False,
    only_instruments: bool = False,
) -> BuildResult:
    """Render every document in memory, then write them all at once."""
    course = adapt(course or load_course(), training)  # the trainer's own course (issue 7)
    selected = _selected(meetings, len(course.meetings))
    plans = schedules(training, course)
    warnings = check(training, course)
    forms = _Forms(training, course, Templates(templates_dir))
    files: dict[str, bytes] = {}
    if not only_instruments:
        for plan in plans:
            if plan.meeting.nummer in selected:
                files.update(meeting_files(training, course, plan, forms))
        files[OVERVIEW] = workbooks.overview_workbook(training, course, plans, warnings)
    for key in course.instruments:
        files[f"{documents.INSTRUMENTS}/{documents.instrument_filename(course, key)}"] = forms.instrument(key)
    root = Path(out_dir) / slugify(training.organisatie)
    return BuildResult(root, write_tree(root, files, force), warnings)


class _Forms:
    """The templates of one build, and each form rendered once however often used."""

    def __init__(self, training: Training, course: Course, templates: Templates):
        self.training, self.course, self.templates = training, course, templates
        self._done: dict[tuple[str, str, int], bytes] = {}

    def instrument(self, key: str) -> bytes:
        return self.handout(documents.INSTRUMENT, key)

    def handout(self, kind: str, key: str, sheet: int = 0) -> bytes:
        if (kind, key, sheet) not in self._done:
            self._done[kind, key, sheet] = self._render(kind, key, sheet)
        return self._done[kind, key, sheet]

    def _render(self, kind: str, key: str, sheet: int) -> bytes:
        course, training = self.course, self.training
        if kind == documents.POSTER:
            return posters.render(key, course.posters[key], sheet, training, course, self.templates)
        form = course.instruments[key] if kind == documents.INSTRUMENT else instruments.worksheet(
            course.exercises[key])
        return instruments.render(key, form, training, course, self.templates)


def meeting_files(training: Training, course: Course, plan: Schedule, forms: _Forms) -> dict[str, bytes]:
    """The files of one meeting's folder, by relative path."""
    meeting = plan.meeting
    number = meeting.nummer
    folder = f"bijeenkomst-{number}"
    has_next = number < len(training.bijeenkomsten)
    next_slot = training.bijeenkomsten[number] if has_next else None
    context = documents.draaiboek(training, course, plan, next_slot)
    files = {
        f"{folder}/{documents.draaiboek_filename(meeting)}": forms.templates.render("draaiboek.docx", context),
        f"{folder}/agenda-bijeenkomst-{number}.xlsx": workbooks.meeting_workbook(training, plan),
    }
    if meeting.huiswerk and has_next:
        files[f"{folder}/{documents.homework_filename(meeting)}"] = instruments.with_fields(
            forms.templates.render("huiswerk.docx", documents.homework(training, course, meeting)))
    for handout in documents.meeting_handouts(course, meeting):
        files[f"{folder}/{handout.path}"] = forms.handout(handout.kind, handout.key, handout.sheet)
    return files


def _selected(meetings: list[int] | None, count: int) -> set[int]:
    if not meetings:
        return set(range(1, count + 1))
    wrong = [n for n in meetings if not 1 <= n <= count]
    if wrong:
        raise InputError(
            f"--bijeenkomst {wrong[0]} bestaat niet; kies een nummer van 1 tot en met {count}."
        )
    return set(meetings)
