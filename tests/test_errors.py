"""errors.py: a core message names the input, each face says how it is given."""

from __future__ import annotations

import pickle

import pytest

from desi_pack import build, load_training
from desi_pack.errors import ArgumentProblem, OutputError, said, spot


def test_a_spot_is_left_out_unless_the_face_has_a_way_for_it():
    text = f"Kies een andere map{spot('out')}, of vervang dat pakket{spot('force')}."
    assert said(text) == "Kies een andere map, of vervang dat pakket."
    assert said(text, {"out": " met --out"}) == "Kies een andere map met --out, of vervang dat pakket."


def test_an_error_keeps_its_spots_across_processes():
    error = pickle.loads(pickle.dumps(OutputError(f"x: kies een andere map{spot('out')}.")))
    assert error.message == str(error) == "x: kies een andere map."
    assert error.told({"out": " met --out"}) == "x: kies een andere map met --out."


def test_a_meeting_that_does_not_exist_is_refused_by_the_core_before_anything_is_written(tmp_path):
    with pytest.raises(ArgumentProblem) as caught:
        build(load_training(None), tmp_path, [2, 9])
    assert caught.value.argument == "meetings"
    assert caught.value.message == "bijeenkomst 9 bestaat niet; kies een nummer van 1 tot en met 5."
    assert list(tmp_path.iterdir()) == []


def test_a_problem_is_data_and_its_place_is_written_one_way():
    from desi_pack.errors import Problem, in_order

    problem = Problem.at("training.yaml", "verwacht een datum.", 7, ("bijeenkomsten", 1, "datum"))
    assert problem == "training.yaml, regel 7: bijeenkomsten[2].datum: verwacht een datum."
    assert (problem.file, problem.line, problem.loc, problem.message) == (
        "training.yaml",
        7,
        ("bijeenkomsten", 1, "datum"),
        "verwacht een datum.",
    )
    assert Problem.at("x.yaml", "zo niet.", 3, column=5) == "x.yaml, regel 3, kolom 5: zo niet."
    assert Problem.at("x.yaml", "leeg.") == "x.yaml: leeg."
    assert pickle.loads(pickle.dumps(problem)).loc == problem.loc
    later, whole = Problem.at("x.yaml", "b.", 9), "x.yaml: het bestand als geheel."
    assert in_order([later, problem, whole, problem]) == [whole, problem, later]


def test_the_core_names_no_option_of_the_command_line():
    """A sentence of the core says what is wrong in the user's words; where an option of the CLI is
    the fix, the core leaves a spot (errors.spot) and the CLI names its option. Read from the
    source: every text in quotes outside cli.py, docstrings left out."""
    import ast
    import re
    from pathlib import Path

    import desi_pack

    allowed = {
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        "--convert-to",
        "--outdir",
        "--accept",  # LibreOffice's own command line (writing/pdf.py, writing/uno_bridge.py)
    }
    named = []
    root = Path(desi_pack.__file__).parent
    for path in sorted(root.rglob("*.py")):
        if path.name == "cli.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                for option in re.findall(r"(?<![\w-])--[a-z][\w-]*", node.value):
                    if option not in allowed:
                        named.append((path.relative_to(root).as_posix(), option))
    # The print file's page says on paper how its pages are numbered; Homebrew's own option.
    assert named == [("pack/printfile.py", "--pdf"), ("writing/pdf.py", "--cask")]
