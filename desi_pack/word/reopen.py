"""The documents of a build opened again as python-docx Documents, for the print files.

Two things make that cheap:

- Styles. A document keeps only the styles it uses (and the defaults and the styles those
  build on). docxcompose compares the styles of the print file with those of every document
  it adds, and python-docx reads them all; for the 350 styles of a template that costs more
  than all else. The styles part is read once per process: the documents share it.
- Frames. The documents of a build differ only in their body, headers and footers; every
  other part of the package is their template's, byte for byte. Opening one with
  python-docx reads all those parts again. So each process keeps one frame (frames.Frame)
  per template and swaps in the next document's body, headers and footers, as forms are
  made. A document with anything else of its own (a picture, an edited file) is opened in full.

A frame is reused by the next `document` call for the same package: the print file is
done with a document (docxcompose copied what it needs) before it opens the next.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from docx import Document
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from lxml import etree

from desi_pack.word.frames import OWN, Frame
from desi_pack.word.package import serialize, write
from desi_pack.word.properties import PART as CUSTOM_PROPERTIES

STYLES_PART = "word/styles.xml"
_REFERS_TO_STYLES = re.compile(r"word/(document|header|footer|numbering|footnotes|endnotes|comments)\d*\.xml")
_STYLE_REFS = [qn(f"w:{name}") for name in ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink")]
_STYLE_LINKS = [qn(f"w:{name}") for name in ("basedOn", "link", "next")]
_VAL = qn("w:val")


@dataclass
class Package:
    """A .docx read once: its own parts parsed, the styles it uses; the rest read when needed."""

    blob: bytes
    infos: list[zipfile.ZipInfo]
    own: dict[str, etree._Element]  # body document, headers, footers, parsed by python-docx's parser
    used_styles: set[str]

    @property
    def body(self):
        return self.own["word/document.xml"].find(qn("w:body"))

    @property
    def signature(self) -> frozenset:
        """What the package shares with the other documents of its template: all but its own parts
        (and its custom properties, which say what each form is and which a print file does not copy)."""
        return frozenset(
            (info.filename, info.CRC)
            for info in self.infos
            if info.filename not in self.own and info.filename != CUSTOM_PROPERTIES
        )

    def entries(self) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(self.blob)) as archive:
            return {info.filename: archive.read(info) for info in self.infos}


def read(blob: bytes) -> Package:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        infos = archive.infolist()
        own: dict[str, etree._Element] = {}
        used: set[str] = set()
        root: etree._Element
        for info in infos:
            if _REFERS_TO_STYLES.fullmatch(info.filename):
                data = archive.read(info)
                if OWN.fullmatch(info.filename):
                    root = own[info.filename] = parse_xml(data)
                else:
                    root = etree.fromstring(data)
                used.update(style for node in root.iter(*_STYLE_REFS) if (style := node.get(_VAL)) is not None)
    return Package(blob, infos, own, used)


def new_document(package: Package, styles: AbstractSet[str] = frozenset()):
    """The package as a Document of its own, with the styles it uses and `styles`."""
    return _open(package, package.used_styles | set(styles))[0]


_frames: dict[frozenset, tuple[Frame, frozenset]] = {}  # signature -> (frame, the styles it has)


def document(package: Package, styles: AbstractSet[str] = frozenset()):
    """The package as a Document, on this process's frame for its template where there is one.

    A new frame gets the styles in `styles` too (those of the other documents of a print
    file), and those of the frame before it, so that the next documents fit it.
    """
    signature = package.signature
    frame = _frames.get(signature)
    if frame is not None and package.used_styles <= frame[1] and _swap(frame[0], package):
        return frame[0].doc
    doc, kept = _open(package, package.used_styles | set(styles) | (frame[1] if frame else set()))
    if list(doc.element) == [doc.element.body]:
        _frames.pop(signature, None)
        _frames[signature] = (Frame(doc), kept)
        _forget_oldest(_frames)
    return doc


def _open(package: Package, used: set[str]) -> tuple:
    """A Document of the package with the styles in `used` (and those they need); and those styles."""
    entries = package.entries()
    index = _index(package, entries)
    styles = index.closure(used) if index else frozenset(used)
    if index:
        entries[STYLES_PART] = index.keeping(styles)
    return Document(io.BytesIO(write(entries, stored=True))), styles


KEEP = 8  # frames and indexes a process keeps: a build has three templates, a long-lived process more


def _forget_oldest(kept: dict) -> None:
    while len(kept) > KEEP:
        del kept[next(iter(kept))]


def forget() -> None:
    """Drop this process's frames and styles indexes (a benchmark starts each build cold)."""
    _frames.clear()
    _indexes.clear()


def _swap(frame: Frame, package: Package) -> bool:
    """Put the package's own parts into the frame; False when they do not fit it."""
    root = package.own["word/document.xml"]
    if set(frame.parts) != set(package.own) or list(root) != [root.find(qn("w:body"))]:
        return False
    frame.swap(package.own)
    return True


# --- styles -------------------------------------------------------------------------

_indexes: dict[tuple[int, int], _StylesIndex] = {}


def _index(package: Package, entries: dict[str, bytes]) -> _StylesIndex | None:
    """The package's styles part, read once per process: the documents of a build share it."""
    info = next((info for info in package.infos if info.filename == STYLES_PART), None)
    if info is None:
        return None
    same = (info.CRC, info.file_size)
    if same not in _indexes:
        _indexes[same] = _StylesIndex(entries[STYLES_PART])
        _forget_oldest(_indexes)
    return _indexes[same]


class _StylesIndex:
    """A styles part, to be written with only some of its styles."""

    def __init__(self, styles: bytes):
        self.root = etree.fromstring(styles)
        self.by_id = {style.get(qn("w:styleId")): style for style in self.root.iter(qn("w:style"))}
        self.defaults = [id_ for id_, style in self.by_id.items() if style.get(qn("w:default")) in ("1", "true", "on")]
        self._made: dict[frozenset, bytes] = {}

    def keeping(self, keep: frozenset) -> bytes:
        """The part with the styles in `keep` (a closure) only."""
        if keep not in self._made:
            root = etree.Element(self.root.tag, dict(self.root.attrib), nsmap=self.root.nsmap)
            for child in self.root:
                if child.tag != qn("w:style") or child.get(qn("w:styleId")) in keep:
                    root.append(copy.deepcopy(child))
            self._made[keep] = serialize(root)
        return self._made[keep]

    def closure(self, used: set[str]) -> frozenset:
        """The styles in `used`, the defaults, and the styles they build on."""
        todo = self.defaults + [id_ for id_ in used if id_ in self.by_id]
        keep: set[str | None] = set()  # a style without a w:styleId is kept as python-docx read it
        while todo:
            id_ = todo.pop()
            if id_ in keep:
                continue
            keep.add(id_)
            for link in _STYLE_LINKS:
                target = self.by_id[id_].find(link)
                if target is not None and (base := target.get(_VAL)) in self.by_id:
                    todo.append(base)
        return frozenset(keep)
