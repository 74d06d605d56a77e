"""The page's app in a test client (no browser): the trainer's folder, the secret, the form's token."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from desi_pack.resources import example_training
from desi_pack.web.app import create_app
from desi_pack.web.guard import COOKIE, FORM_FIELD, Guard

PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"


@dataclass
class Page:
    """A trainer's browser on the page: signed in with the secret's cookie."""

    folder: Path
    guard: Guard
    client: object

    @classmethod
    def open(cls, folder: Path, starter: bool = True) -> Page:
        if starter:
            (folder / "training.yaml").write_bytes(example_training().read_bytes())
        guard = Guard("geheim-voor-de-test", PORT)
        app = create_app(folder, guard)
        client = app.test_client()
        client.set_cookie(COOKIE, guard.secret, domain="127.0.0.1")
        return cls(folder, guard, client)

    @property
    def training(self) -> Path:
        return self.folder / "training.yaml"

    def get(self, path: str, **kwargs):
        return self.client.get(path, base_url=ORIGIN, **kwargs)

    def post(self, path: str, data: dict | None = None, htmx: bool = False, **kwargs):
        """POST as the page does: the form's token in the form, the page's own origin."""
        form = {FORM_FIELD: self.guard.csrf_token, "stempel": self.stamp(), **(data or {})}
        headers = {"Origin": ORIGIN, **({"HX-Request": "true"} if htmx else {}), **kwargs.pop("headers", {})}
        return self.client.post(path, base_url=ORIGIN, data=form, headers=headers, **kwargs)

    def stamp(self) -> str:
        page = self.get("/").get_data(as_text=True)
        found = re.search(r'name="stempel" id="stempel" value="([0-9a-f]*)"', page)
        return found[1] if found else ""

    def form(self) -> dict:
        """The form's fields with their values as the page shows them (what the browser sends back;
        ticked boxes as a list under their name)."""
        html = self.get("/").get_data(as_text=True)
        values: dict = {}
        for tag in re.finditer(r"<(input|select|textarea)\b([^>]*)>", html):
            attributes = dict(re.findall(r'([\w-]+)="([^"]*)"', tag[2]))
            name = attributes.get("name")
            if attributes.get("type") == "checkbox" and name and re.search(r"\schecked\b", tag[2]):
                values.setdefault(name, []).append(attributes.get("value", "on"))
            if not name or name in (FORM_FIELD, "stempel") or attributes.get("type") in ("checkbox", "file"):
                continue
            if tag[1] == "textarea":
                values[name] = _unescape(html[tag.end() : html.index("</textarea>", tag.end())])
            elif tag[1] == "select":
                block = html[tag.end() : html.index("</select>", tag.end())]
                chosen = re.search(r'<option value="([^"]*)" selected', block)
                values[name] = _unescape(chosen[1]) if chosen else ""
            else:
                values[name] = _unescape(attributes.get("value", ""))
        return values


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)
