"""The trainer's manual as a page of the app: docs/handleiding.md, the one source the README links to."""

from __future__ import annotations

from functools import cache

from desi_pack.resources import builtin_dir


@cache
def manual_html() -> str:
    """The manual rendered to HTML once (Python-Markdown, as mkdocs renders it), headings with ids."""
    import markdown

    text = (builtin_dir("docs") / "handleiding.md").read_text(encoding="utf-8")
    return markdown.markdown(
        text,
        extensions=["tables", "fenced_code", "toc", "sane_lists"],
        extension_configs={"toc": {"slugify": github_slug}},
        output_format="html",
    )


def github_slug(value: str, separator: str = "-") -> str:
    """A heading's id as GitHub makes it, so that the manual's links (#pdfs-met---pdf) work on the
    page as on GitHub: lower case, punctuation left out, each space a hyphen."""
    import re

    return re.sub(r"[^\w\- ]", "", value.strip().lower()).replace(" ", separator)
