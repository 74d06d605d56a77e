"""The command line: thin commands over the core, Dutch help and Dutch errors."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gc
import gettext
import importlib
import os
import sys
import time
from pathlib import Path
from typing import Any

import click

from desi_pack.errors import ArgumentProblem, DesiPackError, InputError, said
from desi_pack.writing.pdf import STAGE as STAGE_PDF

# Each command imports what it uses when it runs: `desi-pack --help` and a wrong command line
# need neither the documents (python-docx, openpyxl) nor the course data.

# Click's own texts in Dutch. Click asks gettext for every message (a wrong command line, its help)
# before filling in the names, so each is translated whole, not word by word afterwards. The
# texts Click shows only when the program itself is wrong stay as they are.
CLICK_DUTCH = {
    "Aborted!": "Afgebroken.",
    "Missing command.": "Er ontbreekt een opdracht.",
    "Got unexpected extra argument ({args})": "Te veel opgegeven: {args}",
    "Got unexpected extra arguments ({args})": "Te veel opgegeven: {args}",
    "Takes {nargs} values but 1 was given.": "Verwacht {nargs} waarden, maar er is er 1 gegeven.",
    "Takes {nargs} values but {len} were given.": "Verwacht {nargs} waarden, maar er zijn er {len} gegeven.",
    "Value must be an iterable.": "Verwacht meer dan één waarde.",
    "env var: {var}": "omgevingsvariabele: {var}",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "(dynamic)": "(wisselt)",
    "Options": "Opties",
    "Positional arguments": "Argumenten",
    "Commands": "Opdrachten",
    "Did you mean {possibility}?": "Bedoelde u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Bedoelde u een van deze: {possibilities}?)",
    "Missing argument": "Er ontbreekt",
    "Missing option": "Er ontbreekt",
    "Missing parameter": "Er ontbreekt",
    "Missing {param_type}": "Er ontbreekt",
    "Missing parameter: {param_name}": "Er ontbreekt: {param_name}",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "unknown error": "onbekende fout",
    "Could not open file {filename!r}: {message}": "Kan {filename!r} niet openen: {message}",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Zie: {command} {option}",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "Invalid start character for option ({option})": "Een optie begint met een streepje: {option}",
    "Option {name!r} does not take a value.": "Achter {name!r} hoort geen waarde.",
    "Option {name!r} requires an argument.": "Achter {name!r} ontbreekt de waarde.",
    "Option {name!r} requires {nargs} arguments.": "Achter {name!r} horen {nargs} waarden.",
    "Argument {name!r} takes {nargs} values.": "{name!r} verwacht {nargs} waarden.",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "{value!r} is not {choice}.": "{value!r} kan niet; kies {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} kan niet; kies uit {choices}.",
    "Choice({choices})": "Keuze({choices})",
    "{value!r} does not match the format {format}.": "{value!r} heeft niet de vorm {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} heeft niet een van de vormen {formats}.",
    "{value} is not in the range {range}.": "{value} ligt niet binnen {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} is geen ja of nee; kies uit {states}",
    "{len_type} values are required, but {len_value} was given.": "Er zijn {len_type} waarden nodig, maar er is er {len_value} gegeven.",
    "{len_type} values are required, but {len_value} were given.": "Er zijn {len_type} waarden nodig, maar er zijn er {len_value} gegeven.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geheel getal.",  # every number here is whole
    "{value!r} is not a valid UUID.": "{value!r} is geen geldige code.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand, geen map.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map, geen bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} mag niet gelezen worden.",
    "{name} {filename!r} is not writable.": "In {name} {filename!r} mag niet geschreven worden.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} kan niet uitgevoerd worden.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "Do you want to continue?": "Wilt u doorgaan?",
    "Confirm the action without prompting.": "Ga door zonder het te vragen.",
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Show the version and exit.": "Toon het versienummer en stop.",
    "Show this message and exit.": "Toon deze uitleg en stop.",
    "Usage:": "Gebruik:",
    "Press any key to continue...": "Druk op een toets om door te gaan …",
    "Repeat for confirmation": "Nog een keer, ter controle",
    "Error: The two entered values do not match.": "Fout: de twee keer ingevoerde waarden verschillen.",
    "Error: invalid input": "Fout: ongeldige invoer",
    "d": "d",
}


_IN_DUTCH = contextvars.ContextVar("desi_pack_click_in_dutch", default=False)


def _gettext(message: str) -> str:
    return CLICK_DUTCH.get(message, message) if _IN_DUTCH.get() else gettext.gettext(message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    if _IN_DUTCH.get():
        return CLICK_DUTCH.get(singular if count == 1 else plural, singular if count == 1 else plural)
    return gettext.ngettext(singular, plural, count)


CLICK_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui", "_termui_impl")


@functools.cache
def _ask_click_through_us() -> None:
    """Point Click's gettext at _gettext, once, when a desi-pack command first runs (not on import).
    Outside a desi-pack command (another Click program in the same process) it answers as gettext
    does, so Click speaks Dutch only to desi-pack's users."""
    for module in map(importlib.import_module, (f"click.{name}" for name in CLICK_MODULES)):
        for name, function in (("_", _gettext), ("ngettext", _ngettext)):
            if hasattr(module, name):  # each module took gettext's functions under these names
                setattr(module, name, function)


