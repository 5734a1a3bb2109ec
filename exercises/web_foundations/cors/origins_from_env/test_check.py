"""Acceptance check: every origin listed in CORS_ALLOWED_ORIGINS can read responses with credentials, no other
origin can, a missing or empty variable allows none, and an entry that can never match stops the app at startup.

A simulated browser (exercises/web_foundations/cors/browser.py) makes the requests and applies the Fetch
standard's CORS check, so the check tests what a page's script could read, not header spelling.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module
from exercises.web_foundations.cors.browser import Browser

APP, ADMIN, EVIL = "https://app.example.com", "https://admin.example.com", "https://evil.example"


def client(answer: Path, environ: dict[str, str]) -> TestClient:
    return TestClient(load_module(answer).create_app(environ=environ))


def can_read_profile(api: TestClient, origin: str) -> bool:
    outcome = Browser(api, origin).fetch("GET", "/api/profile", credentials=True, cookies={"session": "s1"})
    return outcome.readable


def test_every_listed_origin_works(answer: Path) -> None:
    api = client(answer, {"CORS_ALLOWED_ORIGINS": f"{APP}, {ADMIN}"})
    assert can_read_profile(api, APP)
    assert can_read_profile(api, ADMIN), "the second origin, after ', ', is blocked: entries need trimming"
    assert Browser(api, ADMIN).fetch("DELETE", "/api/profile", {"X-Request-Id": "r1"}, credentials=True).readable


def test_a_missing_variable_allows_no_origin(answer: Path) -> None:
    api = client(answer, {})
    for origin in (APP, EVIL):
        assert not can_read_profile(api, origin), (
            f"with CORS_ALLOWED_ORIGINS unset, {origin} could read a logged-in user's profile: a forgotten "
            "variable must fail closed"
        )


@pytest.mark.starter_passes
@pytest.mark.parametrize("value", ["", " , "])
def test_an_empty_list_allows_no_origin(answer: Path, value: str) -> None:
    api = client(answer, {"CORS_ALLOWED_ORIGINS": value})
    assert not can_read_profile(api, APP)
    assert not can_read_profile(api, EVIL)


@pytest.mark.parametrize(
    "entry",
    ["https://staging.example.com/", "staging.example.com", "https://staging.example.com/app", "*",
     "https://Staging.example.com"],
)  # fmt: skip
def test_an_entry_that_can_never_match_stops_startup(answer: Path, entry: str) -> None:
    try:
        client(answer, {"CORS_ALLOWED_ORIGINS": f"{APP},{entry}"})
    except ValueError as error:
        assert entry in str(error), f"the startup error must name the bad entry {entry!r}: {error}"
    else:
        pytest.fail(f"{entry!r} is not an origin a browser sends: startup must refuse it with a ValueError naming it")


@pytest.mark.starter_passes
def test_an_unlisted_origin_cannot_read(answer: Path) -> None:
    api = client(answer, {"CORS_ALLOWED_ORIGINS": f"{APP},{ADMIN}"})
    assert not can_read_profile(api, EVIL)
    assert not can_read_profile(api, "http://app.example.com"), "another scheme is another origin"
