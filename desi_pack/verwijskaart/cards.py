"""The verwijskaart as Word documents: an A4 card and a sheet of pocket cards per place.

The frame (styles, header, footer) is the template `formulier.docx`, the frame of every
form: the training's own (`sjablonen:`) where it has one, with its logo, rendered once per
run with a stand-in for the place (PLACE) that each card fills in. So the cards carry the
house style the trainer gave the forms: fonts, colours, header, footer and logo. The card
reads as a flow: a signal, then (1) what you do first, (2) the options after talking about
it, (3) whom to contact; the three headings are the workbook's own (instrument 11.5 in
sessions/instrumenten.yaml). A part without local data gets room to write and Word content
controls, like the blank instrument.

The pocket version is A6-sized: four identical cards on an A4 sheet with dashed cut
lines. A card whose text would not fit on A6 becomes A5-sized, two on an A4 sheet. The
sheet has no header (it would push the second row of cards onto a page of its own); each
card carries the logo itself.

Speed (a coordinator may have 340 municipalities): the card is made on a frame
(word/frames.py), parsed once per process and reused; it is written as WordprocessingML
with word/wordxml.py's builder (python-docx's property setters cost more than the rest
together); and only document.xml, header and footer are
serialised per card, appended to a zip that already holds the unchanged parts, with the
fixed dates of every document desi-pack writes (word/package.py): the same card is the
same bytes in every run.
"""

from __future__ import annotations

import copy
import io
import math
from dataclasses import dataclass

from docx import Document
from docx.oxml.ns import qn

from desi_pack.training.referral import CardLabels, Contact, Place, contact_lines
from desi_pack.word import frames, page, properties
from desi_pack.word import wordxml as wx
from desi_pack.word.controls import Controls
from desi_pack.word.package import saved, without
from desi_pack.word.page import LOGO_HEIGHT_CM
from desi_pack.word.rendering import logo_box

FORM = "verwijskaart"  # the form part of the cards' field tags (controls.field_tag)
# Stand-ins the frame is rendered with: the place, which each card fills in; and an empty organisation
# (a contacts workbook names none), which goes with its separator: "Tiel", not " · Tiel".
PLACE, NO_ORGANISATION = "\ue000", "\ue001"
SEPARATOR = " \u00b7 "

ACCENT = "1F5C6B"  # the dark teal of the templates
LIGHT = "EEF5F6"  # background of a step of the flow
GREY = "595959"
WHITE = "FFFFFF"
TABLE_TEXT, NOTE, FOOTER = "Tabeltekst", "Toelichting", "Voettekstklein"  # style ids in formulier.docx
SHEET_FOOTER_PT = 7.5  # the footer of a sheet of pocket cards: three lines of it fit the bottom margin
ARROW = "\u25bc"  # ▼ between the steps of the flow
STEP_MARK, OPTION_MARK = "\u25b8", "\u2022"  # ▸ a step to take, • an option
DOTS = "\u2026"
PT_PER_CM = 72 / 2.54

A4_PAGE, A4_MARGIN, A4_TOP, A4_BOTTOM = (21.0, 29.7), 1.8, 2.0, 2.0
# The card's letter (pt): its steps and options, their headings, the contacts. Read at a glance, so as large
# as the page allows: largest first, smaller when the place has much to say.
A4_SIZES = (
    (15.0, 16.0, 13.0),
    (14.0, 15.0, 12.0),
    (13.0, 14.0, 11.5),
    (12.0, 13.0, 11.0),
    (12.0, 13.0, 10.5),
    (12.0, 13.0, 10.0),
    (12.0, 13.0, 9.5),
)
BLANK_CONTACT_PT = 11.0  # a blank contact is written in by hand: its labels need no larger letter
A4_BADGE_CM, A4_PADDING_CM, A4_ARROW_CM = 1.5, 0.25, 0.6
# A box to write steps or options in: lines of handwriting, fewer when the contacts need the room.
A4_BOX_LINES = (4, 2)  # most, fewest
BOX_INDENT_CM, BOX_MARGIN_CM = 0.25, 0.15  # the box from the side of its step; the writing from the box's edge
CONTACT_MARGIN_CM = (0.2, 0.12)  # a contact's panel: the text from its sides, from its top and bottom