@contextlib.contextmanager
def in_dutch():
    """Click's texts in Dutch inside this block (a desi-pack command running, its errors printed)."""
    _ask_click_through_us()
    token = _IN_DUTCH.set(True)
    try:
        yield
    finally:
        _IN_DUTCH.reset(token)


# How the core's inputs are given here: its messages name the input (errors.spot), the CLI its option.
WAYS = {
    "out": " met --out",
    "force": " met --force",
    "templates": " met --templates",
    "pack_dir": " met --uitvoer",
    "training": " met --training",
    "pdf": " (--pdf)",
    "contacts_template": " (desi-pack verwijskaart --sjabloon contacten.xlsx)",
}


def _ways(command: str) -> dict[str, str]:
    """WAYS for `command` ('desi-pack build'), with the command that makes the PDFs anew."""
    return {**WAYS, "pdf_again": f" met: {command} --pdf"}


OPTION_OF = {"meetings": "--bijeenkomst", "minimum": "--minimaal", "pack_dir": "--uitvoer"}  # errors.ArgumentProblem

SHOWN = 15  # files with a remark that verzamel lists; the workbook's files sheet has them all


class DutchFormatter(click.HelpFormatter):
    """The usage line's placeholders in Dutch (Click's other texts are in CLICK_DUTCH)."""

    def write_usage(self, prog, args="", prefix=None):
        super().write_usage(
            prog,
            args.replace("[OPTIONS]", "[OPTIES]")
            .replace("COMMAND", "OPDRACHT")
            .replace("[ARGS]...", "[ARGUMENTEN]..."),
            prefix=prefix,
        )


class DutchPath(click.Path):
    """click.Path for desi-pack's options: Click names its kind ('path') when the option is made, at
    import, outside in_dutch(); this says it when a message is made, in Dutch inside in_dutch()."""

    @property
    def name(self) -> str:
        return _gettext(self._kind)

    @name.setter
    def name(self, kind: str) -> None:
        self._kind = kind


class DutchContext(click.Context):
    """The context of desi-pack's commands: help laid out by DutchFormatter (only theirs)."""

    formatter_class = DutchFormatter


class _Dutch(click.Command):
    """A command of desi-pack: Click's texts in Dutch while it runs, its help by DutchFormatter."""

    context_class: type[click.Context] = DutchContext

    def main(self, *args, **kwargs):
        with in_dutch():
            return super().main(*args, **kwargs)


CONTEXT = {"help_option_names": ["-h", "--help"]}
HELP_OPTION = click.help_option("-h", "--help", help="Toon deze uitleg en stop.")
CONFIG_ARG = click.argument(
    "config", required=False, metavar="[TRAINING.yaml]", type=DutchPath(dir_okay=True, path_type=Path)
)
EXAMPLE = "--voorbeeld"
WITH_EXAMPLE = ("check", "build", "verwijskaart")  # the commands that build the example when asked, and only then
EXAMPLE_OPTION = click.option(
    EXAMPLE,
    "example",
    is_flag=True,
    help="Gebruik de ingebouwde voorbeeldtraining (Welzijn Rivierenland, Tiel), om te zien wat desi-pack maakt.",
)


