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

import errno
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

from desi_pack.errors import OutputError, reason, spot
from desi_pack.text import normal

MANIFEST = ".desi-pack.json"
NEW, UPDATED, KEPT, OVERWRITTEN = "nieuw", "bijgewerkt", "behouden", "overschreven"
UNCHANGED = "ongewijzigd"


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    status: str  # nieuw | bijgewerkt | ongewijzigd | behouden (door u gewijzigd) | overschreven
    backup: Path | None = None  # where the replaced version was copied (overschreven)


def slugify(text: str, fallback: str = "training") -> str:
    """A readable, safe folder name: 'Welzijn & Zorg Tiël' -> 'welzijn-zorg-tiel'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-") or fallback
    return f"{slug}-{fallback}" if slug in _RESERVED else slug


# Names Windows refuses as a file or folder name, whatever the case.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_tree(
    root: Path,
    files: dict[str, bytes],
    force: bool = False,
    inputs: dict[str, str] | None = None,
    owner: str | None = None,
    facts: dict[str, dict] | None = None,
    notes: dict[str, str] | None = None,
) -> list[WrittenFile]:
    """Write files (relative path -> bytes) under root; return what happened to each.

    All or nothing: every file that will be replaced is checked first (a file open in Word
    on Windows, or write-protected, cannot be), and if a move still fails, the files moved
    so far are put back as they were. `inputs` gives, per path, the key of what the file
    was made from, kept in the manifest. `owner` names the training the folder belongs to
    (see `claim`). `facts` gives, per path, what a person would want to know changed in the file
    (see `read_facts`); `notes` are kept beside them for the next run (see `recorded`). For a file
    the user changed, which is kept, `inputs` and `facts` give what the user's version was made
    from; where they say nothing of it, what was recorded stays. Raises OutputError with the real
    file's name.
    """
    root = Path(root)
    claim(root, owner, force)
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".desi-pack-tmp-", dir=root))
    except OSError as err:
        raise OutputError(f"{root}: de uitvoermap kan niet gemaakt of beschreven worden ({reason(err)}).") from err
    try:
        return _write(root, staging, files, force, inputs or {}, owner, facts or {}, notes or {})
    except OSError as err:  # the manifest, or a folder that vanished under us
        raise OutputError(f"{err.filename or root}: schrijven is mislukt ({reason(err)}).") from err
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def claim(root: Path, owner: str | None, force: bool) -> None:
    """Refuse to write one training's pack over another's in the same folder, unless `force`.

    `owner` is a training's name as a person reads it ("Welzijn Rivierenland, Tiel"); a
    folder without a recorded owner (new, or written by an older desi-pack) is anyone's.
    """
    recorded = _read_json(Path(root) / MANIFEST).get("training")
    if owner is None or force or not isinstance(recorded, str) or same_owner(recorded, owner):
        return
    raise OutputError(
        f"{root}: deze map hoort bij de training '{recorded}', niet bij '{owner}'. Kies een andere map"
        f"{spot('out')}, of vervang dat pakket{spot('force')} (bestanden die u wijzigde krijgen eerst een "
        "reservekopie)."
    )


def recorded_owner(root: Path) -> str | None:
    """The training a pack folder belongs to, as its last build recorded it (see `claim`)."""
    owner = _read_json(Path(root) / MANIFEST).get("training")
    return owner if isinstance(owner, str) else None


def same_owner(a: str, b: str) -> bool:
    """Whether two names of a training (`Training.owner`) are the same training's: the one rule of
    `build` (a pack folder) and `verzamel` (a pack folder, a form's training).

    They are when they differ only in capitals, accents, spacing, punctuation or Unicode form
    (text.normal), as a participant's name in verzamel. A folder is shared only by trainings
    whose organisation has the same slug, which already ignores all of those; the owner tells
    apart another training in it (of the same organisation in another municipality), and names
    that differ only in an accent are one coordinator's typing ('Tiël' on one keyboard, 'Tiel' on
    another), not two trainings: refusing them would refuse the coordinator's own pack, and
    skip the forms of their own training.
    """
    return normal(a) == normal(b)


def _write(
    root: Path,
    staging: Path,
    files: dict[str, bytes],
    force: bool,
    inputs: dict[str, str],
    owner: str | None,
    facts: dict[str, dict],
    notes: dict[str, str],
) -> list[WrittenFile]:
    manifest, recorded_inputs = read_manifest(root)
    recorded_facts = read_facts(root)
    plan = {rel: _status(root / rel, manifest.get(rel), force, data) for rel, data in files.items()}
    moving = [rel for rel in files if plan[rel] not in (KEPT, UNCHANGED)]
    for rel in moving:
        _check_replaceable(root / rel)
    try:
        for rel in moving:
            staged = staging / "nieuw" / rel
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(files[rel])
    except OSError as err:
        raise OutputError(f"{root}: schrijven is mislukt ({reason(err)}); er is niets veranderd.") from err
    backup = root / f"reservekopie-{datetime.now():%Y%m%d-%H%M%S}"
    _swap_in(root, staging, moving, backup, {rel for rel in moving if plan[rel] == OVERWRITTEN})
    for rel in moving:
        manifest[rel] = checksum(files[rel])
    for rel in files:  # recorded once the file is in place, for a kept file too: see write_tree
        _record(recorded_inputs, rel, inputs, keep=plan[rel] == KEPT)
        _record(recorded_facts, rel, facts, keep=plan[rel] == KEPT)
    _write_manifest(root, staging, manifest, recorded_inputs, owner, recorded_facts, notes)
    return [WrittenFile(root / rel, plan[rel], backup / rel if plan[rel] == OVERWRITTEN else None) for rel in files]


def _record(recorded: dict, rel: str, given: dict, keep: bool) -> None:
    """Record what `rel` was made from as given; a kept file the caller says nothing of keeps what was
    recorded (the key of the version the user changed must outlive any build, or its staleness is lost)."""
    if rel in given:
        recorded[rel] = given[rel]
    elif not keep:
        recorded.pop(rel, None)


def _check_replaceable(target: Path) -> None:
    """Fail before anything moves when `target` cannot be replaced."""
    try:
        if target.exists():
            with open(target, "r+b"):  # fails for a file open in Word (Windows) or write-protected
                pass
        folder = next(p for p in (target.parent, *target.parents) if p.exists())
        if not os.access(folder, os.W_OK):
            raise PermissionError(errno.EACCES, "", str(folder))
    except OSError as err:
        raise OutputError(_locked(target, err)) from err


def _locked(target: Path, err: OSError) -> str:
    if isinstance(err, PermissionError) or err.errno == errno.EBUSY:
        return (
            f"{target}: dit bestand kan niet vervangen worden ({reason(err)}). Is het geopend in Word of "
            "Excel? Sluit het en probeer het opnieuw. Er is niets veranderd."
        )
    return f"{target}: dit bestand kan niet geschreven worden ({reason(err)}). Er is niets veranderd."


def _swap_in(root: Path, staging: Path, moving: list[str], backup: Path, copy_first: set[str]) -> None:
    """Move the staged files into place; on any failure put every file back as it was."""
    done: list[tuple[Path, Path | None]] = []  # (target, where its old version waits)
    try:
        for rel in moving:
            target, old = root / rel, staging / "oud" / rel
            if rel in copy_first:
                (backup / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(target, backup / rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                old.parent.mkdir(parents=True, exist_ok=True)
                os.replace(target, old)
                done.append((target, old))
            else:
                done.append((target, None))
            os.replace(staging / "nieuw" / rel, target)
    except OSError as err:
        for placed, waiting in reversed(done):
            if waiting is None:
                placed.unlink(missing_ok=True)
            elif waiting.exists():
                os.replace(waiting, placed)
        raise OutputError(_locked(target, err)) from err


def _status(target: Path, recorded: str | None, force: bool, data: bytes) -> str:
    if not target.exists():
        return NEW
    if recorded and checksum(target.read_bytes()) == recorded:
        return UNCHANGED if checksum(data) == recorded else UPDATED
    return OVERWRITTEN if force else KEPT


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_manifest(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """What the last run wrote under root: (checksum by path, input key by path)."""
    data = _read_json(root / MANIFEST)
    files, inputs = data.get("bestanden"), data.get("invoer")
    return (dict(files) if isinstance(files, dict) else {}), (dict(inputs) if isinstance(inputs, dict) else {})


def read_facts(root: Path) -> dict[str, dict]:
    """Per path, what the file showed when desi-pack last wrote it: {'datum': …, 'tijd': …, …}."""
    facts = _read_json(root / MANIFEST).get("feiten")
    return {rel: value for rel, value in facts.items() if isinstance(value, dict)} if isinstance(facts, dict) else {}


def recorded(root: Path, name: str) -> str | None:
    """A note the last run kept under root (see write_tree's `notes`), such as the templates it used."""
    value = _read_json(Path(root) / MANIFEST).get("notities", {})
    return value.get(name) if isinstance(value, dict) and isinstance(value.get(name), str) else None


def _write_manifest(
    root: Path,
    staging: Path,
    manifest: dict[str, str],
    inputs: dict[str, str],
    owner: str | None,
    facts: dict[str, dict],
    notes: dict[str, str],
) -> None:
    staged = staging / MANIFEST
    before = _read_json(root / MANIFEST)
    owner = owner or before.get("training")
    kept = before.get("notities")
    kept = kept if isinstance(kept, dict) else {}
    content = {
        "bestanden": manifest,
        "invoer": inputs,
        "feiten": facts,
        "notities": {**kept, **notes},
        **({"training": owner} if owner else {}),
    }
    text = json.dumps(content, indent=1, sort_keys=True)
    if content == before:
        return  # a build that changed nothing touches nothing, not even the manifest's date
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, root / MANIFEST)
