"""Acceptance check: X-Forwarded-Proto counts only from the trusted proxy; everyone else is judged by the real
connection, so a forged header gets a redirect and no HSTS.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

PROXY, STRANGER = "10.0.0.2", "10.0.0.66"
HSTS = "max-age=31536000; includeSubDomains"


def client(answer: Path, peer: str, scheme: str = "http") -> TestClient:
    app = load_module(answer).create_app(trusted_proxies={PROXY})
    return TestClient(app, base_url=f"{scheme}://api.example.com", client=(peer, 40_000))


@pytest.mark.starter_passes
def test_https_forwarded_by_the_proxy_gets_the_page_and_hsts(answer: Path) -> None:
    response = client(answer, PROXY).get("/account", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response.headers.get("strict-transport-security") == HSTS


@pytest.mark.starter_passes
def test_plain_http_through_the_proxy_is_redirected(answer: Path) -> None:
    response = client(answer, PROXY).get("/account", headers={"X-Forwarded-Proto": "http"}, follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "https://api.example.com/account"


def test_a_forged_header_from_anyone_else_is_ignored(answer: Path) -> None:
    response = client(answer, STRANGER).get("/account", headers={"X-Forwarded-Proto": "https"}, follow_redirects=False)
    assert response.status_code == 308, "a plain-HTTP request from a non-proxy address is plain HTTP, whatever it says"
    assert "strict-transport-security" not in response.headers, "HSTS on a plain-HTTP response is ignored by browsers"


@pytest.mark.starter_passes
def test_a_value_prepended_by_the_caller_does_not_win(answer: Path) -> None:
    # The client sent "https"; our proxy, which saw plain HTTP, appended "http".
    response = client(answer, PROXY).get(
        "/account", headers={"X-Forwarded-Proto": "https, http"}, follow_redirects=False
    )
    assert response.status_code == 308, "believe the value our proxy added (the last one), not the caller's"


@pytest.mark.starter_passes
def test_a_real_https_connection_needs_no_header(answer: Path) -> None:
    response = client(answer, STRANGER, scheme="https").get("/account")
    assert response.status_code == 200
    assert response.headers.get("strict-transport-security") == HSTS
