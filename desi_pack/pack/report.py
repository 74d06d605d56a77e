"""What a build says to the trainer, in the same words in the terminal and on the page."""

from __future__ import annotations

from pathlib import Path

from desi_pack import dutch
from desi_pack.errors import spot
from desi_pack.writing.output import KEPT, NEW, OVERWRITTEN, UNCHANGED, UPDATED


def summary(root: Path, files) -> str:
    """'56 bestanden in output/x: 40 Word-documenten, 5 printbestanden, 6 Excel-werkmappen, 5 PDF's (56 nieuw).'

    `files` are output.WrittenFile.
    """
    kinds = {"Word-document": 0, "printbestand": 0, "Excel-werkmap": 0, "agendabestand": 0, "PDF": 0}
    for written in files:
        name = written.path.name
        kind = {".xlsx": "Excel-werkmap", ".pdf": "PDF", ".ics": "agendabestand"}.get(
            written.path.suffix, "Word-document"
        )
        kinds["printbestand" if name.startswith("printen-") and name.endswith(".docx") else kind] += 1
    plural = {
        "Word-document": "Word-documenten",
        "printbestand": "printbestanden",
        "Excel-werkmap": "Excel-werkmappen",
        "agendabestand": "agendabestanden",
        "PDF": "PDF's",
    }
    listed = ", ".join(f"{n} {plural[kind] if n != 1 else kind}" for kind, n in kinds.items() if n)
    statuses = {status: 0 for status in (NEW, UPDATED, UNCHANGED, KEPT, OVERWRITTEN)}
    for written in files:
        statuses[written.status] = statuses.get(written.status, 0) + 1
    counted = ", ".join(f"{n} {status}" for status, n in statuses.items() if n)
    return f"{len(files)} bestanden in {root}: {listed} ({counted})."


def calendars(root: Path, files) -> str:
    """Which calendar files the build made, to send to the participants; '' for none."""
    made = sorted(written.path for written in files if written.path.suffix == ".ics")
    whole = [path for path in made if path.parent == root]
    meetings = [path for path in made if path.parent != root]
    parts = [f"{path} (alle bijeenkomsten)" for path in whole]
    if len(meetings) > 1:
        numbers = dutch.names([path.parent.name.removeprefix("bijeenkomst-") for path in meetings])
        parts.append(f"per bijeenkomst kalender-bijeenkomst-N.ics in de map van die bijeenkomst ({numbers})")
    else:
        parts += [str(path) for path in meetings]
    if not parts:
        return ""
    kind = "Agendabestanden" if len(made) > 1 else "Agendabestand"
    return f"{kind} voor de deelnemers (voor Outlook, Google Agenda of de telefoon): {' en '.join(parts)}."


def stale_sentence(stale) -> str:
    """What to do about a file the trainer changed that is out of date (build.Stale), with the spot
    'force' (errors.spot) where a face says how to replace it."""
    return (
        f"LET OP: {stale.path} heeft u zelf gewijzigd; het is bewaard, maar sindsdien is veranderd: "
        f"{dutch.names(stale.changes)}. De nieuwe versie staat ernaast: {stale.newer.name}. Neem daarin "
        f"uw aanpassingen over en geef hem daarna de naam {stale.path.name} in plaats van uw versie; of "
        f"pas uw versie zelf aan en gooi daarna de nieuwe weg; of vervang uw versie{spot('force')} (na een "
        "reservekopie). Tot dan bevat het printbestand uw versie, en zegt dit bericht het bij elke build."
    )


def kept(files) -> list[Path]:
    """The files the trainer changed after they were made, left as they are."""
    return [w.path for w in files if w.status == KEPT]


def backups(files) -> list[Path]:
    """The reservekopie-… folders the replaced files the trainer had changed were copied into."""
    return sorted({next(p for p in w.backup.parents if p.name.startswith("reservekopie-")) for w in files if w.backup})
