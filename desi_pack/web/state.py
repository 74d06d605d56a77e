"""The training as the page sees it in one request: the file on disk, the form's changes made to it
(not yet saved), what the core's review says of that text, and where each problem is shown."""

from __future__ import annotations

from desi_pack.errors import DesiPackError, Problem
from desi_pack.web import form as forms
from desi_pack.web.app import Workspace, problems_by_field


class State:
    """The training file as the page sees it in one request: as on disk, with the form's changes
    (not yet saved), and what the review says of that text."""

    def __init__(
        self,
        workspace: Workspace,
        manual,
        source,
        data,
        text: str,
        review,
        changes: dict,
        sent_stamp: str | None,
        general: list[str],
        shown_review=None,
    ):
        self.workspace, self.manual, self.source = workspace, manual, source
        self.data, self.text, self.review, self.changes = data, text, review, changes
        self.changed_on_disk = sent_stamp is not None and sent_stamp != source.stamp
        self.shown = shown_review or review  # whose agendas and warnings the page shows (see `read`)
        left_out = {}
        if self.shown.course is not None:
            left_out = {m.nummer: [r.positie for r in m.weggelaten] for m in self.shown.course.meetings}
        self.sections = forms.sections(data, manual, left_out)
        names = {f.name for s in self.sections for f in self.fields_of(s) if f.kind != forms.REMOVE_ITEM}
        names |= {s.name for s in self.sections} | {g.name for s in self.sections for g in s.groups}
        self._anchors = {part.name: part.id for s in self.sections for part in (s, *s.groups)}
        placed, rest = problems_by_field(review.problems, names | {"logo"})
        self.errors, self.general = placed, [*general, *rest]
        self.leftovers = _leftovers(review.training or self.shown.training)

    @classmethod
    def read(cls, workspace: Workspace, manual, sent=None, extra=(), overwrite: bool = False) -> State:
        """The state of the file with the changes of the `sent` form (None: the file as it is).

        Where the typed text has problems, the agendas and warnings shown are those of the text with
        only the changes that have none (a name left empty does not hide the agendas). With
        `overwrite`, the form is taken as made on the file as it is now, though that changed since
        the page read it (the trainer chose to keep their own version)."""
        from desi_pack.course.review import review
        from desi_pack.training.config import PATH_KEYS
        from desi_pack.training.editing import edited, read_training_text
        from desi_pack.yamlio import load_yaml

        source = read_training_text(workspace.training_file)
        text, changes, general = source.text, {}, []
        if sent is not None:
            current = load_yaml(source.path, source.text, path_keys=PATH_KEYS).data
            left_out = _left_out(workspace, manual, source)
            shown_fields = [f for s in forms.sections(current, manual, left_out) for f in cls.fields_of(s)]
            changes = forms.changes(sent, current, [*shown_fields, *extra])
            if changes:
                try:
                    text = edited(source, changes, PATH_KEYS)
                except DesiPackError as err:
                    general.append(err.message)
        result = review(source.path, text, manual)
        shown = None
        if result.problems and changes:
            sound = {
                path: value
                for path, value in changes.items()
                if not any(_overlap(path, problem.loc) for problem in result.problems)
            }
            try:
                shown = review(source.path, edited(source, sound, PATH_KEYS), manual)
            except DesiPackError:
                shown = None
            shown = shown if shown is not None and not shown.problems else None
        try:
            data = load_yaml(source.path, text, path_keys=PATH_KEYS).data
        except DesiPackError:
            data = load_yaml(source.path, source.text, path_keys=PATH_KEYS).data if text != source.text else {}
        stamp = None if sent is None or overwrite else sent.get("stempel")
        return cls(workspace, manual, source, data, text, result, changes, stamp, general, shown)

    @staticmethod
    def fields_of(section: forms.Section) -> list[forms.Field]:
        return [*section.fields, *(f for group in section.groups for f in group.fields)]

    def save(self) -> bool:
        """Write the changes when the training has no problems and the file is the one the page read."""
        from desi_pack.training.editing import save

        if self.changed_on_disk or self.review.problems or self.general:
            return False
        if self.changes:
            try:
                self.source = save(self.source, self.text)
            except DesiPackError as err:
                self.general.insert(0, err.message)
                return False
        return True

    def saved_training(self):
        return self.review.training

    def status(self) -> str:
        count = len(self.review.problems) + len(self.general)
        if self.changed_on_disk:
            return "Niet opgeslagen: het bestand is intussen veranderd (zie hieronder)."
        if count:
            return f"Nog niet opgeslagen: {count} {'fout' if count == 1 else 'fouten'} om te herstellen."
        return "Niet opgeslagen wijzigingen." if self.changes else "Alles is opgeslagen."

    @property
    def stamp(self) -> str:
        return self.source.stamp

    def summary(self) -> list[tuple[str, str]]:
        """Every problem of the training as (the id of the field it is beside, the sentence): the
        field's label before what is shown beside it; a problem of no field as the CLI says it."""
        from desi_pack.web.app import place_of

        labels = {f.name: f.label for s in self.sections for f in self.fields_of(s) if f.kind != forms.REMOVE_ITEM}
        labels |= {part.name: part.title for s in self.sections for part in (s, *s.groups)}
        listed = []
        for problem in self.review.problems:
            found = place_of(problem, set(labels))
            if found is None:
                listed.append(("algemeen", str(problem)))
            else:
                listed.append((self.anchor_of(problem), f"{self._where(problem.loc)}{labels[found[0]]}: {found[1]}"))
        return listed

    def _where(self, loc: tuple) -> str:
        """'Bijeenkomst 3, ' for a field of a meeting; '' otherwise."""
        if len(loc) > 2 and loc[0] == "bijeenkomsten" and isinstance(loc[1], int):
            return f"Bijeenkomst {loc[1] + 1}, "
        if len(loc) > 3 and loc[:2] == ("verwijskaart", "contacten") and isinstance(loc[2], int):
            return f"Verwijskaart, contact {loc[2] + 1}, "
        return ""

    def anchor_of(self, problem: Problem) -> str:
        """The id of the field (or part of the form) a problem is shown beside."""
        for length in range(len(problem.loc), 0, -1):
            name = ".".join(map(str, problem.loc[:length]))
            if name in self.errors:
                return self._anchors.get(name) or "veld-" + name.replace(".", "-")
        return "algemeen"

    def length_line(self, schedule) -> str:
        from desi_pack.course.adapt import total_line

        return total_line(schedule)

    def end_line(self, schedule) -> str:
        """Where the parts do not fill the planned length: by how much, when the meeting ends, and
        whether the trainer still has to choose (rules.meeting_end); '' where there is nothing to decide."""
        from desi_pack import dutch
        from desi_pack.course.rules import meeting_end

        end = meeting_end(schedule)
        if end.question is None:
            return ""
        how = "langer" if schedule.difference > 0 else "korter"
        spare = f"; u houdt {end.spare} minuten over" if end.spare else ""
        choose = "" if end.einde else " Kies bij ‘Einde’ wanneer ze eindigt."
        return (
            f"De onderdelen duren samen {dutch.minutes(schedule.total)}, {dutch.minutes(abs(schedule.difference))} "
            f"{how} dan de geplande {dutch.minutes(schedule.length)}. De bijeenkomst eindigt om "
            f"{dutch.clock(end.end)}{spare}.{choose}"
        )

    def manual_rows(self, number: int):
        return forms.manual_rows(self.manual.meetings[number - 1])

    def error_of(self, name: str) -> list[str]:
        return self.errors.get(name, [])

    def note_of(self, name: str) -> str:
        """A remark beside a field that is no problem: a value still from the example (not beside a
        field with a problem: its value is not the example's any more)."""
        return "" if name in self.errors else self.leftovers.get(name, "")

    def schedule_of(self, number: int):
        schedules = self.shown.schedules
        return schedules[number - 1] if number <= len(schedules) else None


