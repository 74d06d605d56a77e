"""One print file per meeting: everything the trainer prints, in the order of the agenda.

`printen-bijeenkomst-N.docx` starts with a cover page: what is inside, how many copies
of each, on which paper and on which pages. Then every document follows once, each
from a new page and in its own section, so it keeps its own page size and orientation
(a poster or the partnerschapskaart stays A3 landscape) and its own header and footer.

Copies are marked on the cover instead of repeated in the file: a trainer prints a
page range in the number of copies the cover gives (or prints the file once and copies
it), the file stays a readable preview of the meeting, and a change in group size does
not move every page number. The pages are numbered through the whole file ('pagina 5 van
16' at the foot of every part), so that the range on the cover is the one printed on the
pages and the one to type in the print dialog of Word, LibreOffice or a PDF viewer (a
number restarting per part would make Word print another part's pages).

The documents are merged with docxcompose (styles, numbering, pictures, relations).
docxcompose gives every appended document the section of the first one, so after each
document this module closes a section with that document's own page setup and header
and footer parts. The page numbers on the cover are PAGEREF fields to a bookmark at the
start and end of every document: Word and LibreOffice compute them (a PDF made by
LibreOffice shows the real numbers); `set_page_numbers` writes known numbers into the
.docx.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field, replace
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.ns import qn
from docx.parts.hdrftr import FooterPart, HeaderPart
from lxml import etree

from desi_pack import dutch
from desi_pack.course.course import Course
from desi_pack.course.schedule import Schedule
from desi_pack.pack import documents
from desi_pack.pack.instruments import GRID, HEADING, TABLE_TEXT
from desi_pack.training.config import Training
from desi_pack.word import compat, reopen
from desi_pack.word import wordxml as wx
from desi_pack.word.package import entries as package_entries
from desi_pack.word.package import saved, serialize, write
from desi_pack.word.rendering import Templates
from desi_pack.writing.pdf import destinations, page_count

TEMPLATE = "formulier.docx"
BOOKMARK = "_desi_deel{number}{end}"  # a leading '_' hides a bookmark in Word's list
UNKNOWN_PAGE = "\u2013"  # a page the cover cannot know without a PDF of the print file
PAGES_LATER = (
    "De pagina's van elk onderdeel staan hier als u de pakketten maakt met desi-pack build --pdf; "
    "het zijn de nummers onder aan de pagina's van dit bestand."
)
HEAD_FILL = "DCE9EC"
PAPERS = {"A5": (14.8, 21.0), "A4": (21.0, 29.7), "A3": (29.7, 42.0)}  # cm
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def filename(number: int) -> str:
    return f"printen-bijeenkomst-{number}.docx"


@dataclass(frozen=True)
class Item:
    """One document of the print file, or something to print that is not in it."""

    title: str
    copies: int
    note: str  # why that many: 'per trainer', '12 deelnemers + 2 extra', 'A3'
    when: str  # where in the agenda
    path: str | None = None  # relative to the meeting's folder; None: not in this file
    where: str = ""  # for an item not in this file: where to get it

    @property
    def in_file(self) -> str:
        """The path of an item that is in this file (as every one of Contents.items)."""
        if self.path is None:
            raise ValueError(f"{self.title} is not in the print file")
        return self.path


@dataclass
class Contents:
    items: list[Item]  # in this file, in order
    elsewhere: list[Item] = field(default_factory=list)


def contents(training: Training, course: Course, plan: Schedule, present: set[str]) -> Contents:
    """What the trainer prints for a meeting, in agenda order; `present` holds the meeting's files.

    First the draaiboek (for the trainers), then each hand-out and poster at the agenda row
    that names its workbook §, or else at the first row of its chapter, then the homework
    sheet with the worksheets of the homework.
    """
    meeting = plan.meeting
    number = meeting.nummer
    counted = {entry["waar"]: entry for entry in documents.handouts(training, course, meeting)}
    spares = f" + {training.extra_afdrukken}" if training.extra_afdrukken else ""
    per_participant = f"({training.group_size}{spares})"
    trainers = len(training.trainers)
    end = len(meeting.agenda)
    items: list[tuple[tuple, Item]] = []
    draaiboek = documents.draaiboek_filename(meeting)
    if draaiboek in present:
        who = "voor de trainers" if trainers > 1 else "voor de trainer"
        items.append(((-1,), Item(f"Draaiboek bijeenkomst {number}", trainers, "één per trainer", who, draaiboek)))
    for order, handout in enumerate(documents.meeting_handouts(course, meeting)):
        if handout.path not in present:
            continue
        position = (*documents.handout_position(meeting, handout.key), order)
        when = _when(plan, position[0], handout.key)
        if handout.kind == documents.POSTER:
            item = Item(handout.text, 1, "om op te hangen", when, handout.path)
        else:
            entry = counted.get(handout.path, {})
            copies, times = entry.get("aantal", training.print_count), entry.get("keer", 1)
            note = (
                ""
                if copies != training.print_count * times
                else (per_participant if times == 1 else f"({times} \u00d7 {per_participant}, ook bij het huiswerk)")
            )
            item = Item(handout.text, copies, note, when, handout.path)
        items.append((position, item))
    if documents.DATES in present:  # handed out at the opening, before any form
        items.append(
            (
                (0, -1),
                Item(documents.DATES_TITLE, training.print_count, per_participant, _when(plan, 0), documents.DATES),
            )
        )
    homework = documents.homework_filename(meeting)
    elsewhere = []
    for entry in counted.values():
        where = entry["waar"]
        if where.startswith(homework):
            if homework in present:
                copies = entry["aantal"]
                items.append(
                    (
                        (end, 0, -1),
                        Item(
                            entry["tekst"],
                            copies,  # as the materials list names it: one name for one thing
                            per_participant if copies == training.print_count else "",
                            _when(plan, end),
                            homework,
                        ),
                    )
                )
        elif where not in present:
            elsewhere.append(Item(entry["tekst"], entry["aantal"], "", "", None, entry["bron"]))
    # The cover is paper: it names the list by what it is, not by its file and sheet.
    elsewhere.append(Item("Aanwezigheidslijst", 1, "", "", None, "achteraan in de agenda (Excel)"))
    items.sort(key=lambda entry: entry[0])
    return Contents([item for _, item in items], elsewhere)


def _when(plan: Schedule, position: int, key: str | None = None) -> str:
    """'14:05 6.6 Trainingsopdracht: In de weerstand', whole (a name cut short with '…' left the trainer
    guessing which exercise); for the form of one option of a choice still open, '16:00 alleen als de
    groep 8.2 doet'."""
    if position >= len(plan.rows):
        return "bij de afsluiting"
    planned = plan.rows[position]
    choice = planned.row.keuze
    option = next((o for o in choice.opties if o.instrument == key), None) if choice and key else None
    if option and choice and not choice.gekozen and planned.start:
        return f"{dutch.clock(planned.start)} alleen als de groep {option.werkboek} doet"
    what = planned.row.wat or "notitie"
    return f"{dutch.clock(planned.start)} {what}" if planned.start else what


