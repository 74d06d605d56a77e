"""The page's verwijskaart (`desi-pack verwijskaart` on the page): the empty contacts workbook, the
filled one uploaded and checked, the cards made from it or from the training, and their files.

The core does the work (verwijskaart.contacts, verwijskaart.verwijskaart); this module only stores
the upload in the training's folder (web.uploads) and shows the core's sentences.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, make_response, render_template, request

from desi_pack.errors import DesiPackError, WorkbookError, said
from desi_pack.web import uploads
from desi_pack.web.app import Workspace, download, inside, zip_of

WORKBOOK, TRAINING = "werkmap", "training"  # the two sources of cards


def register(app: Flask, workspace: Workspace, manual) -> None:
    """Add /verwijskaart and its addresses to `app`."""

    @app.get("/verwijskaart")
    def referral_page():
        return _page(workspace, manual)

    @app.get("/verwijskaart/contacten-leeg.xlsx")
    def empty_workbook():
        from desi_pack.training.referral import CardLabels
        from desi_pack.verwijskaart.contacts import template_bytes
        from desi_pack.verwijskaart.verwijskaart import INSTRUMENT

        response = make_response(template_bytes(CardLabels.from_instrument(manual.instruments[INSTRUMENT])))
        response.headers["Content-Type"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response.headers["Content-Disposition"] = 'attachment; filename="contacten.xlsx"'
        return response

    @app.post("/verwijskaart/contacten")
    def upload_contacts():
        upload = request.files.get("contacten")
        if upload is None or not upload.filename:
            return _page(
                workspace, manual, upload_problems=["Kies eerst de ingevulde contactenwerkmap (.xlsx)."], status=400
            )
        try:
            _path, stored = uploads.store_contacts(
                workspace.folder, upload.read(), replace=request.form.get("vervangen") == "ja"
            )
        except DesiPackError as err:
            return _page(workspace, manual, upload_problems=[err.message], status=400)
        if not stored:
            return _page(workspace, manual, ask_replace=True, status=409)
        return _page(workspace, manual, uploaded=True)

    @app.post("/verwijskaart/maken")
    def make():
        from desi_pack.training.config import load_training
        from desi_pack.verwijskaart.verwijskaart import make_cards

        source = request.form.get("bron")
        pdf, force = request.form.get("pdf") == "ja", request.form.get("force") == "ja"
        try:
            training = load_training(workspace.training_file)
            if source == WORKBOOK:
                workbook = _stored(workspace)
                if workbook is None:
                    raise DesiPackError("Upload eerst de ingevulde contactenwerkmap.")
                result = make_cards(
                    workbook,
                    workspace.out_dir,
                    organisation=training.organisatie,
                    style=training,
                    pdf=pdf,
                    course=manual,
                    force=force,
                    offices=workspace.offices,
                )
            else:
                result = make_cards(
                    workspace.training_file,
                    workspace.out_dir,
                    pdf=pdf,
                    course=manual,
                    force=force,
                    offices=workspace.offices,
                )
        except WorkbookError:
            return _page(workspace, manual, status=400)  # the page lists the workbook's problems
        except DesiPackError as err:
            return _page(workspace, manual, make_problem=err.message, status=400)
        workspace.cards = (result, source, pdf)
        return _page(workspace, manual, made=True)

    @app.get("/verwijskaart/bestand/<path:relative>")
    def card_file(relative: str):
        return download(inside(_cards_folder(workspace), relative))

    @app.get("/verwijskaart/kaarten.zip")
    def cards_zip():
        folder = _cards_folder(workspace)
        if not folder.is_dir():
            return render_template("fout.html", message="Er zijn nog geen kaarten; maak ze eerst."), 404
        response = make_response(zip_of(folder))
        response.headers["Content-Type"] = "application/zip"
        response.headers["Content-Disposition"] = 'attachment; filename="verwijskaarten.zip"'
        return response


def _stored(workspace: Workspace) -> Path | None:
    path = workspace.folder / uploads.CONTACTS_FOLDER / uploads.CONTACTS
    return path if path.is_file() else None


def _cards_folder(workspace: Workspace) -> Path:
    """Where the cards are: output/<organisation>/verwijskaarten, as `desi-pack verwijskaart` makes them."""
    from desi_pack.training.config import load_training
    from desi_pack.verwijskaart.verwijskaart import FOLDER
    from desi_pack.writing.output import slugify

    try:
        training = load_training(workspace.training_file)
    except DesiPackError:
        from flask import abort

        abort(404)
    return workspace.out_dir / slugify(training.organisatie) / FOLDER


def _workbook_state(workspace: Workspace, manual) -> tuple[list[str], list[str], list[str]]:
    """The stored workbook as the core reads it: (every problem, the places, the notes)."""
    from desi_pack.training.referral import CardLabels
    from desi_pack.verwijskaart.contacts import read_contacts
    from desi_pack.verwijskaart.verwijskaart import INSTRUMENT

    path = _stored(workspace)
    if path is None:
        return [], [], []
    try:
        book = read_contacts(path, CardLabels.from_instrument(manual.instruments[INSTRUMENT]))
    except WorkbookError as err:
        return [said(problem) for problem in err.problems], [], []  # no spots for the CLI's options
    except DesiPackError as err:
        return [err.message], [], []
    return [], [place.naam for place in book.places], book.notes


def _page(
    workspace: Workspace,
    manual,
    *,
    upload_problems: list[str] | None = None,
    ask_replace: bool = False,
    uploaded: bool = False,
    made: bool = False,
    make_problem: str | None = None,
    status: int = 200,
):
    from desi_pack.training.config import load_training
    from desi_pack.verwijskaart.verwijskaart import summary
    from desi_pack.writing.pdf import PdfError, find_libreoffice

    try:
        find_libreoffice()
        pdf = True
    except PdfError:
        pdf = False
    try:
        training, training_problem = load_training(workspace.training_file), None
    except DesiPackError as err:
        training, training_problem = None, err.message
    problems, places, notes = _workbook_state(workspace, manual)
    folder = None
    if training is not None:
        candidate = _cards_folder(workspace)
        folder = candidate if candidate.is_dir() else None
    files = (
        sorted(
            p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")
        )
        if folder
        else []
    )
    result, source, with_pdf = workspace.cards if made else (None, None, False)
    return render_template(
        "verwijskaart.html",
        pdf=pdf,
        training=training,
        training_problem=training_problem,
        stored=_stored(workspace),
        problems=[*(upload_problems or []), *([] if upload_problems else problems)],
        places=places,
        notes=notes,
        ask_replace=ask_replace,
        uploaded=uploaded,
        make_problem=None if make_problem == training_problem else make_problem,
        result=result,
        result_lines=summary(result) + result.notes if result else [],
        files=files,
        folder=folder,
        source=source,
        with_pdf=with_pdf,
    ), status
