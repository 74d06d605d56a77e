"""The commands through the real entry point: exit codes, Dutch messages, files written."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from desi_pack.writing.output import MANIFEST

cli_module = sys.modules["desi_pack.cli"]

HANDOUTS = [
    (1, "uitdelen/werkblad-3.5-definities-in-de-praktijk.docx"),
    (1, "uitdelen/4.2-concreet-vervolg.docx"),
    (1, "uitdelen/4.3-samenwerken-vrijwilligers-en-professionals.docx"),
    (2, "uitdelen/6.8-reflector-vooroordelen-over-eenzaamheid.docx"),
    (2, "uitdelen/5.3-signaleringskaart.docx"),
    (2, "uitdelen/werkblad-6.1-iedereen-heeft-vooroordelen.docx"),
    (2, "posters/poster-6.1-iedereen-heeft-vooroordelen.docx"),
    (3, "uitdelen/7.4-feedbackformulier-gespreksvaardigheden.docx"),
    (3, "uitdelen/7.5-reflector-bekend-besluiten-bereiken.docx"),
    (3, "uitdelen/7.6-voorbeeldvragen.docx"),  # 7.2: "Maak hierbij gebruik van §7.6"
    (3, "uitdelen/8.5-mijn-talenten-en-wensen.docx"),
    (3, "uitdelen/8.6-interesses-en-waarden.docx"),
    (3, "uitdelen/werkblad-6.6-in-de-weerstand.docx"),
    (3, "uitdelen/werkblad-7.1-de-rol-van-intuitie.docx"),
    (3, "uitdelen/werkblad-6.7-het-gesprek-aangaan.docx"),
    (3, "uitdelen/6.9-tips-bespreekbaar-maken-eenzaamheid-en-sociaal-isolement.docx"),  # with the homework
    (3, "uitdelen/6.10-reflector-voel-ik-me-eenzaam.docx"),
    (4, "uitdelen/8.7-persoonlijke-netwerkkaart.docx"),
    (4, "uitdelen/10.3-reflector-ondersteuningsvaardigheden.docx"),
    (4, "uitdelen/werkblad-8.4-persoonlijke-netwerkkaart.docx"),
    (5, "uitdelen/11.6-partnerschapskaart.docx"),
    (5, "uitdelen/11.5-verwijskaart.docx"),
    (5, "posters/poster-11.2-1-elkaar-kennen.docx"),
    (5, "posters/poster-11.2-2-naar-elkaar-verwijzen.docx"),
    (5, "posters/poster-11.2-3-4-partnerschap-en-community.docx"),
]
INSTRUMENTS = [
    "4.2-concreet-vervolg.docx",
    "4.3-samenwerken-vrijwilligers-en-professionals.docx",
    "5.3-signaleringskaart.docx",
    "6.8-reflector-vooroordelen-over-eenzaamheid.docx",
    "6.9-tips-bespreekbaar-maken-eenzaamheid-en-sociaal-isolement.docx",
    "6.10-reflector-voel-ik-me-eenzaam.docx",
    "7.4-feedbackformulier-gespreksvaardigheden.docx",
    "7.5-reflector-bekend-besluiten-bereiken.docx",
    "7.6-voorbeeldvragen.docx",
    "8.5-mijn-talenten-en-wensen.docx",
    "8.6-interesses-en-waarden.docx",
    "8.7-persoonlijke-netwerkkaart.docx",
    "10.3-reflector-ondersteuningsvaardigheden.docx",
    "11.5-verwijskaart.docx",
    "11.6-partnerschapskaart.docx",
]


def test_help_is_dutch(run):
    code, out, _ = run("--help")
    assert code == 0
    assert "Gebruik: desi-pack [OPTIES] OPDRACHT" in out and "Opdrachten:" in out
    code, out, _ = run("build", "-h")
    assert code == 0 and "--bijeenkomst N" in out and "Toon deze uitleg en stop." in out


def test_init_writes_starter_and_refuses_to_overwrite(run, tmp_path):
    target = tmp_path / "mijn-training.yaml"
    code, out, _ = run("init", str(target))
    assert code == 0 and "Geschreven:" in out
    assert "# desi-pack: de gegevens van uw training" in target.read_text(encoding="utf-8")
    target.write_text("organisatie: eigen werk\n", encoding="utf-8")
    code, _, err = run("init", str(target))
    assert code == 1
    assert err == (
        f"Fout: {target} bestaat al; desi-pack overschrijft het niet. Werk gewoon verder in "
        "mijn-training.yaml, of begin een nieuw bestand met een andere naam: desi-pack init andere-naam.yaml\n"
    )
    assert target.read_text(encoding="utf-8") == "organisatie: eigen werk\n"


def test_starter_is_a_valid_training(run, tmp_path):
    target = tmp_path / "training.yaml"
    run("init", str(target))
    code, out, _ = run("check", str(target))
    assert code == 0 and "Bijeenkomst 5: dinsdag 1 juni 2027, 13:30" in out


def test_check_prints_warnings_and_exits_zero(run):
    code, out, err = run("check", "--voorbeeld")
    assert code == 0 and err == ""
    assert "Geen waarschuwingen" in out
    # When meeting 2 ends is asked under its agenda, not given as a broken rule.
    assert (
        "    Bijeenkomst 2: de onderdelen duren samen 2 uur 50 min, 10 min korter dan de geplande 3 uur. Wanneer "
        "eindigt de bijeenkomst?"
    ) in out


def test_check_bad_config_is_one_dutch_error_without_traceback(run, write_config):
    path = write_config({"bijeenkomsten": [{"datum": "2027-13-01", "start": "13:30"}] * 5})
    code, out, err = run("check", str(path))
    assert code == 1 and out == ""
    assert err.startswith(f"Fout: {path} bevat 5 fouten:\n  - {path}, regel ")
    assert "bijeenkomsten[1].datum: de datum 2027-13-01 bestaat niet." in err
    assert "Traceback" not in err


def test_unknown_option_and_bad_meeting_number(run):
    code, _, err = run("build", "--bijeenkomsten", "2")
    assert code == 2 and err.startswith("Fout: Onbekende optie '--bijeenkomsten'.")
    code, _, err = run("build", "--bijeenkomst", "twee")
    assert code == 2 and "is geen geheel getal" in err
    code, _, err = run("build", "--voorbeeld", "--bijeenkomst", "7", "--out", "/nonexistent-never")
    assert code == 2 and err.startswith(
        "Fout: Ongeldige waarde voor '--bijeenkomst': bijeenkomst 7 bestaat niet; kies een nummer van 1 tot en met 5."
    )


def test_build_writes_the_whole_tree(run, tmp_path):
    code, out, _ = run("build", "--voorbeeld", "--out", str(tmp_path))
    assert code == 0
    root = tmp_path / "welzijn-rivierenland"
    files = sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
    assert files == sorted(
        [
            MANIFEST,
            "overzicht-training.xlsx",
            *[f"bijeenkomst-{n}/draaiboek-bijeenkomst-{n}.docx" for n in range(1, 6)],
            *[f"bijeenkomst-{n}/agenda-bijeenkomst-{n}.xlsx" for n in range(1, 6)],
            *[f"bijeenkomst-{n}/huiswerk-voor-bijeenkomst-{n + 1}.docx" for n in range(1, 5)],
            *[f"bijeenkomst-{n}/{name}" for n, name in HANDOUTS],
            *[f"instrumenten/{name}" for name in INSTRUMENTS],
            *[f"bijeenkomst-{n}/printen-bijeenkomst-{n}.docx" for n in range(1, 6)],
            "kalender-training.ics",
            *[f"bijeenkomst-{n}/kalender-bijeenkomst-{n}.ics" for n in range(1, 6)],
            "data-van-de-training.docx",
            "bijeenkomst-1/uitdelen/data-van-de-training.docx",
        ]
    )
    assert (
        f"68 bestanden in {root}: 51 Word-documenten, 5 printbestanden, 6 Excel-werkmappen, "
        "6 agendabestanden (68 nieuw)."
    ) in out
    assert (
        f"Agendabestanden voor de deelnemers (voor Outlook, Google Agenda of de telefoon): "
        f"{root / 'kalender-training.ics'} (alle bijeenkomsten) en per bijeenkomst kalender-bijeenkomst-N.ics "
        "in de map van die bijeenkomst (1, 2, 3, 4 en 5)."
    ) in out


def test_build_selected_meetings(run, tmp_path):
    code, out, _ = run("build", "--voorbeeld", "--out", str(tmp_path), "--bijeenkomst", "2", "--bijeenkomst", "5")
    assert code == 0
    root = tmp_path / "welzijn-rivierenland"
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == ["bijeenkomst-2", "bijeenkomst-5"]
    assert not (root / "overzicht-training.xlsx").exists()
    assert (
        "Alleen bijeenkomst 2 en 5 zijn gemaakt; het overzicht en de map instrumenten zijn niet bijgewerkt "
        "(die maakt desi-pack build zonder --bijeenkomst)."
    ) in out


def test_rebuild_keeps_a_file_the_user_edited(run, tmp_path):
    run("build", "--voorbeeld", "--out", str(tmp_path), "--bijeenkomst", "1")
    edited = tmp_path / "welzijn-rivierenland" / "bijeenkomst-1" / "agenda-bijeenkomst-1.xlsx"
    edited.write_bytes(b"aantekeningen van de trainer")
    code, out, _ = run("build", "--voorbeeld", "--out", str(tmp_path), "--bijeenkomst", "1")
    assert code == 0
    assert "1 behouden" in out and str(edited) in out
    assert edited.read_bytes() == b"aantekeningen van de trainer"
    code, out, _ = run("build", "--voorbeeld", "--out", str(tmp_path), "--bijeenkomst", "1", "--force")
    assert code == 0 and "1 overschreven" in out
    assert edited.read_bytes().startswith(b"PK")
    backups = list((tmp_path / "welzijn-rivierenland").glob("reservekopie-*/bijeenkomst-1/agenda-bijeenkomst-1.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == b"aantekeningen van de trainer"
    folder = backups[0].parent.parent
    assert f"Reservekopie van de vervangen bestanden die u had gewijzigd: {folder}\n" in out


def test_failed_build_writes_nothing(run, tmp_path, monkeypatch):
    from desi_pack.pack import workbooks

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", "agenda.xlsx")

    monkeypatch.setattr(workbooks, "overview_workbook", broken)
    monkeypatch.delenv("DESI_PACK_DEBUG", raising=False)
    code, _, err = run("build", "--voorbeeld", "--out", str(tmp_path))
    assert code == 3 and "Er is niets half geschreven." in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_output_folder_that_is_a_file(run, tmp_path):
    blocker = tmp_path / "output"
    blocker.write_text("geen map", encoding="utf-8")
    code, _, err = run("build", "--voorbeeld", "--out", str(blocker))
    assert code == 1
    assert err.startswith(f"Fout: {blocker / 'welzijn-rivierenland'}: de uitvoermap kan niet gemaakt")
    assert blocker.read_text(encoding="utf-8") == "geen map"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_output_folder(run, tmp_path):
    locked = tmp_path / "alleen-lezen"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        code, _, err = run("build", "--voorbeeld", "--out", str(locked))
    finally:
        locked.chmod(0o700)
    assert code == 1 and err.startswith(f"Fout: {locked / 'welzijn-rivierenland'}: de uitvoermap kan niet")


def test_init_in_a_folder_that_does_not_exist(run, tmp_path):
    target = tmp_path / "geen-map" / "training.yaml"
    code, _, err = run("init", str(target))
    assert code == 1
    assert err == f"Fout: {target}: de map {target.parent} bestaat niet; maak die eerst of kies een andere plek.\n"


def test_only_instruments_flag(run, tmp_path):
    code, out, _ = run("build", "--voorbeeld", "--out", str(tmp_path), "--alleen-instrumenten")
    assert code == 0 and "15 bestanden" in out
    root = tmp_path / "welzijn-rivierenland"
    assert sorted(p.name for p in root.iterdir() if p.is_dir()) == ["instrumenten"]


def test_rebuild_says_nothing_changed(run, tmp_path):
    run("build", "--voorbeeld", "--out", str(tmp_path), "--alleen-instrumenten")
    code, out, _ = run("build", "--voorbeeld", "--out", str(tmp_path), "--alleen-instrumenten")
    assert code == 0
    assert f"15 bestanden in {tmp_path / 'welzijn-rivierenland'}: 15 Word-documenten (15 ongewijzigd)." in out


def test_progress_bar_on_a_terminal_and_not_with_stil(run, tmp_path, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(cli_module._ProgressBars, "AFTER_S", 0)
    code, _, err = run("build", "--voorbeeld", "--out", str(tmp_path / "a"), "--bijeenkomst", "1")
    assert code == 0
    assert "Documenten maken" in err
    code, _, err = run("build", "--voorbeeld", "--out", str(tmp_path / "b"), "--bijeenkomst", "1", "-q")
    assert code == 0 and err == ""


def test_help_and_check_import_only_what_they_use(tmp_path):
    """`desi-pack --help` needs Click and little else; `check` and `init` no Word or Excel libraries."""
    import subprocess

    probe = (
        "import sys, runpy; sys.argv = ['desi-pack'] + sys.argv[1:]\n"
        "try:\n    runpy.run_module('desi_pack', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('docx', 'docxtpl', 'openpyxl', 'PIL', 'pydantic', 'yaml') if m in sys.modules)\n"
        "print(','.join(heavy), file=sys.stderr)"
    )

    def heavy(*args):
        done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, cwd=tmp_path)
        return done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""

    assert heavy("--help") == ""
    assert heavy("build", "--help") == ""
    assert "docx" not in heavy("check", "--voorbeeld") and "openpyxl" not in heavy("check", "--voorbeeld")
    assert "docx" not in heavy("init", str(tmp_path / "t.yaml")) and "openpyxl" not in heavy("init", "x.yaml")


def _dates(root) -> dict:
    return {path: path.stat().st_mtime_ns for path in root.rglob("*")}


def _rebuilds_touch_nothing(run, training, out, options: list[list[str]]) -> None:
    """Each build with nothing changed since the one before says so and leaves every file as it was."""
    root = out / "welzijn-rivierenland"
    for extra in options:
        dates = _dates(root)
        code, printed, _ = run("build", str(training), "--out", str(out), "--stil", *extra)
        assert code == 0
        summary = next(line for line in printed.splitlines() if " bestanden in " in line)
        assert summary.endswith(" ongewijzigd)."), (extra, summary)
        assert "," not in summary.split("(")[-1], (extra, summary)  # nothing new, nothing updated
        assert "PDF hoort" not in printed and "PDF's horen" not in printed, extra
        assert _dates(root) == dates, extra


def test_a_rebuild_with_nothing_changed_touches_nothing_whatever_the_options(run, tmp_path, write_config):
    training = write_config()
    run("build", str(training), "--out", str(tmp_path), "--stil")
    _rebuilds_touch_nothing(
        run,
        training,
        tmp_path,
        [[], ["--bijeenkomst", "2"], ["--alleen-instrumenten"], ["--force"], ["--bijeenkomst", "2", "--force"], []],
    )


@pytest.mark.libreoffice
def test_building_with_and_without_pdfs_in_turn_rewrites_nothing(run, tmp_path, write_config):
    """A build with --pdf counts the print files' pages; the builds without it after that keep those."""
    training = write_config()
    run("build", str(training), "--out", str(tmp_path), "--stil")
    run("build", str(training), "--out", str(tmp_path), "--stil", "--pdf")
    _rebuilds_touch_nothing(
        run,
        training,
        tmp_path,
        [[], ["--pdf"], [], ["--bijeenkomst", "3"], ["--bijeenkomst", "3", "--pdf"], ["--force", "--pdf"], []],
    )


