"""Opening a build's documents again for the print file: frames per template, pruned styles."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn

from desi_pack.word import reopen
from tests.packages import edited

FORMS = [
    "instrumenten/7.4-feedbackformulier-gespreksvaardigheden.docx",
    "instrumenten/6.9-tips-bespreekbaar-maken-eenzaamheid-en-sociaal-isolement.docx",
    "instrumenten/11.6-partnerschapskaart.docx",
]


def texts(doc) -> str:
    return "".join(t.text or "" for t in doc.element.body.iter(qn("w:t")))


def style_ids(doc) -> set[str]:
    return {style.get(qn("w:styleId")) for style in doc.styles.element.iter(qn("w:style"))}


def test_documents_of_one_template_share_a_frame_and_show_their_own_content(example_pack):
    blobs = [(example_pack / path).read_bytes() for path in FORMS]
    packages = [reopen.read(blob) for blob in blobs]
    styles = set().union(*(package.used_styles for package in packages))
    opened = []
    for blob, package in zip(blobs, packages):
        doc = reopen.document(package, styles)
        opened.append(doc)
        expected = Document(io.BytesIO(blob))
        assert texts(doc) == texts(expected)
        # Its own page: the A3 partnerschapskaart stays A3 landscape on a frame of A4 forms.
        size, want = (
            doc.element.body.find(f"{qn('w:sectPr')}/{qn('w:pgSz')}"),
            expected.element.body.find(f"{qn('w:sectPr')}/{qn('w:pgSz')}"),
        )
        assert dict(size.attrib) == dict(want.attrib)
        footer = doc.sections[0].footer._element
        assert "".join(t.text or "" for t in footer.iter(qn("w:t"))) == "".join(
            t.text or "" for t in expected.sections[0].footer._element.iter(qn("w:t"))
        )
    assert opened[2] is opened[1]  # a frame was used again (the first may be an older frame's)


def test_a_document_keeps_only_the_styles_it_uses(example_pack):
    blob = (example_pack / FORMS[0]).read_bytes()
    doc = reopen.new_document(reopen.read(blob))
    kept = style_ids(doc)
    full = style_ids(Document(io.BytesIO(blob)))
    assert len(full) > 150 and len(kept) < 40
    used = {node.get(qn("w:val")) for node in doc.element.body.iter(qn("w:pStyle"), qn("w:tblStyle"))}
    assert used <= kept
    assert "Normal" in kept  # a default style stays
    extra = reopen.new_document(reopen.read(blob), {"Title", "Heading1"})
    assert {"Title", "Heading1"} <= style_ids(extra)


def with_setting(blob: bytes, setting: bytes = b"<w:doNotTrackMoves/>") -> bytes:
    """The document with a setting added: a package of its own, as after editing in Word."""
    return edited(blob, {"word/settings.xml": (b"</w:settings>", setting + b"</w:settings>")})


def test_a_document_with_parts_of_its_own_is_opened_in_full(example_pack):
    """A file someone edited (here: another settings part) does not fit the frame of its template."""
    blob = (example_pack / FORMS[0]).read_bytes()
    frame = reopen.document(reopen.read(blob))
    doc = reopen.document(reopen.read(with_setting(blob)))
    assert doc is not frame
    assert doc.settings.element.find(qn("w:doNotTrackMoves")) is not None
    assert texts(doc) == texts(Document(io.BytesIO(blob)))


def test_a_process_keeps_a_few_frames_only(example_pack):
    blob = (example_pack / FORMS[0]).read_bytes()
    for number in range(reopen.KEEP + 4):
        reopen.document(reopen.read(with_setting(blob, f'<w:defaultTabStop w:val="{700 + number}"/>'.encode())))
    assert len(reopen._frames) <= reopen.KEEP