@dataclass(frozen=True)
class CardText:
    """What every card of one run shares, besides the place."""

    labels: CardLabels
    organisation: str  # may be empty (a contacts workbook names no organisation)
    paragraph: str  # '11.5'
    source_line: str  # 'Werkboek Eenzaam ben je niet alleen (Heessels e.a., 2015), §11.5'
    signals: str  # 'Signaleringskaart (werkboek §5.3)'
    attribution: str  # the footer's 'Bron: Heessels e.a. (2015). Eenzaam ben je niet alleen. …'
    question: str = "Wat doet u bij een signaal van eenzaamheid of sociaal isolement?"


@dataclass(frozen=True)
class PocketSize:
    name: str
    cols: int
    rows: int
    page: tuple[float, float]  # width, height in cm
    card: tuple[float, float]
    margins: tuple[float, float, float]  # left/right, top, bottom (the footer sits in the bottom margin)
    fonts: tuple[float, ...]  # point sizes to try, largest first


# Four per A4: 10 x 13.7 cm (A6 is 10.5 x 14.8; printers need a margin). Two per A4 landscape: 14.3 x 18.6 cm.
A6 = PocketSize("A6", 2, 2, (21.0, 29.7), (10.0, 13.7), (0.5, 0.6, 1.5), (9.5, 9.0, 8.5, 8.0, 7.5))
A5 = PocketSize("A5", 2, 1, (29.7, 21.0), (14.3, 18.6), (0.55, 0.5, 1.6), (9.5, 9.0, 8.5, 8.0, 7.5, 7.0))
PADDING_CM = 0.4  # inside a pocket card, from the cut line to the text
POCKET_BOX_CM = 1.6  # room to write steps or options on an empty pocket card
LOGO_ID = 9100  # the drawing id of the logo on the first pocket card (the header's is 9001, compiled.py)
POCKET_LOGO = 0.7  # the logo on a pocket card, to its size in a header (word/rendering.py: 1 cm high at most)


@dataclass(frozen=True)
class Pocket:
    docx: bytes
    size: str  # 'A6' or 'A5'
    fits: bool  # False: too much text even for an A5 card; the cards run longer


def card_title(text: CardText, place: Place) -> str:
    return f"{text.labels.title} {place.naam}"


# --- the frame --------------------------------------------------------------------


class Frame:
    """The rendered formulier.docx on a frame (word/frames.py), opened once; every card starts from a
    fresh copy of its first parts.

    `blob` is the template filled in with PLACE for the place (and NO_ORGANISATION for an empty
    organisation); `logo` the training's logo, which each pocket card shows (the sheet has no header).
    """

    def __init__(self, blob: bytes, text: CardText, logo: bytes | None = None):
        self.text = text
        doc = Document(io.BytesIO(blob))
        section = doc.sections[0]
        self._footer = section.footer.part
        # The parts each card writes anew, in the order the card's zip appends them.
        names = [part.partname.lstrip("/") for part in (doc.part, section.header.part, self._footer)]
        self._frame = frames.Frame(doc, names=names)
        for part in self._frame.parts.values():
            _fill(part.element, NO_ORGANISATION, "")
        self._pristine = {name: copy.deepcopy(part.element) for name, part in self._frame.parts.items()}
        self.logo = None
        if logo:  # a picture for the body: the template placed the logo in the header only
            width, height = (round(side * POCKET_LOGO) for side in logo_box(logo))
            self.logo = doc.part.new_pic_inline(io.BytesIO(logo), width, height)
            for element in self.logo.iter(_WP_DOC_PR, _PIC_C_NV_PR):
                element.set("id", str(LOGO_ID))  # the copies on a sheet number on from it (_copy_card)
            blob = saved(doc)  # with the picture and its relationship, in the parts every card shares
        self._frame.static = without(blob, names)

    def start(self, place: str, pocket_footer: str | None = None):
        """A fresh document: body, header and footer as in the frame, for this place.

        With `pocket_footer` it is a sheet of pocket cards: no header, an empty body, and a footer
        of that line and the attribution (see _sheet_footer).
        """
        self._frame.swap({name: copy.deepcopy(pristine) for name, pristine in self._pristine.items()})
        body = self._frame.doc.element.body
        if pocket_footer is not None:
            _sheet_footer(self._footer.element, [pocket_footer, self.text.attribution])
            sect = body.find(qn("w:sectPr"))
            for reference in sect.findall(qn("w:headerReference")):
                sect.remove(reference)
            for child in list(body):
                if child is not sect:
                    body.remove(child)
        for part in self._frame.parts.values():
            _fill(part.element, PLACE, place)
        return body

    def save(self, identity: dict[str, str] | None = None) -> bytes:
        """The card as .docx; `identity` becomes its custom document properties (properties.py)."""
        return self._frame.save(identity)

    def identity(self) -> dict[str, str]:
        return properties.identity(FORM, self.text.organisation)


