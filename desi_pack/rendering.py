"""Word templates: found (the user's folder first, then the built-in one), loaded once,
compiled once (compiled.py), rendered with one sandboxed Jinja environment."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from desi_pack.compiled import CompiledTemplate
from desi_pack.errors import TemplateProblem, reason
from desi_pack.resources import templates_dir


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
        self._compiled: dict[str, CompiledTemplate] = {}
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

    def digest(self, name: str) -> str:
        """A hash of the template `name`: a build remakes what a changed template fills."""
        return hashlib.sha256(self._blob(name)[1]).hexdigest()

    def compiled(self, name: str) -> CompiledTemplate:
        """The template `name`, compiled once per build (errors as in `render`)."""
        if name not in self._compiled:
            self._compiled[name] = CompiledTemplate(self._blob(name)[1], self.env)
        return self._compiled[name]

    def compiled_for(self, name: str, context: dict) -> CompiledTemplate | None:
        """The compiled template when it can fill in this context; None when docxtpl must: a
        template with footnotes, or a picture (bytes, such as a logo) among the values."""
        compiled = self.compiled(name)
        if not compiled.supported or any(isinstance(value, bytes) for value in context.values()):
            return None
        return compiled

    def render(self, name: str, context: dict) -> bytes:
        """Fill the template `name` with context and return the .docx bytes."""
        path, blob = self._blob(name)
        try:
            compiled = self.compiled_for(name, context)
            if compiled is not None:
                return compiled.render(context)
            document = DocxTemplate(io.BytesIO(blob))
            document.render(context, jinja_env=self.env, autoescape=True)
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
