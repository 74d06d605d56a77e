"""Measure `desi-pack verwijskaart` on a contacts workbook of many places.

    python bench/bench_verwijskaart.py [PLAATSEN] [RONDES]

Writes a workbook with PLAATSEN generated places (default 400; the Netherlands has about
340 municipalities), three contacts each and steps and options per place, into a
temporary folder. Then reads and builds all cards RONDES times (default 3), once in one
process and once with two worker processes, and prints the fastest time and the cards
per second (one card = the A4 card and the sheet of pocket cards of one place). Not a
test: the figure goes into the README by hand.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import load_workbook

from desi_pack.course.course import load_course
from desi_pack.verwijskaart.verwijskaart import make_cards, write_contacts_template

STEPS = (
    "Ga in gesprek met de persoon zelf.\nNoteer wat u opviel op de Signaleringskaart.\nBel bij twijfel het wijkteam."
)
OPTIONS = "Samen een activiteit in de buurt zoeken.\nEen maatje via de vrijwilligerscentrale.\nDe huisarts."


def write_workbook(path: Path, places: int) -> None:
    write_contacts_template(path)
    book = load_workbook(path)
    contacts, place_rows = book["Contacten"], book["Plaatsen"]
    contacts.delete_rows(2)  # the template's example row, as a coordinator would
    place_rows.delete_rows(2)
    for number in range(places):
        name = f"Gemeente {number + 1:03d}"
        for person in range(3):
            contacts.append(
                [
                    name,
                    f"Contactpersoon {person + 1}",
                    "Sociaal wijkteam",
                    "Zorgen over eenzaamheid",
                    f"0344-{number:03d}{person:03d}",
                    f"team{person}@gemeente{number}.example",
                    "",
                    "09:00",
                    "17:00",
                    "maandag t/m vrijdag",
                ]
            )
        place_rows.append([name, STEPS, OPTIONS])
    book.save(path)


def main(places: int, rounds: int) -> None:
    course = load_course()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "contacten.xlsx"
        write_workbook(source, places)
        results = {}
        for workers in (1, 2):
            times = []
            for round_ in range(rounds):
                out = Path(folder) / f"uit-{workers}-{round_}"
                started = time.perf_counter()
                result = make_cards(source, out, workers=workers, course=course)
                times.append(time.perf_counter() - started)
            results[workers] = min(times)
            count = len(result.places)
            print(
                f"{workers} proces{'sen' if workers > 1 else ''}: {count} plaatsen, {len(result.files)} bestanden, "
                f"snelste van {rounds}: {min(times):.2f} s = {count / min(times):.0f} kaarten per seconde"
            )
    print(
        f"Machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
