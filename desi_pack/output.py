"""Writing the output tree: all or nothing, and never over a file the user edited.

Every file is first written into a temporary folder beside its destination and then
moved into place with os.replace, so an interrupted build leaves no half-written
file. A manifest records the checksum of each file desi-pack wrote; a file whose
checksum no longer matches was changed by someone and is kept, unless `force` is
given, in which case a backup copy is made first.
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


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    status: str  # nieuw | bijgewerkt | behouden (door u gewijzigd) | overschreven


def slugify(text: str, fallback: str = "training") -> str:
    """A readable, safe folder name: 'Welzijn & Zorg Tiël' -> 'welzijn-zorg-tiel'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-") or fallback
    return f"{slug}-{fallback}" if slug in _RESERVED else slug


# Names Windows refuses as a file or folder name, whatever the case.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_tree(root: Path, files: dict[str, bytes], force: bool = False) -> list[WrittenFile]:
    """Write files (relative path -> bytes) under root; return what happened to each."""
    root = Path(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".desi-pack-tmp-", dir=root))
    except OSError as err:
        raise OutputError(f"{root}: de uitvoermap kan niet gemaakt of beschreven worden ({reason(err)}).") from err
    try:
        return _write(root, staging, files, force)
    except OSError as err:
        where = err.filename or root
        raise OutputError(
            f"{where}: schrijven is mislukt ({reason(err)}); er is geen bestand half geschreven."
        ) from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write(root: Path, staging: Path, files: dict[str, bytes], force: bool) -> list[WrittenFile]:
    manifest = _read_manifest(root)
    plan = {rel: _status(root / rel, manifest.get(rel), force) for rel in files}
    for rel, data in files.items():
        if plan[rel] != KEPT:
            staged = staging / rel
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
    backup = root / f"reservekopie-{datetime.now():%Y%m%d-%H%M%S}"
    try:
        for rel, data in files.items():
            if plan[rel] != KEPT:
                _move_into_place(staging / rel, root / rel, backup / rel, plan[rel] == OVERWRITTEN)
                manifest[rel] = checksum(data)
    finally:
        # Also after a failed move: the files already in place must stay known as ours.
        _write_manifest(root, staging, manifest)
    return [WrittenFile(root / rel, plan[rel]) for rel in files]


def _move_into_place(staged: Path, target: Path, backup: Path, keep_copy: bool) -> None:
    if keep_copy:
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(target, backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)


def _status(target: Path, recorded: str | None, force: bool) -> str:
    if not target.exists():
        return NEW
    if recorded and checksum(target.read_bytes()) == recorded:
        return UPDATED
    return OVERWRITTEN if force else KEPT


def _read_manifest(root: Path) -> dict[str, str]:
    try:
        data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("bestanden") if isinstance(data, dict) else None
    return dict(files) if isinstance(files, dict) else {}


def _write_manifest(root: Path, staging: Path, manifest: dict[str, str]) -> None:
    staged = staging / MANIFEST
    staged.write_text(json.dumps({"bestanden": manifest}, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(staged, root / MANIFEST)
