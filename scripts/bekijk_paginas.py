"""Every page of a pack as a picture, to look at all of them in a minute.

    python scripts/bekijk_paginas.py [TRAINING.yaml] [--uit MAP] [--dpi 60]

Builds the training (the built-in example without one) with --pdf into MAP (default
output/paginas), then writes every page of every PDF as a PNG beside it
(`<document>-<page>.png`, with pdftoppm from poppler-utils) and one contact sheet per
document (`<document>.overzicht.png`: all its pages side by side, numbered), and last an
index `overzicht.txt` with the page count of each document. Needs LibreOffice and
poppler-utils.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw

from desi_pack import build, load_training

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("training", nargs="?", type=Path)
    parser.add_argument("--uit", type=Path, default=REPO / "output" / "paginas")
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("pdftoppm ontbreekt: apt-get install poppler-utils", file=sys.stderr)
        return 1
    result = build(load_training(args.training), args.uit, pdf=True)
    pdfs = sorted(p for p in result.root.rglob("*.pdf"))
    index = []
    for pdf in pdfs:
        stem = pdf.with_suffix("")
        for old in stem.parent.glob(f"{stem.name}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(stem)], check=True)
        pages = sorted(stem.parent.glob(f"{stem.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        contact_sheet(pages, stem.parent / f"{stem.name}.overzicht.png")
        index.append(f"{len(pages):3d}  {pdf.relative_to(result.root)}")
    (result.root / "overzicht.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
    print(f"{len(pdfs)} documenten, {sum(int(line.split()[0]) for line in index)} pagina's in {result.root}")
    print(f"Overzicht per document: {result.root}/**/*.overzicht.png; aantallen in {result.root}/overzicht.txt")
    return 0


def contact_sheet(pages: list[Path], out: Path, per_row: int = 6) -> None:
    """The pages of one document side by side, a grey line around each, its number above it."""
    images = [Image.open(p).convert("RGB") for p in pages]
    width = max(i.width for i in images)
    height = max(i.height for i in images)
    rows = -(-len(images) // per_row)
    gap, label = 12, 18
    sheet = Image.new(
        "RGB", (min(len(images), per_row) * (width + gap) + gap, rows * (height + gap + label) + gap), "#d9d9d9"
    )
    draw = ImageDraw.Draw(sheet)
    for number, image in enumerate(images):
        x = gap + (number % per_row) * (width + gap)
        y = gap + (number // per_row) * (height + gap + label)
        draw.text((x, y), str(number + 1), fill="black")
        sheet.paste(image, (x, y + label))
        draw.rectangle([x - 1, y + label - 1, x + image.width, y + label + image.height], outline="#808080")
    sheet.save(out)


if __name__ == "__main__":
    sys.exit(main())
