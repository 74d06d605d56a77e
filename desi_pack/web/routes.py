"""The page's addresses: the training (/), checking and saving it, the logo, the pack, the manual."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from flask import Flask, make_response, redirect, render_template, request

from desi_pack.errors import DesiPackError, Problem
from desi_pack.web import form as forms
from desi_pack.web.app import BuildRun, Workspace, download, inside, problems_by_field, zip_of


def register(app: Flask, workspace: Workspace) -> None:
    """Add the routes of the page for `workspace` to `app`."""
    from desi_pack.course.course import load_course
    manual = load_course()  # loaded once for the server's life: every check and build uses it

    @app.get("/")
    def training_page():
        if not workspace.training_file.is_file():
            return _start_page(workspace)
        state = _State.read(workspace, manual)
        return render_template("training.html", state=state, saved=request.args.get("opgeslagen"))

    @app.post("/nieuw")
    def new_training():
        from desi_pack.training.starter import write_starter
        write_starter(workspace.training_file)
        return _to("/")

    @app.post("/controle")
    def check():
        state = _State.read(workspace, manual, request.form)
        return render_template("_controle.html", state=state, message=state.status())

    @app.post("/opslaan")
    def save():
        state = _State.read(workspace, manual, request.form)
        if not state.save():
            return _again(state)
        return _to("/?opgeslagen=1")

    @app.post("/logo")
    def logo():
        upload = request.files.get("logo")
        state = _State.read(workspace, manual, request.form, edit=False)
        if upload is None or not upload.filename:
            state.general.append("Kies eerst een afbeelding met uw logo.")
            return _again(state)
        try:
            name = _store_logo(workspace.folder, upload.read(), upload.filename)
        except DesiPackError as err:
            state.general.append(err.message)
            return _again(state)
        state = _State.read(workspace, manual, {**request.form.to_dict(), "logo": name}, extra=[forms.Field(
            ("logo",), forms.TEXT, "Logo")])
        if not state.save():
            return _again(state)
        return _to("/?opgeslagen=1")

    @app.post("/pakket")
    def make_pack():
        state = _State.read(workspace, manual, request.form)
        if not state.save():
            return _again(state)
        with workspace.lock:
            if workspace.build is None or workspace.build.finished:
                workspace.build = _start_build(workspace, state.saved_training(), manual,
                                               pdf=bool(request.form.get("pdf")), force=bool(request.form.get("force")))
        return _to("/pakket")

    @app.get("/pakket")
    def pack_page():
        return render_template("pakket.html", run=workspace.build, pack=_Pack.of(workspace))

    @app.get("/pakket/voortgang")
    def progress():
        return render_template("_voortgang.html", run=workspace.build, pack=_Pack.of(workspace))

    @app.get("/pakket/bestand/<path:relative>")
    def pack_file(relative: str):
        pack = _Pack.of(workspace)
        if pack is None:
            return render_template("fout.html", message="Er is nog geen pakket; maak het eerst."), 404
        return download(inside(pack.root, relative))

    @app.post("/pakket/openen/<path:relative>")
    def open_file(relative: str):
        import click
        pack = _Pack.of(workspace)
        if pack is None:
            return render_template("fout.html", message="Er is nog geen pakket; maak het eerst."), 404
        path = inside(pack.root, relative)
        try:
            opened = click.launch(str(path)) == 0
        except OSError:
            opened = False
        message = (f"{path.name} is geopend in het programma dat deze computer ervoor gebruikt." if opened else
                   f"{path.name} kon hier niet worden geopend; download het en open het zelf.")
        if request.headers.get("HX-Request"):
            return render_template("_geopend.html", message=message)
        return _to("/pakket") if opened else (render_template("fout.html", message=message), 400)

    @app.get("/pakket/alles.zip")
    def pack_zip():
        pack = _Pack.of(workspace)
        if pack is None:
            return render_template("fout.html", message="Er is nog geen pakket; maak het eerst."), 404
        response = make_response(zip_of(pack.root))
        response.headers["Content-Type"] = "application/zip"
        response.headers["Content-Disposition"] = f'attachment; filename="{pack.root.name}.zip"'
        return response

    @app.get("/hulp")
    def manual_page():
        from desi_pack.web.manual import manual_html
        return render_template("hulp.html", manual=manual_html())


def _to(address: str):
    """Go to `address`: htmx is told in a header, a browser without script by a redirect."""
    if request.headers.get("HX-Request"):
        response = make_response("", 204)
        response.headers["HX-Redirect"] = address
        return response
    return redirect(address, 303)


def _again(state: _State):
    """The form again with what is wrong: as fragments for htmx, as the whole page without script."""
    if request.headers.get("HX-Request"):
        return render_template("_controle.html", state=state, message=state.status())
    return render_template("training.html", state=state, saved=None), 400


def _start_page(workspace: Workspace):
    from desi_pack.training.config import like_training
    like = like_training(workspace.folder)
    return render_template("start.html", like=like)


class _State:
    """The training file as the page sees it in one request: as on disk, with the form's changes
    (not yet saved), and what the review says of that text."""

    def __init__(self, workspace: Workspace, manual, source, data, text: str, review, changes: dict,
                 sent_stamp: str | None, general: list[str]):
        self.workspace, self.manual, self.source = workspace, manual, source
        self.data, self.text, self.review, self.changes = data, text, review, changes
        self.changed_on_disk = sent_stamp is not None and sent_stamp != source.stamp
        self.general = general
        left_out = {}
        if review.course is not None:
            left_out = {m.nummer: [r.positie for r in m.weggelaten] for m in review.course.meetings}
        self.sections = forms.sections(data, manual, left_out)
        names = {f.name for s in self.sections for f in self.fields_of(s) if f.kind != forms.REMOVE_ITEM}
        names |= {s.name for s in self.sections} | {g.name for s in self.sections for g in s.groups}
        self._anchors = {part.name: part.id for s in self.sections for part in (s, *s.groups)}
        placed, rest = problems_by_field(review.problems, names | {"logo"})
        self.errors, self.general = placed, [*general, *rest]

    @classmethod
    def read(cls, workspace: Workspace, manual, sent=None, edit: bool = True, extra=()) -> _State:
        from desi_pack.course.review import review
        from desi_pack.training.config import PATH_KEYS
        from desi_pack.training.editing import edited, read_training_text
        from desi_pack.yamlio import load_yaml
        source = read_training_text(workspace.training_file)
        text, changes, general = source.text, {}, []
        if sent is not None and edit:
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
        try:
            data = load_yaml(source.path, text, path_keys=PATH_KEYS).data
        except DesiPackError:
            data = {}
        return cls(workspace, manual, source, data, text, result, changes,
                   sent.get("stempel") if sent is not None else None, general)

    @staticmethod
    def fields_of(section: forms.Section) -> list[forms.Field]:
        return [*section.fields, *(f for group in section.groups for f in group.fields)]

    def save(self) -> bool:
        """Write the changes when the training has no problems and the file is the one the page read."""
        from desi_pack.training.editing import save
        if self.changed_on_disk:
            self.general.insert(0, f"{self.source.path} is veranderd sinds deze pagina het las (in een ander "
                                   "programma?); uw wijzigingen zijn niet opgeslagen. Laad de pagina opnieuw.")
            return False
        if self.review.problems or self.general:
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
        if count:
            return f"Nog niet opgeslagen: {count} {'fout' if count == 1 else 'fouten'} om te herstellen."
        return "Niet opgeslagen wijzigingen." if self.changes else "Alles is opgeslagen."

    @property
    def stamp(self) -> str:
        return self.source.stamp

    def summary(self) -> list[tuple[str, str]]:
        """Every problem of the training as (the id of the field it is beside, the sentence): a field's
        label before its problem; a problem of no field with the file and line, as the CLI says it."""
        labels = {f.name: f.label for s in self.sections for f in self.fields_of(s) if f.kind != forms.REMOVE_ITEM}
        labels |= {part.name: part.title for s in self.sections for part in (s, *s.groups)}
        listed = []
        for problem in self.review.problems:
            anchor = self.anchor_of(problem)
            name = ".".join(map(str, problem.loc))
            if name in labels:
                message = problem.message[:1].upper() + problem.message[1:]
                listed.append((anchor, f"{self._where(problem.loc)}{labels[name]}: {message}"))
            else:
                listed.append((anchor, str(problem)))
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
        return (f"De onderdelen duren samen {dutch.minutes(schedule.total)}, {dutch.minutes(abs(schedule.difference))} "
                f"{how} dan de geplande {dutch.minutes(schedule.length)}. De bijeenkomst eindigt om "
                f"{dutch.clock(end.end)}{spare}.{choose}")

    def error_of(self, name: str) -> list[str]:
        return self.errors.get(name, [])

    def schedule_of(self, number: int):
        schedules = self.review.schedules
        return schedules[number - 1] if number <= len(schedules) else None


def _left_out(workspace: Workspace, manual, source) -> dict[int, list[int]]:
    """Per meeting the rows the file on disk leaves out, by position; kept per version of the file
    (its stamp), so that a check while typing reviews only the typed text."""
    cached = workspace.left_out.get(source.stamp)
    if cached is None:
        from desi_pack.course.review import review
        found = review(source.path, source.text, manual)
        cached = {} if found.course is None else {
            m.nummer: [r.positie for r in m.weggelaten] for m in found.course.meetings}
        workspace.left_out = {source.stamp: cached}
    return cached


def _store_logo(folder: Path, data: bytes, filename: str) -> str:
    """Check the uploaded logo as the training file's logo is checked, and store it beside the
    training file under a name of its own ('logo.png'; 'logo-2.png' when that is taken by another
    picture). Returns the name; raises DesiPackError in Dutch."""
    from desi_pack.training import logo
    from desi_pack.training.logo import LogoProblem
    try:
        picture = logo.normalise(data, Path(filename).name)
    except LogoProblem as problem:
        raise DesiPackError(str(problem)) from None
    suffix = ".png" if picture.startswith(b"\x89PNG") else ".jpg"
    for n in range(1, 100):
        path = folder / f"logo{'' if n == 1 else f'-{n}'}{suffix}"
        if path.exists() and path.read_bytes() != picture:
            continue
        from desi_pack.files import write_new
        if not path.exists():
            write_new(path, picture)
        return path.name
    raise DesiPackError(f"In {folder} staan al 99 logo's; ruim er een paar op.")


def _start_build(workspace: Workspace, training, manual, pdf: bool, force: bool) -> BuildRun:
    from desi_pack.pack.build import build
    run = BuildRun()

    def work():
        try:
            run.result = build(training, workspace.out_dir, course=manual, pdf=pdf, force=force, progress=run)
        except DesiPackError as err:
            run.error = err.message
        except Exception:  # said on the page; the log has the details
            import logging
            logging.getLogger(__name__).exception("build")
            run.error = ("Er ging iets mis in desi-pack zelf; het pakket is niet (helemaal) gemaakt. Probeer het "
                         "opnieuw.")
        finally:
            run.finished = True

    run.thread = threading.Thread(target=work, name="desi-pack build", daemon=False)
    run.thread.start()
    time.sleep(0.05)  # a build with nothing to do is done before the page asks
    return run


class _Pack:
    """The pack folder of the saved training, with its files per meeting (the print file first)."""

    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def of(cls, workspace: Workspace) -> _Pack | None:
        from desi_pack.training.config import load_training
        from desi_pack.writing.output import slugify
        try:
            training = load_training(workspace.training_file)
        except DesiPackError:
            return None
        root = workspace.out_dir / slugify(training.organisatie)
        return cls(root) if root.is_dir() else None

    def groups(self) -> list[tuple[str, list[str]]]:
        """('Bijeenkomst 1', ['bijeenkomst-1/printen-bijeenkomst-1.docx', …]) per folder; the pack's own files first."""
        found: dict[str, list[str]] = {}
        for path in sorted(self.root.rglob("*")):
            relative = path.relative_to(self.root)
            if not path.is_file() or any(part.startswith((".", "reservekopie-")) for part in relative.parts):
                continue
            folder = relative.parts[0] if len(relative.parts) > 1 else ""
            found.setdefault(folder, []).append(relative.as_posix())
        named = []
        for folder in sorted(found, key=_folder_order):
            files = sorted(found[folder], key=lambda name: (not Path(name).name.startswith("printen-"), name))
            named.append((_folder_title(folder), files))
        return named


def _folder_order(folder: str) -> tuple:
    if not folder:
        return (0, 0, "")
    if folder.startswith("bijeenkomst-") and folder[12:].isdigit():
        return (1, int(folder[12:]), "")
    return (2, 0, folder)


def _folder_title(folder: str) -> str:
    if not folder:
        return "De hele training"
    if folder.startswith("bijeenkomst-"):
        return f"Bijeenkomst {folder[12:]}"
    return {"instrumenten": "Alle invulformulieren van het werkboek"}.get(folder, folder)