# --- the document -------------------------------------------------------------------


@dataclass
class Cover:
    """All the print file shows besides its documents: its key in a build is a hash of this."""

    context: dict  # for the template: title, date and place, organisation, attribution
    footer: str
    content: Contents
    notices: list[str] = field(default_factory=list)  # what the trainer must know before printing, after 'Let op:'


def cover(
    training: Training, course: Course, plan: Schedule, present: set[str], own: dict[str, list[str]] | None = None
) -> Cover:
    """The cover of a meeting's print file; `present` holds the paths of the meeting's documents,
    `own` those the trainer changed after desi-pack made them, with what changed since in words
    (["de datum (was …, nu …)"]; empty: nothing). A document printed as the trainer changed it is
    named so in the table; one made from what has changed since gets a notice above it, so that
    the print file never contradicts itself without saying so."""
    own = own or {}
    meeting = plan.meeting
    title = f"Printen voor bijeenkomst {meeting.nummer}"
    when = dutch.unbroken(
        f"{dutch.long_date(plan.day)}, {dutch.clock(plan.start)}{dutch.EN_DASH}"
        f"{dutch.clock(plan.end)}, {training.place_of(meeting.nummer)}"
    )
    context = documents.common(training, course) | {"titel": title, "kop": when, "paragraaf": ""}
    content = contents(training, course, plan, present)
    content.items = [
        replace(item, title=f"{item.title} (uw eigen versie)") if item.path in own else item for item in content.items
    ]
    notices = [
        f"{item.title.removesuffix(' (uw eigen versie)')} in dit bestand is uw eigen versie, van vóór deze "
        f"wijziging: {dutch.names(own[item.in_file])}. Controleer wat daarin niet meer klopt, of druk in plaats "
        "daarvan de nieuwe versie af die desi-pack ernaast heeft gezet."
        for item in content.items
        if own.get(item.in_file)
    ]
    return Cover(context, f"{title} \u00b7 {training.organisatie} \u00b7 voorblad", content, notices)


