"""Naive docxtpl rendering, as a program of its own: what a build would cost done the plain way.

    python bench/naive_docxtpl.py CONTEXTEN.json

CONTEXTEN.json is a list of [template path, context] (bench_processes.py writes it: one entry
for every Word document the example build writes). For each entry a fresh DocxTemplate,
rendered with the same Jinja settings desi-pack uses and saved in memory. Only docxtpl and
Jinja are imported, nothing of desi-pack: this is the whole process that is compared.
"""

from __future__ import annotations

import io
import json
import sys

from docxtpl import DocxTemplate
from jinja2 import FunctionLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment


def main(path: str) -> None:
    with open(path, encoding="utf-8") as file:
        jobs = json.load(file)
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True, loader=FunctionLoader(lambda _: None))
    for template, context in jobs:
        document = DocxTemplate(template)
        document.render(context, jinja_env=env, autoescape=True)
        document.save(io.BytesIO())


if __name__ == "__main__":
    main(sys.argv[1])
