"""The simulated browser the CORS checks rely on follows the Fetch standard, pinned against the lesson's app."""

from __future__ import annotations

from fastapi.testclient import TestClient

from examples.web_foundations.cors.app import app, public
from exercises.web_foundations.cors.browser import Browser, listed, unsafe_header_names

GOOD, EVIL = "https://app.example.com", "https://evil.example"


def test_a_preflighted_credentialed_request_from_the_allowed_origin_is_readable() -> None:
    outcome = Browser(TestClient(app), GOOD).fetch("DELETE", "/api/profile", {"X-Request-Id": "r1"}, credentials=True)
    assert outcome.readable and outcome.status == 200 and outcome.preflight_status == 200


def test_a_simple_request_sends_no_preflight_and_is_hidden_from_other_origins() -> None:
    outcome = Browser(TestClient(app), EVIL).fetch("GET", "/api/profile", credentials=True)
    assert outcome.preflight_status is None
    assert not outcome.readable and "Access-Control-Allow-Origin" in outcome.reason


def test_a_refused_preflight_stops_the_request() -> None:
    outcome = Browser(TestClient(app), GOOD).fetch("PUT", "/api/profile", credentials=True)
    assert not outcome.readable and outcome.reason.startswith("preflight:")


def test_the_wildcard_serves_anonymous_requests_only() -> None:
    browser = Browser(TestClient(public), EVIL)
    assert browser.fetch("GET", "/api/exchange-rates").readable
    assert not browser.fetch("GET", "/api/exchange-rates", credentials=True).readable


def test_which_headers_need_a_preflight() -> None:
    assert unsafe_header_names({"Content-Type": "text/plain;charset=utf-8", "Accept": "*/*"}) == []
    assert unsafe_header_names({"Content-Type": "application/json", "X-Request-Id": "1"}) == [
        "content-type",
        "x-request-id",
    ]


def test_a_wildcard_in_allow_headers() -> None:
    assert listed("*", "x-request-id", credentials=False, case_sensitive=False)
    assert not listed("*", "x-request-id", credentials=True, case_sensitive=False)  # literal with credentials
    assert not listed("*", "authorization", credentials=False, case_sensitive=False)  # never covers Authorization