def render(front: Cover, files: dict[str, bytes], templates: Templates) -> bytes:
    """The print file: the cover, then `files` (the meeting's documents by path in its folder), its pages
    numbered through (each part's 'pagina 5 van 16' counts the whole file, as the cover does)."""
    content = front.content
    # Each document with only the styles it uses, its template's parts read once (reopen.py).
    cover = reopen.read(templates.render(TEMPLATE, front.context))
    packages = [reopen.read(files[item.in_file]) for item in content.items]
    master = reopen.new_document(cover, COVER_STYLES)
    _footer_text(master, front.footer)
    _cover(master, content, [_paper(package.body) for package in packages], front.notices)
    composer = compat.composer(master)
    body = master.element.body
    _close_section(body, copy.deepcopy(body.find(qn("w:sectPr"))))
    ids = iter(range(1, 1_000_000))
    styles = set().union(*(package.used_styles for package in packages))
    for number, package in enumerate(packages, start=1):
        doc = reopen.document(package, styles)  # done with before the next: it may be the same frame
        wx.bookmark(_first_paragraph(doc.element.body), BOOKMARK.format(number=number, end="begin"), next(ids))
        section = copy.deepcopy(doc.element.body.find(qn("w:sectPr")))
        for reference in section.findall(qn("w:headerReference")) + section.findall(qn("w:footerReference")):
            rel = doc.part.rels[reference.get(qn("r:id"))]
            reference.set(qn("r:id"), _copy_header_footer(composer, rel))
        _wrap(doc.element.body)
        composer.append(doc, remove_property_fields=False)  # our documents have no custom properties
        _unwrap(body[composer.append_index() - 1])
        closing = _close_section(body, section, final=number == len(content.items))
        wx.bookmark(closing, BOOKMARK.format(number=number, end="eind"), next(ids))
    composer.renumber()
    _unique_control_ids(body)
    return saved(composer)


