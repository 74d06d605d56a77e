"""What collecting writes: the workbook and, when asked, the certificates, all at once.

Like a build, it writes through output.write_tree into the training's pack folder: nothing
half-written, and a workbook the trainer changed since is kept, with the new one beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desi_pack.collect.collect import WORKBOOK, Collection, collect
from desi_pack.collect.workbook import workbook
from desi_pack.errors import InputError
from desi_pack.training.config import Training
from desi_pack.writing.output import KEPT, WrittenFile, checksum, read_manifest, slugify, write_tree


@dataclass
class Result:
    collection: Collection
    workbook: Path
    written: list[WrittenFile] = field(default_factory=list)
    earned: list | None = None  # certificates.Earned; None: no certificates asked for
    missed: list = field(default_factory=list)
    kept: Path | None = None  # the trainer's own version of the workbook, left as it was
    withdrawn: list[Path] = field(default_factory=list)  # certificates of an earlier run no longer earned, removed
    stale: list[Path] = field(default_factory=list)      # the same, but changed by the trainer: left in place


def collect_and_write(folder: Path, training: Training, out: Path | None = None, pack_dir: Path = Path("output"),
                      force: bool = False, minimum: int | None = None) -> Result:
    """Collect the forms under `folder` and write the workbook (`out`, default antwoorden.xlsx in the
    training's pack folder) and, with `minimum` (meetings attended), the certificates beside it.

    Raises InputError for an unreadable folder, OutputError when the results cannot be written.
    """
    pack = Path(pack_dir) / slugify(training.organisatie)
    target = Path(out) if out else pack / WORKBOOK
    _check_target(target, Path(folder))
    collection = collect(Path(folder), training, pack, leave_out=target)
    if not collection.answers and not collection.attendance:
        raise InputError(f"{folder}: hierin staat geen ingevuld formulier van desi-pack ({len(collection.files)} "
                         "bestanden bekeken) en er is nog geen aanwezigheid ingevuld; er is niets geschreven. "
                         "Staan de formulieren in een andere map?")
    files = {target.name: workbook(collection)}
    result = Result(collection, target)
    if minimum is not None:  # python-docx is loaded only for certificates
        from desi_pack.collect import certificates as certs
        result.earned, result.missed = certs.earned(collection, minimum)
        files |= certs.documents(collection, result.earned)
    owner = training.owner if target.parent.resolve() == pack.resolve() else None
    result.written = write_tree(target.parent, files, force, owner=owner)
    if any(w.status == KEPT and w.path.name == target.name for w in result.written):
        newer = target.with_name(f"{target.stem}.nieuw{target.suffix}")
        result.written += write_tree(target.parent, {newer.name: files[target.name]}, True, owner=owner)
        result.kept, result.workbook = target, newer
    if minimum is not None:
        result.withdrawn, result.stale = _withdraw(target.parent, set(files))
    return result


def _check_target(target: Path, folder: Path) -> None:
    """The workbook goes to an .xlsx outside the folder of forms (never over a form or the training file)."""
    if target.suffix.lower() != ".xlsx" or target.is_dir():
        raise InputError(f"{target}: de werkmap moet een bestand zijn met een naam op .xlsx, zoals "
                         "antwoorden.xlsx (--out).")
    if folder.resolve() in target.resolve().parents:
        raise InputError(f"{target}: dit ligt in de map met ingevulde formulieren ({folder}); kies een plek "
                         "daarbuiten (--out), zodat de werkmap niet tussen de formulieren komt.")


def _withdraw(root: Path, written: set[str]) -> tuple[list[Path], list[Path]]:
    """Certificates an earlier run wrote that this one did not: removed where unchanged since, else
    left (the trainer changed them) and named."""
    from desi_pack.collect.certificates import FOLDER
    recorded, _ = read_manifest(root)
    removed, changed = [], []
    for rel, digest in recorded.items():
        path = root / rel
        if not rel.startswith(f"{FOLDER}/") or rel in written or not path.is_file():
            continue
        if checksum(path.read_bytes()) == digest:
            path.unlink()
            removed.append(path)
        else:
            changed.append(path)
    return removed, changed