class _Command(_Dutch, click.Command):
    """A command whose option values are checked for a forgotten value: `--out --pdf` would make a
    folder named '--pdf'."""

    def parse_args(self, ctx, args):
        rest = super().parse_args(ctx, args)
        names = {name for param in self.params for name in param.opts}
        for param in self.params:
            value = ctx.params.get(param.name)
            if isinstance(param, click.Option) and isinstance(value, (Path, str)) and str(value) in names:
                raise click.UsageError(
                    f"Achter '{param.opts[0]}' ontbreekt {param.metavar or 'de waarde'}: daar staat al '{value}'.", ctx
                )
        return rest


class _InWorkingOrder(_Dutch, click.Group):
    """Commands listed in the order a trainer uses them, not alphabetically."""

    ORDER = ("web", "init", "check", "build", "verzamel", "verwijskaart", "sjablonen")
    command_class = _Command

    def list_commands(self, ctx):
        return sorted(self.commands, key=lambda name: self.ORDER.index(name) if name in self.ORDER else 99)


@click.group(cls=_InWorkingOrder, context_settings=CONTEXT)
@click.version_option(package_name="desi-pack", message="desi-pack %(version)s", help="Toon het versienummer en stop.")
@HELP_OPTION
def cli() -> None:
    """Trainerspakketten voor de DESI-training 'Doorbreek eenzaamheid en sociaal
    isolement', uit het werkboek 'Eenzaam ben je niet alleen'.

    Het makkelijkst: 'desi-pack web' opent een pagina in uw browser waarop u de training
    invult en het pakket maakt. Of begin met 'desi-pack init': dat schrijft training.yaml om
    in te vullen. Daarna 'desi-pack check' en 'desi-pack build'. Zonder TRAINING.yaml gebruiken de opdrachten
    training.yaml in de huidige map. Wat desi-pack maakt, ziet u met de ingebouwde
    voorbeeldtraining: desi-pack build --voorbeeld.
    """


