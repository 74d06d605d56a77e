"""Measure the page's field check: the round trip of one changed field, as the browser makes it.

    python bench/bench_web.py [KEER]

Starts `desi-pack web` for a copy of the starter training in this process (waitress on
127.0.0.1, as `desi-pack web` serves it), signs in with the secret, and KEER times (default
200) sends the whole form with one start time changed (another one each time, so nothing is
reused from the check before) to /controle over HTTP: the form read back, the training file
changed in memory, validated, the manual adapted, every agenda planned, the fragments
rendered. Prints the median and the 95th percentile in milliseconds. Not a test: the figures
go into docs/snelheid.md by hand.
"""

from __future__ import annotations

import http.cookiejar
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from waitress.server import create_server

from desi_pack.resources import example_training
from desi_pack.web.app import create_app
from desi_pack.web.guard import Guard
from desi_pack.web.serve import HOST, free_port


def main(times: int) -> None:
    folder = Path(tempfile.mkdtemp())
    shutil.copy(example_training(), folder / "training.yaml")
    port = free_port()
    guard = Guard.new(port)
    server = create_server(create_app(folder, guard), host=HOST, port=port, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    address = f"http://{HOST}:{port}"
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = opener.open(f"{address}/?sleutel={guard.secret}").read().decode()
    form = _form(page)
    timings = []
    for n in range(times + 5):
        form["bijeenkomsten.2.start"] = f"{13 + n % 3}:{n % 60:02d}"
        request = urllib.request.Request(
            f"{address}/controle",
            data=urllib.parse.urlencode(form, doseq=True).encode(),
            headers={"HX-Request": "true", "Origin": address},
        )
        started = time.perf_counter()
        opener.open(request).read()
        if n >= 5:  # the first few warm up Python's own caches
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    print(
        f"veldcontrole, {times} keer: mediaan {statistics.median(timings):.0f} ms, "
        f"95e percentiel {timings[int(len(timings) * 0.95) - 1]:.0f} ms"
    )
    shutil.rmtree(folder)  # the server stops with the process


def _form(page: str) -> dict:
    """The form's fields as the browser sends them (the ticked boxes, every text, the chosen options)."""
    import html

    form: dict = {}
    for tag in re.finditer(r"<(input|select|textarea)\b([^>]*)>", page):
        attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', tag[2]))
        name = attributes.get("name")
        if not name or attributes.get("type") == "file":
            continue
        if attributes.get("type") == "checkbox":
            if re.search(r"\schecked\b", tag[2]):
                form.setdefault(name, []).append(attributes.get("value", "on"))
        elif tag[1] == "textarea":
            form[name] = html.unescape(page[tag.end() : page.index("</textarea>", tag.end())])
        elif tag[1] == "select":
            chosen = re.search(
                r'<option value="([^"]*)" selected', page[tag.end() : page.index("</select>", tag.end())]
            )
            form[name] = html.unescape(chosen[1]) if chosen else ""
        else:
            form[name] = html.unescape(attributes.get("value", ""))
    return form


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
