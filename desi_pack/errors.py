"""The errors desi-pack shows to people: every one carries a Dutch message."""

from __future__ import annotations

import errno
import re
from collections.abc import Sequence

# A spot in a message where a face of desi-pack says how the user gives an input: '⟦out⟧' in "Kies een
# andere map⟦out⟧" is ' met --out' on the command line and nothing on the page, which has a field
# for it. The core names its own inputs (a function's parameter: out, force, templates, training,
# pack_dir), never a face's controls. ⟦ ⟧ cannot be typed on a keyboard, so no path or name has them.
_SPOT = re.compile("\u27e6([a-z_]+)\u27e7")


def spot(name: str) -> str:
    """The spot for the input `name` in a message (see `said`)."""
    return f"\u27e6{name}\u27e7"


def said(text: str, ways: dict[str, str] | None = None) -> str:
    """`text` with each spot replaced by how this face gives that input (`ways`: input -> words,
    ' met --out'); a spot the face has no way for is left out."""
    return _SPOT.sub(lambda found: (ways or {}).get(found[1], ""), text)


class DesiPackError(Exception):
    """A user-facing problem; the CLI prints its message and exits non-zero.

    `message` is the sentence without a face's controls; `told(ways)` the same with the spots
    (errors.spot) filled in by a face, as the CLI names its options.
    """

    exit_code = 1

    def __init__(self, message: str):
        self.template = message
        self.message = said(message)
        super().__init__(self.message)

    def told(self, ways: dict[str, str]) -> str:
        """The message as a face with these `ways` of giving inputs says it (see `said`)."""
        template = getattr(self, "template", None)  # a subclass may set its message itself (WorkbookError)
        return said(template, ways) if template and said(template) == self.message else self.message

    def __reduce__(self):
        # Rebuilt as it is, whatever its __init__ takes: an error may come from a worker process.
        return _restore, (type(self), self.args, self.__dict__.copy())


def _restore(cls, args, state):
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class Problem(str):
    """One problem in a file, as data from where it is found to where it is shown: `file` (as the
    user named it), `line` (from 1, or None), `column` (from 1, or None), `loc`, the field's path in
    the file's data (('bijeenkomsten', 1, 'datum'); () for the file as a whole) and `message`, the
    sentence after the place. Made by `Problem.at`, which writes the place the one way people read it
    ('training.yaml, regel 7: bijeenkomsten[2].datum: …'); sorted by `in_order`. A str of that text,
    so that every message and test reads it as before; the page puts it beside its field by `loc`."""

    loc: tuple
    line: int | None
    message: str
    file: str
    column: int | None

    def __new__(
        cls,
        text: str,
        loc: tuple = (),
        line: int | None = None,
        message: str = "",
        file: str = "",
        column: int | None = None,
    ) -> Problem:
        problem = super().__new__(cls, text)
        problem.loc, problem.line, problem.message = tuple(loc), line, message or text
        problem.file, problem.column = file, column
        return problem

    @classmethod
    def at(
        cls, file: str | object, message: str, line: int | None = None, loc: tuple = (), column: int | None = None
    ) -> Problem:
        """The problem `message` at its place in `file` (a path or its name): 'file, regel N, kolom C:
        field.path: message', each part only when known."""
        place = f"{file}{f', regel {line}' if line else ''}{f', kolom {column}' if line and column else ''}"
        field = field_path(tuple(loc))
        return cls(
            f"{place}: {field}: {message}" if field else f"{place}: {message}", loc, line, message, str(file), column
        )

    def __reduce__(self):
        return Problem, (str(self), self.loc, self.line, self.message, self.file, self.column)


