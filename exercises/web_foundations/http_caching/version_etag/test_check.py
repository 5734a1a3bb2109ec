"""Acceptance check: every successful write gives the article a new ETag, whatever the clock says, so readers
get the new text and a stale If-Match gets 412; refused writes change nothing; a 304 renders nothing.

The check drives the app's clock itself: it can put two saves in the same second, or step a server's clock back,
as clock skew between app servers and NTP corrections do in production.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

PUBLISHED = datetime(2026, 3, 2, 9, 30, 15, 100_000, tzinfo=UTC)
STRONG_ETAG = re.compile(r'^"[\x21\x23-\x7e]*"$')  # RFC 9110, 8.8.3: a quoted opaque tag, no W/ prefix


class Clock:
    """The time the app reads; the check moves it (or does not) between requests."""

    def __init__(self) -> None:
        self.now = PUBLISHED

    def __call__(self) -> datetime:
        return self.now


def start(answer: Path) -> tuple[ModuleType, Clock, TestClient]:
    module = load_module(answer)
    clock = Clock()
    return module, clock, TestClient(module.create_app(clock=clock))


def edit(body: str) -> dict[str, str]:
    return {"title": "Caching", "body": body}


def save(api: TestClient, body: str, etag: str) -> tuple[int, str | None]:
    response = api.put("/articles/1", json=edit(body), headers={"If-Match": etag})
    return response.status_code, response.headers.get("etag")


def test_a_fix_saved_in_the_same_second_reaches_readers(answer: Path) -> None:
    _, clock, api = start(answer)
    reader_copy = api.get("/articles/1").headers["etag"]
    clock.now = PUBLISHED + timedelta(milliseconds=400)  # the typo fix, a moment after publishing
    status, _ = save(api, "Reuse what you already have.", reader_copy)
    assert status == 200
    poll = api.get("/articles/1", headers={"If-None-Match": reader_copy})
    assert poll.status_code == 200, (
        "a reader holding the copy from before the fix got 304: the ETag did not change when the article did"
    )
    assert poll.json()["body"] == "Reuse what you already have."


def test_a_second_editor_with_a_stale_etag_gets_412(answer: Path) -> None:
    _, clock, api = start(answer)
    alice = bob = api.get("/articles/1").headers["etag"]  # both open the editor
    clock.now = PUBLISHED + timedelta(milliseconds=300)
    assert save(api, "Alice's edit", alice)[0] == 200
    clock.now = PUBLISHED + timedelta(milliseconds=700)
    bob_status, _ = save(api, "Bob's edit", bob)
    assert bob_status == 412, f"Bob edited a version that no longer exists, yet his save got {bob_status}"
    assert api.get("/articles/1").json()["body"] == "Alice's edit", "Alice's edit was overwritten"


def test_a_clock_stepped_back_cannot_revive_an_old_etag(answer: Path) -> None:
    _, clock, api = start(answer)
    bob = api.get("/articles/1").headers["etag"]  # Bob opens the editor and goes to lunch
    clock.now = PUBLISHED + timedelta(seconds=2)  # server A saves Alice's edit
    status, alice_etag = save(api, "Alice's edit", bob)
    assert status == 200 and alice_etag
    clock.now = PUBLISHED  # server B's clock runs two seconds behind A's
    assert save(api, "Alice's edit, proofread by Carol", alice_etag)[0] == 200
    bob_status, _ = save(api, "Bob's edit", bob)
    assert bob_status == 412, (
        "after two saves, Bob's ETag from before them matched again: a tag made from the clock repeats "
        "when clocks disagree, so Bob overwrote both edits"
    )


@pytest.mark.starter_passes
def test_each_save_returns_the_etag_of_what_it_stored(answer: Path) -> None:
    _, _, api = start(answer)  # the clock never moves in this test
    etag: str | None = api.get("/articles/1").headers["etag"]
    for body in ("First fix.", "Second fix.", "Third fix."):
        status, etag = save(api, body, etag or "")
        assert status == 200, "an editor saving again with the ETag their last save returned must succeed"
        assert etag and STRONG_ETAG.match(etag), f"{etag!r} is not a strong entity tag"
        assert api.get("/articles/1").headers["etag"] == etag, "the ETag a PUT returns must be the one GET sends"


@pytest.mark.starter_passes
def test_a_refused_write_changes_nothing(answer: Path) -> None:
    _, clock, api = start(answer)
    before = api.get("/articles/1")
    clock.now = PUBLISHED + timedelta(seconds=5)
    assert api.put("/articles/1", json=edit("no precondition")).status_code == 428
    assert save(api, "stale precondition", '"not-the-current-tag"')[0] == 412
    after = api.get("/articles/1")
    assert after.headers["etag"] == before.headers["etag"], "a refused write must not move the ETag"
    assert after.content == before.content


@pytest.mark.starter_passes
def test_a_304_renders_nothing(answer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module, _, api = start(answer)
    renders: list[dict[str, str]] = []
    real_render: Callable[[dict[str, str]], bytes] = module.render

    def counting_render(article: dict[str, str]) -> bytes:
        renders.append(article)
        return real_render(article)

    monkeypatch.setattr(module, "render", counting_render)
    etag = api.get("/articles/1").headers["etag"]
    renders.clear()
    for _ in range(3):
        assert api.get("/articles/1", headers={"If-None-Match": etag}).status_code == 304
    assert renders == [], "answering If-None-Match rendered the article: the ETag must come from stored metadata"
