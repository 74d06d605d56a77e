"""`desi-pack verwijskaart`: from a training or a contacts workbook to a card per place.

Reads the source (a training YAML with a `verwijskaart:` section, or a contacts .xlsx),
renders every card in memory (with two worker processes when there are many places) in
the training's house style (its templates and logo), with pdf=True a PDF of each (as
`build --pdf` makes them, taken from the last run where the card is the same), then
writes them all at once through output.write_tree: nothing is half-written, a card the
coordinator edited is kept, and a card that comes out the same is left alone. Progress is
reported through a callback; the core prints nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desi_pack import dutch
from desi_pack.course.course import Course, load_course
from desi_pack.training import example
from desi_pack.training.config import Training, load_training
from desi_pack.training.referral import CardLabels, Place, place_of
from desi_pack.verwijskaart import cards, contacts
from desi_pack.word.rendering import Templates
from desi_pack.writing.jobs import Previous
from desi_pack.writing.output import WrittenFile, claim, slugify, write_tree
from desi_pack.writing.pdf import find_libreoffice, old_pdfs, with_pdfs

if TYPE_CHECKING:
    from desi_pack.writing.office import Offices

FOLDER = "verwijskaarten"
INSTRUMENT = "11.5"
SIGNALS_INSTRUMENT = "5.3"
# Below this many places one process is faster than starting workers (measured: bench/bench_verwijskaart.py).
PARALLEL_FROM = 32
CHUNK = 8
TEMPLATE = "formulier.docx"  # the frame of the cards, as of every form
STAGE = "Kaarten maken"

Progress = Callable[[int, int], None]  # (places done, places in all)
StageProgress = Callable[[str, int, int], None]  # (stage, done, in all): the cards, then the PDFs


@dataclass
class CardsResult:
    root: Path
    folder: Path
    places: list[Place]
    files: list[WrittenFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pocket_sizes: dict[str, str] = field(default_factory=dict)  # place -> 'A6' or 'A5'


@dataclass
class Cards:
    """Everything needed to render the cards of one run; picklable, so workers get it once."""

    frame: bytes
    text: cards.CardText
    logo: bytes | None = None


def make_cards(
    source: str | Path | None = None,
    out_dir: str | Path = "output",
    *,
    force: bool = False,
    progress: StageProgress | None = None,
    workers: int | None = None,
    course: Course | None = None,
    organisation: str | None = None,
    style: Training | None = None,
    pdf: bool = False,
    offices: Offices | None = None,
) -> CardsResult:
    """Read the source, render a card and a pocket sheet per place, write them under out_dir.

    The cards of a training are in its house style: its templates (`sjablonen:`) and its logo.
    The cards of a contacts workbook go to out_dir/<organisation>/verwijskaarten when
    `organisation` is given, else to a folder named after the workbook; `style` is a training
    whose templates and logo they take (the one the organisation came from). With pdf=True a
    PDF is written beside every card; PdfError (before anything is made) without LibreOffice.
    `offices`: LibreOffices kept running (the page's, writing/office.py) to make them with.
    """
    soffice = (offices if offices is not None and offices.usable else find_libreoffice()) if pdf else None
    course = course or load_course()
    labels = CardLabels.from_instrument(course.instruments[INSTRUMENT])
    source = Path(source) if source is not None else None
    notes: list[str] = []
    if source is not None and contacts.is_workbook(source):
        book = contacts.read_contacts(source, labels)
        places, notes = book.places, book.notes
        slug = slugify(organisation) if organisation else slugify(source.stem, "verwijskaarten")
        organisation, owner, training = organisation or "", None, style
    else:
        training = load_training(source)
        places, organisation = [place_from_training(training)], training.organisatie
        slug, owner = slugify(training.organisatie), training.owner
        if training.verwijskaart is None:
            notes.append("Het trainingsbestand heeft geen verwijskaart-gedeelte: de kaart heeft invulruimte.")
        notes += [note for note in [example.warning(training)] if note]
    root = Path(out_dir) / slug
    claim(root, owner, force)  # before any work: another training's folder is not written into
    run = prepare(course, labels, organisation, training)
    names = file_names(places)
    rendered = render_all(
        run, places, workers=workers, progress=(lambda done, total: progress(STAGE, done, total)) if progress else None
    )
    files: dict[str, bytes] = {}
    sizes: dict[str, str] = {}
    for place, name, (a4, pocket) in zip(places, names, rendered):
        files[f"{FOLDER}/verwijskaart-{name}.docx"] = a4
        if pocket.fits:
            files[f"{FOLDER}/zakkaart-{name}.docx"] = pocket.docx
            sizes[place.naam] = pocket.size
        else:
            # A card taller than its sheet cannot be cut, and a row that may not split but is taller
            # than the page is more than LibreOffice can lay out: no pocket card, and say why.
            notes.append(
                f"Geen zakkaart voor {place.naam}: de tekst past niet op een kaart van A5, ook niet in de "
                f"kleinste letter. Het meeste ruimte nemen {dutch.names(cards.longest_texts(place, labels))}. "
                "Maak die korter of verdeel de contacten over wijken; de A4-kaart heeft alles."
            )
    keys = _add_pdfs(soffice, files, Previous(root), force, progress) if soffice else {}
    written = write_tree(root, files, force, keys, owner=owner)
    if not soffice:
        notes += [note for note in [old_pdfs(written, "kaart")] if note]
    return CardsResult(root, root / FOLDER, places, written, notes, sizes)


def _add_pdfs(
    soffice: str | Offices,
    files: dict[str, bytes],
    previous: Previous,
    force: bool,
    progress: StageProgress | None = None,
) -> dict[str, str]:
    """A PDF beside every card (pdf.with_pdfs); return the key of each PDF. A card the coordinator
    changed is kept (unless `force`), so its PDF is made of that version."""
    own = {} if force else previous.changed_by_user(files)
    cards_ = {path: own.get(path, data) for path, data in files.items()}
    keys, _ = with_pdfs(soffice, cards_, previous, progress)
    files.update({path: data for path, data in cards_.items() if path.endswith(".pdf")})
    return keys


def summary(result: CardsResult) -> list[str]:
    """What was made, as the trainer reads it (the CLI and the page): the places, the folder, the
    files by what happened to them; the pocket cards' sizes when there are any."""
    counts: dict[str, int] = {}
    for written in result.files:
        counts[written.status] = counts.get(written.status, 0) + 1
    places, files = len(result.places), len(result.files)
    pdfs = sum(1 for written in result.files if written.path.suffix == ".pdf")
    of_which = (f", waarvan {pdfs} PDF" + ("'s" if pdfs != 1 else "")) if pdfs else ""
    done = ", ".join(f"{n} {status}" for status, n in counts.items())
    lines = [
        (
            f"Verwijskaart en zakkaarten voor {places} plaats{'en' if places != 1 else ''} in "
            f"{result.folder} ({files} bestand{'en' if files != 1 else ''}{of_which}: {done})."
        )
    ]
    sizes = list(result.pocket_sizes.values())
    kinds = [
        f"{size}, {per_sheet} per A4-vel ({sizes.count(size)} plaats{'en' if sizes.count(size) != 1 else ''})"
        for size, per_sheet in (("A6", 4), ("A5", 2))
        if size in sizes
    ]
    if kinds:
        lines.append(f"Zakkaarten: {'; '.join(kinds)}.")
    return lines


def write_contacts_template(path: str | Path, course: Course | None = None) -> Path:
    """Write an empty contacts workbook (`--sjabloon`); return the path written."""
    course = course or load_course()
    return contacts.write_template(path, CardLabels.from_instrument(course.instruments[INSTRUMENT]))


def place_from_training(training: Training) -> Place:
    """The one place of a training: its `verwijskaart:` section, or an empty card for its municipality."""
    return place_of(training.verwijskaart, training.gemeente)


def prepare(course: Course, labels: CardLabels, organisation: str, training: Training | None = None) -> Cards:
    """Render the frame (formulier.docx: styles, header, footer) once for the whole run: the
    training's own template and logo where it has them, else the built-in template.

    The template gets the values it gets for a form (instruments.py), the place as the stand-in
    cards.PLACE that each card fills in: a trainer's template that works for the forms works here.
    """
    workbook = course.rules.werkboek
    signals = course.instruments[SIGNALS_INSTRUMENT]
    text = cards.CardText(
        labels=labels,
        organisation=organisation,
        paragraph=INSTRUMENT,
        source_line=f"Werkboek {workbook.titel} ({workbook.auteurs}, {workbook.jaar}), \u00a7{INSTRUMENT}",
        signals=f"{signals.titel} (werkboek \u00a7{SIGNALS_INSTRUMENT})",
        attribution=workbook.attribution,
    )
    logo = training.logo_image if training else None
    context = {
        "titel": f"{labels.title} {cards.PLACE}",
        "kop": text.question,
        "paragraaf": INSTRUMENT,
        "organisatie": organisation or cards.NO_ORGANISATION,
        "gemeente": cards.PLACE,
        "logo": logo,
        "trainers": dutch.names(training.trainers) if training else "",
        "bronvermelding": workbook.attribution,
        "training": f"{course.rules.naam} \u2013 {organisation}, {training.gemeente}"
        if training
        else course.rules.naam,
    }
    templates = Templates(training.templates_dir if training else None)
    return Cards(templates.render(TEMPLATE, context), text, logo)


def file_names(places: list[Place]) -> list[str]:
    """A file name per place; two places with the same slug ('Tiël', 'Tiel') get -2, -3 …"""
    names: list[str] = []
    taken: set[str] = set()
    for place in places:
        base = slugify(place.naam, "plaats")
        name, number = base, 1
        while name in taken:
            number += 1
            name = f"{base}-{number}"
        taken.add(name)
        names.append(name)
    return names


def render_all(
    run: Cards, places: list[Place], *, progress: Progress | None = None, workers: int | None = None
) -> list[tuple[bytes, cards.Pocket]]:
    """(A4 card, pocket sheet) per place, in order; in two processes when it pays."""
    total = len(places)
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if total >= PARALLEL_FROM else 1
    if workers <= 1:
        frame = cards.Frame(run.frame, run.text, run.logo)
        results = []
        for done, place in enumerate(places, start=1):
            results.append(_render(frame, place))
            if progress:
                progress(done, total)
        return results
    chunks = [places[i : i + CHUNK] for i in range(0, total, CHUNK)]
    results_by_chunk: dict[int, list] = {}
    done = 0
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(run,)) as pool:
        futures = {pool.submit(_render_chunk, chunk): index for index, chunk in enumerate(chunks)}
        for future in as_completed(futures):
            index = futures[future]
            results_by_chunk[index] = future.result()
            done += len(chunks[index])
            if progress:
                progress(done, total)
    return [result for index in range(len(chunks)) for result in results_by_chunk[index]]


def _render(frame: cards.Frame, place: Place) -> tuple[bytes, cards.Pocket]:
    return cards.a4_card(frame, place), cards.pocket_cards(frame, place)


_worker_frame: cards.Frame | None = None


def _start_worker(run: Cards) -> None:
    global _worker_frame
    _worker_frame = cards.Frame(run.frame, run.text, run.logo)


def _render_chunk(places: list[Place]) -> list[tuple[bytes, cards.Pocket]]:
    frame = _worker_frame
    if frame is None:
        raise RuntimeError("a worker that was not started with its frame")  # _start_worker runs first
    return [_render(frame, place) for place in places]
