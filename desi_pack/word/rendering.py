"""Word templates: found (the user's folder first, then the built-in one), loaded once,
compiled once (compiled.py), rendered with one sandboxed Jinja environment."""

from __future__ import annotations

import difflib
import functools
import hashlib
import io
import re
import zipfile
from pathlib import Path

from docx.shared import Cm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import FunctionLoader, StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from desi_pack.errors import TemplateProblem, reason, spot
from desi_pack.resources import templates_dir
from desi_pack.word import own_templates
from desi_pack.word.compiled import CompiledTemplate
from desi_pack.word.package import saved
from desi_pack.word.page import LOGO_HEIGHT_CM

# The logo's box in a header: this high, and never wider than this (a banner is made lower).
LOGO_MAX_WIDTH_CM = 5.0  # its height is page.LOGO_HEIGHT_CM


@functools.lru_cache(maxsize=8)
def logo_box(picture: bytes) -> tuple[int, int]:
    """(width, height) in EMU of the picture in the logo's box, its proportions kept."""
    from PIL import Image  # only a build with a logo needs Pillow

    with Image.open(io.BytesIO(picture)) as image:
        width_px, height_px = image.size
    height = Cm(LOGO_HEIGHT_CM)
    width = height * width_px // max(height_px, 1)
    if width > Cm(LOGO_MAX_WIDTH_CM):
        width, height = Cm(LOGO_MAX_WIDTH_CM), Cm(LOGO_MAX_WIDTH_CM) * height_px // max(width_px, 1)
    return int(width), max(int(height), 1)


def jinja_env() -> SandboxedEnvironment:
    """The one environment every document is rendered with.

    Sandboxed so a template cannot reach Python internals; StrictUndefined so a
    misspelt variable is an error instead of a silent blank; autoescape because the
    output is XML and names may hold '&' or '<'.
    """
    # A loader that finds nothing: {% include %} or {% import %} of any file is a
    # TemplateNotFound (reported as such), never a read from the file system.
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True, loader=FunctionLoader(lambda _: None))


# Compiled templates outlive a build: a process that builds again (the page, `desi-pack web`)
# compiles a template once in its life, not once a build (0.2 s of a build; docs/snelheid.md).
# Keyed by the template's bytes, so a template changed on disk is compiled anew; a trainer's own
# templates and a few logos fit in these, the oldest goes first.
KEEP_COMPILED = 16
_KEPT: dict[bytes, CompiledTemplate] = {}
_ENV = jinja_env()


def forget() -> None:
    """Drop the compiled templates this process keeps (a benchmark starts each build cold)."""
    _KEPT.clear()