def _copy_header_footer(composer, rel) -> str:
    """A copy of a document's header or footer part in the print file; returns its relationship id.

    A picture in it (a logo) goes through the package's own collection of pictures, as the
    pictures docxcompose copies from the text do: the same picture is stored once, and no two
    pictures get the same name.
    """
    part = rel.target_part
    package = composer.doc.part.package
    kind = HeaderPart if rel.reltype == RT.HEADER else FooterPart
    base = "/word/header" if rel.reltype == RT.HEADER else "/word/footer"
    used = {str(p.partname) for p in package.iter_parts()}
    number = 1
    while f"{base}{number}.xml" in used:
        number += 1
    new = kind.load(PackURI(f"{base}{number}.xml"), part.content_type, part.blob, package)
    rel_id = composer.doc.part.relate_to(new, rel.reltype)
    renamed = {}
    for sub in part.rels.values():
        if sub.reltype == RT.IMAGE and not sub.is_external:
            renamed[sub.rId] = new.get_or_add_image(io.BytesIO(sub.target_part.blob))[0]
        else:
            renamed[sub.rId] = composer.add_relationship(part, new, sub).rId
    for element in new.element.iter():
        for name, value in element.attrib.items():
            if name.startswith(f"{{{R_NS}}}") and value in renamed:
                element.set(name, renamed[value])
    return rel_id


COVER_STYLES = {"Title", "Subtitle", TABLE_TEXT, HEADING, GRID}


def _cover(doc, content: Contents, papers: list[str], notices: list[str]) -> None:
    body = doc.element.body
    for notice in notices:  # 'Let op:' in bold, the rest calm
        paragraph = wx.paragraph(body, after_pt=8)
        wx.run(paragraph, "Let op: ", bold=True)
        wx.run(paragraph, notice)
    wx.paragraph(
        body,
        "Alles wat u voor deze bijeenkomst afdrukt, in de volgorde van de agenda. Elk onderdeel staat "
        "hier één keer in en begint op een nieuwe pagina, op zijn eigen papier. Druk elk onderdeel af in "
        "het aantal hieronder: kies in het afdrukvenster de pagina's en het aantal exemplaren. Of druk dit "
        "bestand één keer af en kopieer.",
        after_pt=8,
    )  # apart from the table below it
    widths = [0.9, 5.4, 5.0, 2.2, 1.6, 1.2, 1.2]
    table = wx.table(body, widths)
    head = wx.row(table, header=True)
    for width, text in zip(widths, ["", "Wat", "Wanneer", "Aantal", "Papier", "Van blz.", "t/m blz."]):
        wx.run(wx.cell(head, width, fill=HEAD_FILL, style=TABLE_TEXT), text, bold=True)
    for number, (item, paper) in enumerate(zip(content.items, papers), start=1):
        row = wx.row(table, together=True)
        cells = [wx.cell(row, width, style=TABLE_TEXT) for width in widths]
        for paragraph, text in zip(cells, [str(number), item.title, item.when]):
            wx.run(paragraph, text)
        wx.run(cells[3], f"{item.copies}\u00d7", bold=True)
        if item.note:
            wx.run(cells[3], f" {item.note}", size_pt=8)
        wx.run(cells[4], paper)
        wx.run(cells[5], UNKNOWN_PAGE)
        wx.run(cells[6], UNKNOWN_PAGE)
    wx.paragraph(body, PAGES_LATER, style=TABLE_TEXT, before_pt=4)
    if content.elsewhere:
        wx.paragraph(body, "Niet in dit bestand", style=HEADING, before_pt=12)
        for item in content.elsewhere:
            wx.paragraph(body, f"\u2022 {item.title} ({item.copies}\u00d7): {item.where}")


def _paper(body) -> str:
    """'A4', 'A3 liggend': the paper of a document's (last) section."""
    width, height = wx.paper_cm(body.find(qn("w:sectPr")))
    short, long_ = sorted((width, height))
    name = next(
        (name for name, (w, h) in PAPERS.items() if abs(short - w) < 0.3 and abs(long_ - h) < 0.3),
        f"{short:g} \u00d7 {long_:g} cm",
    )
    return f"{name} liggend" if width > height else name


def _footer_text(doc, text: str) -> None:
    """The cover's footer names the print file (the template's says 'werkboek §'), without a page
    number: every part counts its own pages, the cover is 'voorblad'."""
    footer = compat.element_of(doc.sections[0].footer)
    first = next(footer.iter(qn("w:t")), None)
    if first is None:
        return
    first.text = text
    run = first.getparent()
    while run.getnext() is not None:  # the page fields after it
        run.getparent().remove(run.getnext())


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _first_paragraph(body):
    return next(body.iter(qn("w:p")))


