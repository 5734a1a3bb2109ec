"""Cookie attributes, fixation, timeouts, logout and CSRF, checked through HTTP like a browser would."""

from __future__ import annotations

import pytest
from fastapi import Response
from fastapi.testclient import TestClient

from examples.security.sessions.app import COOKIE, create_app
from examples.security.sessions.store import IDLE_TIMEOUT, SessionStore

CREDENTIALS = {"username": "ada", "password": "correct horse battery staple"}


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(clock: Clock) -> TestClient:
    return TestClient(create_app(SessionStore(clock)), base_url="https://testserver")


def login(client: TestClient) -> str:
    response = client.post("/login", data=CREDENTIALS)
    assert response.status_code == 200
    return response.json()["csrf_token"]


# --8<-- [start:tests]
def test_session_cookie_attributes(client):
    set_cookie = client.post("/login", data=CREDENTIALS).headers["set-cookie"]
    assert set_cookie.startswith(f"{COOKIE}=")
    for attribute in ("HttpOnly", "Secure", "SameSite=lax", "Path=/", "Max-Age=28800"):
        assert attribute in set_cookie
    assert "Domain=" not in set_cookie  # required by the __Host- prefix


def test_login_issues_a_new_id_so_fixation_fails(client):
    planted = client.app.state.sessions.create(None)  # an attacker obtains an anonymous session id...
    victim = TestClient(client.app, base_url="https://testserver", cookies={COOKIE: planted})  # planted in a browser
    issued = victim.post("/login", data=CREDENTIALS).cookies.get(COOKIE)
    assert issued is not None and issued != planted
    attacker = TestClient(client.app, base_url="https://testserver", cookies={COOKIE: planted})
    assert attacker.get("/me").status_code == 401


def test_state_change_without_csrf_token_is_refused(client):
    login(client)
    assert client.post("/email", data={"email": "evil@example.com"}).status_code == 403


def test_state_change_from_another_origin_is_refused(client):
    token = login(client)
    response = client.post(
        "/email", data={"email": "x@example.com"}, headers={"X-CSRF-Token": token, "Origin": "https://evil.example"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_state_change_the_browser_marks_as_foreign_is_refused_even_with_the_token(client, site):
    token = login(client)
    response = client.post(
        "/email", data={"email": "x@example.com"}, headers={"X-CSRF-Token": token, "Sec-Fetch-Site": site}
    )
    assert response.status_code == 403


@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}])
def test_a_forged_cross_site_login_sets_no_cookie(client, headers):
    response = client.post("/login", data=CREDENTIALS, headers=headers)
    assert response.status_code == 403 and "set-cookie" not in response.headers


def test_state_change_with_token_succeeds(client):
    token = login(client)
    headers = {"X-CSRF-Token": token, "Sec-Fetch-Site": "same-origin", "Origin": "https://testserver"}
    response = client.post("/email", data={"email": "ada@example.com"}, headers=headers)
    assert response.json() == {"email": "ada@example.com"}


def test_idle_session_expires(client, clock):
    login(client)
    clock.now += IDLE_TIMEOUT + 1
    assert client.get("/me").status_code == 401


def test_active_session_still_hits_the_absolute_limit(client, clock):
    login(client)
    start = clock.now
    while clock.now + 14 * 60 <= start + 8 * 3600:  # a request every 14 minutes keeps it from idling out...
        clock.now += 14 * 60
        assert client.get("/me").status_code == 200, f"ended after {(clock.now - start) / 3600:.2f} h, before 8 h"
    clock.now = start + 8 * 3600 + 1  # ...but not one second past eight hours since login
    assert client.get("/me").status_code == 401


def test_logout_kills_the_session_on_the_server(client):
    token = login(client)
    stolen = client.cookies.get(COOKIE)
    assert client.post("/logout", headers={"X-CSRF-Token": token}).status_code == 200
    replay = TestClient(client.app, base_url="https://testserver", cookies={COOKIE: stolen})
    assert replay.get("/me").status_code == 401


# --8<-- [end:tests]


def test_secure_cookie_is_not_sent_over_plain_http(clock):
    app = create_app(SessionStore(clock))
    https = TestClient(app, base_url="https://testserver")
    https.post("/login", data=CREDENTIALS)
    http = TestClient(app, base_url="http://testserver", cookies=https.cookies)
    assert http.get("/me").status_code == 401  # the cookie jar withholds a Secure cookie from http://


def test_wrong_password_gets_no_session(client):
    response = client.post("/login", data={**CREDENTIALS, "password": "nope"})
    assert response.status_code == 401 and "set-cookie" not in response.headers


def test_destroy_all_for_user():
    store = SessionStore()
    a, b = store.create("ada"), store.create("ada")
    store.destroy_all_for("ada")
    assert store.get(a) is None and store.get(b) is None


def test_starlette_sends_samesite_lax_unless_told_none():
    # The lab's vulnerable version passes samesite=None, which drops the attribute altogether.
    default, dropped = Response(), Response()
    default.set_cookie("a", "b")
    dropped.set_cookie("a", "b", samesite=None)
    assert "SameSite=lax" in default.headers["set-cookie"]
    assert "samesite" not in dropped.headers["set-cookie"].lower()
