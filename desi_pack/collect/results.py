"""What collecting writes: the workbook and, when asked, the certificates, all at once.

Like a build, it writes through output.write_tree into the training's pack folder: nothing
half-written, and a workbook the trainer changed since is kept, with the new one beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from desi_pack.collect.collect import WORKBOOK, Collection, collect
from desi_pack.collect.sources import check_folder
from desi_pack.collect.workbook import workbook
from desi_pack.errors import ArgumentProblem, InputError, spot
from desi_pack.excel.reading import open_book
from desi_pack.training.config import Training
from desi_pack.writing.output import (
    KEPT,
    WrittenFile,
    checksum,
    read_manifest,
    recorded_owner,
    same_owner,
    slugify,
    write_tree,
)


@dataclass
class Result:
    collection: Collection
    workbook: Path
    written: list[WrittenFile] = field(default_factory=list)
    earned: list | None = None  # certificates.Earned; None: no certificates asked for
    missed: list = field(default_factory=list)
    undecided: list = field(default_factory=list)  # a mark not read could make up the difference: nothing decided
    kept: Path | None = None  # the trainer's own version of the workbook, left as it was
    pack: Path | None = None  # the pack folder whose agendas were read (or looked for)
    withdrawn: list[Path] = field(default_factory=list)  # certificates of an earlier run no longer earned, removed
    stale: list[Path] = field(default_factory=list)  # the same, but changed by the trainer: left in place


def checked_request(
    folder: Path,
    training: Training,
    out: Path | None = None,
    pack_dir: Path | None = None,
    certificates: bool = False,
    minimum: int | None = None,
) -> int | None:
    """Check what a person asked to collect before anything is read, in the order they are told:
    the minimum attendance, the pack folder named, the folder of forms, and (without `out`) the
    training's pack, where the workbook goes: collecting where no pack was built would make a new
    output folder. Return the minimum for certificates (certificates_minimum) for collect_and_write.

    Raises ArgumentProblem ('minimum', 'pack_dir') for a value given that cannot be used, InputError
    for a folder of forms or a pack that is not there.
    """
    wanted = certificates_minimum(training, certificates, minimum)
    if pack_dir is not None and (problem := pack_dir_problem(Path(pack_dir))):
        raise ArgumentProblem(problem, "pack_dir")
    check_folder(Path(folder))
    if out is None:
        existing_pack(
            training,
            Path(pack_dir or "output"),
            f"Verzamel waar de pakketten gemaakt zijn, of geef"
            f"{spot('pack_dir')} de map met de pakketten (en{spot('training')} het trainingsbestand).",
        )
    return wanted


def collect_and_write(
    folder: Path,
    training: Training,
    out: Path | None = None,
    pack_dir: Path = Path("output"),
    force: bool = False,
    minimum: int | None = None,
) -> Result:
    """Collect the forms under `folder` and write the workbook (`out`, default antwoorden.xlsx in the
    training's pack folder) and, with `minimum` (meetings attended), the certificates beside it.
    What a person asked for is checked first by `checked_request`.

    Raises InputError for an unreadable folder, OutputError when the results cannot be written.
    """
    pack = pack_folder(training, Path(pack_dir))
    target = Path(out) if out else pack / WORKBOOK
    _check_target(target, Path(folder), explicit=out is not None)
    collection = collect(Path(folder), training, pack, leave_out=target)
    if not collection.answers and (not collection.attendance or target.exists()):
        kept = f"; {target} blijft zoals het was" if target.exists() else "; er is niets geschreven"
        seen = len(collection.files)
        empty = sum(1 for line in collection.files if line.reason.startswith("leeg formulier"))
        looked = f"{seen} {'bestand' if seen == 1 else 'bestanden'} bekeken" + (
            f", waarvan {empty} {'leeg formulier' if empty == 1 else 'lege formulieren'}" if empty else ""
        )
        raise InputError(
            f"{folder}: hierin staat geen ingevuld formulier van desi-pack ({looked}){kept}. "
            "Staan de formulieren in een andere map?"
        )
    files = {target.name: workbook(collection)}
    result = Result(collection, target, pack=pack)
    certificates = minimum is not None and not collection.unread  # unread attendance: no one's count is sure
    if minimum is not None and certificates:  # python-docx is loaded only for certificates
        from desi_pack.collect import certificates as certs

        result.earned, result.missed, result.undecided = certs.earned(collection, minimum)
        files |= certs.documents(collection, result.earned)
    owner = training.owner if target.parent.resolve() == pack.resolve() else None
    result.written = write_tree(target.parent, files, force, owner=owner)
    if any(w.status == KEPT and w.path.name == target.name for w in result.written):
        newer = target.with_name(f"{target.stem}.nieuw{target.suffix}")
        result.written += write_tree(target.parent, {newer.name: files[target.name]}, True, owner=owner)
        result.kept, result.workbook = target, newer
    if certificates:
        undecided = {certs.path_of(e.person) for e in result.undecided}  # an unread mark never takes one away
        result.withdrawn, result.stale = _withdraw(target.parent, set(files) | undecided)
    return result


def default_minimum(training: Training) -> int:
    """The meetings a participant must have attended for a certificate, unless the trainer says
    otherwise: all but one (one for a training of one meeting)."""
    return max(len(training.bijeenkomsten) - 1, 1)


def certificates_minimum(training: Training, certificates: bool, minimum: int | None) -> int | None:
    """The meetings attended that earn a certificate: `minimum` when given (which asks for the
    certificates too), default_minimum when only `certificates` is asked for, else None (none made).
    Raises ArgumentProblem('minimum') for a number this training cannot have."""
    if minimum is not None and (problem := minimum_problem(training, minimum)):
        raise ArgumentProblem(problem, "minimum")
    if minimum is None and not certificates:
        return None
    return minimum if minimum is not None else default_minimum(training)


def minimum_problem(training: Training, minimum: int) -> str | None:
    """Why `minimum` (meetings attended) cannot be asked of this training, in Dutch; None when it can."""
    count = len(training.bijeenkomsten)
    if 1 <= minimum <= count:
        return None
    return f"de training heeft {count} bijeenkomsten; kies een getal van 1 tot en met {count}."


def pack_dir_problem(pack_dir: Path) -> str | None:
    """Why the folder said to hold the packs cannot (it is no folder), in Dutch; None when it can."""
    if pack_dir.is_dir():
        return None
    return f"{pack_dir} is geen map; geef de map waarin desi-pack build de pakketten maakte (standaard: output)."


def existing_pack(training: Training, pack_dir: Path, what_to_do: str) -> Path:
    """The training's pack folder (`pack_folder`), which must exist: collecting where no pack was
    built would make a new output folder there. Raises InputError naming the folder, then
    `what_to_do` (how the CLI or the page is pointed at the right one)."""
    pack = pack_folder(training, pack_dir)
    if not pack.is_dir():
        raise InputError(f"{pack}: hier staan geen pakketten van {training.owner}. {what_to_do}")
    return pack


def pack_folder(training: Training, pack_dir: Path) -> Path:
    """The training's pack folder: under `pack_dir` ('output'), or else beside the training file; never
    another training's pack (its attendance would make this training's certificates)."""
    pack = pack_dir / slugify(training.organisatie)
    if not pack.is_dir() and training.source and pack_dir == Path("output"):
        beside = Path(training.source).parent / pack_dir / slugify(training.organisatie)
        pack = beside if beside.is_dir() else pack
    owner = recorded_owner(pack)
    if owner and not same_owner(owner, training.owner):
        raise InputError(
            f"{pack}: deze map hoort bij de training '{owner}', niet bij '{training.owner}'; geef"
            f"{spot('pack_dir')} de map met de pakketten van deze training, of{spot('training')} het "
            "trainingsbestand van die andere training."
        )
    return pack


def _check_target(target: Path, folder: Path, explicit: bool) -> None:
    """The workbook goes to an .xlsx outside the folder of forms, in a folder that exists when the user
    named it, and never over a file that is not an earlier workbook of answers."""
    if target.suffix.lower() != ".xlsx" or target.is_dir():
        raise InputError(
            f"{target}: de werkmap moet een bestand zijn met een naam op .xlsx, zoals "
            f"antwoorden.xlsx; geef er een{spot('out')}."
        )
    if folder.resolve() in target.resolve().parents:
        raise InputError(
            f"{target}: dit ligt in de map met ingevulde formulieren ({folder}); kies{spot('out')} een "
            "plek daarbuiten, zodat de werkmap niet tussen de formulieren komt."
        )
    if explicit and not target.parent.is_dir():
        raise InputError(
            f"{target}: de map {target.parent} bestaat niet; maak die eerst of kies{spot('out')} een andere plek."
        )
    if target.is_file() and not _answers_workbook(target):
        raise InputError(
            f"{target}: dit bestand bestaat al en is geen werkmap met antwoorden van desi-pack "
            f"verzamel; desi-pack overschrijft het niet. Kies{spot('out')} een andere naam."
        )


def _answers_workbook(path: Path) -> bool:
    """Whether `path` is a workbook this command wrote (its sheets Overzicht and Bestanden)."""
    import zipfile

    from openpyxl.utils.exceptions import InvalidFileException

    try:
        names = open_book(path.read_bytes()).sheetnames
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):  # not one of ours
        return False
    return "Overzicht" in names and "Bestanden" in names


def _withdraw(root: Path, keep: set[str]) -> tuple[list[Path], list[Path]]:
    """Certificates an earlier run wrote that are not in `keep` (written now, or not decided on):
    removed where unchanged since, else left (the trainer changed them) and named."""
    from desi_pack.collect.certificates import FOLDER

    recorded, _ = read_manifest(root)
    removed, changed = [], []
    for rel, digest in recorded.items():
        path = root / rel
        if not rel.startswith(f"{FOLDER}/") or rel in keep or not path.is_file():
            continue
        if checksum(path.read_bytes()) == digest:
            path.unlink()
            removed.append(path)
        else:
            changed.append(path)
    return removed, changed


def summary(result: Result) -> str:
    """'12 formulieren gelezen van 9 personen, 3 overgeslagen, 1 geweigerd: output/x/antwoorden.xlsx.'"""
    files = result.collection.files
    forms = [line for line in files if line.result == "gelezen" and not line.form.startswith("aanwezigheid")]
    people = {a.person for a in result.collection.answers if a.person}
    skipped = sum(1 for line in files if line.result == "overgeslagen")
    refused = sum(1 for line in files if line.result == "geweigerd")
    agendas = len(result.collection.attendance)
    parts = [
        (
            f"{len(forms)} {'formulier' if len(forms) == 1 else 'formulieren'} gelezen van {len(people)} "
            f"{'persoon' if len(people) == 1 else 'personen'}"
        )
    ]
    parts += [f"aanwezigheid van {agendas} {'bijeenkomst' if agendas == 1 else 'bijeenkomsten'}"] if agendas else []
    parts += [f"{skipped} overgeslagen"] if skipped else []
    parts += [f"{refused} geweigerd"] if refused else []
    return f"{', '.join(parts)}: {result.workbook}"


def noted(result: Result) -> list:
    """The files with a remark (not read, or read with a reason): collect.FileLine, in order."""
    return [line for line in result.collection.files if line.result != "gelezen" or line.reason]


def missed_sentence(missed) -> str:
    """'Geen bewijs voor Anouk Smit: aanwezig bij 3 bijeenkomsten.' (missed: certificates.Earned)"""
    times = len(missed.meetings)
    return f"Geen bewijs voor {missed.person}: aanwezig bij {times} {'bijeenkomst' if times == 1 else 'bijeenkomsten'}."


def no_certificates_sentence(result: Result, minimum: int, how_to_point: str) -> str:
    """Why no one got a certificate (result.earned empty); `how_to_point` says how to name the pack folder."""
    if not result.collection.attendance and (result.pack is None or not result.pack.is_dir()):
        return (
            f"Geen bewijzen van deelname: de map met pakketten {result.pack} bestaat niet, dus er is "
            f"geen aanwezigheid gelezen. {how_to_point}"
        )
    if not result.collection.attendance:
        return (
            f"Geen bewijzen van deelname: in de Excel-agenda's in {result.pack} is nog geen aanwezigheid "
            "ingevuld (blad Aanwezigheid)."
        )
    return f"Geen bewijzen van deelname: niemand was bij minstens {minimum} bijeenkomsten aanwezig."


def unread_sentence(result: Result) -> str:
    """Why no certificates were made or taken away: attendance that could not be read ('' when all was)."""
    if not result.collection.unread:
        return ""
    from desi_pack import dutch

    return (
        f"Geen bewijzen van deelname gemaakt of weggehaald: de aanwezigheid in "
        f"{dutch.names([Path(p).name for p in result.collection.unread])} kon niet gelezen worden. "
        "Herstel die agenda en verzamel opnieuw."
    )
