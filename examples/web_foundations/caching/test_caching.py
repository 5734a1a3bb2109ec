"""Conditional requests behave as RFC 9110 and RFC 9111 describe."""

import pytest
from fastapi.testclient import TestClient

from examples.web_foundations.caching.app import ARTICLES, app


@pytest.fixture
def client():
    snapshot = {k: dict(v) for k, v in ARTICLES.items()}
    with TestClient(app) as c:
        yield c
    ARTICLES.clear()
    ARTICLES.update(snapshot)


# --8<-- [start:revalidate]
def test_second_request_with_etag_gets_304_without_body(client):
    first = client.get("/articles/1")
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert "max-age=60" in first.headers["cache-control"]

    second = client.get("/articles/1", headers={"If-None-Match": etag})
    assert second.status_code == 304
    assert second.content == b""
    assert second.headers["etag"] == etag  # a 304 repeats the validators and caching headers
    assert second.headers["cache-control"] == first.headers["cache-control"]


def test_changed_resource_gets_a_new_etag_and_a_full_200(client):
    etag = client.get("/articles/1").headers["etag"]
    ARTICLES[1]["body"] = "Edited."
    response = client.get("/articles/1", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response.headers["etag"] != etag


# --8<-- [end:revalidate]


def test_weak_comparison_and_lists_for_if_none_match(client):
    etag = client.get("/articles/1").headers["etag"]
    assert client.get("/articles/1", headers={"If-None-Match": f'"other", W/{etag}'}).status_code == 304
    assert client.get("/articles/1", headers={"If-None-Match": "*"}).status_code == 304
    assert client.get("/articles/1", headers={"If-None-Match": '"other"'}).status_code == 200


# --8<-- [start:lost_update]
def test_lost_update_is_prevented_with_if_match(client):
    etag = client.get("/articles/1").headers["etag"]
    alice = client.put("/articles/1", json={"title": "Caching", "body": "Alice's edit"}, headers={"If-Match": etag})
    assert alice.status_code == 200
    bob = client.put("/articles/1", json={"title": "Caching", "body": "Bob's edit"}, headers={"If-Match": etag})
    assert bob.status_code == 412  # Bob edited a version that no longer exists
    assert ARTICLES[1]["body"] == "Alice's edit"


# --8<-- [end:lost_update]


def test_put_without_if_match_is_428(client):
    assert client.put("/articles/1", json={"title": "x", "body": "y"}).status_code == 428


def test_weak_etag_never_satisfies_if_match(client):
    etag = client.get("/articles/1").headers["etag"]
    response = client.put("/articles/1", json={"title": "x", "body": "y"}, headers={"If-Match": f"W/{etag}"})
    assert response.status_code == 412


def test_a_public_article_may_be_shared_for_60_seconds_then_revalidated(client):
    directives = {d.strip() for d in client.get("/articles/1").headers["cache-control"].split(",")}
    assert directives == {"public", "max-age=60", "must-revalidate"}


def test_a_rejected_write_changes_nothing(client):
    before = client.get("/articles/1")
    client.put("/articles/1", json={"title": "x", "body": "y"}, headers={"If-Match": '"stale"'})
    client.put("/articles/1", json={"title": "x", "body": "y"})
    after = client.get("/articles/1")
    assert (after.content, after.headers["etag"]) == (before.content, before.headers["etag"])


def test_private_and_no_store(client):
    assert client.get("/me/cart").headers["cache-control"] == "private, no-cache"
    assert client.get("/account/balance").headers["cache-control"] == "no-store"


def test_missing_article_is_404(client):
    assert client.get("/articles/99").status_code == 404