def field_path(loc: tuple) -> str:
    """Write a location as `bijeenkomsten[3].datum` (list positions count from 1)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def in_order(problems: Sequence[str]) -> list[Problem]:
    """The problems of one file in its order (by line; those of the file as a whole first), each once.
    A plain text is a problem of the file as a whole."""
    listed = [p if isinstance(p, Problem) else Problem(p) for p in problems]
    return list(dict.fromkeys(sorted(listed, key=lambda problem: problem.line or 0)))


class InputError(DesiPackError):
    """An input file is missing, unreadable or not what was expected."""


class ArgumentProblem(InputError):
    """A value given to a core function (not read from a file) that cannot be used. `argument` is
    the function's parameter ('meetings', 'minimum', 'pack_dir'): a face points at its own control
    for it (the CLI at its option). The message says what is wrong in the user's words."""

    def __init__(self, message: str, argument: str):
        super().__init__(message)
        self.argument = argument


class ConfigError(InputError):
    """A file has one or more invalid values; all problems are reported together."""

    def __init__(self, path: str, problems: Sequence[str]):
        self.path = path
        # Problems as data (Problem); a plain text is one of the file as a whole.
        self.problems = problems = [p if isinstance(p, Problem) else Problem(p, file=str(path)) for p in problems]
        if len(problems) == 1:
            message = problems[0]
        else:
            listed = "\n".join(f"  - {p}" for p in problems)
            message = f"{path} bevat {len(problems)} fouten:\n{listed}"
        super().__init__(message)


class WorkbookError(ConfigError):
    """An Excel workbook has invalid cells; every problem names its sheet, row and column.

    A workbook of hundreds of rows with one wrong column gives hundreds of problems; the
    message lists the first SHOWN and says how many more there are (all are in `problems`).
    """

    SHOWN = 100

    def __init__(self, path: str, problems: list[str]):
        super().__init__(path, problems)
        if len(problems) > self.SHOWN:
            listed = "\n".join(f"  - {p}" for p in problems[: self.SHOWN])
            rest = len(problems) - self.SHOWN
            self.message = (
                f"{path} bevat {len(problems)} fouten; de eerste {self.SHOWN}:\n{listed}\n"
                f"  … en nog {rest} {'fout' if rest == 1 else 'fouten'}."
            )
            self.args = (self.message,)


class OutputError(DesiPackError):
    """The output folder cannot be written."""


class TemplateProblem(DesiPackError):
    """A Word template cannot be read or rendered."""


_REASONS = {
    errno.ENOENT: "bestaat niet",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.EISDIR: "is een map",
    errno.EACCES: "geen toestemming",
    errno.EPERM: "geen toestemming",
    errno.EROFS: "alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "uw ruimte op de schijf is op",
    errno.EEXIST: "bestaat al",
    errno.ENAMETOOLONG: "de naam of het pad is te lang; kies een kortere map",
    errno.EBUSY: "in gebruik door een ander programma",
    errno.ETXTBSY: "in gebruik door een ander programma",
    errno.EMFILE: "te veel bestanden tegelijk open",
    errno.ENFILE: "te veel bestanden tegelijk open",
    errno.ENOTEMPTY: "de map is niet leeg",
    errno.EXDEV: "kan niet naar een andere schijf verplaatst worden",
    errno.ELOOP: "het pad verwijst naar zichzelf (te veel snelkoppelingen)",
    errno.EFBIG: "het bestand is te groot",
    errno.EINVAL: "ongeldige naam",
    errno.EIO: "de schijf kan niet gelezen of beschreven worden",
    errno.ENODEV: "de schijf is er niet",
    errno.ENXIO: "de schijf is er niet",
    errno.ETIMEDOUT: "de netwerkschijf antwoordt niet",
    errno.EHOSTDOWN: "de netwerkschijf antwoordt niet",
}
_WINDOWS_REASONS = {  # what Windows says of a file open in another program
    32: "in gebruik door een ander programma (is het geopend in Word of Excel?)",
    33: "in gebruik door een ander programma (is het geopend in Word of Excel?)",
    206: "de naam of het pad is te lang; kies een kortere map",
}


def reason(err: OSError) -> str:
    """The cause of a file system error in Dutch words; never the system's English."""
    winerror = getattr(err, "winerror", None)
    if winerror in _WINDOWS_REASONS:
        return _WINDOWS_REASONS[winerror]
    if err.errno in _REASONS:
        return _REASONS[err.errno]
    return f"systeemfout {err.errno}" if err.errno else "onbekende systeemfout"