@cli.command(short_help="Open de training en het pakket als pagina in uw browser.")
@click.argument("map_", metavar="[MAP]", required=False, default=".", type=DutchPath(file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    default=None,
    metavar="MAP",
    type=DutchPath(path_type=Path),
    help="Map waarin de pakketten komen (standaard: output, in de map van de training).",
)
@click.option(
    "--poort",
    "port",
    default=None,
    type=click.IntRange(1024, 65535),
    metavar="N",
    help="Het poortnummer van de pagina (standaard: een vrij nummer).",
)
@click.option("--geen-browser", "no_browser", is_flag=True, help="Open de browser niet zelf; toon alleen het adres.")
@HELP_OPTION
def web(map_: Path, out_dir: Path | None, port: int | None, no_browser: bool) -> None:
    """Open een pagina in uw browser voor de training in MAP (standaard: de huidige map, met
    training.yaml): vul de training in, zie de agenda's met tijden en maak het pakket. Staat er
    nog geen training.yaml, dan begint u er op de pagina een. De pagina draait alleen op deze
    computer; stoppen doet u met Ctrl+C."""
    from desi_pack.web.serve import serve

    serve(map_, out_dir=out_dir, port=port, open_browser=not no_browser, say=click.echo)


@cli.command(short_help="Schrijf training.yaml om in te vullen: begin hiermee.")
@click.argument("pad", required=False, default="training.yaml", metavar="[PAD]", type=DutchPath(path_type=Path))
@HELP_OPTION
def init(pad: Path) -> None:
    """Schrijf een startbestand met uitleg bij elke instelling (standaard training.yaml);
    overschrijft nooit een bestaand bestand."""
    from desi_pack.training.starter import write_starter

    write_starter(pad)
    click.echo(f"Geschreven: {pad}. Vul het in en controleer het met: desi-pack check {pad}")


@cli.command(short_help="Kopieer de Word-sjablonen om ze in uw huisstijl aan te passen.")
@click.argument("map_", metavar="[MAP]", required=False, default="sjablonen", type=DutchPath(path_type=Path))
@HELP_OPTION
def sjablonen(map_: Path) -> None:
    """Kopieer de ingebouwde Word-sjablonen naar MAP (standaard: sjablonen) om ze in uw eigen
    huisstijl aan te passen; gebruik ze daarna met: desi-pack build --templates MAP."""
    from desi_pack.training.starter import write_templates

    written = write_templates(map_)
    click.echo(f"Geschreven: {', '.join(str(p) for p in written)}.")
    click.echo(
        f"Pas ze aan in Word en zet in uw trainingsbestand: sjablonen: {map_} "
        f"(of geef ze eenmalig mee: desi-pack build --templates {map_})."
    )


@cli.command(short_help="Controleer een training en toon de agenda's; schrijft niets.")
@CONFIG_ARG
@EXAMPLE_OPTION
@HELP_OPTION
def check(config: Path | None, example: bool) -> None:
    """Controleer een training aan de regels van de handleiding en toon de agenda van elke
    bijeenkomst, met uw eigen aanpassingen; schrijft niets.

    Zonder TRAINING.yaml: training.yaml in de huidige map.
    """
    from desi_pack import dutch
    from desi_pack.course.adapt import agenda_table
    from desi_pack.course.review import review
    from desi_pack.course.rules import meeting_end
    from desi_pack.training import example as example_data

    path = _training_file(config, example, "check")
    checked = review(path)  # as the page checks it
    if checked.error is not None:
        raise checked.error
    training = checked.training
    assert training is not None  # review gives a training or its error
    click.echo(_which(path, training))
    for slot, schedule in zip(training.bijeenkomsten, checked.schedules):
        meeting = schedule.meeting
        click.echo(
            f"  Bijeenkomst {meeting.nummer}: {dutch.long_date(slot.datum)}, "
            f"{dutch.clock(slot.start)}, {training.place_of(meeting.nummer)}"
            f"{' (eigen bijeenkomst)' if meeting.eigen else ''}"
        )
        for line in agenda_table(schedule):
            click.echo(line)
        ending = meeting_end(schedule)
        if ending.question:  # when the meeting ends is the trainer's to decide: asked here, not on paper
            click.echo(f"    {ending.question}")
    _print_warnings(checked.warnings)
    _print_notes([example_data.warning(training)], "desi-pack check")


def _load(config: Path | None, example: bool, command: str, naming: str | None = None):
    """The training the user means (the file named, else training.yaml here; the example only when
    asked for), and the line that says which it is: the first line of a command's output."""
    from desi_pack.training.config import load_training

    path = _training_file(config, example, command, naming)
    training = load_training(path)
    return training, _which(path, training)


def _which(path: Path | None, training) -> str:
    """The first line of a command's output: which training it is (`path` None: the example)."""
    if path is None:
        return _example_line(training.owner)
    return f"Training: {path} ({training.owner})."


def _training_file(config: Path | None, example: bool, command: str, naming: str | None = None) -> Path | None:
    """The file named, else training.yaml here; None for the example (--voorbeeld). Without either,
    an InputError says where desi-pack looked and what to do; `naming` is how the command is given
    a file ('desi-pack build {file}')."""
    from desi_pack.training.config import no_training_here, training_here

    if example:
        if config is not None:
            raise click.UsageError(f"geef een trainingsbestand of {EXAMPLE}, niet allebei.")
        return None
    path = config or training_here()
    if path is None:
        offer = f"desi-pack {command} {EXAMPLE}" if command in WITH_EXAMPLE else None
        raise InputError(no_training_here(naming or f"desi-pack {command} {{file}}", offer))
    return path


def _example_line(owner: str) -> str:
    return f"Training: de ingebouwde voorbeeldtraining ({owner}); uw eigen training begint u met: desi-pack init"


@cli.command(short_help="Maak de pakketten van alle bijeenkomsten in output/<organisatie>/.")
@CONFIG_ARG
@click.option(
    "--out",
    "out_dir",
    default="output",
    metavar="MAP",
    type=DutchPath(path_type=Path),
    help="Map waarin de pakketten komen: MAP/<organisatie>/ (standaard: output).",
)
@click.option(
    "--bijeenkomst",
    "meetings",
    multiple=True,
    type=int,
    metavar="N",
    help="Maak alleen bijeenkomst N (mag vaker); het overzicht en de map instrumenten blijven dan zoals ze waren.",
)
@click.option(
    "--alleen-instrumenten",
    "only_instruments",
    is_flag=True,
    help="Maak alleen de lege invulformulieren van het werkboek (map instrumenten).",
)
@click.option(
    "--force", is_flag=True, help="Overschrijf ook bestanden die u zelf heeft gewijzigd (na een reservekopie)."
)
@click.option(
    "--templates",
    "templates_dir",
    metavar="MAP",
    type=DutchPath(path_type=Path),
    help="Map met uw eigen Word-sjablonen (draaiboek.docx, huiswerk.docx, formulier.docx); "
    "een sjabloon daar vervangt het ingebouwde met dezelfde naam. Blijvend: zet "
    "'sjablonen: MAP' in het trainingsbestand.",
)
@click.option(
    "--pdf",
    "pdf",
    is_flag=True,
    help="Maak ook een PDF van elk document (met LibreOffice, dat geïnstalleerd moet zijn).",
)
@click.option("--stil", "-q", "quiet", is_flag=True, help="Toon geen voortgangsbalk.")
@EXAMPLE_OPTION
@HELP_OPTION
def build(
    config: Path | None,
    out_dir: Path,
    meetings: tuple[int, ...],
    only_instruments: bool,
    force: bool,
    templates_dir: Path | None,
    pdf: bool,
    quiet: bool,
    example: bool,
) -> None:
    """Maak de pakketten in MAP/<organisatie>/ (standaard output/<organisatie>/): per
    bijeenkomst draaiboek, huiswerk, Excel-agenda, de formulieren om uit te delen en één
    printbestand met alles wat u afdrukt; voor de hele training een overzicht en alle
    invulformulieren; voor de deelnemers agendabestanden (.ics) en een lijst met de data.

    Zonder TRAINING.yaml: training.yaml in de huidige map. Bestanden waarvan niets veranderd
    is sinds de vorige keer, worden niet opnieuw gemaakt; een bestand dat u zelf wijzigde,
    blijft staan.
    """
    from desi_pack import dutch
    from desi_pack.pack.build import build as build_pack

    training, which = _load(config, example, "build")
    bar = _ProgressBars(quiet)
    try:
        result = build_pack(
            training,
            out_dir,
            list(meetings),
            force=force,
            only_instruments=only_instruments,
            templates_dir=templates_dir,
            pdf=pdf,
            progress=bar,
        )
    finally:
        bar.close()
    from desi_pack.pack import report

    click.echo(which)
    click.echo(report.summary(result.root, result.files))
    calendars = report.calendars(result.root, result.files)
    if calendars:
        click.echo(calendars)
    if result.partial:
        asked = dutch.names([str(n) for n in sorted(set(meetings))])
        click.echo(
            f"Alleen bijeenkomst {asked} {'is' if len(set(meetings)) == 1 else 'zijn'} gemaakt; het overzicht "
            "en de map instrumenten zijn niet bijgewerkt (die maakt desi-pack build zonder --bijeenkomst)."
        )
    _print_kept(result.files)
    for stale in result.stale:
        click.echo(said(report.stale_sentence(stale), WAYS), err=True)
    _print_warnings(result.warnings)
    _print_notes(result.notes, "desi-pack build")


def _print_kept(files) -> None:
    """Which files the user changed and were kept, and where the replaced ones were copied (--force)."""
    from desi_pack.pack import report

    kept = report.kept(files)
    if kept:
        click.echo("Niet overschreven omdat ze na het maken zijn gewijzigd (gebruik --force om ze te vervangen):")
        for path in kept:
            click.echo(f"  {path}")
    for folder in report.backups(files):
        click.echo(f"Reservekopie van de vervangen bestanden die u had gewijzigd: {folder}")


def _print_notes(notes, command: str) -> None:
    for note in notes:
        if note:
            click.echo(said(note, _ways(command)))


@cli.command(short_help="Na de bijeenkomsten: lees ingevulde formulieren in tot één Excel-werkmap.")
@click.argument("map_", metavar="MAP", type=DutchPath(path_type=Path))
@click.option(
    "--training",
    "config",
    metavar="TRAINING.yaml",
    type=DutchPath(dir_okay=True, path_type=Path),
    help="Het trainingsbestand (standaard: training.yaml in de huidige map).",
)
@click.option(
    "--out",
    "out",
    metavar="BESTAND.xlsx",
    type=DutchPath(path_type=Path),
    help="Waar de werkmap komt (standaard: antwoorden.xlsx in output/<organisatie>/).",
)
@click.option(
    "--uitvoer",
    "pack_dir",
    default=None,
    metavar="MAP",
    type=DutchPath(path_type=Path),
    help="De map met de pakketten, waarin de Excel-agenda's met de aanwezigheid staan (standaard: output).",
)
@click.option(
    "--bewijzen",
    "certificates",
    is_flag=True,
    help="Maak ook een bewijs van deelname voor wie vaak genoeg aanwezig was.",
)
@click.option(
    "--minimaal",
    "minimum",
    default=None,
    type=int,
    metavar="N",
    help="Voor de bewijzen: het aantal bijeenkomsten dat iemand minstens bijwoonde (standaard: alle "
    "bijeenkomsten op één na); maakt ook de bewijzen.",
)
@click.option(
    "--force", is_flag=True, help="Overschrijf ook een werkmap die u zelf heeft gewijzigd (na een reservekopie)."
)
@HELP_OPTION
def verzamel(
    map_: Path,
    config: Path | None,
    out: Path | None,
    pack_dir: Path,
    certificates: bool,
    minimum: int | None,
    force: bool,
) -> None:
    """Lees alle ingevulde formulieren in MAP (ook in submappen en .zip-bestanden, zoals een
    mailprogramma bijlagen bewaart) en zet de antwoorden in één Excel-werkmap: een blad per
    formulier, de tellingen van de reflectoren, voor en na, de acties van 4.2, de aanwezigheid
    uit de Excel-agenda's en een lijst van elk bestand.

    Formulieren ingevuld in Word of LibreOffice (.docx of .odt) worden gelezen; een .doc of .pdf
    niet (vraag om het als .docx op te slaan). Mappen met de naam 'voor' en 'na' (of
    'bijeenkomst-1' …) zeggen wanneer een formulier is ingevuld.
    """
    from desi_pack.collect import results
    from desi_pack.collect.results import collect_and_write

    training, which = _load(config, False, "verzamel", naming="desi-pack verzamel MAP --training {file}")
    wanted = results.checked_request(map_, training, out, pack_dir, certificates, minimum)
    result = collect_and_write(map_, training, out, pack_dir or Path("output"), force, wanted)
    click.echo(which)
    click.echo(results.summary(result))
    noted = results.noted(result)
    for line in noted[:SHOWN]:
        click.echo(
            f"  {line.name}: {line.result}{f' ({line.form})' if line.form else ''}"
            f"{f': {line.reason}' if line.reason else ''}"
        )
    if len(noted) > SHOWN:
        click.echo(f"  … en nog {len(noted) - SHOWN}; alles staat op het blad Bestanden.")
    if result.kept:
        click.echo(
            f"LET OP: {result.kept} heeft u zelf gewijzigd; het is bewaard. De nieuwe werkmap staat "
            f"ernaast: {result.workbook.name}.",
            err=True,
        )
    if result.collection.unread and (certificates or minimum is not None):
        click.echo(results.unread_sentence(result), err=True)
    if result.earned is not None and wanted is not None:  # certificates were asked for
        folder = result.workbook.parent / "bewijzen-van-deelname"
        if result.earned:
            click.echo(
                f"Bewijzen van deelname ({len(result.earned)}, aanwezig bij minstens {wanted} bijeenkomsten): {folder}"
            )
        else:
            click.echo(
                results.no_certificates_sentence(
                    result, wanted, "Geef met --uitvoer de map waarin desi-pack build de pakketten maakte."
                )
            )
        for missed in result.missed:
            click.echo(f"  {results.missed_sentence(missed)}")
        for path in result.withdrawn:
            click.echo(f"  Verwijderd, want niet meer verdiend: {path.name} (van een eerdere keer).")
        for path in result.stale:
            click.echo(
                f"LET OP: {path} is niet meer verdiend, maar u heeft het gewijzigd; het is blijven staan.", err=True
            )


@cli.command(short_help="Maak de verwijskaart en zakkaarten per gemeente of wijk.")
@click.argument("bron", required=False, metavar="[BRON]", type=DutchPath(dir_okay=True, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    default="output",
    metavar="MAP",
    type=DutchPath(path_type=Path),
    help="Map waarin de kaarten komen (standaard: output).",
)
@click.option(
    "--sjabloon",
    "template",
    metavar="PAD.xlsx",
    type=DutchPath(path_type=Path),
    help="Schrijf een lege contactenwerkmap met uitleg om in te vullen, en stop.",
)
@click.option("--force", is_flag=True, help="Overschrijf ook kaarten die u zelf heeft gewijzigd (na een reservekopie).")
@click.option(
    "--organisatie",
    "organisation",
    metavar="NAAM",
    help="Bij een contactenwerkmap: de organisatie, voor de map MAP/<organisatie>/verwijskaarten "
    "(standaard: uit training.yaml in de huidige map).",
)
@click.option(
    "--pdf", "pdf", is_flag=True, help="Maak ook een PDF van elke kaart (met LibreOffice, dat geïnstalleerd moet zijn)."
)
@click.option("--stil", "-q", "quiet", is_flag=True, help="Toon geen voortgangsbalk.")
@EXAMPLE_OPTION
@HELP_OPTION
def verwijskaart(
    bron: Path | None,
    out_dir: Path,
    template: Path | None,
    force: bool,
    organisation: str | None,
    pdf: bool,
    quiet: bool,
    example: bool,
) -> None:
    """Maak per gemeente of wijk een verwijskaart (A4) en zakkaarten om te knippen, in
    MAP/<organisatie>/verwijskaarten/ (standaard output/<organisatie>/verwijskaarten/).

    BRON is een trainingsbestand (.yaml) met een verwijskaart-gedeelte, of een
    contactenwerkmap (.xlsx) met één rij per contact en de gemeente of wijk waar het
    bij hoort. Zonder BRON: training.yaml in de huidige map. De kaarten krijgen de sjablonen en
    het logo van de training.
    """
    from desi_pack.training.config import load_training, training_here
    from desi_pack.verwijskaart.contacts import is_workbook
    from desi_pack.verwijskaart.verwijskaart import make_cards, write_contacts_template

    if template is not None:
        if bron is not None:
            raise click.UsageError("--sjabloon schrijft alleen een lege werkmap; laat BRON weg.")
        path = write_contacts_template(template)
        click.echo(
            f"Geschreven: {path}. Vul de bladen Contacten en Plaatsen in en maak de kaarten met: "
            f"desi-pack verwijskaart {path}"
        )
        return
    here = training_here()
    bron = _training_file(bron, example, "verwijskaart")
    style = None  # the training whose templates and logo the cards of a workbook take
    if bron is None:
        which = "Training: de ingebouwde voorbeeldtraining; uw eigen training begint u met: desi-pack init"
    elif is_workbook(bron):
        if organisation is None and here:
            style = load_training(here)
            organisation = style.organisatie
        which = f"Contacten: {bron}{f' ({organisation})' if organisation else ''}."
    else:
        which = f"Training: {bron}."
    bar = _ProgressBars(quiet, tty_only=False, at_once_from=10)  # many places: a bar even in a log
    try:
        result = make_cards(bron, out_dir, force=force, organisation=organisation, style=style, pdf=pdf, progress=bar)
    finally:
        bar.close()
    click.echo(which)
    from desi_pack.verwijskaart.verwijskaart import summary

    _print_notes([*summary(result), *result.notes], "desi-pack verwijskaart")
    _print_kept(result.files)


class _ProgressBars:
    """The core's progress as a bar per stage on stderr, never with --stil. A bar starts at once
    for the PDFs and for `at_once_from` items or more; otherwise only when the work is taking a
    while. With `tty_only` it is never shown when stderr is not a terminal."""

    AFTER_S = 1.0

    def __init__(self, quiet: bool, tty_only: bool = True, at_once_from: int | None = None):
        self.quiet = quiet or (tty_only and not sys.stderr.isatty())
        self.at_once_from, self.started = at_once_from, time.monotonic()
        self.stage: str | None = None
        self.bar: Any = None  # click's ProgressBar, once shown (its class lives in a private module of click)
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        if stage != self.stage:
            self.close()
            self.stage, self.done = stage, 0
        if self.bar is None:
            pdf = stage.startswith(STAGE_PDF)  # seconds a document: a bar at once, with the count done
            at_once = pdf or (self.at_once_from is not None and total >= self.at_once_from)
            if not at_once and (done >= total or time.monotonic() - self.started < self.AFTER_S):
                return
            self.bar = click.progressbar(length=total, label=stage, file=sys.stderr, show_pos=pdf)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _print_warnings(warnings) -> None:
    if not warnings:
        click.echo("Geen waarschuwingen: de planning volgt de handleiding.")
        return
    click.echo(f"{len(warnings)} waarschuwing{'en' if len(warnings) != 1 else ''}:")
    for warning in warnings:
        click.echo(f"  - {warning.text}")


# A build makes a few hundred thousand small objects that live until it ends (XML trees, models):
# Python's cyclic collector would go over them every 700 new ones (about 40 ms of a build).
COLLECT_EVERY = 50_000


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; every user mistake ends in one Dutch message and a non-zero exit.

    Without argv it is the program itself (desi-pack, python -m desi_pack): it then collects
    garbage less often, and not at all at the exit.
    """
    if argv is None:
        gc.set_threshold(COLLECT_EVERY)
    try:
        _main(argv)
    finally:
        if argv is None:
            # The process ends here and its memory goes with it: a last collection over everything
            # (about 0.1 s after a build) would free nothing anyone needs. Exit handlers still run.
            gc.freeze()


def _command_path(argv: list[str] | None) -> str:
    """'desi-pack build' for a command line whose mistake Click found before knowing the command."""
    words = sys.argv[1:] if argv is None else argv
    named = next((word for word in words if not word.startswith("-")), None)
    return f"desi-pack {named}" if named in cli.commands else "desi-pack"


def _usage_error(err: click.UsageError, argv: list[str] | None) -> None:
    hint = f"\nZie: {err.ctx.command_path if err.ctx else _command_path(argv)} --help"
    click.echo(f"Fout: {err.format_message()}{hint}", err=True)
    sys.exit(2)


def _main(argv: list[str] | None) -> None:
    with in_dutch():  # the errors below are formatted after the command's own Dutch block ended
        _run(argv)


def _run(argv: list[str] | None) -> None:
    try:
        cli.main(args=argv, prog_name="desi-pack", standalone_mode=False)
    except ArgumentProblem as err:  # a value given on the command line: said as Click says a wrong option
        _usage_error(click.BadParameter(err.message, param_hint=f"'{OPTION_OF[err.argument]}'"), argv)
    except DesiPackError as err:
        click.echo(f"Fout: {err.told(_ways(_command_path(argv)))}", err=True)
        sys.exit(err.exit_code)
    except click.UsageError as err:
        _usage_error(err, argv)
    except click.ClickException as err:
        click.echo(f"Fout: {err.format_message()}", err=True)
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        click.echo("Afgebroken.", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Afgebroken; er is niets half geschreven.", err=True)
        sys.exit(130)
    except MemoryError:
        click.echo(
            "Fout: er is niet genoeg geheugen voor deze opdracht; er is niets half geschreven. Is een "
            "invoerbestand of sjabloon veel groter dan bedoeld?",
            err=True,
        )
        sys.exit(1)
    except Exception:  # a bug, not a user mistake: say so, keep the details on request
        if os.environ.get("DESI_PACK_DEBUG"):
            raise
        click.echo(
            "Fout: er ging iets mis in desi-pack zelf. "
            "Er is niets half geschreven. Meld dit met de opdracht die u gaf; "
            "met DESI_PACK_DEBUG=1 ziet u de details.",
            err=True,
        )
        sys.exit(3)
