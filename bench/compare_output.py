"""Compare two output folders of desi-pack, to show that a speed-up left the files as they were.

    python bench/compare_output.py MAP_OUD MAP_NIEUW

Every .docx and .xlsx is compared part by part (document.xml, headers, styles, sheets, ...);
docProps/core.xml of a workbook is left out, because openpyxl writes the time into it. A PDF
is compared by its number of pages (LibreOffice writes a date and an id into every PDF). The
manifest (.desi-pack.json) is left out. Prints every difference and exits 1 if there is one.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

SKIPPED_PARTS = {".xlsx": {"docProps/core.xml"}}


def files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def differences(old: Path, new: Path) -> tuple[list[str], int]:
    """What differs, and how many parts and PDFs were compared."""
    found, compared = [], 0
    if files(old) != files(new):
        found.append(f"andere bestanden: {sorted(set(map(str, files(old))) ^ set(map(str, files(new))))}")
    for rel in files(old):
        if not (new / rel).is_file():
            continue
        if rel.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(old / rel) as a, zipfile.ZipFile(new / rel) as b:
                if a.namelist() != b.namelist():
                    found.append(f"{rel}: andere delen")
                    continue
                for name in a.namelist():
                    if name in SKIPPED_PARTS.get(rel.suffix, ()):
                        continue
                    compared += 1
                    if a.read(name) != b.read(name):
                        found.append(f"{rel}: {name} verschilt")
        elif rel.suffix == ".pdf":
            compared += 1
            if pages((old / rel).read_bytes()) != pages((new / rel).read_bytes()):
                found.append(f"{rel}: ander aantal pagina's")
    return found, compared


def main(old: str, new: str) -> None:
    found, compared = differences(Path(old), Path(new))
    for line in found:
        print(line)
    print(f"{compared} delen en PDF's vergeleken, {len(found)} verschillen")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main(*sys.argv[1:3])
