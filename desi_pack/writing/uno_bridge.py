"""One LibreOffice kept running, converting documents to PDF on request (see office.py).

Runs in the Python that has LibreOffice's `uno` module (Debian: /usr/bin/python3 with python3-uno;
Windows and macOS: the Python inside LibreOffice), never in desi-pack's own: it imports nothing of
desi-pack. Started as

    PYTHON uno_bridge.py PIPE_NAME SOFFICE ARGUMENTS...

it starts SOFFICE with its ARGUMENTS (headless, its own profile: office.py gives them as pdf.py starts
LibreOffice), listening on a named pipe only (a Unix socket only
its own user can open; never a TCP port, which any user of the computer could reach), connects, and
answers one JSON line per request on stdin with one JSON line on stdout:

    {"in": "/tmp/…/0001.docx", "out": "/tmp/…/0001.pdf", "filter": "writer_pdf_Export",
     "data": {"ExportBookmarksToPDFDestination": true}}  ->  {"ok": true} | {"error": "…"}

The first line it writes is {"ready": "<LibreOffice version>"}. When stdin closes, LibreOffice is
closed and the bridge ends.
"""

import contextlib
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

START_S = 120  # a first start makes its profile and starts again: long on a busy machine


def _property(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(pipe, process):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    started = time.monotonic()
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # not listening yet
            if process.poll() is not None or time.monotonic() - started > START_S:
                raise
            time.sleep(0.1)


def _version(context):
    provider = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationAccess", (_property("nodepath", "/org.openoffice.Setup/Product"),)
    )
    return access.getByName("ooSetupVersionAboutBox")


def _convert(desktop, request):
    source = uno.systemPathToFileUrl(os.path.abspath(request["in"]))
    target = uno.systemPathToFileUrl(os.path.abspath(request["out"]))
    document = desktop.loadComponentFromURL(source, "_blank", 0, (_property("Hidden", True),))
    if document is None:
        raise RuntimeError("het document kon niet geopend worden")
    try:
        options = [_property("FilterName", request["filter"])]
        data = request.get("data") or {}
        if data:
            values = tuple(_property(name, value) for name, value in data.items())
            options.append(_property("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", values)))
        uno.invoke(document, "storeToURL", (target, tuple(options)))
    finally:
        document.close(True)


def main():
    pipe, command = sys.argv[1], sys.argv[2:]
    process = subprocess.Popen(
        [*command, f"--accept=pipe,name={pipe};urp;"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
    )  # as Python knows it: `uno` points the process's own at the system's office
    try:
        context = _connect(pipe, process)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        print(json.dumps({"ready": _version(context)}), flush=True)
        for line in sys.stdin:
            try:
                _convert(desktop, json.loads(line))
                answer: dict[str, object] = {"ok": True}
            except Exception as err:  # the office's own words; office.py says it in Dutch
                answer = {"error": str(getattr(err, "Message", "") or err)[:300]}
            print(json.dumps(answer), flush=True)
        with contextlib.suppress(Exception):  # the office went away already
            desktop.terminate()
    finally:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
