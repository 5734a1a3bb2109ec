"""The CORS headers a browser checks, for allowed and refused origins, simple and preflighted requests."""

import pytest
from fastapi.testclient import TestClient

from examples.web_foundations.cors.app import app, public

GOOD = "https://app.example.com"
EVIL = "https://evil.example"


@pytest.fixture
def client():
    return TestClient(app)


# --8<-- [start:preflight]
def test_preflight_from_allowed_origin(client):
    response = client.options(
        "/api/profile",
        headers={
            "Origin": GOOD,
            "Access-Control-Request-Method": "DELETE",
            "Access-Control-Request-Headers": "x-request-id",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == GOOD  # echoed exactly, not "*"
    assert response.headers["access-control-allow-credentials"] == "true"
    assert "DELETE" in response.headers["access-control-allow-methods"]
    assert response.headers["access-control-max-age"] == "600"


def test_preflight_from_unknown_origin_is_refused(client):
    response = client.options("/api/profile", headers={"Origin": EVIL, "Access-Control-Request-Method": "DELETE"})
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


# --8<-- [end:preflight]


def test_preflight_with_unlisted_header_is_refused(client):
    response = client.options(
        "/api/profile",
        headers={"Origin": GOOD, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-admin"},
    )
    assert response.status_code == 400


def test_preflight_with_unlisted_method_is_refused(client):
    response = client.options("/api/profile", headers={"Origin": GOOD, "Access-Control-Request-Method": "PUT"})
    assert response.status_code == 400


# --8<-- [start:simple]
def test_simple_request_from_allowed_origin_is_readable(client):
    response = client.get("/api/profile", headers={"Origin": GOOD})
    assert response.headers["access-control-allow-origin"] == GOOD
    assert "Origin" in response.headers["vary"]  # caches must not serve this answer to another origin


def test_simple_request_from_unknown_origin_still_runs_on_the_server(client):
    response = client.get("/api/profile", headers={"Origin": EVIL})
    # CORS is enforced by the browser: the server answered, but without the header the page cannot read it.
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


# --8<-- [end:simple]


@pytest.mark.parametrize("headers", [{"Origin": EVIL}, {}], ids=["refused-origin", "no-origin"])
def test_answers_without_cors_headers_still_vary_on_origin(client, headers):
    # A cache must not serve these to the allowed front end, which would then be refused.
    response = client.get("/api/profile", headers=headers)
    assert "access-control-allow-origin" not in response.headers
    assert "Origin" in response.headers["vary"]


def test_cookies_are_sent_with_credentialed_requests(client):
    client.cookies.set("session", "abc")
    assert client.get("/api/profile", headers={"Origin": GOOD}).json()["sent_cookie"] is True


def test_exposed_header_is_listed(client):
    response = client.get("/api/profile", headers={"Origin": GOOD})
    assert response.headers["access-control-expose-headers"] == "X-Request-Id"


def test_public_api_uses_wildcard_without_credentials():
    response = TestClient(public).get("/api/exchange-rates", headers={"Origin": EVIL})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in response.headers
