"""Starting points a user copies and edits: the commented training file, the Word templates."""

from __future__ import annotations

from pathlib import Path

from desi_pack.errors import OutputError, reason
from desi_pack.files import write_new
from desi_pack.resources import example_training, templates_dir


def write_starter(path: Path) -> None:
    """Write the example training to path; never over an existing file (OutputError saying what to do)."""
    write_new(
        Path(path),
        example_training().read_bytes(),
        taken=f"Werk gewoon verder in {Path(path).name}, of begin een nieuw bestand met een andere naam: "
        "desi-pack init andere-naam.yaml",
    )


def write_templates(folder: Path) -> list[Path]:
    """Copy the built-in Word templates into folder (made if needed) to restyle; never over a file."""
    folder = Path(folder)
    sources = sorted(templates_dir().glob("*.docx"))
    existing = [folder / s.name for s in sources if (folder / s.name).exists()]
    if existing:
        raise OutputError(
            f"{existing[0]} bestaat al; desi-pack overschrijft het niet. Kies een andere map: "
            "desi-pack sjablonen andere-map"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{folder}: kan deze map niet maken ({reason(err)}).") from err
    for source in sources:
        write_new(folder / source.name, source.read_bytes())
    return [folder / s.name for s in sources]
