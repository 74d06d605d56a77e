"""The page's routes: the training as a form, its agendas live, the pack, and the manual.

A thin layer over the core, as the CLI is: the form's values become changes of the training
file (web.form, training.editing), every check is course.review, a build is pack.build.build.
Every request first passes guard.Guard (see there). Messages are the core's Dutch sentences.
"""

from __future__ import annotations

import io
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, redirect, render_template, request, send_file

from desi_pack.errors import DesiPackError, Problem
from desi_pack.web.guard import COOKIE, FORM_FIELD, HEADER, PARAMETER, Guard, Refused, secure_headers

MAX_UPLOAD = 25 * 1024 * 1024  # a logo may be 20 MB (training.logo.MAX_BYTES); more is no logo


@dataclass
class Workspace:
    """The folder the page works in: its training file, where the pack goes, and a build running."""

    folder: Path
    out_dir: Path
    build: BuildRun | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    left_out: dict = field(default_factory=dict)  # the rows the saved file leaves out, by its stamp
    cards: Any = None  # (verwijskaart.CardsResult, its source 'werkmap' or 'training', with PDFs) last made here
    collected: Any = None  # (collect.results.Result, the minimum asked or None) last read here
    offices: Any = None  # writing.office.Offices: LibreOffice kept running for the PDFs, or None

    @property
    def training_file(self) -> Path:
        from desi_pack.training.config import NAME

        return self.folder / NAME


@dataclass
class BuildRun:
    """One build in the background: its progress, and its result or its error when done."""

    stage: str = "Voorbereiden"
    done: int = 0
    total: int = 0
    result: Any = None
    error: str | None = None
    finished: bool = False
    thread: threading.Thread | None = None
    example_note: str | None = None  # the core's note on example data, which the page says in its own way

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.stage, self.done, self.total = stage, done, total


def create_app(folder: Path, guard: Guard, out_dir: Path | None = None, offices: Any = None) -> Flask:
    """The page's Flask app for the training in `folder` (its training.yaml), the pack in
    `out_dir` (default: folder/output, as `desi-pack build` makes it there)."""
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_UPLOAD, TEMPLATES_AUTO_RELOAD=False)
    workspace = Workspace(folder.absolute(), (out_dir or folder / "output").absolute(), offices=offices)
    app.extensions["desi"] = workspace
    from desi_pack.errors import said

    app.jinja_env.filters["said"] = said  # a core sentence's spots for the CLI's options, left out here

    @app.before_request
    def _guard():
        try:
            guard.check_request(
                request.method,
                request.host,
                request.cookies.get(COOKIE),
                request.args.get(PARAMETER),
                request.headers.get("Origin"),
                request.headers.get(HEADER) or request.form.get(FORM_FIELD),
                request.headers.get("Sec-Fetch-Site"),
            )
        except Refused as refused:
            return _error_page(refused.message, refused.status)
        if request.args.get(PARAMETER):  # the address the browser was opened with: keep the key, hide it
            response = redirect(request.path)
            response.set_cookie(COOKIE, guard.secret, httponly=True, samesite="Strict", path="/")
            return response
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        secure_headers(response.headers)
        return response

    @app.context_processor
    def _common():
        from desi_pack.pack import report

        return {
            "csrf": guard.csrf_token,
            "csrf_header": HEADER,
            "csrf_field": FORM_FIELD,
            "workspace": workspace,
            "report": report,
        }

    @app.errorhandler(DesiPackError)
    def _user_error(err: DesiPackError):
        return _error_page(err.message, 400)

    @app.errorhandler(413)
    def _too_large(_err):
        return _error_page(
            f"Dit bestand is te groot om te uploaden; het mag hoogstens {MAX_UPLOAD // (1024 * 1024)} MB zijn.", 413
        )

    @app.errorhandler(404)
    def _not_found(_err):
        return _error_page("Deze pagina of dit bestand bestaat niet.", 404)

    @app.errorhandler(405)
    def _not_allowed(_err):
        return _error_page("Dit kan op deze pagina niet.", 405)

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        from werkzeug.exceptions import HTTPException

        if isinstance(err, HTTPException) and err.code:
            return _error_page("Dit verzoek kon niet worden verwerkt.", err.code)
        app.logger.exception("onverwachte fout")
        return _error_page(
            "Er ging iets mis in desi-pack zelf; uw trainingsbestand is niet gewijzigd. Laad de "
            "pagina opnieuw; gebeurt het weer, meld het dan met wat u deed.",
            500,
        )

    from desi_pack.web import routes

    routes.register(app, workspace)
    return app


def _error_page(message: str, status: int):
    return render_template("fout.html", message=message), status


def problems_by_field(problems: list[Problem], fields: set[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Each problem beside the field it is about (by `Problem.loc`), or beside the nearest part of
    the form that holds it; problems of no field shown (the file as a whole) in the second list."""
    placed: dict[str, list[str]] = {}
    general: list[str] = []
    for problem in problems:
        found = place_of(problem, fields)
        if found is None:
            general.append(str(problem))
        else:
            placed.setdefault(found[0], []).append(found[1])
    return placed, general


def place_of(problem: Problem, fields: set[str]) -> tuple[str, str] | None:
    """(the name of the field or part a problem is shown beside, the sentence shown there): its own
    message with a capital; 'Regel 3: …' for a line of a list typed one per line; the whole sentence
    for something deeper in a part (with its field path)."""
    loc = problem.loc
    for length in range(len(loc), 0, -1):
        name = ".".join(map(str, loc[:length]))
        if name in fields:
            text = problem.message[:1].upper() + problem.message[1:]
            if length == len(loc) - 1 and isinstance(loc[-1], int):
                text = f"Regel {loc[-1] + 1}: {problem.message}"
            elif length < len(loc):
                text = str(problem)
            return name, text
    return None


def zip_of(root: Path) -> bytes:
    """Every file of the pack folder `root` in one zip, with the folder's structure (no links out of it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
                archive.write(path, path.relative_to(root.parent).as_posix())
    return buffer.getvalue()


def inside(root: Path, relative: str) -> Path:
    """The file `relative` names inside `root`; 404 for anything else (`..`, a link out, a folder)."""
    if not relative or "\\" in relative or relative.startswith("/") or ".." in Path(relative).parts:
        abort(404)
    path = root / relative
    try:
        resolved = path.resolve(strict=True)
        resolved.relative_to(root.resolve(strict=True))
    except (OSError, ValueError):
        abort(404)
    if path.is_symlink() or not resolved.is_file():
        abort(404)
    return resolved


def download(path: Path, as_attachment: bool = True):
    return send_file(path, as_attachment=as_attachment, download_name=path.name, max_age=0)
