"""Templates compiled once make the same documents as a fresh docxtpl DocxTemplate each time."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docxtpl import DocxTemplate
from lxml import etree
from PIL import Image

from desi_pack import build, load_training
from desi_pack.course.course import load_course
from desi_pack.course.schedule import schedules
from desi_pack.errors import TemplateProblem
from desi_pack.pack import documents
from desi_pack.pack.build import _Forms, meeting_files
from desi_pack.resources import templates_dir
from desi_pack.word.compiled import PICTURE_IDS, CompiledTemplate
from desi_pack.word.rendering import Templates, jinja_env
from tests.packages import edited


def parts(blob: bytes) -> dict[str, bytes]:
    """Every part in canonical XML, but the document properties (docxtpl adds two empty ones)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {name: _canonical(archive.read(name)) for name in archive.namelist() if name != "docProps/core.xml"}


def _canonical(data: bytes) -> bytes:
    try:
        return etree.tostring(etree.fromstring(data, etree.XMLParser(remove_blank_text=True)), method="c14n")
    except etree.XMLSyntaxError:
        return data


def docxtpl(name: str, context: dict) -> bytes:
    document = DocxTemplate(templates_dir() / name)
    document.render(context, jinja_env=jinja_env(), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def contexts(write_config):
    training = load_training(
        write_config(
            {"organisatie": 'Zorg & Welzijn <Tiël> "Samen" \U0001f91d', "trainers": ["Anna 'de' Vries", "Bob & Co"]}
        )
    )
    course = load_course()
    plans = schedules(training, course)
    yield (
        "formulier.docx",
        documents.common(training, course) | {"titel": "Tips & <trucs>", "kop": "6.9", "paragraaf": "6.9"},
    )
    for plan in plans:
        number = plan.meeting.nummer
        following = training.bijeenkomsten[number] if number < 5 else None
        yield "draaiboek.docx", documents.draaiboek(training, course, plan, following)
        if number < 5:
            yield "huiswerk.docx", documents.homework(training, course, plan.meeting)


def test_compiled_templates_make_what_docxtpl_makes(write_config):
    env = jinja_env()
    compiled = {}
    for name, context in contexts(write_config):
        if name not in compiled:
            compiled[name] = CompiledTemplate((templates_dir() / name).read_bytes(), env)
        assert compiled[name].supported
        assert parts(compiled[name].render(context)) == parts(docxtpl(name, context)), name


def test_the_same_document_is_the_same_bytes(write_config):
    name, context = next(contexts(write_config))
    template = CompiledTemplate((templates_dir() / name).read_bytes(), jinja_env())
    assert template.render(context) == template.render(context)


def with_footnotes(blob: bytes) -> bytes:
    """The template with a footnotes part, which only docxtpl renders."""
    return edited(
        blob,
        {
            "word/_rels/document.xml.rels": (
                b"</Relationships>",
                (
                    b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/footnotes" Target="footnotes.xml"/></Relationships>'
                ),
            ),
            "[Content_Types].xml": (
                b"</Types>",
                (
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.wordprocessingml.footnotes+xml"/></Types>'
                ),
            ),
        },
        add={
            "word/footnotes.xml": (
                b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                b'<w:footnote w:id="1"><w:p><w:r><w:t>{{ organisatie }}</w:t></w:r></w:p></w:footnote></w:footnotes>'
            )
        },
    )


def test_a_template_with_footnotes_is_rendered_by_docxtpl(tmp_path, write_config):
    (tmp_path / "formulier.docx").write_bytes(with_footnotes((templates_dir() / "formulier.docx").read_bytes()))
    templates = Templates(tmp_path)
    assert not templates.compiled("formulier.docx").supported
    name, context = next(contexts(write_config))
    with zipfile.ZipFile(io.BytesIO(templates.render(name, context))) as archive:
        assert b"Zorg &amp; Welzijn" in archive.read("word/footnotes.xml")


def test_a_broken_template_is_a_dutch_error(tmp_path, write_config):
    source = (templates_dir() / "formulier.docx").read_bytes()
    (tmp_path / "formulier.docx").write_bytes(edited(source, {"word/document.xml": (b"{{ titel }}", b"{{ titel ")}))
    name, context = next(contexts(write_config))
    with pytest.raises(TemplateProblem, match=r"formulier\.docx: het sjabloon klopt niet"):
        Templates(tmp_path).render(name, context)
    (tmp_path / "formulier.docx").write_bytes(b"geen zip")
    with pytest.raises(TemplateProblem, match=r"dit is geen Word-document \(.docx\)"):
        Templates(tmp_path).render(name, context)


def test_a_picture_other_than_the_logo_is_left_to_docxtpl(write_config):
    templates = Templates()
    name, context = next(contexts(write_config))
    assert templates.compiled_for(name, context) is templates.compiled(name)
    assert templates.compiled_for(name, context | {"stempel": b"\x89PNG"}) is None


def _logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), "#1f5f6b").save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize("name", ["draaiboek.docx", "huiswerk.docx", "formulier.docx"])
def test_the_logo_is_placed_once_and_filled_in_as_docxtpl_does(write_config, name):
    """With a logo the compiled template is used too: the picture is added to the template once."""
    templates = Templates()
    context = dict(next(c for n, c in contexts(write_config) if n == name))
    logo = _logo()
    compiled = templates.compiled_for(name, context | {"logo": logo})
    assert compiled is not None and compiled is not templates.compiled(name)
    assert templates.compiled_for(name, context | {"logo": logo}) is compiled  # once per build
    fast = Document(io.BytesIO(templates.render(name, context | {"logo": logo})))
    template = DocxTemplate(templates.path(name))
    template.render(Templates._with_logo(template, context | {"logo": logo}), jinja_env=templates.env, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    slow = Document(out)
    for ours, theirs in zip(fast.sections, slow.sections):
        for mine, other in ((ours.header, theirs.header), (ours.footer, theirs.footer)):
            assert mine._element.xpath("string(.)") == other._element.xpath("string(.)")
            blips = mine._element.xpath(".//a:blip/@r:embed")
            assert len(blips) == len(other._element.xpath(".//a:blip/@r:embed"))
            assert [mine.part.related_parts[rid].blob for rid in blips] == [logo] * len(blips)
    header = fast.sections[0].header._element
    assert header.xpath(".//pic:pic"), "the built-in templates show the logo in the header"
    ids = [int(v) for v in header.xpath(".//wp:docPr/@id")]
    assert all(i >= PICTURE_IDS for i in ids)  # apart from the ids of pictures in the text


def test_a_damaged_form_template_is_a_dutch_error_in_a_build(run, tmp_path):
    own = tmp_path / "eigen"
    own.mkdir()
    (own / "formulier.docx").write_bytes(b"dit is geen Word-bestand")
    training = load_training(None)
    with pytest.raises(TemplateProblem, match=r"formulier.docx: dit is geen Word-document \(.docx\)"):
        build(training, tmp_path / "uit", only_instruments=True, templates_dir=own)
    assert not (tmp_path / "uit").exists()


def test_meeting_files_are_made_at_once(write_config):
    training = load_training(None)
    course = load_course()
    plan = schedules(training, course)[0]
    files = meeting_files(training, course, plan, _Forms(training, course, Templates()))
    assert all(
        isinstance(data, bytes) and data.startswith(b"BEGIN:VCALENDAR" if path.endswith(".ics") else b"PK")
        for path, data in files.items()
    )
    assert "bijeenkomst-1/draaiboek-bijeenkomst-1.docx" in files


def test_docxtpls_escapes_in_a_template_but_not_in_a_value():
    """'{_%' written in a template prints '{%' (docxtpl's escape); typed by a trainer, it stays '{_%'."""
    doc = Document()
    doc.add_paragraph("Sjabloon: {_% en {_{ - {{ naam }}")
    blob = io.BytesIO()
    doc.save(blob)
    compiled = CompiledTemplate(blob.getvalue(), jinja_env())
    text = "".join(etree.fromstring(compiled.render_parts({"naam": "{_% en }_}"})["word/document.xml"]).itertext())
    assert text == "Sjabloon: {% en {{ - {_% en }_}"


def test_compiled_templates_outlive_a_build_but_not_a_change_of_the_template(tmp_path, write_config):
    """The page builds again and again in one process: a template is compiled once in its life, and
    again when the trainer changes it on disk (keyed by its bytes, not its name)."""
    context = dict(next(c for n, c in contexts(write_config) if n == "formulier.docx"))
    own = tmp_path / "sjablonen"
    own.mkdir()
    (own / "formulier.docx").write_bytes((templates_dir() / "formulier.docx").read_bytes())
    first = Templates(own).compiled("formulier.docx")
    assert Templates(own).compiled("formulier.docx") is first  # the next build: kept
    assert Templates().compiled("formulier.docx") is first  # the same bytes, wherever they are
    changed = edited(
        (own / "formulier.docx").read_bytes(), {"word/document.xml": (b"{{ titel }}", b"Eigen: {{ titel }}")}
    )
    (own / "formulier.docx").write_bytes(changed)
    again = Templates(own)
    assert again.compiled("formulier.docx") is not first
    text = "".join(Document(io.BytesIO(again.render("formulier.docx", context))).element.body.itertext())
    assert "Eigen: Tips & <trucs>" in text


def test_a_long_lived_process_keeps_a_few_logos_not_every_one(write_config):
    from desi_pack.word.compiled import KEEP_PICTURES

    templates = Templates()
    context = dict(next(c for n, c in contexts(write_config) if n == "formulier.docx"))
    compiled = templates.compiled("formulier.docx")
    for shade in range(KEEP_PICTURES + 3):
        out = io.BytesIO()
        Image.new("RGB", (120, 40), (shade, 95, 107)).save(out, "PNG")
        templates.compiled_for("formulier.docx", context | {"logo": out.getvalue()})
    assert len(compiled._pictures) == KEEP_PICTURES
