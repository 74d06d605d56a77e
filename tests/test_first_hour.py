"""A coordinator's first hour, as a user runs it in a folder of their own: the training next to
them is the one used, nothing goes stale without a word, nothing of the example on a real card."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from docx import Document
from openpyxl import load_workbook

from desi_pack.cli import cli
from desi_pack.training.referral import CardLabels
from desi_pack.verwijskaart.contacts import template_bytes
from tests.conftest import BASE_CONFIG
from tests.docx_text import body_lines

ZUTPHEN = {
    "organisatie": "Welzijn Zutphen",
    "gemeente": "Zutphen",
    "trainers": ["Fatma Yilmaz"],
    "locatie": "De Hanzehof, Zutphen",
    "deelnemers": 12,
    "partners": ["Wijkteam Zutphen"],
    "bijeenkomsten": [
        {"datum": d, "start": "10:00"} for d in ("2027-01-12", "2027-02-16", "2027-03-16", "2027-04-20", "2027-06-01")
    ],
}


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A folder of the user's own, as the current folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(folder, data, name="training.yaml"):
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_build_and_check_use_the_training_file_in_the_current_folder(run, here):
    _write(here, ZUTPHEN)
    code, out, err = run("build", "--stil")
    assert code == 0, err
    assert out.splitlines()[0] == "Training: training.yaml (Welzijn Zutphen, Zutphen)."
    assert (here / "output" / "welzijn-zutphen" / "bijeenkomst-1").is_dir()
    assert not (here / "output" / "welzijn-rivierenland").exists()
    code, out, _ = run("check")
    assert code == 0 and out.splitlines()[0] == "Training: training.yaml (Welzijn Zutphen, Zutphen)."


def _nothing_above(folder) -> bool:
    """No training.yaml in a folder above the test's own (this machine's /tmp could have one)."""
    return not any((parent / "training.yaml").is_file() for parent in folder.parents)


@pytest.mark.parametrize("command", ["check", "build", "verwijskaart"])
def test_without_a_training_file_a_command_stops_and_says_where_it_looked(run, here, command):
    code, out, err = run(command)
    assert code == 1 and out == ""
    assert err.startswith(f"Fout: In {here} staat geen training.yaml")
    if _nothing_above(here):
        assert err == (
            f"Fout: In {here} staat geen training.yaml: begin er een met desi-pack init, of geef de naam "
            f"van uw trainingsbestand op, zo: desi-pack {command} PAD/training.yaml, of probeer het "
            f"voorbeeld: desi-pack {command} --voorbeeld.\n"
        )
    assert list(here.iterdir()) == []  # no example built, no output folder made


def test_the_example_only_when_asked_for_and_named_as_such(run, here):
    example = "Training: de ingebouwde voorbeeldtraining (Welzijn Rivierenland, Tiel); uw eigen training begint u met: "
    code, out, _ = run("check", "--voorbeeld")
    assert code == 0 and out.splitlines()[0] == example + "desi-pack init"
    code, out, _ = run("build", "--voorbeeld", "--stil", "--bijeenkomst", "1")
    assert code == 0 and out.splitlines()[0] == example + "desi-pack init"
    assert (here / "output" / "welzijn-rivierenland" / "bijeenkomst-1").is_dir()
    code, out, _ = run("verwijskaart", "--voorbeeld", "--stil")
    assert code == 0 and (here / "output" / "welzijn-rivierenland" / "verwijskaarten" / "zakkaart-tiel.docx").exists()
    _write(here, ZUTPHEN)
    code, _, err = run("build", "training.yaml", "--voorbeeld")
    assert code == 2 and err.startswith("Fout: geef een trainingsbestand of --voorbeeld, niet allebei.")
    assert "--voorbeeld" in " ".join(run("build", "--help")[1].split())


@pytest.mark.parametrize(
    "name, said",
    [
        ("training.yaml.txt", "training.yaml.txt (Kladblok zet .txt achter de naam)"),
        ("Training.YAML", "Training.YAML"),
        ("training.yml", "training.yml"),
        ("tiel 2027.yaml", "tiel 2027.yaml"),
    ],
)
def test_a_training_file_under_another_name_is_named(run, here, name, said):
    _write(here, ZUTPHEN, name)
    if (here / "training.yaml").is_file():
        pytest.skip("a file system that ignores case (Windows, macOS): Training.YAML is training.yaml")
    typed = f'"{name}"' if " " in name else name
    code, _, err = run("build")
    assert code == 1 and err == (
        f"Fout: In {here} staat geen training.yaml, wel {said}: geef de naam op, zo: "
        f"desi-pack build {typed}; of noem het bestand training.yaml.\n"
    )
    assert not (here / "output").exists()


def test_inside_a_meeting_folder_the_training_file_above_is_named_not_built(run, here, monkeypatch):
    _write(here, ZUTPHEN)
    assert run("build", "--stil", "--bijeenkomst", "4")[0] == 0
    inside = here / "output" / "welzijn-zutphen" / "bijeenkomst-4"
    before = sorted(inside.rglob("*"))
    monkeypatch.chdir(inside)
    for command in ("build", "check", "verwijskaart"):
        code, out, err = run(command)
        assert code == 1 and out == ""
        assert err == (
            f"Fout: In {inside} staat geen training.yaml; uw trainingsbestand staat waarschijnlijk in "
            f"{here}: ga naar die map (cd {Path('..', '..', '..')}) en geef de opdracht daar opnieuw.\n"
        )
    assert sorted(inside.rglob("*")) == before


def test_verzamel_without_a_training_file_says_how_to_name_it(run, here):
    (here / "ontvangen").mkdir()
    code, _, err = run("verzamel", "ontvangen")
    assert code == 1 and err.startswith(f"Fout: In {here} staat geen training.yaml")
    assert "--voorbeeld" not in err
    if _nothing_above(here):
        assert "zo: desi-pack verzamel MAP --training PAD/training.yaml." in err


def test_a_kept_file_whose_source_changed_gets_a_new_version_beside_it(run, here):
    path = _write(here, ZUTPHEN)
    run("build", "--stil")
    folder = here / "output" / "welzijn-zutphen" / "bijeenkomst-2"
    draaiboek = folder / "draaiboek-bijeenkomst-2.docx"
    doc = Document(draaiboek)
    doc.add_paragraph("Aantekening van de trainer: koffie regelen.")
    doc.save(draaiboek)
    code, out, err = run("build", "--stil")  # any build in between: the file is kept, nothing is stale yet
    assert code == 0 and err == "" and f"  {draaiboek.relative_to(here)}" in out.splitlines()
    moved = {
        **ZUTPHEN,
        "bijeenkomsten": [
            *ZUTPHEN["bijeenkomsten"][:1],
            {"datum": "2027-02-23", "start": "10:00", "locatie": "Bibliotheek Zutphen"},
            *ZUTPHEN["bijeenkomsten"][2:],
        ],
    }
    _write(here, moved)
    code, out, err = run("build", "--stil")
    assert code == 0
    assert err == (
        f"LET OP: {draaiboek.relative_to(here)} heeft u zelf gewijzigd; het is bewaard, maar sindsdien is "
        "veranderd: de datum (was dinsdag 16 februari 2027, nu dinsdag 23 februari 2027) en de plaats (was "
        "De Hanzehof, Zutphen, nu Bibliotheek Zutphen). De nieuwe versie staat ernaast: "
        "draaiboek-bijeenkomst-2.nieuw.docx. Neem daarin uw aanpassingen over en geef hem daarna de naam "
        "draaiboek-bijeenkomst-2.docx in plaats van uw versie; of pas uw versie zelf aan en gooi daarna "
        "de nieuwe weg; of vervang uw versie met --force (na een reservekopie). Tot dan bevat het printbestand uw versie, en zegt dit bericht het bij elke build.\n"
    )
    assert "Aantekening van de trainer: koffie regelen." in body_lines(draaiboek)
    newer = "\n".join(body_lines(folder / "draaiboek-bijeenkomst-2.nieuw.docx"))
    assert "dinsdag 23 februari 2027" in newer and "koffie regelen" not in newer
    printed = body_lines(folder / "printen-bijeenkomst-2.docx")
    assert "Draaiboek bijeenkomst 2 (uw eigen versie)" in printed
    assert (
        "Let op: Draaiboek bijeenkomst 2 in dit bestand is uw eigen versie, van vóór deze wijziging: de datum "
        "(was dinsdag 16 februari 2027, nu dinsdag 23 februari 2027) en de plaats (was De Hanzehof, Zutphen, nu "
        "Bibliotheek Zutphen). Controleer wat daarin niet meer klopt, of druk in plaats daarvan de nieuwe versie "
        "af die desi-pack ernaast heeft gezet." in printed
    )
    assert not any(".nieuw" in line for line in printed)
    assert path.exists()


def test_example_data_left_in_a_real_training_is_named(run, here):
    leftover = {
        **ZUTPHEN,
        "bijeenkomsten": [
            *ZUTPHEN["bijeenkomsten"][:1],
            {"datum": "2027-02-16", "start": "10:00", "locatie": "Bibliotheek Tiel"},
            *ZUTPHEN["bijeenkomsten"][2:],
        ],
        "verwijskaart": {"contacten": [{"naam": "Sociaal wijkteam Tiel", "telefoon": "0344-555 010"}]},
    }
    _write(here, leftover)
    for command in (["check"], ["build", "--stil"], ["verwijskaart", "--stil"]):
        code, out, _ = run(*command)
        assert code == 0
        assert (
            "Let op: training.yaml bevat nog 3 gegevens uit het voorbeeld (bijeenkomsten[2].locatie: Bibliotheek "
            "Tiel; verwijskaart.contacten[1].naam: Sociaal wijkteam Tiel; verwijskaart.contacten[1].telefoon: "
            "0344-555 010). Vervang ze door uw eigen gegevens: de namen, plaatsen en telefoonnummers van het "
            "voorbeeld zijn verzonnen."
        ) in out, command
    _write(here, ZUTPHEN)
    assert "uit het voorbeeld" not in run("check")[1]


def test_the_template_folder_named_in_the_training_file_is_used_and_a_change_of_look_is_said(run, here):
    assert run("sjablonen", "huisstijl")[0] == 0
    _write(here, {**ZUTPHEN, "sjablonen": "huisstijl"})
    code, out, _ = run("build", "--stil")
    assert code == 0 and "Let op" not in out
    _write(here, ZUTPHEN)
    code, out, _ = run("build", "--stil")
    root = here / "output" / "welzijn-zutphen"
    assert code == 0
    assert (
        f"Let op: de bestanden in {root.relative_to(here)} zijn eerder gemaakt met de sjablonen in "
        f"{(here / 'huisstijl').resolve()}; deze build gebruikt de ingebouwde sjablonen."
    ) in out
    _write(here, {**ZUTPHEN, "sjablonen": "bestaat-niet"})
    code, _, err = run("check")
    assert code == 1 and "regel " in err and "sjablonen: de map " in err and "bestaat niet" in err


def test_help_says_where_to_start_and_where_the_files_go(run):
    code, out, _ = run("--help")
    assert code == 0 and "'desi-pack web' opent een pagina" in out and "begin met 'desi-pack init'" in out
    assert out.split("Opdrachten:")[1].split()[0] == "web"  # the easiest way first
    for line in (
        "init         Schrijf training.yaml om in te vullen: begin hiermee.",
        "verwijskaart  Maak de verwijskaart en zakkaarten per gemeente of wijk.",
    ):
        assert " ".join(line.split()) in " ".join(out.split())
    commands = out.split("Opdrachten:")[1].splitlines()
    assert not any(line.rstrip().endswith(("...", "\u2026")) for line in commands)  # no description cut short
    assert "MAP/<organisatie>/" in " ".join(run("build", "--help")[1].split())
    assert "Gebruik: desi-pack sjablonen [OPTIES] [MAP]" in run("sjablonen", "--help")[1]
    assert "-q, --stil" in run("verwijskaart", "--help")[1]


def test_cards_from_a_workbook_go_to_the_organisations_folder(run, here, course):
    labels = CardLabels.from_instrument(course.instruments["11.5"])
    book = load_workbook(io.BytesIO(template_bytes(labels)))
    book["Contacten"].delete_rows(2)
    book["Plaatsen"].delete_rows(2)
    book["Contacten"].append(["Zutphen", "Wijkteam Zutphen", "", "", "0575-123456"])
    book.save(here / "contacten.xlsx")
    code, out, _ = run("verwijskaart", "contacten.xlsx", "--organisatie", "Welzijn Zutphen", "-q")
    assert code == 0 and out.splitlines()[0] == "Contacten: contacten.xlsx (Welzijn Zutphen)."
    assert (here / "output" / "welzijn-zutphen" / "verwijskaarten" / "verwijskaart-zutphen.docx").exists()
    _write(here, {**ZUTPHEN, "organisatie": "Stichting Samen Zutphen"})
    code, out, _ = run("verwijskaart", "contacten.xlsx", "-q")
    assert code == 0 and "output/stichting-samen-zutphen/verwijskaarten" in out


def test_the_templates_example_row_makes_no_card(run, here, course):
    labels = CardLabels.from_instrument(course.instruments["11.5"])
    book = load_workbook(io.BytesIO(template_bytes(labels)))
    book["Contacten"].append(["Zutphen", "Wijkteam Zutphen", "", "", "0575-123456"])
    book.save(here / "contacten.xlsx")
    code, out, _ = run("verwijskaart", "contacten.xlsx", "-q")
    assert code == 0 and "voor 1 plaats in" in out
    assert (
        "De voorbeeldrijen van het sjabloon (Voorbeelddorp) zijn overgeslagen; u mag ze uit de werkmap verwijderen."
    ) in out
    assert not list(here.rglob("*voorbeelddorp*"))


def test_check_shows_a_removed_row_as_removed(run, here):
    third = {"datum": "2027-03-16", "start": "10:00", "weglaten": ["6.5"]}
    _write(here, {**ZUTPHEN, "bijeenkomsten": [*ZUTPHEN["bijeenkomsten"][:2], third, *ZUTPHEN["bijeenkomsten"][3:]]})
    out = run("check")[1]
    assert any(line.split()[:1] == ["2"] and line.split()[-1] == "weggelaten" for line in out.splitlines())


def test_cli_is_the_click_group():
    assert "verwijskaart" in cli.commands and BASE_CONFIG


def test_a_missing_top_level_key_names_no_wrong_line(run, here):
    path = _write(here, {k: v for k, v in ZUTPHEN.items() if k != "locatie"})
    code, _, err = run("check")
    assert code == 1 and err == f"Fout: {path.name}: locatie: ontbreekt; deze waarde is verplicht.\n"


def test_pdfs_of_an_earlier_pdf_build_are_said_to_be_old(run, here):
    _write(here, ZUTPHEN)
    run("build", "--stil")
    folder = here / "output" / "welzijn-zutphen" / "bijeenkomst-3"
    (folder / "draaiboek-bijeenkomst-3.pdf").write_bytes(b"%PDF-1.4 as an earlier --pdf build left it")
    moved = {
        **ZUTPHEN,
        "bijeenkomsten": [
            *ZUTPHEN["bijeenkomsten"][:2],
            {"datum": "2027-03-23", "start": "10:00"},
            *ZUTPHEN["bijeenkomsten"][3:],
        ],
    }
    _write(here, moved)
    code, out, _ = run("build", "--stil")
    assert code == 0
    assert (
        "Let op: 1 PDF hoort bij een oudere versie van zijn document (zoals draaiboek-bijeenkomst-3.pdf); maak "
        "hem opnieuw met: desi-pack build --pdf"
    ) in out