def _fill(element, stand_in: str, value: str) -> None:
    """Put `value` in the place of `stand_in` in every text of the part; an empty value takes a
    separator beside it along ("Org · Tiel" without an organisation is "Tiel")."""
    for t in element.iter(qn("w:t")):
        if t.text and stand_in in t.text:
            text = t.text
            if not value:
                text = text.replace(stand_in + SEPARATOR, "").replace(SEPARATOR + stand_in, "")
            t.text = text.replace(stand_in, value)
            if t.text != t.text.strip():
                t.set(qn("xml:space"), "preserve")


def _sheet_footer(footer, lines: list[str]) -> None:
    """The footer of a sheet of pocket cards: `lines` in small print, in the style of the template's
    footer, and nothing else. The cards fill the page down to the bottom margin; a taller footer (a
    trainer's, with a line more or a larger letter) would push the second row of cards onto a page of
    its own. The footer is cut away with the margin; the cards carry the house style themselves."""
    first = footer.find(qn("w:p"))
    style = first.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if first is not None else None
    for child in list(footer):
        footer.remove(child)
    for line in lines:
        paragraph = _paragraph(
            footer,
            style.get(qn("w:val")) if style is not None else FOOTER,
            before_pt=0,
            after_pt=0,
            line_pt=SHEET_FOOTER_PT + 0.5,
        )
        _run(paragraph, line, size=SHEET_FOOTER_PT)


# --- A4 ---------------------------------------------------------------------------


def a4_card(frame: Frame, place: Place) -> bytes:
    """The card on A4: title, the question, and the three steps of the flow (laid out by a4_plan)."""
    text, labels = frame.text, frame.text.labels
    body = frame.start(place.naam)  # the template's title and subtitle: 'Verwijskaart Tiel' and the question
    wx.page_setup(body.find(qn("w:sectPr")), A4_PAGE, A4_MARGIN, A4_TOP, A4_BOTTOM)
    plan = a4_plan(place, text, logo=frame.logo is not None)
    note = _paragraph(body, NOTE)
    _run(note, _a4_note(text))
    controls = Controls(FORM)
    width = A4_PAGE[0] - 2 * A4_MARGIN
    inner = width - A4_BADGE_CM
    flow = _table(body, [A4_BADGE_CM, inner], margin_cm=A4_PADDING_CM)
    box_cm = plan.box_lines * page.WRITING_LINE_CM
    blocks = [
        (
            labels.steps,
            lambda cell: _list_or_box(
                cell, place.stappen, STEP_MARK, controls, "stappen", labels.steps, plan.text_size, box_cm
            ),
        ),
        (
            labels.options,
            lambda cell: _list_or_box(
                cell, place.opties, OPTION_MARK, controls, "opties", labels.options, plan.text_size, box_cm
            ),
        ),
        (
            labels.contact,
            lambda cell: _contacts_a4(cell, place.contacten, labels, controls, inner, plan.contact_size, plan.columns),
        ),
    ]
    for number, (heading, fill) in enumerate(blocks, start=1):
        if number > 1:  # an arrow, as high as it is: the room goes to the steps themselves
            arrow = wx.row(flow, height_cm=A4_ARROW_CM, exact=True)
            cell = wx.table_cell(arrow, A4_BADGE_CM, margins_cm=(0, 0))
            _run(
                _paragraph(cell, align="center", before_pt=0, after_pt=0, line_pt=A4_ARROW_CM * PT_PER_CM),
                ARROW,
                size=14,
                color=ACCENT,
            )
            _paragraph(wx.table_cell(arrow, inner, margins_cm=(0, 0)), before_pt=0, after_pt=0)
        row = wx.row(flow)
        badge = wx.table_cell(row, A4_BADGE_CM, fill=ACCENT)
        _run(_paragraph(badge, align="center"), str(number), size=26, bold=True, color=WHITE)
        content = wx.table_cell(row, inner, fill=LIGHT)
        _run(_paragraph(content, keep_next=True, after_pt=3), heading, size=plan.heading_size, bold=True, color=ACCENT)
        fill(content)
    return frame.save(frame.identity())


