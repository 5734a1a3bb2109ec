"""Acceptance check: https://example.com and any subdomain of it can read responses with credentials; look-alike
domains, other schemes and ports, and the null origin cannot.

A simulated browser (exercises/web_foundations/cors/browser.py) sends each request from a page on the origin and
applies the Fetch standard's CORS check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module
from exercises.web_foundations.cors.browser import Browser


def readable(answer: Path, origin: str) -> bool:
    api = TestClient(load_module(answer).create_app())
    browser = Browser(api, origin)
    return browser.fetch("GET", "/api/profile", credentials=True, cookies={"session": "victim"}).readable


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil-example.com",  # registrable by anyone: ends with example.com, but is not under it
        "https://notexample.com",
        "https://app.examplexcom",  # an unescaped dot matches any character
        "null",  # sandboxed iframes, file:// pages and some redirects: any site can produce it
    ],
)
def test_look_alikes_and_null_cannot_read(answer: Path, origin: str) -> None:
    assert not readable(answer, origin), f"a page on {origin} read a logged-in user's profile"


@pytest.mark.starter_passes
@pytest.mark.parametrize(
    "origin",
    [
        "https://example.com.evil.net",
        "http://app.example.com",  # another scheme: a network attacker could inject that page
        "https://app.example.com:8443",  # another port is another origin
    ],
)
def test_other_schemes_ports_and_suffixes_cannot_read(answer: Path, origin: str) -> None:
    assert not readable(answer, origin), f"a page on {origin} read a logged-in user's profile"


@pytest.mark.starter_passes
@pytest.mark.parametrize(
    "origin", ["https://example.com", "https://acme.example.com", "https://tenant-42.eu.example.com"]
)
def test_example_com_and_its_subdomains_can_read(answer: Path, origin: str) -> None:
    assert readable(answer, origin), f"{origin} is a customer front end and must work"
