"""Acceptance check: whatever `q` is, the page has exactly the elements and attributes it was written with, `q`
comes back as text in the heading, as the search box's value and as the analytics term, and the response carries a
strict CSP whose nonce is on the only script."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module
from exercises.security.xss_prevention.support import Page, parse

BODY = "<svg onload=alert(document.domain)>"
ATTRIBUTE = '" autofocus onfocus="alert(document.domain)'  # no angle brackets: escaping only <, > misses it
SCRIPT = "</script><script>alert(document.domain)</script>"
JS_STRING = '"; alert(document.domain); "'
PAYLOADS = [BODY, ATTRIBUTE, SCRIPT, JS_STRING, "Tom & Jerry's <b>"]
ANALYTICS = re.compile(r"^\s*window\.analytics\s*=\s*(.*?);?\s*$", re.DOTALL)


def search(answer: Path, q: str) -> tuple[Page, dict[str, str]]:
    response = TestClient(load_module(answer).create_app()).get("/search", params={"q": q})
    assert response.status_code == 200
    return parse(response.text), dict(response.headers)


def analytics(page: Page) -> object:
    scripts = page.all("script")
    assert len(scripts) == 1, f"the page should have one script element, it has {len(scripts)}"
    found = ANALYTICS.match(scripts[0].text)
    assert found, f"keep the snippet's shape, window.analytics = <JSON>; got {scripts[0].text!r}"
    return json.loads(found.group(1))


@pytest.mark.starter_passes
def test_an_honest_search_shows_its_term(answer: Path) -> None:
    page, _ = search(answer, "desk lamp")
    assert page.all("h1")[0].text == "Results for desk lamp"
    assert page.all("input")[0].attrs.get("value") == "desk lamp"
    assert analytics(page) == {"event": "search", "term": "desk lamp"}


@pytest.mark.parametrize("q", PAYLOADS)
def test_the_payload_adds_no_element_or_attribute(answer: Path, q: str) -> None:
    page, _ = search(answer, q)
    tags = sorted(element.tag for element in page.elements)
    assert tags == ["button", "form", "h1", "input", "p", "script", "title"], f"q={q!r} added elements: {tags}"
    assert set(page.all("input")[0].attrs) == {"name", "value"}, f"q={q!r} added attributes to the search box"


@pytest.mark.parametrize("q", PAYLOADS)
def test_the_payload_comes_back_as_data_in_every_context(answer: Path, q: str) -> None:
    page, _ = search(answer, q)
    assert page.all("h1")[0].text == f"Results for {q}", "the heading shows the search text as text"
    assert page.all("input")[0].attrs.get("value") == q, "the search box holds the search text as typed"
    assert analytics(page) == {"event": "search", "term": q}, (
        "in the script, the term must be JSON that decodes to exactly what was searched for (HTML entities "
        "are not decoded inside a script)"
    )


def test_a_strict_csp_with_a_fresh_nonce_on_the_script(answer: Path) -> None:
    nonces = []
    for _ in range(2):
        page, headers = search(answer, "desk")
        policy = headers.get("content-security-policy", "")
        nonce = re.search(r"script-src[^;]*'nonce-([A-Za-z0-9+/_=-]+)'", policy)
        assert nonce, f"send Content-Security-Policy with a script-src nonce; got {policy!r}"
        assert page.all("script")[0].attrs.get("nonce") == nonce.group(1), "the script carries the header's nonce"
        assert len(nonce.group(1)) >= 22, "at least 128 bits of randomness (16 bytes, 22 base64 characters)"
        for directive in ("object-src 'none'", "base-uri 'none'"):
            assert directive in policy
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        nonces.append(nonce.group(1))
    assert nonces[0] != nonces[1], "a new nonce for every response"