def _a4_note(text: CardText) -> str:
    return (
        f"Signalen herkent u met de {text.signals}. Deze kaart zegt wat u daarna doet, welke "
        "mogelijkheden er zijn en wie u kunt bellen."
    )


@dataclass(frozen=True)
class A4Plan:
    box_lines: int  # writing lines in an empty step's or option's box
    contact_size: float  # the contacts' letter (pt)
    columns: int  # the contacts side by side: 1 or 2
    height_cm: float  # the card's estimated height (cm), from the top of the body
    room_cm: float  # the body's height (cm): the card is one page when height_cm <= room_cm
    text_size: float  # the steps' and options' letter (pt)
    heading_size: float  # their headings' letter (pt)


def a4_plan(place: Place, text: CardText, logo: bool = False) -> A4Plan:
    """How the A4 card uses its page: the largest letter (A4_SIZES), the contacts in one column or else
    two, then the most writing lines in the empty boxes, with which the card fits one page (the heights
    estimated as page.py measures text). The boxes shrink first, to the fewest lines, before the
    contacts go side by side, and that before the letter gets smaller. A card that does not fit even
    then takes the fewest lines and the smallest letter, in two columns, and runs on.
    """
    room = A4_PAGE[1] - max(A4_TOP, page.body_top_cm(logo)) - A4_BOTTOM
    plans = [
        A4Plan(
            lines,
            contacts,
            columns,
            _a4_height_cm(place, text, lines, (size, heading, contacts), columns),
            room,
            size,
            heading,
        )
        for size, heading, contacts in A4_SIZES
        for columns in (1, 2)
        for lines in range(A4_BOX_LINES[0], A4_BOX_LINES[1] - 1, -1)
    ]
    return next((plan for plan in plans if plan.height_cm <= room), plans[-1])


A4_SAFETY_CM = 0.5  # an estimate, not a measurement: LibreOffice 7.4 and 25.2 set the same text a little apart


def _a4_height_cm(
    place: Place, text: CardText, box_lines: int, sizes: tuple[float, float, float], columns: int
) -> float:
    """Estimated height (cm) of the A4 card's body: title, question and note, then the flow; `sizes` the
    letter of the steps, their headings and the contacts (pt)."""
    text_size, heading_size, contact_size = sizes
    labels, pt = text.labels, page.PT_CM
    width = A4_PAGE[0] - 2 * A4_MARGIN
    inner = width - A4_BADGE_CM - 2 * A4_PADDING_CM
    total = (
        page.paragraph_cm(card_title(text, place), 20, after_pt=2, bold=True, spacing=1.0, width_cm=width)
        + page.paragraph_cm(text.question, 12, after_pt=10, width_cm=width)
        + page.paragraph_cm(_a4_note(text), 9.5, after_pt=4, width_cm=width)
        + 2 * A4_ARROW_CM
        + A4_SAFETY_CM
    )
    box = box_lines * page.WRITING_LINE_CM + 2 * pt  # the box's row (its margins inside) and a 1 pt paragraph
    for heading, items in ((labels.steps, place.stappen), (labels.options, place.opties), (labels.contact, None)):
        total += 2 * A4_PADDING_CM + page.paragraph_cm(
            heading, heading_size, after_pt=3, bold=True, spacing=1.0, width_cm=inner
        )
        if items is None:
            total += _contacts_a4_cm(place.contacten, labels, inner, contact_size, columns)
        elif items:
            total += sum(
                page.paragraph_cm(item, text_size, after_pt=2, spacing=1.0, width_cm=inner - 0.55) for item in items
            )
        else:
            total += box
    return total