# --- every message of Click, the command-line library, in Dutch (issue 22) ----------------------

ENGLISH = re.compile(
    r"\b(Option|option|Usage|Error|error|Try|Missing|Invalid|invalid|requires|argument|arguments|"
    r"such|does|not|Got|unexpected|extra|Choose|one of|value|values|exist|is a|file|directory|"
    r"path|range|valid|integer|boolean|Did you mean)\b"
)


@pytest.mark.parametrize(
    "args, said",
    [
        (["build", "--out"], "Achter '--out' ontbreekt de waarde."),
        (["build", "--out", "--pdf"], "Achter '--out' ontbreekt MAP: daar staat al '--pdf'."),
        (
            ["verzamel", "ontvangen", "--training", "--bewijzen"],
            "Achter '--training' ontbreekt TRAINING.yaml: daar staat al '--bewijzen'.",
        ),
        (["build", "--bijeenkomsten", "2"], "Onbekende optie '--bijeenkomsten'. Bedoelde u '--bijeenkomst'?"),
        (["build", "-x"], "Onbekende optie '-x'."),
        (["--versie"], "Onbekende optie '--versie'. Bedoelde u '--version'?"),
        (["build", "--bijeenkomst", "twee"], "Ongeldige waarde voor '--bijeenkomst': 'twee' is geen geheel getal."),
        (["buld"], "Onbekende opdracht 'buld'. Bedoelde u 'build'?"),
        (["build", "a.yaml", "b.yaml"], "Te veel opgegeven: b.yaml"),
        (["verzamel"], "Er ontbreekt 'MAP'."),
        (["build", "--pdf=ja"], "Achter '--pdf' hoort geen waarde."),
        (["check", "--voorbeeld", "training.yaml"], "geef een trainingsbestand of --voorbeeld, niet allebei."),
    ],
)
def test_every_mistake_on_the_command_line_is_said_in_dutch(run, args, said):
    code, out, err = run(*args)
    assert code == 2 and out == ""
    command = next((word for word in args if not word.startswith("-")), "")
    path = f"desi-pack {command}" if command in cli_module.cli.commands else "desi-pack"
    assert err == f"Fout: {said}\nZie: {path} --help\n"
    assert not ENGLISH.search(err), err


