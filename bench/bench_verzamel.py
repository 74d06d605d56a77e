"""How long `desi-pack verzamel` takes: 225 forms (15 participants × 15 forms) and 1000 forms.

    python bench/bench_verzamel.py [RONDES]

Makes the forms once, filled in as Word stores answers (tests/collect/forms.py), in a
temporary folder; then times the whole collection (reading, aligning with the blank forms,
the workbook written to disk) as `collect_and_write`, the fastest of RONDES rounds, and once
as a whole `desi-pack verzamel` process for 225 forms.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desi_pack.collect.results import collect_and_write
from desi_pack.pack.build import BlankForms
from desi_pack.training.config import load_training
from tests.collect.forms import fill_as_word

FORMS = [
    "6.8",
    "6.10",
    "10.3",
    "4.2",
    "7.4",
    "7.5",
    "8.5",
    "8.6",
    "5.3",
    "werkblad-3.5",
    "werkblad-6.1",
    "huiswerk-2",
    "huiswerk-3",
    "huiswerk-4",
    "huiswerk-5",
]


def make(folder: Path, count: int, blanks: BlankForms) -> None:
    filled = {}
    for form in FORMS:
        layout_tags = _tags(blanks(form))
        answers = {tag: True for tag in layout_tags if tag.endswith(("/a", "/3"))}
        answers |= {
            tag: "Een antwoord\nop twee regels"
            for tag in layout_tags
            if tag.endswith(("notitie", "vraag-1", "actie-s", "feedback", "1.1"))
        }
        filled[form] = answers
    for number in range(count):
        form = FORMS[number % len(FORMS)]
        person = f"Deelnemer {number // len(FORMS) + 1}"
        name = {t: person for t in _tags(blanks(form)) if t.endswith("/naam")}
        (folder / f"{number:04d}-{form}.docx").write_bytes(fill_as_word(blanks(form), filled[form] | name))


def _tags(blob: bytes) -> list[str]:
    import io
    import re
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml").decode()
    return re.findall(r'<w:tag w:val="([^"]+)"', xml)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    training = load_training(Path(__file__).resolve().parent.parent / "templates" / "training.yaml")
    blanks = BlankForms(training)
    for count in (225, 1000):
        with tempfile.TemporaryDirectory() as tmp:
            folder, out = Path(tmp) / "ontvangen", Path(tmp) / "output"
            folder.mkdir()
            make(folder, count, blanks)
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                result = collect_and_write(folder, training, out / "antwoorden.xlsx", out, force=True)
                times.append(time.perf_counter() - start)
            read = len(result.collection.answers)
            print(f"{count} formulieren ({read} gelezen): {min(times):.2f} s (snelste van {rounds})")
            if count == 225:
                start = time.perf_counter()
                subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "desi_pack",
                        "verzamel",
                        str(folder),
                        "--training",
                        str(Path(__file__).resolve().parent.parent / "templates" / "training.yaml"),
                        "--out",
                        str(out / "proces.xlsx"),
                        "--uitvoer",
                        str(out),
                    ],
                    check=True,
                    capture_output=True,
                )
                print(f"  als heel proces (desi-pack verzamel): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