def _wrap(body) -> None:
    """All of a document's body in one block, so that docxcompose handles it in one go.

    docxcompose checks styles, lists, pictures and relations for each element of the body it
    adds, comparing every style of the print file each time; in one block that is once per
    document instead of once per paragraph and table. `_unwrap` takes the block apart again.
    """
    block = body.makeelement(wx.w("sdt"), {})
    content = wx.sub(block, "sdtContent")
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            content.append(child)
    body.insert(0, block)


def _unwrap(block) -> None:
    parent, index = block.getparent(), block.getparent().index(block)
    for offset, child in enumerate(list(block.find(qn("w:sdtContent")))):
        parent.insert(index + offset, child)
    parent.remove(block)


def _close_section(body, section, final: bool = False):
    """End the section of what was appended last with `section`; return its last paragraph.

    The final document takes the body's own section properties; any other ends with them in
    its last paragraph, or in a paragraph of one point after a closing table.
    """
    end = body.find(qn("w:sectPr"))
    position = body.index(end)
    last = body[position - 1] if position else None
    paragraph = last if last is not None and last.tag == qn("w:p") else wx.tiny_paragraph(body, at=position)
    if final:
        body.replace(end, section)
    else:
        ppr = paragraph.get_or_add_pPr()
        for old in ppr.findall(qn("w:sectPr")):
            ppr.remove(old)
        change = ppr.find(qn("w:pPrChange"))  # the only one the schema puts after w:sectPr
        if change is not None:
            change.addprevious(section)
        else:
            ppr.append(section)
    return paragraph


def _unique_control_ids(body) -> None:
    """Each document numbers its content controls from 1000; in one file every w:id must differ."""
    for number, element in enumerate(body.iter(qn("w:sdtPr")), start=1):
        id_ = element.find(qn("w:id"))
        if id_ is not None:
            id_.set(qn("w:val"), str(number))


# --- page numbers known after the PDF ---------------------------------------------------


def page_ranges(pdf: bytes, parts: int) -> list[tuple[int, int]]:
    """(first, last) page of each part in the print file's own PDF (converted with pdf.DESTINATIONS):
    a part starts on a new page at its first bookmark and ends where the next starts; [] when a
    part cannot be found."""
    pages = destinations(pdf)
    found = [pages.get(BOOKMARK.format(number=number, end="begin").lstrip("_")) for number in range(1, parts + 1)]
    starts = [page for page in found if page is not None]
    if len(starts) < len(found) or starts != sorted(starts):
        return []
    ends = [following - 1 for following in starts[1:]] + [page_count(pdf)]
    return list(zip(starts, ends))


def set_page_numbers(blob: bytes, ranges: list[tuple[int, int]]) -> bytes:
    """Write the pages of each part into the cover.

    `ranges` are (first, last) page of each part, counted in the print file's own PDF
    (`page_ranges`). Without them the cover shows a dash and says how to get the numbers.
    """
    if not ranges:
        return blob
    entries = package_entries(blob)
    root = etree.fromstring(entries["word/document.xml"])
    body: Any = root.find(qn("w:body"))  # the print file's own: there, with its table of contents
    table = body.find(qn("w:tbl"))
    for tr, (first, last) in zip(table.findall(qn("w:tr"))[1:], ranges):
        cells = tr.findall(qn("w:tc"))
        for tc, number in ((cells[5], first), (cells[6], last)):
            for text in tc.iter(qn("w:t")):
                text.text = str(number)
    for p in body.iter(qn("w:p")):
        if "".join(t.text or "" for t in p.iter(qn("w:t"))) == PAGES_LATER:
            p.getparent().remove(p)
            break
    entries["word/document.xml"] = serialize(root)
    return write(entries)
