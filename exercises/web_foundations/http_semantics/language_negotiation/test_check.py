"""Acceptance check: the language follows Accept-Language's quality values, and a shared cache in front of the
API (simulated here as RFC 9111, 4.1 describes) gives each reader their own language while still reusing a
stored response for readers who ask for the same thing."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from exercises import load_module

GERMAN = "de;q=0.9, en;q=0.5"
ENGLISH = "en-US,en;q=0.9"


class SharedCache:
    """A CDN in miniature: one stored response per URL, reused only if every header its Vary names matches."""

    def __init__(self, origin: TestClient) -> None:
        self.origin = origin
        self.stored: dict[str, tuple[dict[str, str], httpx.Response]] = {}
        self.origin_requests = 0

    def get(self, url: str, headers: dict[str, str]) -> httpx.Response:
        asked = {name.lower(): value for name, value in headers.items()}
        if url in self.stored:
            request_headers, response = self.stored[url]
            if self.matches(response, request_headers, asked):
                return response
        self.origin_requests += 1
        response = self.origin.get(url, headers=headers)
        self.stored[url] = (asked, response)
        return response

    @staticmethod
    def matches(response: httpx.Response, before: dict[str, str], now: dict[str, str]) -> bool:
        names = [name.strip().lower() for name in response.headers.get("vary", "").split(",") if name.strip()]
        if "*" in names:
            return False  # Vary: * never matches (RFC 9111, 4.1)
        return all(before.get(name) == now.get(name) for name in names)


def client(answer: Path) -> TestClient:
    return TestClient(load_module(answer).create_app())


def titles(response: httpx.Response) -> list[str]:
    return [row["title"] for row in response.json()]


def check_language(answer: Path, accept_language: str | None, expected: str) -> None:
    headers = {} if accept_language is None else {"Accept-Language": accept_language}
    response = client(answer).get("/books", headers=headers)
    assert response.status_code == 200
    got = response.headers.get("content-language")
    assert got == expected, f"Accept-Language: {accept_language!r} should give {expected!r}, got {got!r}"
    assert titles(response)[0] == {"de": "Der Hobbit", "en": "The Hobbit"}[expected]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("en-US,en;q=0.9,de;q=0.1", "en"),  # German only as a last resort
        ("en, de;q=0.5", "en"),
        ("de;q=0, *;q=0.5", "en"),  # anything but German
    ],
)
def test_the_weights_decide_not_the_mere_mention(answer: Path, accept_language: str, expected: str) -> None:
    check_language(answer, accept_language, expected)


@pytest.mark.starter_passes
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("de;q=0.9, en;q=0.8", "de"),
        ("de-AT, en;q=0.5", "de"),  # Austrian German: the German titles are the closest match
        ("fr", "en"),  # nothing matches: send the default, not 406
        (None, "en"),
    ],
)
def test_plain_preferences_still_work(answer: Path, accept_language: str | None, expected: str) -> None:
    check_language(answer, accept_language, expected)


def test_a_cdn_gives_each_reader_their_language(answer: Path) -> None:
    cdn = SharedCache(client(answer))
    german = cdn.get("/books", {"Accept-Language": GERMAN})
    english = cdn.get("/books", {"Accept-Language": ENGLISH})
    assert titles(german)[0] == "Der Hobbit"
    assert titles(english)[0] == "The Hobbit", (
        "the CDN handed a stored German response to an English reader: the response does not say it varies "
        f"on Accept-Language (Vary: {english.headers.get('vary')})"
    )


def test_vary_names_both_headers_the_body_depends_on(answer: Path) -> None:
    vary = {name.strip().lower() for name in client(answer).get("/books").headers.get("vary", "").split(",")}
    assert {"accept", "accept-language"} <= vary, f"the body depends on both headers, but Vary names {vary}"


@pytest.mark.starter_passes
def test_readers_who_ask_the_same_share_one_stored_response(answer: Path) -> None:
    cdn = SharedCache(client(answer))
    for _ in range(3):
        cdn.get("/books", {"Accept-Language": GERMAN})
    assert cdn.origin_requests == 1, "identical requests all reached the API: the response is not reusable"
