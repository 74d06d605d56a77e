"""Starting points a user copies and edits: the commented training file, the Word templates."""

from __future__ import annotations

from pathlib import Path

from desi_pack.errors import OutputError, reason
from desi_pack.resources import example_training, templates_dir


def write_starter(path: Path) -> None:
    """Write the example training to path; never over an existing file."""
    _write_new(Path(path), example_training().read_bytes())


def write_templates(folder: Path) -> list[Path]:
    """Copy the built-in Word templates into folder (made if needed) to restyle; never over a file."""
    folder = Path(folder)
    sources = sorted(templates_dir().glob("*.docx"))
    existing = [folder / s.name for s in sources if (folder / s.name).exists()]
    if existing:
        raise OutputError(f"{existing[0]} bestaat al; desi-pack overschrijft het niet. Kies een andere map.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{folder}: kan deze map niet maken ({reason(err)}).") from err
    for source in sources:
        _write_new(folder / source.name, source.read_bytes())
    return [folder / s.name for s in sources]


def _write_new(path: Path, text: bytes) -> None:
    try:
        # 'x' mode: refuse atomically if the file exists, even if it appeared just now.
        with open(path, "xb") as handle:
            handle.write(text)
    except FileExistsError as err:
        raise OutputError(f"{path} bestaat al; desi-pack overschrijft het niet. Kies een andere naam.") from err
    except FileNotFoundError as err:
        raise OutputError(
            f"{path}: de map {path.parent} bestaat niet; maak die eerst of kies een andere plek."
        ) from err
    except OSError as err:
        raise OutputError(f"{path}: kan dit bestand niet schrijven ({reason(err)}).") from err