def _left_out(workspace: Workspace, manual, source) -> dict[int, list[int]]:
    """Per meeting the rows the file on disk leaves out, by position; kept per version of the file
    (its stamp), so that a check while typing reviews only the typed text."""
    cached = workspace.left_out.get(source.stamp)
    if cached is None:
        from desi_pack.course.review import review

        found = review(source.path, source.text, manual)
        cached = (
            {} if found.course is None else {m.nummer: [r.positie for r in m.weggelaten] for m in found.course.meetings}
        )
        workspace.left_out = {source.stamp: cached}
    return cached


def _overlap(path: tuple, loc: tuple) -> bool:
    """Whether a change at `path` is (part of) what a problem at `loc` is about."""
    shorter = min(len(path), len(loc))
    return shorter > 0 and path[:shorter] == loc[:shorter]


def _leftovers(training) -> dict[str, str]:
    """The values still the example's (training.example), by field name: the page asks to replace them."""
    if training is None:
        return {}
    from desi_pack.training.example import leftover_paths

    found: dict[str, str] = {}
    for path, _text in leftover_paths(training):
        name = ".".join(map(str, path[:-1] if path and isinstance(path[-1], int) else path))
        found.setdefault(name, "Dit komt nog uit het voorbeeld; vervang het door uw eigen gegevens.")
    return found