def _contacts_a4_cm(
    contacts: tuple[Contact, ...], labels: CardLabels, width: float, size: float, columns: int
) -> float:
    """Estimated height (cm) of the contacts on the A4 card, `width` the text's width in their step."""
    if not contacts:  # two blank contacts of six lines
        return 2 * 6 * page.line_cm(min(size, BLANK_CONTACT_PT), 1.0) + (12 * 2 + 6) * page.PT_CM
    widths, rows = _contact_grid(contacts, labels, width, size, columns)
    total = 1 * page.PT_CM
    for cells in rows:
        heights = [
            sum(
                page.cell_height_cm([f"{label} {value}"], column, line_size, bold, padding_cm=0)
                for label, value, line_size, bold, _ in lines
            )
            for lines, column in zip(cells, widths)
        ]
        total += max(heights) + 2 * CONTACT_MARGIN_CM[1] + 3 * page.PT_CM  # the panel's margins, the white rule
    return total


def _contact_grid(
    contacts: tuple[Contact, ...], labels: CardLabels, width: float, size: float, columns: int
) -> tuple[list[float], list[list[list]]]:
    """The contacts' panels on the A4 card: the widths (cm) of the grid's two columns, and per row the
    lines of its two cells (see _contact_a4_texts). In one column a contact is a row, who and what for
    on the left, how and when on the right; in two, two contacts share a row, each in a cell of its own."""
    inner = width - 0.2  # the panels' left border back at the text's margin (tblInd)
    if columns == 1:
        return [inner * 0.38, inner * 0.62], [list(_contact_a4_texts(c, labels, size, False)) for c in contacts]
    stacked = [[*who, *how] for who, how in (_contact_a4_texts(c, labels, size, True) for c in contacts)]
    pairs = [stacked[i : i + 2] for i in range(0, len(stacked), 2)]
    return [inner / 2, inner / 2], [pair + [[]] * (2 - len(pair)) for pair in pairs]


def _contact_a4_texts(contact: Contact, labels: CardLabels, size: float, compact: bool) -> tuple[list, list]:
    """What a contact's panel on the A4 card says, as (label, text, size, bold, note) per line: who and
    what for, and how and when to reach them (with the days short when `compact`)."""
    who = [("", contact.naam, size + 0.5, True, False)]
    who += [("", contact.organisatie, size, False, False)] if contact.organisatie else []
    who += [("", contact.waarvoor, size - 0.5, False, True)] if contact.waarvoor else []
    how = [
        (label, value, size, False, False) for label, value in contact_lines(contact, labels, compact=compact) if value
    ]
    return who, how or [("", "", size, False, False)]


def _list_or_box(
    cell, items: tuple[str, ...], mark: str, controls: Controls, field: str, label: str, size: float, box_cm: float
) -> None:
    """The items as a list; with none, a bordered box to write in (a text field on screen)."""
    if items:
        for item in items:
            paragraph = _paragraph(cell, hanging_cm=0.55 * size / 12)
            _run(paragraph, f"{mark}\t", size=size, color=ACCENT)
            _run(paragraph, item, size=size)
        return
    width = wx.cell_width_cm(cell)
    box = _table(cell, [width - 2 * 0.25], borders=("single", 4, "808080"), margin_cm=0.15)
    box_cell = wx.table_cell(wx.row(box, height_cm=box_cm), width - 2 * 0.25, fill=WHITE)
    controls.text(_paragraph(box_cell), field, label, width_cm=width - 2 * 0.25 - 2 * 0.15)
    wx.tiny_paragraph(cell, style=TABLE_TEXT)  # a cell must end with a paragraph; one point high


def _contacts_a4(
    cell, contacts: tuple[Contact, ...], labels: CardLabels, controls: Controls, width: float, size: float, columns: int
) -> None:
    """A white panel per contact, in one or two columns (_contact_grid). A row of panels stays whole on
    its page (cantSplit); the rows may run on to the next page between them."""
    if not contacts:
        for number in range(1, 3):
            _blank_contact(cell, labels, controls, min(size, BLANK_CONTACT_PT), width - 2 * A4_PADDING_CM, number)
        return
    widths, rows = _contact_grid(contacts, labels, width - 2 * A4_PADDING_CM, size, columns)
    grid = _table(cell, widths, borders=("single", 24, LIGHT), margin_cm=CONTACT_MARGIN_CM[0], indent_cm=0.2)
    for cells in rows:
        row = wx.row(grid, together=True)
        for column, lines in zip(widths, cells):
            panel = wx.table_cell(row, column, fill=WHITE if lines else LIGHT, margins_cm=(CONTACT_MARGIN_CM[1],) * 2)
            for label, value, line_size, bold, note in lines or [("", "", size, False, False)]:
                paragraph = _paragraph(panel)
                if label:
                    _run(paragraph, f"{label} ", size=line_size, bold=True)
                _run(paragraph, value, size=line_size, bold=bold, italic=note, color=GREY if note else None)
    wx.tiny_paragraph(cell, style=TABLE_TEXT)


