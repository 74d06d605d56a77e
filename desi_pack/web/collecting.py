"""After the meetings on the page (`desi-pack verzamel` on the page): the filled-in forms dropped
(several files, or a .zip as a mail program saves them), kept in the training's folder
(<folder>/ingevuld/<date-time>/, web.uploads), read with the core as verzamel reads them
(collect.results.collect_and_write, over everything ever dropped), what was read and flagged, the
answers workbook, and the certificates for a chosen minimum attendance.
"""

from __future__ import annotations

from flask import Flask, render_template, request

from desi_pack.errors import DesiPackError
from desi_pack.web import uploads
from desi_pack.web.app import Workspace, download, inside

NO_PACK = (
    "Maak eerst het pakket op de pagina Training: de antwoorden en de aanwezigheid komen bij het pakket, en de "
    "aanwezigheid staat in de Excel-agenda's daarvan."
)
NO_PACK_FOLDER = "Maak het pakket op de pagina Training en vul daarin de aanwezigheid in."


def register(app: Flask, workspace: Workspace, manual) -> None:
    """Add /na and its addresses to `app`."""

    @app.get("/na")
    def after_page():
        return _page(workspace)

    @app.post("/na/formulieren")
    def drop_forms():
        files = [f for f in request.files.getlist("formulieren") if f.filename]
        if not files:
            return _page(
                workspace, upload_problem="Kies eerst de ingevulde formulieren (of een .zip ervan).", status=400
            )
        try:
            training = _training(workspace)
            from desi_pack.collect.results import existing_pack

            existing_pack(training, workspace.out_dir, NO_PACK)  # before anything is kept
            uploads.store_forms(workspace.folder, [(f.filename or "", f.read()) for f in files])
        except DesiPackError as err:
            return _page(workspace, upload_problem=err.message, status=400)
        return _collect(workspace, None)

    @app.post("/na/lezen")
    def read_again():
        return _collect(workspace, None, force=request.form.get("force") == "ja")

    @app.post("/na/bewijzen")
    def certificates():
        from desi_pack.collect.results import minimum_problem

        try:
            training = _training(workspace)
        except DesiPackError as err:
            return _page(workspace, upload_problem=err.message, status=400)
        chosen = request.form.get("minimaal", "")
        problem = (
            minimum_problem(training, int(chosen))
            if chosen.isdigit()
            else f"kies een getal van 1 tot en met {len(training.bijeenkomsten)}."
        )
        if problem:
            return _page(workspace, minimum_problem=problem[:1].upper() + problem[1:], status=400)
        return _collect(workspace, int(chosen))

    @app.get("/na/bestand/<path:relative>")
    def collected_file(relative: str):
        from desi_pack.collect.results import pack_folder

        try:
            pack = pack_folder(_training(workspace), workspace.out_dir)
        except DesiPackError:
            return render_template("fout.html", message="Er is nog geen pakket; maak het eerst."), 404
        return download(inside(pack, relative))


def _training(workspace: Workspace):
    from desi_pack.training.config import load_training

    return load_training(workspace.training_file)


def _folder(path) -> None:
    from desi_pack.errors import OutputError, reason

    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{path}: deze map kan niet gemaakt worden ({reason(err)}).") from err


def _collect(workspace: Workspace, minimum: int | None, force: bool = False):
    """Read everything dropped so far; with `minimum`, make the certificates too; with `force`, write
    over a workbook the trainer changed (after a backup), as verzamel --force."""
    from desi_pack.collect.results import collect_and_write, existing_pack

    forms = workspace.folder / uploads.FORMS_FOLDER
    try:
        training = _training(workspace)
        existing_pack(training, workspace.out_dir, NO_PACK)
        _folder(forms)  # certificates need only the agendas, as verzamel of an empty folder
        result = collect_and_write(forms, training, None, workspace.out_dir, force, minimum)
    except DesiPackError as err:
        return _page(workspace, upload_problem=err.message, status=400)
    workspace.collected = (result, minimum)
    return _page(workspace)


def _page(
    workspace: Workspace, upload_problem: str | None = None, minimum_problem: str | None = None, status: int = 200
):
    from desi_pack.collect import results
    from desi_pack.collect.certificates import ALL, FOLDER, path_of

    try:
        training, training_problem = _training(workspace), None
    except DesiPackError as err:
        training, training_problem = None, err.message
    result, minimum = workspace.collected or (None, None)
    if training is not None and minimum is None:
        minimum = results.default_minimum(training)
    chosen = request.form.get("minimaal", "")
    pack = None
    if result is not None:
        pack = result.workbook.parent
    dropped = workspace.folder / uploads.FORMS_FOLDER
    count = sum(1 for p in dropped.rglob("*") if p.is_file() and not p.name.startswith(".")) if dropped.is_dir() else 0
    return render_template(
        "na.html",
        training=training,
        training_problem=training_problem,
        result=result,
        results=results,
        minimum=int(chosen) if chosen.isdigit() else minimum,
        upload_problem=None if upload_problem == training_problem else upload_problem,
        minimum_problem=minimum_problem,
        pack=pack,
        dropped=dropped,
        count=count,
        how_to_point=NO_PACK_FOLDER,
        certificate_of=path_of,
        all_certificates=f"{FOLDER}/{ALL}",
    ), status