class Templates:
    """The Word templates of one build, each read from disk once."""

    def __init__(self, user_dir: Path | None = None):
        self.folders = [_user_folder(Path(user_dir))] if user_dir else []
        self.folders.append(templates_dir())
        self._blobs: dict[str, tuple[Path, bytes]] = {}
        self._compiled: dict[str, CompiledTemplate] = {}
        self.env = _ENV

    def path(self, name: str) -> Path:
        """Where the template `name` ('draaiboek.docx') is: the trainer's own (saved as .docx, or as a
        Word template, .dotx) or else the built-in one."""
        for folder in self.folders:
            for candidate in (folder / name, (folder / name).with_suffix(".dotx")):
                if candidate.is_file():
                    return candidate
        raise TemplateProblem(f"Het sjabloon {name} is niet gevonden in {', '.join(map(str, self.folders))}.")

    def _blob(self, name: str) -> tuple[Path, bytes]:
        if name not in self._blobs:
            path = self.path(name)
            try:
                blob = path.read_bytes()
                if path.parent != templates_dir():  # the trainer's own, as Word saved it
                    blob = own_templates.readable(blob, (templates_dir() / name).read_bytes())
            except OSError as err:
                raise TemplateProblem(f"{path}: het sjabloon kan niet gelezen worden ({reason(err)}).") from err
            self._blobs[name] = (path, blob)
        return self._blobs[name]

    def digest(self, name: str) -> str:
        """A hash of the template `name`: a build remakes what a changed template fills."""
        return hashlib.sha256(self._blob(name)[1]).hexdigest()

    def compiled(self, name: str) -> CompiledTemplate:
        """The template `name`, compiled once per process for as long as its bytes stay the same
        (errors as in `render`)."""
        if name not in self._compiled:
            blob = self._blob(name)[1]
            digest = hashlib.sha256(blob).digest()
            kept = _KEPT.get(digest)
            if kept is None:
                kept = CompiledTemplate(blob, self.env)
                while len(_KEPT) >= KEEP_COMPILED:  # as compiled.with_picture: safe for the page's threads
                    _KEPT.pop(next(iter(_KEPT), b""), None)
                _KEPT[digest] = kept
            self._compiled[name] = kept
        return self._compiled[name]

    def compiled_for(self, name: str, context: dict) -> CompiledTemplate | None:
        """The compiled template that fills in this context (with the logo placed once, see
        CompiledTemplate.with_picture); None when docxtpl must: a template with footnotes, or
        a picture (bytes) among the values other than the logo."""
        compiled = self.compiled(name)
        pictures = {key for key, value in context.items() if isinstance(value, bytes)}
        if not compiled.supported or pictures - {"logo"}:
            return None
        if pictures:
            return compiled.with_picture("logo", context["logo"], *logo_box(context["logo"]))
        return compiled

    @staticmethod
    def _with_logo(document: DocxTemplate, context: dict) -> dict:
        """The logo's bytes as a picture docxtpl can place; every template may use {{ logo }}."""
        logo = context.get("logo")
        if isinstance(logo, bytes):
            width, height = logo_box(logo)
            return context | {"logo": InlineImage(document, io.BytesIO(logo), width=width, height=height)}
        return {"logo": None} | context

    def render(self, name: str, context: dict) -> bytes:
        """Fill the template `name` with context and return the .docx bytes."""
        path, blob = self._blob(name)
        try:
            compiled = self.compiled_for(name, context)
            if compiled is not None:
                return compiled.render({"logo": None} | context)  # a logo is in place of its bytes
            document = DocxTemplate(io.BytesIO(blob))
            document.render(self._with_logo(document, context), jinja_env=self.env, autoescape=True)
        except (UndefinedError, SecurityError) as err:
            raise TemplateProblem(f"{path}: {_undefined(err, context)}") from err
        except TemplateSyntaxError as err:
            raise TemplateProblem(
                f"{path}: het sjabloon klopt niet: een {{{{ of {{% staat niet goed ({err.message})."
            ) from err
        except TemplateError as err:  # {% include %}, {% import %}: there is no loader, on purpose
            raise TemplateProblem(
                f"{path}: het sjabloon probeert een ander bestand te lezen; dat kan niet, een sjabloon "
                f"gebruikt alleen de gegevens van de training ({err.message})."
            ) from err
        except Exception as err:  # a damaged .docx raises zip, XML or key errors
            raise TemplateProblem(f"{path}: {_unusable(err)}") from err
        return saved(document)


def _unusable(err: Exception) -> str:
    """Why a template file cannot be filled in, in words a trainer can act on."""
    if isinstance(err, OverflowError):  # the sandbox refuses range() beyond MAX_RANGE
        return (
            "het sjabloon vraagt een herhaling van meer dan 100.000 keer ({% for … in range(…) %}); "
            "zo veel rijen heeft geen document. Verklein het getal in het sjabloon."
        )
    if isinstance(err, (MemoryError, RecursionError)):
        return "het sjabloon maakt een document dat te groot wordt; kijk de herhalingen ({% for %}) na."
    if isinstance(err, zipfile.BadZipFile):
        return (
            "dit is geen Word-document (.docx); open het in Word of LibreOffice en sla het op als "
            "'Word-document (.docx)'."
        )
    if isinstance(err, etree.XMLSyntaxError):
        return "dit Word-document is beschadigd; open het in Word, sla het opnieuw op en probeer het opnieuw."
    return (
        "dit Word-document kan niet als sjabloon gebruikt worden; open het in Word, sla het opnieuw op als "
        "'Word-document (.docx)' en probeer het opnieuw."
    )


