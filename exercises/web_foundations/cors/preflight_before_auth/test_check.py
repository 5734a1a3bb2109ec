"""Acceptance check: the editor's PUT passes its preflight and is readable; without a valid token the page reads a
401 instead of a network error; requests still need a token, and other origins still cannot read anything.

A simulated browser (exercises/web_foundations/cors/browser.py) sends the preflight a browser would, without
credentials, and applies the Fetch standard's checks to both responses.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module
from exercises.web_foundations.cors.browser import Browser

EDITOR, EVIL = "https://app.example.com", "https://evil.example"
ARTICLE = {"title": "Preflights", "body": "They carry no credentials."}


def api(answer: Path) -> TestClient:
    return TestClient(load_module(answer).create_app())


def test_the_editors_save_goes_through(answer: Path) -> None:
    outcome = Browser(api(answer), EDITOR).fetch(
        "PUT", "/api/articles/1", {"Authorization": "Bearer token-ada"}, json=ARTICLE
    )
    assert outcome.readable and outcome.status == 200, f"blocked by CORS policy: {outcome.reason}"


@pytest.mark.parametrize("token", ["expired-token", None], ids=["expired", "missing"])
def test_the_page_can_read_a_401(answer: Path, token: str | None) -> None:
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    outcome = Browser(api(answer), EDITOR).fetch("PUT", "/api/articles/1", headers, json=ARTICLE)
    assert outcome.readable, f"the page saw a network error instead of the 401: {outcome.reason}"
    assert outcome.status == 401, "the save must still be refused without a valid token"


@pytest.mark.starter_passes
def test_a_request_without_a_token_is_still_refused(answer: Path) -> None:
    client = api(answer)
    assert client.put("/api/articles/1", json=ARTICLE).status_code == 401  # curl: no Origin, no CORS
    options = client.options("/api/articles/1")  # not a preflight: no Access-Control-Request-Method
    assert options.status_code in {401, 405}, "a plain OPTIONS must not get past authentication"


@pytest.mark.starter_passes
def test_another_origin_reads_nothing(answer: Path) -> None:
    outcome = Browser(api(answer), EVIL).fetch(
        "PUT", "/api/articles/1", {"Authorization": "Bearer token-ada"}, json=ARTICLE
    )
    assert not outcome.readable
