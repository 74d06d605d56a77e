"""The workbook as desi-pack prints it: its sentences whole, its headings capitalised, its plain
spelling errors corrected (sessions/correcties.yaml), the training's name as the sources write it."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from tests.docx_text import body_lines

# Errors of the source the review of issue 26 still found on paper.
SOURCE_ERRORS = [
    "Gedragmatige",
    "memos",
    "Op welke moment",
    "Wat wil u bereiken",
    "namelijk..",
    "Waardering scores",
    "o.a Vermijd",
    "Youtube",
]


@pytest.mark.parametrize("error", SOURCE_ERRORS)
def test_a_plain_error_of_the_source_is_corrected(course, error):
    printed = course.model_dump_json()
    assert not re.search(rf"(?<!\w){re.escape(error)}(?!\w)", printed)


PARAGRAPHS = {"tekst", "instructie", "afsluiting", "inleiding", "bijzonderheden", "toelichtingen", "trainer", "bron"}


def _paragraph_lists(node):
    """Every list of paragraphs in the course data."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in PARAGRAPHS and isinstance(value, list):
                yield value
            yield from _paragraph_lists(value)
    elif isinstance(node, list):
        for item in node:
            yield from _paragraph_lists(item)


def test_no_sentence_is_split_over_two_paragraphs(course):
    """A list of paragraphs never continues a sentence in the next item (a comma in a YAML flow list
    splits it: '[Indien er al een plan was, evalueer …]')."""
    for texts in _paragraph_lists(course.model_dump()):
        strings = [t for t in texts if isinstance(t, str)]
        for before, after in pairwise(strings):
            assert not (
                after[:1].islower()
                and not before.rstrip().endswith((".", ":", "?", "!", ";"))
                and not before.startswith(("- ", "\u2022"))
            ), (before, after)


def test_the_homework_for_meeting_5_keeps_its_sentence_whole(example_pack):
    lines = body_lines(example_pack / "bijeenkomst-4" / "huiswerk-voor-bijeenkomst-5.docx")
    assert "Indien er al een plan was, evalueer deze volgens de opzet onder 10.1." in lines


def test_every_question_starts_with_a_capital(course):
    questions = [q.vraag for e in course.exercises.values() for q in e.vragen]
    assert "Wat zou iemand willen bereiken?" in questions
    assert [q for q in questions if not q[:1].isupper()] == []


def test_the_training_is_named_in_dutch_sentence_case(example_pack, course):
    assert course.rules.naam == "Doorbreek eenzaamheid en sociaal isolement"
    for path in sorted(example_pack.rglob("*.docx")):
        text = "\n".join(body_lines(path))
        assert "Eenzaamheid en Sociaal" not in text, path.name
