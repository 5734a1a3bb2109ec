"""The same payloads against an auto-escaping and a non-escaping Jinja environment, plus the CSP header."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.templating import Jinja2Templates
from fastapi.testclient import TestClient

from examples.security.xss.app import create_app
from examples.security.xss.rendering import SAFE, UNSAFE, render_profile, safe_url

SCRIPT_TAG = "<script>alert(1)</script>"
ATTRIBUTE_BREAKOUT = '" onmouseover="alert(1)'


# --8<-- [start:tests]
def test_body_context_payload_runs_without_autoescape():
    assert SCRIPT_TAG in render_profile(UNSAFE, {"name": SCRIPT_TAG, "website": ""})


def test_body_context_payload_is_escaped_with_autoescape():
    html = render_profile(SAFE, {"name": SCRIPT_TAG, "website": ""})
    assert SCRIPT_TAG not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_attribute_breakout_is_escaped():
    assert ATTRIBUTE_BREAKOUT in render_profile(UNSAFE, {"name": ATTRIBUTE_BREAKOUT, "website": ""})
    assert "&#34; onmouseover=&#34;alert(1)" in render_profile(SAFE, {"name": ATTRIBUTE_BREAKOUT, "website": ""})


def test_javascript_url_survives_escaping_so_the_scheme_is_checked():
    assert 'href="javascript:alert(1)"' in render_profile(UNSAFE, {"name": "x", "website": "javascript:alert(1)"})
    assert 'href="about:blank"' in render_profile(SAFE, {"name": "x", "website": "javascript:alert(1)"})


def test_script_context_uses_tojson_which_cannot_close_the_script_element():
    html = render_profile(SAFE, {"name": "</script><script>alert(1)//", "website": ""})
    assert "</script><script>" not in html
    data = re.search(r"const profile = (.*);</script>", html)
    assert data is not None and json.loads(data.group(1))["name"] == "</script><script>alert(1)//"


# --8<-- [end:tests]


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


# --8<-- [start:csp_tests]
def test_csp_nonce_matches_the_page_and_changes_per_response(client):
    first, second = client.get("/profiles/mallory"), client.get("/profiles/mallory")
    policy = first.headers["content-security-policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy)
    assert nonce is not None and f'<script nonce="{nonce.group(1)}">' in first.text
    assert policy != second.headers["content-security-policy"]
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"):
        assert directive in policy
    assert "'unsafe-inline'" not in policy
    assert first.headers["x-content-type-options"] == "nosniff"
    assert first.headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_stored_payload_is_inert_in_the_served_page(client):
    page = client.get("/profiles/mallory").text
    assert "<img src=x" not in page and 'href="about:blank"' in page


# --8<-- [end:csp_tests]


@pytest.mark.parametrize(
    "url",
    [
        "JaVaScRiPt:alert(1)",  # schemes are case-insensitive
        " javascript:alert(1)",  # browsers strip leading spaces and control characters
        "java\tscript:alert(1)",  # ...and tabs and newlines anywhere in the URL
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/phish",  # no scheme: not an absolute http(s) URL either
    ],
)
def test_safe_url_refuses_every_scheme_but_http_and_https(url):
    assert safe_url(url) == "about:blank"


def test_safe_url_keeps_web_links():
    assert safe_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert safe_url("HTTP://EXAMPLE.COM/") == "HTTP://EXAMPLE.COM/"


def test_starlette_templates_escape_by_file_extension_only(tmp_path):
    # FastAPI's Jinja2Templates uses select_autoescape(): on for .html, .htm and .xml names, off for the rest.
    for name in ("page.html", "page.jinja"):
        (tmp_path / name).write_text("<p>{{ name }}</p>", encoding="utf-8")
    env = Jinja2Templates(directory=tmp_path).env
    assert env.get_template("page.html").render(name=SCRIPT_TAG) == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    assert env.get_template("page.jinja").render(name=SCRIPT_TAG) == f"<p>{SCRIPT_TAG}</p>"
