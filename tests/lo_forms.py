"""Fill in forms through LibreOffice's own programming interface, as a person's clicks end up.

Run with a Python that has LibreOffice's `uno` module (Debian: python3-uno, /usr/bin/python3),
not the test environment's: the tests call it as a subprocess and read its JSON.

    python3 lo_forms.py count FORM.docx...            -> {"FORM.docx": {"controls": N, "kinds": {...}}}
    python3 lo_forms.py fill IN.docx OUT.docx OUT.odt OUT.pdf  ANSWERS.json

ANSWERS.json: {"tick": [index, ...], "text": {index: "text\\nwith a line break"},
"list": {index: "item"}, "date": {index: "2027-03-16"}}; an index counts the controls of
that kind in document order.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def _prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


class Office:
    """A headless soffice with a profile of its own, reached over a pipe."""

    def __init__(self, soffice: str = "soffice"):
        self.profile = tempfile.mkdtemp(prefix="lo-profiel-")
        self.pipe = f"desi{os.getpid()}"
        self.process = subprocess.Popen(
            [
                soffice,
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                f"-env:UserInstallation=file://{self.profile}",
                f"--accept=pipe,name={self.pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            # The environment as Python knows it: `uno` sets variables in the process's own that point
            # at the system's LibreOffice, which another one (7.4 beside 25.2) must not load.
            env=dict(os.environ),
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(600):  # a first start makes its profile and restarts: up to a minute on a busy machine
            try:
                self.context = resolver.resolve(f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # not listening yet
                time.sleep(0.1)
        else:
            raise RuntimeError("LibreOffice did not start")
        self.desktop = self.context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", self.context)
        self.version = self._version()

    def _version(self) -> tuple[int, ...]:
        """LibreOffice's version, (7, 4) or (25, 2): typing into a control differs between them."""
        provider = self.context.ServiceManager.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", self.context
        )
        access = provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationAccess", (_prop("nodepath", "/org.openoffice.Setup/Product"),)
        )
        return tuple(int(part) for part in access.getByName("ooSetupVersion").split(".")[:2])

    def open(self, path: str):
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        return self.desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))

    def close(self):
        with contextlib.suppress(Exception):
            self.desktop.terminate()
        self.process.wait(timeout=30)


def _paragraphs(text):
    """Every paragraph of a text, tables (nested too) included, in document order."""
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        element = enum.nextElement()
        if element.supportsService("com.sun.star.text.TextTable"):
            for name in element.getCellNames():
                yield from _paragraphs(element.getCellByName(name))
        else:
            yield element


def controls(doc):
    """The content controls of the document's body, in order: (kind, control)."""
    found = []
    for paragraph in _paragraphs(doc.getText()):
        if not hasattr(paragraph, "createEnumeration"):
            continue
        portions = paragraph.createEnumeration()
        while portions.hasMoreElements():
            portion = portions.nextElement()
            if portion.TextPortionType == "ContentControl":
                control = portion.ContentControl
                found.append((_kind(control), control))
    return found


def _kind(control) -> str:
    if control.Checkbox:
        return "tick"
    if control.Date:
        return "date"
    if len(control.ListItems):
        return "list"
    return "text"


def count(office, paths):
    result = {}
    for path in paths:
        doc = office.open(path)
        try:
            kinds = {}
            for kind, _ in controls(doc):
                kinds[kind] = kinds.get(kind, 0) + 1
            fields = doc.getTextFields().createEnumeration()
            old = 0
            while fields.hasMoreElements():
                fields.nextElement()
                old += 1
            result[path] = {"controls": sum(kinds.values()), "kinds": kinds, "old_fields": old}
        finally:
            doc.close(True)
    return result


def fill(office, source, out_docx, out_odt, out_pdf, answers):
    inside = office.version >= (7, 5)
    doc = office.open(source)
    try:
        by_kind = {}
        for kind, control in controls(doc):
            by_kind.setdefault(kind, []).append(control)
        for index in answers.get("tick", []):
            control = by_kind["tick"][index]
            control.Checked = True
            _replace(
                control,
                chr(int(control.CheckedState, 16)) if len(control.CheckedState) > 1 else control.CheckedState,
                inside,
            )
        for index, text in answers.get("text", {}).items():
            _replace(by_kind["text"][int(index)], text, inside)
        for index, item in answers.get("list", {}).items():
            _replace(by_kind["list"][int(index)], item, inside)
        for index, day in answers.get("date", {}).items():
            control = by_kind["date"][int(index)]
            control.CurrentDate = day + "T00:00:00Z"
            year, month, date = day.split("-")
            _replace(control, f"{int(date)}-{int(month)}-{year}", inside)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out_docx)), (_prop("FilterName", "MS Word 2007 XML"),))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out_odt)), (_prop("FilterName", "writer8"),))
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out_pdf)), (_prop("FilterName", "writer_pdf_Export"),))
    finally:
        doc.close(True)


def _replace(control, text, inside: bool):
    """Type `text` over what the control shows, as a person does; a line break as a new line.

    `inside`: into the control's own text (LibreOffice 7.5 and later; 7.4 offers it but keeps what
    the control showed), as a click into the field does; else over the text the control spans."""
    if control.ShowingPlaceHolder:
        control.ShowingPlaceHolder = False
    if inside:
        body = control
        cursor = body.createTextCursor()
        cursor.gotoStart(False)
        cursor.gotoEnd(True)
    else:
        anchor = control.getAnchor()  # the text the control spans
        body = anchor.getText()
        cursor = body.createTextCursorByRange(anchor)
    for number, part in enumerate(text.split("\n")):
        if number:
            body.insertControlCharacter(cursor, 1, False)  # LINE_BREAK
        body.insertString(cursor, part, number == 0)  # the first part replaces what was shown
        cursor.collapseToEnd()


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    office = Office(os.environ.get("SOFFICE", "soffice"))
    try:
        if command == "count":
            print(json.dumps(count(office, args)))
        elif command == "fill":
            *paths, answers = args
            fill(office, *paths, json.loads(Path(answers).read_text(encoding="utf-8")))
            print(json.dumps({"ok": True}))
    finally:
        office.close()
