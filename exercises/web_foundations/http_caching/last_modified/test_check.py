"""Acceptance check: Last-Modified is sent, If-Modified-Since gives 304 when nothing changed, and
If-None-Match still wins when a client sends both."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

CHANGED = datetime(2026, 3, 2, 9, 30, 15, tzinfo=UTC)


def client(answer: Path) -> TestClient:
    return TestClient(load_module(answer).create_app(now=CHANGED))


def http_date(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)


def test_a_200_carries_last_modified(answer: Path) -> None:
    response = client(answer).get("/articles/1")
    assert response.status_code == 200
    assert response.headers.get("last-modified") == "Mon, 02 Mar 2026 09:30:15 GMT", (
        "send Last-Modified as an HTTP date (RFC 9110, 8.8.2)"
    )


def test_an_unchanged_article_gives_304(answer: Path) -> None:
    for since in (CHANGED, CHANGED + timedelta(hours=1)):
        response = client(answer).get("/articles/1", headers={"If-Modified-Since": http_date(since)})
        assert response.status_code == 304, f"If-Modified-Since {http_date(since)}: nothing changed since then"
        assert response.content == b""


@pytest.mark.starter_passes
def test_a_copy_older_than_the_change_gets_the_article(answer: Path) -> None:
    response = client(answer).get(
        "/articles/1", headers={"If-Modified-Since": http_date(CHANGED - timedelta(seconds=1))}
    )
    assert response.status_code == 200


@pytest.mark.starter_passes
def test_an_invalid_date_is_ignored(answer: Path) -> None:
    response = client(answer).get("/articles/1", headers={"If-Modified-Since": "yesterday"})
    assert response.status_code == 200


def test_if_none_match_decides_when_both_are_sent(answer: Path) -> None:
    api = client(answer)
    etag = api.get("/articles/1").headers["etag"]
    later = http_date(CHANGED + timedelta(days=1))
    stale_tag = api.get("/articles/1", headers={"If-None-Match": '"old"', "If-Modified-Since": later})
    assert stale_tag.status_code == 200, "a non-matching If-None-Match wins over a recent If-Modified-Since"
    fresh_tag = api.get(
        "/articles/1", headers={"If-None-Match": etag, "If-Modified-Since": http_date(CHANGED - timedelta(days=1))}
    )
    assert fresh_tag.status_code == 304, "a matching If-None-Match gives 304 whatever If-Modified-Since says"
    assert fresh_tag.headers.get("last-modified"), "a 304 repeats the validators the 200 would send"


@pytest.mark.starter_passes
def test_a_put_moves_last_modified(answer: Path) -> None:
    api = client(answer)
    before = api.get("/articles/1").headers.get("last-modified")
    api.put("/articles/1", json={"title": "Caching", "body": "Revalidate."})
    after = api.get("/articles/1", headers={"If-Modified-Since": before or http_date(CHANGED)})
    assert after.status_code == 200, "after a change, a copy from before it is stale"