def test_clicks_other_messages_are_dutch_too():
    """The kinds of value this command line has none of yet (a choice, a range, a file that must
    exist, yes or no), as Click words them when one is added to a command of desi-pack."""
    import click

    @click.command(cls=cli_module._Command)
    @click.option("--soort", type=click.Choice(["meenemen", "uitdelen"]))
    @click.option("--aantal", type=click.IntRange(1, 5))
    @click.option("--bestand", type=cli_module.DutchPath(exists=True))
    @click.option("--map", "folder", type=cli_module.DutchPath(exists=True, file_okay=False))
    @click.option("--ja", type=bool)
    @click.option("--verplicht", required=True)
    def command(**_):
        pass

    said = []
    for args in (
        ["--soort", "weggeven"],
        ["--aantal", "9"],
        ["--bestand", "/nergens/x.yaml"],
        ["--map", __file__],
        ["--ja", "misschien"],
        [],
        ["--verplicht", "x", "--verplicht"],
    ):
        with cli_module.in_dutch():  # as desi-pack's main() formats a message: in Dutch
            with pytest.raises(click.UsageError) as caught:
                command.main(args, standalone_mode=False)
            said.append(caught.value.format_message())
    assert said[:2] == [
        "Ongeldige waarde voor '--soort': 'weggeven' kan niet; kies uit 'meenemen', 'uitdelen'.",
        "Ongeldige waarde voor '--aantal': 9 ligt niet binnen 1<=x<=5.",
    ]
    assert said[2] == "Ongeldige waarde voor '--bestand': Pad '/nergens/x.yaml' bestaat niet."
    assert said[3] == f"Ongeldige waarde voor '--map': Map {__file__!r} is een bestand, geen map."
    assert said[5] == "Er ontbreekt '--verplicht'."
    for message in said:
        assert not ENGLISH.search(message), message


