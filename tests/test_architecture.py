"""The package's folders are the pipeline's stages, and imports run one way (docs/architectuur.md)."""

import ast
from pathlib import Path

import desi_pack

PACKAGE = Path(desi_pack.__file__).parent

# Stage → rank. A module imports only from its own stage or from a stage of lower rank;
# stages of equal rank (word, excel and writing; pack and verwijskaart) do not import each other.
RANK = {
    "shared": 0,  # errors, dutch, resources, files, text, yamlio, validation, ooxml
    "training": 1,
    "course": 2,
    "word": 3,
    "excel": 3,
    "writing": 3,
    "pack": 4,
    "verwijskaart": 4,
    "collect": 5,  # after the meetings: reads forms against the pack's blank ones
    "web": 6,  # the page: a face on the core, as the CLI is
    "top": 7,  # cli, __init__, __main__
}
SHARED = {"errors", "dutch", "resources", "files", "text", "yamlio", "validation", "ooxml"}


def _stage(parts: tuple[str, ...]) -> str:
    """The stage of desi_pack.<parts...>."""
    if parts and parts[0] in RANK:
        return parts[0]
    if parts and parts[0] in SHARED:
        return "shared"
    return "top"


def _imports(path: Path):
    """Every desi_pack module or name that `path` imports, top level and inside functions."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("desi_pack"):
            parts = tuple(node.module.split(".")[1:])
            yield parts if parts else tuple([node.names[0].name])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("desi_pack."):
                    yield tuple(alias.name.split(".")[1:])


def test_every_module_lives_in_a_stage_folder_or_is_shared():
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == SHARED | {"cli", "__init__", "__main__"}
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(RANK) - {"shared", "top"}


def test_no_stage_imports_a_later_one():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = _stage(path.relative_to(PACKAGE).with_suffix("").parts)
        for target in _imports(path):
            other = _stage(target)
            if other != own and RANK[other] >= RANK[own] and own != "top":
                wrong.append(f"{path.relative_to(PACKAGE)} imports desi_pack.{'.'.join(target)}")
    assert wrong == []