def _contact(container, contact: Contact, labels: CardLabels, size: float) -> None:
    """A contact on a pocket card: name and organisation, what for, then each way to reach them."""
    first = _paragraph(container, keep_next=True, before_pt=2)
    _run(first, contact.naam, size=size + 0.5, bold=True)
    if contact.organisatie:
        _run(first, f" \u2013 {contact.organisatie}", size=size)
    if contact.waarvoor:
        _run(_paragraph(container, keep_next=True), contact.waarvoor, size=size - 0.5, italic=True, color=GREY)
    for label, value in contact_lines(contact, labels, compact=True):
        if value:
            line = _paragraph(container, keep_next=True)
            if label:
                _run(line, f"{label} ", size=size, bold=True)
            _run(line, value, size=size)


def _blank_contact(
    container, labels: CardLabels, controls: Controls, size: float, width_cm: float, number: int
) -> None:
    """The contact fields of the workbook, each with a field to type in (a dotted line on paper);
    `number` (from 1) tells the blank contacts of one card apart."""
    room = width_cm * PT_PER_CM * 0.9 / size  # an ellipsis is 1 em wide

    def field(paragraph, name: str, label: str, dots: int) -> None:
        controls.text(
            paragraph, f"contact-{number}/{name}", f"Contact {number}: {label}", placeholder=DOTS * max(4, dots)
        )
        _size_placeholder(paragraph, size)

    paragraph = _paragraph(container, before_pt=0 if number == 1 else 6)
    field(paragraph, "naam", "Naam/organisatie/team", int(room))
    for key, label in (("telefoon", labels.phone), ("email", labels.email), ("social-media", labels.social)):
        paragraph = _paragraph(container)
        _run(paragraph, f"{label} ", size=size, bold=True)
        field(paragraph, key, label.rstrip(":"), int(room - len(label) * 0.6))
    paragraph = _paragraph(container)
    for word in labels.hours.split():  # 'Bereikbaar van … tot …'
        _run(paragraph, f"{word} ", size=size, bold=True)
        if word in ("van", "tot"):
            field(paragraph, f"bereikbaar-{word}", f"Bereikbaar {word}", 6)
            _run(paragraph, " ", size=size)
    paragraph = _paragraph(container)
    _run(paragraph, f"{labels.days} ", size=size, bold=True)
    field(paragraph, "dagen", labels.days, int(room - len(labels.days) * 0.6))


def _size_placeholder(paragraph, size: float) -> None:
    """The dotted placeholder of the last control in the paragraph at the card's size."""
    wx.set_size(paragraph.findall(qn("w:sdt"))[-1].find(qn("w:sdtContent")), size)


# --- pocket cards -----------------------------------------------------------------


def pocket_cards(frame: Frame, place: Place) -> Pocket:
    """An A4 sheet of identical pocket cards with cut lines."""
    text = frame.text
    size, font, fits = pocket_size(place, text, logo=frame.logo is not None)
    count = size.rows * size.cols
    # Without the organisation (each card names it): one line, however long its name.
    body = frame.start(
        place.naam,
        pocket_footer=f"Zakkaart {place.naam} (werkboek \u00a7{text.paragraph})"
        f"{SEPARATOR}{count} kaarten van {size.name}-formaat; knip langs "
        "de stippellijnen",
    )
    wx.page_setup(body.find(qn("w:sectPr")), size.page, *size.margins, distances_cm=(0.2, 0.35))
    controls = Controls(FORM)
    width = size.card[0] - 2 * PADDING_CM
    grid = _table(
        body, [size.card[0]] * size.cols, borders=("dashed", 6, "808080"), margin_cm=PADDING_CM, indent_cm=PADDING_CM
    )
    rows = [wx.row(grid, height_cm=size.card[1], exact=fits, together=True) for _ in range(size.rows)]
    cells = [wx.table_cell(row, size.card[0]) for row in rows for _ in range(size.cols)]
    _pocket_content(cells[0], place, text, controls, font, width, frame.logo)
    for number, cell in enumerate(cells[1:], start=2):
        _copy_card(cells[0], cell, controls, number)
    wx.tiny_paragraph(
        body, style=TABLE_TEXT
    )  # Word needs a paragraph after a table; a tiny one cannot push out a blank page
    return Pocket(frame.save(frame.identity()), size.name, fits)


