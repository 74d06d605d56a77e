"""`init`: the commented starter configuration, copied from the built-in example."""

from __future__ import annotations

from pathlib import Path

from desi_pack.errors import OutputError, reason
from desi_pack.resources import example_training


def write_starter(path: Path) -> None:
    """Write the example training to path; never over an existing file."""
    path = Path(path)
    text = example_training().read_bytes()
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