# A template saved in another format than Word's .docx or .dotx: what to ask the trainer to do.
OTHER_FORMATS = {
    ".doc": "een oud Word-document (.doc)",
    ".dot": "een oud Word-sjabloon (.dot)",
    ".docm": "een Word-document met macro's (.docm)",
    ".dotm": "een Word-sjabloon met macro's (.dotm)",
    ".odt": "een LibreOffice-document (.odt)",
    ".ott": "een LibreOffice-sjabloon (.ott)",
    ".rtf": "een RTF-bestand",
}


def _user_folder(folder: Path) -> Path:
    """The trainer's own templates: a folder whose .docx (or .dotx) files each replace a built-in one."""
    if not folder.is_dir():
        what = "een bestand, geen map" if folder.exists() else "bestaat niet"
        raise TemplateProblem(f"{folder}: {what}; geef{spot('templates')} de map met uw eigen sjablonen.")
    known = sorted(p.name for p in templates_dir().glob("*.docx"))
    stems = {Path(name).stem for name in known}
    files = sorted(p for p in folder.iterdir() if not p.name.startswith(("~$", ".")))  # Word's and macOS's own
    for path in files:
        suffix = path.suffix.lower()
        if suffix in (".docx", ".dotx") and path.stem not in stems:
            hint = difflib.get_close_matches(path.stem, sorted(stems), n=1)
            tail = f" Bedoelde u {hint[0]}{suffix}?" if hint else ""
            raise TemplateProblem(
                f"{path}: desi-pack kent geen sjabloon met deze naam; een eigen sjabloon heet zoals het "
                f"ingebouwde dat het vervangt ({', '.join(known)}).{tail}"
            )
        if suffix == ".dotx" and (folder / f"{path.stem}.docx").is_file():
            raise TemplateProblem(
                f"{path}: naast dit Word-sjabloon staat ook {path.stem}.docx; desi-pack weet niet welk van de twee "
                "u bedoelt. Haal het ene weg (of geef het een andere naam) en probeer het opnieuw."
            )
        if (
            suffix in OTHER_FORMATS
            and path.stem in stems
            and not any((folder / f"{path.stem}{other}").is_file() for other in (".docx", ".dotx"))
        ):
            raise TemplateProblem(
                f"{path}: dit is {OTHER_FORMATS[suffix]}; een eigen sjabloon wordt alleen als Word-document "
                f"gelezen. Open het in Word en kies Opslaan als > Word-document (.docx): {path.stem}.docx."
            )
    return folder


_UNDEFINED = re.compile(r"'([^']+)' is undefined")
_NO_ATTRIBUTE = re.compile(r"'([^']+)' (?:object )?has no attribute '([^']+)'")
_UNSAFE = re.compile(r"access to attribute '([^']+)' of '([^']+)' object is unsafe")


def _undefined(err: Exception, context: dict) -> str:
    """A Dutch sentence for a name the template uses but the context does not have."""
    message = getattr(err, "message", None) or str(err)
    known = ", ".join(sorted(context))
    if match := _UNSAFE.search(message):
        return (
            f"het sjabloon vraagt '{match[1]}' op; dat mag niet (sjablonen kunnen niet bij de "
            "binnenkant van Python, bestanden of de omgeving)."
        )
    if match := _UNDEFINED.search(message):
        return f"het sjabloon gebruikt de variabele '{match[1]}', die niet bestaat; bekende variabelen: {known}."
    if match := _NO_ATTRIBUTE.search(message):
        return f"het sjabloon vraagt '{match[2]}' op van een waarde die dat niet heeft; bekende variabelen: {known}."
    return f"het sjabloon gebruikt iets dat niet bestaat ({message}); bekende variabelen: {known}."
