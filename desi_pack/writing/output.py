"""Writing the output tree: all or nothing, and never over a file the user edited.

Every file is first written into a temporary folder beside its destination and then
moved into place with os.replace, so an interrupted build leaves no half-written
file. A manifest records the checksum of each file desi-pack wrote; a file whose
checksum no longer matches was changed by someone and is kept, unless `force` is
given, in which case a backup copy is made first. A file that would come out the same
as it is on disk is left alone (not even its date changes). The manifest also keeps, per
file, the key of the inputs it was made from (see jobs.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desi_pack.errors import OutputError, reason

MANIFEST = ".desi-pack.json"
NEW, UPDATED, KEPT, OVERWRITTEN = "nieuw", "bijgewerkt", "behouden", "overschreven"
UNCHANGED = "ongewijzigd"


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    status: str  # nieuw | bijgewerkt | ongewijzigd | behouden (door u gewijzigd) | overschreven


def slugify(text: str, fallback: str = "training") -> str:
    """A readable, safe folder name: 'Welzijn & Zorg Tiël' -> 'welzijn-zorg-tiel'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-") or fallback
    return f"{slug}-{fallback}" if slug in _RESERVED else slug


# Names Windows refuses as a file or folder name, whatever the case.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_tree(root: Path, files: dict[str, bytes], force: bool = False,
               inputs: dict[str, str] | None = None) -> list[WrittenFile]:
    """Write files (relative path -> bytes) under root; return what happened to each.

    `inputs` gives, per path, the key of what the file was made from, kept in the manifest.
    """
    root = Path(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".desi-pack-tmp-", dir=root))
    except OSError as err:
        raise OutputError(f"{root}: de uitvoermap kan niet gemaakt of beschreven worden ({reason(err)}).") from err
    try:
        return _write(root, staging, files, force, inputs or {})
    except OSError as err:
        where = err.filename or root
        raise OutputError(
            f"{where}: schrijven is mislukt ({reason(err)}); er is geen bestand half geschreven."
        ) from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write(root: Path, staging: Path, files: dict[str, bytes], force: bool,
           inputs: dict[str, str]) -> list[WrittenFile]:
    manifest, recorded_inputs = read_manifest(root)
    plan = {rel: _status(root / rel, manifest.get(rel), force, data) for rel, data in files.items()}
    for rel in files:  # a key is recorded once its file is in place
        recorded_inputs.pop(rel, None)
        if plan[rel] == UNCHANGED and rel in inputs:
            recorded_inputs[rel] = inputs[rel]
    for rel, data in files.items():
        if plan[rel] not in (KEPT, UNCHANGED):
            staged = staging / rel
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
    backup = root / f"reservekopie-{datetime.now():%Y%m%d-%H%M%S}"
    try:
        for rel, data in files.items():
            if plan[rel] not in (KEPT, UNCHANGED):
                _move_into_place(staging / rel, root / rel, backup / rel, plan[rel] == OVERWRITTEN)
                manifest[rel] = checksum(data)
                if rel in inputs:
                    recorded_inputs[rel] = inputs[rel]
    finally:
        # Also after a failed move: the files already in place must stay known as ours.
        _write_manifest(root, staging, manifest, recorded_inputs)
    return [WrittenFile(root / rel, plan[rel]) for rel in files]


def _move_into_place(staged: Path, target: Path, backup: Path, keep_copy: bool) -> None:
    if keep_copy:
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)


def _status(target: Path, recorded: str | None, force: bool, data: bytes) -> str:
    if not target.exists():
        return NEW
    if recorded and checksum(target.read_bytes()) == recorded:
        return UNCHANGED if checksum(data) == recorded else UPDATED
    return OVERWRITTEN if force else KEPT


def read_manifest(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """What the last run wrote under root: (checksum by path, input key by path)."""
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    if not isinstance(data, dict):
        return {}, {}
    files, inputs = data.get("bestanden"), data.get("invoer")
    return (dict(files) if isinstance(files, dict) else {}), (dict(inputs) if isinstance(inputs, dict) else {})


def _write_manifest(root: Path, staging: Path, manifest: dict[str, str], inputs: dict[str, str]) -> None:
    staged = staging / MANIFEST
    content = {"bestanden": manifest, "invoer": inputs}
    staged.write_text(json.dumps(content, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(staged, root / MANIFEST)