def _pocket_content(
    cell, place: Place, text: CardText, controls: Controls, font: float, width: float, logo=None
) -> None:
    labels = text.labels
    if logo is not None:  # as in the header of the other documents: the logo above the title
        drawing = wx.sub(wx.sub(_paragraph(cell, after_pt=2), "r"), "drawing")
        drawing.append(copy.deepcopy(logo))
    _run(_paragraph(cell, after_pt=1), card_title(text, place), size=font + 4, bold=True, color=ACCENT)
    _run(_paragraph(cell, after_pt=3), text.question, size=font, color=GREY)
    blocks = [
        (
            labels.steps,
            lambda: _list_or_box(
                cell, place.stappen, STEP_MARK, controls, "stappen", labels.steps, font, POCKET_BOX_CM
            ),
        ),
        (
            labels.options,
            lambda: _list_or_box(
                cell, place.opties, OPTION_MARK, controls, "opties", labels.options, font, POCKET_BOX_CM
            ),
        ),
        (labels.contact, lambda: _contacts_pocket(cell, place.contacten, labels, controls, font, width)),
    ]
    for number, (heading, fill) in enumerate(blocks, start=1):
        paragraph = _paragraph(cell, keep_next=True, before_pt=4 if number > 1 else 0)
        _run(paragraph, f"\u00a0{number}\u00a0", size=font + 1, bold=True, color=WHITE, fill=ACCENT)
        _run(paragraph, f" {heading}", size=font + 0.5, bold=True, color=ACCENT)
        fill()
    source = text.source_line + (f" \u00b7 {text.organisation}" if text.organisation else "")
    _run(_paragraph(cell, before_pt=4, after_pt=0), source, size=max(font - 2, 5.5), color=GREY)


def _contacts_pocket(
    cell, contacts: tuple[Contact, ...], labels: CardLabels, controls: Controls, font: float, width: float
) -> None:
    if not contacts:
        _blank_contact(cell, labels, controls, font, width, 1)
        return
    for contact in contacts:
        _contact(cell, contact, labels, font)


def _copy_card(source, target, controls: Controls, number: int) -> None:
    """Fill a card with a copy of the first; its content controls get ids and tags of their own ('/kaart-2')."""
    for child in source:
        if child.tag == qn("w:tcPr"):
            continue
        clone = copy.deepcopy(child)
        for drawing in clone.iter(_WP_DOC_PR, _PIC_C_NV_PR):  # Word repairs a file where two drawings share an id
            drawing.set("id", str(int(drawing.get("id")) + number - 1))
        for props in clone.iter(qn("w:sdtPr")):
            props.find(qn("w:id")).set(qn("w:val"), controls.new_id())
            tag = props.find(qn("w:tag"))
            tag.set(qn("w:val"), controls.claim(f"{tag.get(qn('w:val'))}/kaart-{number}"))
        target.append(clone)


# --- will it fit? -------------------------------------------------------------------


def pocket_size(place: Place, text: CardText, logo: bool = False) -> tuple[PocketSize, float, bool]:
    """A6 when the card fits at a readable size, else A5 (the text estimated paragraph by paragraph).

    The third value is False when not even A5 at the smallest size holds it all: nothing is
    left out then; the cards grow beyond their size instead.
    """
    for size in (A6, A5):
        for font in size.fonts:
            if _height_pt(place, text, font, size.card[0] - 2 * PADDING_CM, logo) <= _room_pt(size):
                return size, font, True
    return A5, A5.fonts[-1], False


