"""What keeps the local page the trainer's own: a server on this computer is still a server.

Every request passes `check_request` before a route sees it:
- the Host header must name this server (127.0.0.1 or localhost with its port): a web page
  that points a domain of its own at 127.0.0.1 (DNS rebinding) is refused;
- the secret made at start must come with it, in the address the browser was opened with
  (`?sleutel=…`, then kept in a cookie) or in that cookie: another user of the same computer,
  or a program that finds the port, gets nothing (as Jupyter does);
- a request that changes something (POST) must come from this page: its Origin, when the
  browser sends one, is this server, and it carries the form token (`csrf_token`), which a page
  elsewhere cannot read.
The cookie is HttpOnly and SameSite=Strict, so a link from another site arrives without it.
Responses forbid framing, scripts from elsewhere and caching (`secure_headers`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

COOKIE = "desi_sleutel"
PARAMETER = "sleutel"
FORM_FIELD = "csrf"
HEADER = "X-Desi-Csrf"
LOCAL_NAMES = ("127.0.0.1", "localhost")


class Refused(Exception):
    """A request that is not the trainer's own page; `status` is the HTTP status, `message` Dutch."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class Guard:
    """The secret of one server's life, and the port it listens on."""

    secret: str
    port: int

    @classmethod
    def new(cls, port: int) -> Guard:
        return cls(secrets.token_urlsafe(32), port)

    @property
    def csrf_token(self) -> str:
        """The token every form of the page carries; derived from the secret, never the secret itself."""
        return hmac.new(self.secret.encode(), b"formulier", hashlib.sha256).hexdigest()

    def hosts(self) -> set[str]:
        return {f"{name}:{self.port}" for name in LOCAL_NAMES}

    def check_request(
        self,
        method: str,
        host: str,
        cookie: str | None,
        parameter: str | None,
        origin: str | None,
        token: str | None,
        fetch_site: str | None = None,
    ) -> None:
        """Raise Refused unless the request is the trainer's own page (see the module)."""
        if host.lower() not in self.hosts():
            raise Refused(400, "Deze pagina is alleen te bereiken via het adres dat desi-pack web opende.")
        if not (_same(cookie, self.secret) or _same(parameter, self.secret)):
            raise Refused(
                403,
                "Geen toegang: open de pagina met het adres dat desi-pack web liet zien "
                "(met de sleutel erin), of start desi-pack web opnieuw.",
            )
        if method not in ("GET", "HEAD"):
            if fetch_site == "cross-site" or (
                origin is not None and urlsplit(origin).netloc.lower() not in self.hosts()
            ):
                raise Refused(403, "Geweigerd: dit verzoek kwam van een andere website.")
            if not _same(token, self.csrf_token):
                raise Refused(
                    403,
                    "Geweigerd: dit verzoek kwam niet van de pagina van desi-pack. Laad de pagina "
                    "opnieuw en probeer het nog eens.",
                )


def _same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


# No script, style or frame from anywhere but this server; htmx runs without eval (see base.html).
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"
)


def secure_headers(headers) -> None:
    """Headers every response gets (a werkzeug Headers or a dict)."""
    headers["Content-Security-Policy"] = POLICY
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "same-origin"  # with no-referrer the browser sends "Origin: null"
    headers["Cache-Control"] = "no-store"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