def test_importing_the_cli_leaves_click_as_it_is_for_other_programs():
    """Another Click program in the same process (a test runner, a plugin host) keeps Click's own
    English and formatter, before and after a desi-pack command ran."""
    import subprocess
    import sys

    script = """
import click, gettext
import desi_pack.cli as cli
assert click.Context.formatter_class is click.HelpFormatter
assert click.core._ is gettext.gettext and click.exceptions.ngettext is gettext.ngettext
try:
    cli.main(["--help"])
except SystemExit:
    pass

@click.command()
@click.option("--aantal", type=int)
def other(aantal):
    pass

try:
    other.main(["--aantal", "x"], standalone_mode=False)
except click.UsageError as err:
    print(err.format_message())
print(other.get_help(click.Context(other)).splitlines()[0])
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    lines = done.stdout.splitlines()
    assert lines[-2:] == ["Invalid value for '--aantal': 'x' is not a valid integer.", "Usage:  [OPTIONS]"], lines
    assert lines[0] == "Gebruik: desi-pack [OPTIES] OPDRACHT [ARGUMENTEN]..."


# Click's texts that only a mistake in desi-pack itself can show (two options with one name, …).
CLICK_PROGRAMMING = {
    "deprecated",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    "Could not determine name for option with declarations {decls!r}",
    (
        "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean "
        "to pass '--{name}'?"
    ),
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "{editor}: Editing failed",
    "{editor}: Editing failed: {e}",
}


def test_every_text_click_shows_a_user_has_a_dutch_translation():
    """Read from Click's own source, so a new version of Click with a new message fails here."""
    import ast
    import importlib

    texts = set()
    for name in cli_module.CLICK_MODULES:
        source = Path(importlib.import_module(f"click.{name}").__file__).read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
                texts |= {
                    arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                }
    assert texts, "Click no longer asks gettext for its texts"
    assert sorted(texts - set(cli_module.CLICK_DUTCH) - CLICK_PROGRAMMING) == []


def test_no_english_in_the_help_of_any_command(run):
    for command in ["", *cli_module.cli.commands]:
        code, out, _ = run(*([command] if command else []), "--help")
        assert code == 0
        for word in (
            "TEXT",
            "INTEGER",
            "PATH",
            "FILE",
            "BOOLEAN",
            "Usage",
            "Options",
            "Commands",
            "[required]",
            "[default",
            "Show ",
        ):
            assert word not in out, (command, word)


def test_the_page_needs_the_folder_of_a_training_in_the_core_and_on_the_command_line(run, tmp_path):
    from desi_pack.errors import InputError
    from desi_pack.web.serve import serve

    with pytest.raises(InputError, match="deze map bestaat niet; geef de map van uw training"):
        serve(tmp_path / "nergens", open_browser=False)
    code, out, err = run("web", str(tmp_path / "nergens"), "--geen-browser")
    assert (code, out) == (1, "")
    assert err == f"Fout: {tmp_path / 'nergens'}: deze map bestaat niet; geef de map van uw training.\n"