def longest_texts(place: Place, labels: CardLabels, count: int = 3) -> list[str]:
    """The texts that take the most room on a card, described for a person: "contact 'Wijkteam' (Waarvoor, 640 tekens)"."""
    texts = [(len(s), f"stap {i} ({len(s)} tekens)") for i, s in enumerate(place.stappen, 1)]
    texts += [(len(s), f"optie {i} ({len(s)} tekens)") for i, s in enumerate(place.opties, 1)]
    for contact in place.contacten:
        name = contact.naam if len(contact.naam) <= 30 else contact.naam[:30] + "…"
        fields = {
            "naam": contact.naam,
            "organisatie": contact.organisatie,
            "waarvoor": contact.waarvoor,
            "social media": contact.social_media,
        }
        texts += [(len(v), f"contact '{name}' ({k}, {len(v)} tekens)") for k, v in fields.items() if v]
    longest = sorted(texts, key=lambda item: -item[0])[:count]
    return [text for _, text in longest]


def _room_pt(size: PocketSize) -> float:
    return (size.card[1] - 2 * PADDING_CM) * PT_PER_CM * 0.95  # 5 % to spare: an estimate, not a measurement


def _height_pt(place: Place, text: CardText, font: float, width_cm: float, logo: bool = False) -> float:
    """Estimated height of a card's text (Arial: 1.15 em a line, about 0.5 em a letter).

    Checked against LibreOffice's layout of cards with 0 to 12 contacts: within 10 %, mostly above.
    """
    width = width_cm * PT_PER_CM

    def para(value: str, size: float, indent_cm: float = 0.0, after: float = 2.0, em: float = 0.5) -> float:
        per_line = (width - indent_cm * PT_PER_CM) / (size * em)
        return max(1, math.ceil(len(value) / per_line)) * size * 1.15 + after

    labels = text.labels
    total = para(card_title(text, place), font + 4, after=1, em=0.55) + para(text.question, font, after=3)
    if logo:
        total += LOGO_HEIGHT_CM * POCKET_LOGO * PT_PER_CM * 1.1 + 2
    for number, heading in enumerate((labels.steps, labels.options, labels.contact)):
        total += para(f"  {number}  {heading}", font + 0.5, em=0.55) + (4 if number else 0)
    for items in (place.stappen, place.opties):
        if items:
            total += sum(para(item, font, indent_cm=0.55) for item in items)
        else:
            total += POCKET_BOX_CM * PT_PER_CM + 14  # the box, its padding and the paragraph after it
    for contact in place.contacten:
        total += para(f"{contact.naam} \u2013 {contact.organisatie}", font + 0.5, em=0.53) + 2
        total += para(contact.waarvoor, font - 0.5) if contact.waarvoor else 0
        for label, value in contact_lines(contact, labels, compact=True):
            total += para(f"{label} {value}", font, em=0.52) if value else 0
    if not place.contacten:
        total += 6 * para("", font)
    total += para(text.source_line, max(font - 2, 5.5), after=0) + 4
    return total


# --- the cards' text, in the builder of word/wordxml.py -------------------------------

_WP_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_PIC_C_NV_PR = "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"


def _paragraph(container, style: str = TABLE_TEXT, *, hanging_cm: float | None = None, **options):
    """A paragraph of the cards, in their table text; with `hanging_cm` one that starts with a mark and a
    tab, its lines hanging at the tab."""
    if hanging_cm:
        options.update(tab_cm=hanging_cm, indent_cm=hanging_cm, hanging_cm=hanging_cm)
    return wx.paragraph(container, style=style, **options)


def _run(p, text: str, *, size: float | None = None, **options):
    """A run of the cards' text: its size set for every script, as Word sets it."""
    return wx.run(p, text, size_pt=size, size_cs=True, **options)


def _table(
    container,
    widths: list[float],
    *,
    borders: tuple[str, int, str] | None = None,
    margin_cm: float = 0.0,
    indent_cm: float | None = None,
):
    """A table of the cards: no style, as wide as its columns (cm), borders (style, eighths of a point,
    colour) on every edge or none, `margin_cm` around the text of every cell."""
    return wx.table(
        container,
        widths,
        style=None,
        width_cm=sum(widths),
        indent_cm=indent_cm,
        borders=borders or ("nil", 0, "auto"),
        margins_cm=(margin_cm, margin_cm),
        look=False,
    )
