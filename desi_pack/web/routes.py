"""The page's addresses: the training (/), checking and saving it, the logo, the pack, the manual."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from flask import Flask, make_response, redirect, render_template, request

from desi_pack.errors import DesiPackError
from desi_pack.web import form as forms
from desi_pack.web.app import BuildRun, Workspace, download, inside, zip_of
from desi_pack.web.state import State


def register(app: Flask, workspace: Workspace) -> None:
    """Add the routes of the page for `workspace` to `app`."""
    from desi_pack.course.course import load_course

    manual = load_course()  # loaded once for the server's life: every check and build uses it

    @app.get("/")
    def training_page():
        if not workspace.training_file.is_file():
            return _start_page(workspace)
        state = State.read(workspace, manual)
        return render_template("training.html", state=state, saved=request.args.get("opgeslagen"))

    @app.post("/nieuw")
    def new_training():
        from desi_pack.files import write_new
        from desi_pack.resources import example_training

        write_new(
            workspace.training_file,
            example_training().read_bytes(),
            taken="Er staat al een training in deze map: laad de pagina opnieuw om daarmee verder te gaan.",
        )
        return _to("/")

    @app.post("/controle")
    def check():
        state = State.read(workspace, manual, request.form)
        return render_template("_controle.html", state=state, message=state.status())

    @app.post("/opslaan")
    def save():
        state = State.read(workspace, manual, request.form, overwrite=request.form.get("overschrijven") == "ja")
        if not state.save():
            return _again(state)
        return _to("/?opgeslagen=1")

    @app.post("/logo")
    def logo():
        upload = request.files.get("logo")
        state = State.read(workspace, manual, request.form)  # on a problem the page shows what was typed
        if upload is None or not upload.filename:
            state.general.append("Kies eerst een afbeelding met uw logo.")
            return _again(state)
        try:
            name = _store_logo(workspace.folder, upload.read(), upload.filename)
        except DesiPackError as err:
            state.general.append(err.message)
            return _again(state)
        state = State.read(
            workspace,
            manual,
            {**request.form.to_dict(), "logo": name},
            extra=[forms.Field(("logo",), forms.TEXT, "Logo")],
        )
        if not state.save():
            return _again(state)
        return _to("/?opgeslagen=1")

    @app.post("/pakket")
    def make_pack():
        state = State.read(workspace, manual, request.form)
        if not state.save():
            return _again(state)
        force = bool(request.form.get("force"))
        pack = _Pack.of(workspace)
        if pack is not None and pack.other_owner and not force:  # another training's pack: ask first
            return _to("/pakket")
        with workspace.lock:
            if workspace.build is None or workspace.build.finished:
                workspace.build = _start_build(
                    workspace, state.saved_training(), manual, pdf=bool(request.form.get("pdf")), force=force
                )
        return _to("/pakket")

    @app.get("/pakket")
    def pack_page():
        pack = _Pack.of(workspace)
        return render_template("pakket.html", run=_run_of(workspace, pack), pack=pack)

    @app.get("/pakket/voortgang")
    def progress():
        pack = _Pack.of(workspace)
        return render_template("_voortgang.html", run=_run_of(workspace, pack), pack=pack)

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
        message = (
            f"{path.name} is geopend in het programma dat deze computer ervoor gebruikt."
            if opened
            else f"{path.name} kon hier niet worden geopend; download het en open het zelf."
        )
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

    from desi_pack.web import collecting, referral

    referral.register(app, workspace, manual)
    collecting.register(app, workspace, manual)

    @app.get("/hulp")
    def manual_page():
        from desi_pack.web.manual import manual_html

        return render_template("hulp.html", manual=manual_html())


def _to(address: str):
    """Go to `address`: htmx is told in a header, a browser without script by a redirect (without
    the English page Flask puts in one)."""
    if request.headers.get("HX-Request"):
        response = make_response("", 204)
        response.headers["HX-Redirect"] = address
        return response
    moved = redirect(address, 303)
    moved.set_data(b"")
    return moved


def _again(state: State):
    """The form again with what is wrong: as fragments for htmx, as the whole page without script."""
    if request.headers.get("HX-Request"):
        return render_template("_controle.html", state=state, message=state.status())
    return render_template("training.html", state=state, saved=None), 400


def _start_page(workspace: Workspace):
    from desi_pack.training.config import like_training

    like = like_training(workspace.folder)
    return render_template("start.html", like=like)


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
    from desi_pack.training.example import warning

    run = BuildRun(example_note=warning(training))

    def work():
        try:
            run.result = build(
                training,
                workspace.out_dir,
                course=manual,
                pdf=pdf,
                force=force,
                progress=run,
                offices=workspace.offices,
            )
        except DesiPackError as err:
            run.error = err.message
        except Exception:  # said on the page; the log has the details
            import logging

            logging.getLogger(__name__).exception("build")
            run.error = (
                "Er ging iets mis in desi-pack zelf; het pakket is niet (helemaal) gemaakt. Probeer het opnieuw."
            )
        finally:
            run.finished = True

    run.thread = threading.Thread(target=work, name="desi-pack build", daemon=False)
    run.thread.start()
    time.sleep(0.05)  # a build with nothing to do is done before the page asks
    return run


def _run_of(workspace: Workspace, pack: _Pack | None) -> BuildRun | None:
    """The last build, while it runs or when it made the pack of the training as it is now."""
    run = workspace.build
    if run is None or not run.finished or run.result is None:
        return run
    return run if pack is not None and run.result.root == pack.root and not pack.other_owner else None


class _Pack:
    """The pack folder of the saved training, with its files per meeting (the print file first).

    `owner` is the training as it is now ("Welzijn De Linde, Zutphen"); `other_owner` the training
    the folder's last build was made for, when that is another one (a name or municipality changed,
    or another training of the same organisation): then its files are not this training's."""

    def __init__(self, root: Path, owner: str):
        from desi_pack.writing.output import recorded_owner, same_owner

        self.root, self.owner = root, owner
        recorded = recorded_owner(root)
        self.other_owner = recorded if recorded is not None and not same_owner(recorded, owner) else None

    @classmethod
    def of(cls, workspace: Workspace) -> _Pack | None:
        from desi_pack.training.config import load_training
        from desi_pack.writing.output import slugify

        try:
            training = load_training(workspace.training_file)
        except DesiPackError:
            return None
        root = workspace.out_dir / slugify(training.organisatie)
        return cls(root, training.owner) if root.is_dir() else None

    def calendars(self):
        """The pack's calendar files for the participants (pack.calendars.CalendarFile), the whole training first."""
        from desi_pack.pack.calendars import calendar_files

        return calendar_files(self.root)

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
