"""A hostile neighbour against the page: every request that is not the trainer's own is refused,
in Dutch, and changes nothing."""

from __future__ import annotations

import io
import os

import pytest

from desi_pack.web.guard import COOKIE, FORM_FIELD
from tests.web_client import ORIGIN, Page


@pytest.fixture
def page(tmp_path):
    page = Page.open(tmp_path / "training")
    return page


@pytest.fixture(autouse=True)
def _folder(tmp_path):
    (tmp_path / "training").mkdir()


def _untouched(page: Page):
    """The training folder as it is now; compare after a refused request."""
    return {p.relative_to(page.folder): p.read_bytes() for p in page.folder.rglob("*") if p.is_file()}


def test_without_the_secret_nothing_is_shown(page):
    anonymous = page.client.application.test_client()
    response = anonymous.get("/", base_url=ORIGIN)
    assert response.status_code == 403
    assert "Geen toegang" in response.get_data(as_text=True) and "Welzijn Rivierenland" not in response.get_data(
        as_text=True
    )
    assert anonymous.get("/?sleutel=fout", base_url=ORIGIN).status_code == 403
    assert anonymous.get("/pakket/alles.zip", base_url=ORIGIN).status_code == 403


def test_the_secret_in_the_address_becomes_a_strict_cookie_and_leaves_the_address(page):
    browser = page.client.application.test_client()
    response = browser.get(f"/?sleutel={page.guard.secret}", base_url=ORIGIN)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}={page.guard.secret}") and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert browser.get("/", base_url=ORIGIN).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example:8765", "127.0.0.1:9999", "localhost.evil.example:8765", "192.168.1.10:8765"]
)
def test_a_request_under_another_host_name_is_refused(page, host):
    """DNS rebinding: a site that points its own name at 127.0.0.1 still sends its own Host."""
    before = _untouched(page)
    response = page.client.post(
        "/opslaan",
        base_url=f"http://{host}",
        data={**page.form(), FORM_FIELD: page.guard.csrf_token, "organisatie": "Overgenomen"},
    )
    assert response.status_code == 400
    assert "alleen te bereiken via het adres" in response.get_data(as_text=True)
    assert _untouched(page) == before


def test_a_post_from_another_site_is_refused(page):
    before = _untouched(page)
    form = {**page.form(), "organisatie": "Overgenomen", FORM_FIELD: page.guard.csrf_token}
    response = page.client.post("/opslaan", base_url=ORIGIN, data=form, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403 and "andere website" in response.get_data(as_text=True)
    without_token = page.client.post(
        "/opslaan", base_url=ORIGIN, data={**form, FORM_FIELD: ""}, headers={"Origin": ORIGIN}
    )
    assert without_token.status_code == 403
    assert page.client.post("/nieuw", base_url=ORIGIN).status_code == 403
    assert _untouched(page) == before


def test_a_download_outside_the_pack_is_refused(page, tmp_path):
    from desi_pack.writing.output import slugify

    pack = page.folder / "output" / slugify("Welzijn Rivierenland")
    (pack / "bijeenkomst-1").mkdir(parents=True)
    (pack / "bijeenkomst-1" / "draaiboek.docx").write_bytes(b"Word")
    (tmp_path / "geheim.txt").write_text("niet voor de buren")
    os.symlink(tmp_path / "geheim.txt", pack / "link.txt")
    assert page.get("/pakket/bestand/bijeenkomst-1/draaiboek.docx").data == b"Word"
    for attempt in (
        "../training.yaml",
        "../../geheim.txt",
        "bijeenkomst-1/../../training.yaml",
        "link.txt",
        "%2e%2e/training.yaml",
        "/etc/passwd",
        "bijeenkomst-1",
        "..%5ctraining.yaml",
    ):
        response = page.get(f"/pakket/bestand/{attempt}", follow_redirects=True)
        assert response.status_code == 404, attempt
        assert b"niet voor de buren" not in response.data and b"organisatie" not in response.data
    zipped = page.get("/pakket/alles.zip").data
    assert b"niet voor de buren" not in zipped and b"link.txt" not in zipped


def test_an_upload_larger_than_the_limit_is_refused_in_dutch(page):
    before = _untouched(page)
    huge = io.BytesIO(b"\x89PNG" + b"\0" * (26 * 1024 * 1024))
    response = page.post("/logo", {"logo": (huge, "logo.png")}, content_type="multipart/form-data")
    assert response.status_code == 413 and "te groot" in response.get_data(as_text=True)
    assert _untouched(page) == before


def test_a_decompression_bomb_as_logo_is_named_and_not_stored(page):
    """A PNG of a few kilobytes that says it is 30000 × 30000 pixels: refused before it is decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\0" * 100000))
        + chunk(b"IEND", b"")
    )
    before = _untouched(page)
    response = page.post(
        "/logo", {**page.form(), "logo": (io.BytesIO(bomb), "logo.png")}, content_type="multipart/form-data"
    )
    assert response.status_code == 400 and "miljoen beeldpunten" in response.get_data(as_text=True)
    assert _untouched(page) == before


def test_an_error_is_a_dutch_page_without_a_traceback(page, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("desi_pack.course.review.review", broken)
    response = page.get("/")
    text = response.get_data(as_text=True)
    assert response.status_code == 500 and "Er ging iets mis in desi-pack zelf" in text
    assert "Traceback" not in text and "RuntimeError" not in text and "boom" not in text
    assert page.get("/bestaat-niet").status_code == 404


def test_every_response_forbids_framing_scripts_from_elsewhere_and_caching(page):
    response = page.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY" and response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert "http://" not in html.replace(ORIGIN, "") and "https://" not in html  # nothing from the internet


def test_a_post_a_browser_marks_as_from_another_site_is_refused_without_an_origin(page):
    before = _untouched(page)
    form = {**page.form(), "organisatie": "Overgenomen", FORM_FIELD: page.guard.csrf_token}
    response = page.client.post("/opslaan", base_url=ORIGIN, data=form, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403 and _untouched(page) == before


def test_a_redirect_carries_no_english_page(page):
    response = page.post("/opslaan", page.form())
    assert response.status_code == 303 and response.data == b""
