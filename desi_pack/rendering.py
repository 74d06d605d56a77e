"""Word templates: found (the user's folder first, then the built-in one), loaded once,
rendered with one sandboxed Jinja environment."""

from __future__ import annotations

import io
from pathlib import Path

from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from desi_pack.errors import TemplateProblem, reason
from desi_pack.resources import templates_dir

LOGO_HEIGHT_CM = 1.0


def jinja_env() -> SandboxedEnvironment:
    """The one environment every document is rendered with.

    Sandboxed so a template cannot reach Python internals; StrictUndefined so a
    misspelt variable is an error instead of a silent blank; autoescape because the
    output is XML and names may hold '&' or '<'.
    """
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


class Templates:
    """The Word templates of one build, each read from disk once."""

    def __init__(self, user_dir: Path | None = None):
        self.folders = [Path(user_dir)] if user_dir else []
        self.folders.append(templates_dir())
        self._blobs: dict[str, tuple[Path, bytes]] = {}
        self.env = jinja_env()

    def path(self, name: str) -> Path:
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        raise TemplateProblem(f"Het sjabloon {name} is niet gevonden in {', '.join(map(str, self.folders))}.")

    def _blob(self, name: str) -> tuple[Path, bytes]:
        if name not in self._blobs:
            path = self.path(name)
            try:
                self._blobs[name] = (path, path.read_bytes())
            except OSError as err:
                raise TemplateProblem(f"{path}: het sjabloon kan niet gelezen worden ({reason(err)}).") from err
        return self._blobs[name]

    @staticmethod
    def _with_logo(document: DocxTemplate, context: dict) -> dict:
        """The logo's bytes as a picture docxtpl can place; every template may use {{ logo }}."""
        logo = context.get("logo")
        if isinstance(logo, bytes):
            return context | {"logo": InlineImage(document, io.BytesIO(logo), height=Cm(LOGO_HEIGHT_CM))}
        return {"logo": None} | context

    def render(self, name: str, context: dict) -> bytes:
        """Fill the template `name` with context and return the .docx bytes."""
        path, blob = self._blob(name)
        try:
            document = DocxTemplate(io.BytesIO(blob))
            document.render(self._with_logo(document, context), jinja_env=self.env, autoescape=True)
        except UndefinedError as err:
            known = ", ".join(sorted(context))
            raise TemplateProblem(
                f"{path}: het sjabloon gebruikt een onbekende variabele ({err.message}); "
                f"bekende variabelen: {known}."
            ) from err
        except TemplateError as err:
            raise TemplateProblem(f"{path}: het sjabloon klopt niet ({err.message}).") from err
        except Exception as err:  # a damaged .docx raises zip, XML or key errors
            raise TemplateProblem(f"{path}: dit is geen bruikbaar Word-sjabloon ({type(err).__name__}).") from err
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
