"""What collecting writes: the workbook and, when asked, the certificates, all at once.

Like a build, it writes through output.write_tree into the training's pack folder: nothing
half-written, and a workbook the trainer changed since is kept, with the new one beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desi_pack.collect import certificates as certs
from desi_pack.collect.collect import WORKBOOK, Collection, collect
from desi_pack.collect.workbook import workbook
from desi_pack.training.config import Training
from desi_pack.writing.output import KEPT, WrittenFile, slugify, write_tree


@dataclass
class Result:
    collection: Collection
    workbook: Path
    written: list[WrittenFile] = field(default_factory=list)
    earned: list[certs.Earned] | None = None  # None: no certificates asked for
    missed: list[certs.Earned] = field(default_factory=list)
    kept: Path | None = None  # the trainer's own version of the workbook, left as it was


def collect_and_write(folder: Path, training: Training, out: Path | None = None, pack_dir: Path = Path("output"),
                      force: bool = False, minimum: int | None = None) -> Result:
    """Collect the forms under `folder` and write the workbook (`out`, default antwoorden.xlsx in the
    training's pack folder) and, with `minimum` (meetings attended), the certificates beside it.

    Raises InputError for an unreadable folder, OutputError when the results cannot be written.
    """
    pack = Path(pack_dir) / slugify(training.organisatie)
    target = Path(out) if out else pack / WORKBOOK
    collection = collect(Path(folder), training, pack, leave_out=target)
    files = {target.name: workbook(collection)}
    result = Result(collection, target)
    if minimum is not None:
        result.earned, result.missed = certs.earned(collection, minimum)
        files |= certs.documents(collection, result.earned)
    owner = training.owner if target.parent.resolve() == pack.resolve() else None
    result.written = write_tree(target.parent, files, force, owner=owner)
    if any(w.status == KEPT and w.path.name == target.name for w in result.written):
        newer = target.with_name(f"{target.stem}.nieuw{target.suffix}")
        result.written += write_tree(target.parent, {newer.name: files[target.name]}, True, owner=owner)
        result.kept, result.workbook = target, newer
    return result
