"""Files a user hands in or asks for: read whole, or written only where nothing is yet,
with a Dutch error that names the file."""

from __future__ import annotations

from pathlib import Path

from desi_pack.errors import InputError, OutputError, reason


def read_input(path: Path, expected: str) -> bytes:
    """The bytes of a file the user named; `expected` says what it should be ('het trainingsbestand')."""
    try:
        return path.read_bytes()
    except FileNotFoundError as err:
        raise InputError(f"{path}: dit bestand bestaat niet.") from err
    except IsADirectoryError as err:
        raise InputError(f"{path}: dit is een map; geef {expected} op.") from err
    except PermissionError as err:
        raise InputError(f"{path}: dit bestand mag niet gelezen worden.") from err
    except OSError as err:
        raise InputError(f"{path}: dit bestand kan niet gelezen worden ({reason(err)}).") from err


def write_new(path: Path, data: bytes, taken: str = "Kies een andere naam.") -> None:
    """Write a file that must not exist yet; never over a user's file. `taken` says what to do when it exists."""
    try:
        # 'x' mode: refuse atomically if the file exists, even if it appeared just now.
        with open(path, "xb") as handle:
            handle.write(data)
    except FileExistsError as err:
        raise OutputError(f"{path} bestaat al; desi-pack overschrijft het niet. {taken}") from err
    except FileNotFoundError as err:
        raise OutputError(
            f"{path}: de map {path.parent} bestaat niet; maak die eerst of kies een andere plek."
        ) from err
    except OSError as err:
        raise OutputError(f"{path}: kan dit bestand niet schrijven ({reason(err)}).") from err
