"""Basic auth, API keys and a full OpenID Connect login with the attacks the validation must stop."""

from __future__ import annotations

import base64

import jwt
import pytest
from fastapi.testclient import TestClient

from examples.security.at_rest.passwords import hash_password
from examples.security.auth_schemes import api_keys, basic, oidc

# ---- Basic ----------------------------------------------------------------------------------


def header(user_pass: str) -> str:
    return "Basic " + base64.b64encode(user_pass.encode()).decode()


# --8<-- [start:basic_tests]
def test_the_rfc_7617_example_decodes() -> None:
    assert header("Aladdin:open sesame") == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    assert basic.parse_basic("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==") == ("Aladdin", "open sesame")


def test_only_the_first_colon_splits_and_utf8_works() -> None:
    assert basic.parse_basic(header("zoë:pa:ss wörd")) == ("zoë", "pa:ss wörd")
    assert basic.parse_basic(header("no-colon")) is None
    assert basic.parse_basic("Basic !!not base64!!") is None
    assert basic.parse_basic("Bearer QWxhZGRpbjpvcGVuIHNlc2FtZQ==") is None


# --8<-- [end:basic_tests]


def test_an_unknown_user_costs_one_password_hash_like_a_known_one(monkeypatch: pytest.MonkeyPatch) -> None:
    users = {"ada": hash_password("correct horse battery staple")}
    calls: list[str] = []
    real = basic.verify_password

    def counting(stored: str, password: str) -> tuple[bool, str | None]:
        calls.append(stored)
        return real(stored, password)

    monkeypatch.setattr(basic, "verify_password", counting)
    basic.authenticate(header("ada:wrong"), users)
    basic.authenticate(header("nobody:wrong"), users)
    assert calls == [users["ada"], basic.DUMMY_HASH]  # one Argon2id verification each: no timing oracle


def test_basic_authenticate_checks_the_stored_hash() -> None:
    users = {"ada": hash_password("correct horse battery staple")}
    assert basic.authenticate(header("ada:correct horse battery staple"), users) == "ada"
    assert basic.authenticate(header("ada:wrong"), users) is None
    assert basic.authenticate(header("eve:anything"), users) is None
    assert basic.authenticate(None, users) is None
    assert 'charset="UTF-8"' in basic.CHALLENGE


# ---- API keys -------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


# --8<-- [start:key_tests]
def test_keys_are_stored_as_digests_and_checked_for_scope() -> None:
    store = api_keys.ApiKeyStore()
    key = store.create("reporting-job", {"reports:read"})
    assert key.startswith("bsk_live_") and len(key) > 50
    assert all(key.split("_", 3)[3] not in repr(record) for record in store.records.values())  # no secret stored
    assert store.authenticate(key, "reports:read") == "reporting-job"
    with pytest.raises(api_keys.KeyRejected, match="scope"):
        store.authenticate(key, "reports:write")
    with pytest.raises(api_keys.KeyRejected, match="invalid"):
        store.authenticate(key[:-1] + ("A" if key[-1] != "A" else "B"), "reports:read")  # one character off


def test_rotation_overlaps_then_the_old_key_expires_and_revocation_is_immediate() -> None:
    clock = Clock()
    store = api_keys.ApiKeyStore(clock=clock)
    old = store.create("partner", {"orders:read"})
    new = store.rotate(api_keys.key_id_of(old), overlap=3600)
    clock.now += 60
    assert store.authenticate(old, "orders:read") == store.authenticate(new, "orders:read") == "partner"
    clock.now += 3600
    with pytest.raises(api_keys.KeyRejected):
        store.authenticate(old, "orders:read")  # the overlap is over
    store.revoke(api_keys.key_id_of(new))
    with pytest.raises(api_keys.KeyRejected):
        store.authenticate(new, "orders:read")


# --8<-- [end:key_tests]


def test_a_colliding_key_id_never_replaces_a_live_key(monkeypatch: pytest.MonkeyPatch) -> None:
    ids = iter(["00000000000000aa", "00000000000000aa", "00000000000000bb"])
    monkeypatch.setattr(api_keys.secrets, "token_hex", lambda _n: next(ids))
    store = api_keys.ApiKeyStore()
    first = store.create("partner-a", {"orders:read"})
    second = store.create("partner-b", {"orders:read"})  # drew the same id first, then a fresh one
    assert api_keys.key_id_of(second) == "00000000000000bb"
    assert store.authenticate(first, "orders:read") == "partner-a"
    assert store.authenticate(second, "orders:read") == "partner-b"


def test_malformed_and_unknown_keys_are_rejected_alike() -> None:
    store = api_keys.ApiKeyStore()
    store.create("x", {"s"})
    for bad in ("", "bsk_live_", "sk_live_deadbeef_secret", "bsk_live_00000000_secret"):
        with pytest.raises(api_keys.KeyRejected, match="invalid"):
            store.authenticate(bad, "s")


# ---- OpenID Connect -------------------------------------------------------------------------

CLIENT = "notes-app"
CALLBACK = "https://notes.example.com/callback"


@pytest.fixture
def keys() -> list[oidc.SigningKey]:
    return [oidc.SigningKey("2026-11")]


@pytest.fixture
def provider(keys: list[oidc.SigningKey]) -> TestClient:
    return TestClient(oidc.create_provider({CLIENT: CALLBACK}, keys), base_url=oidc.ISSUER)


@pytest.fixture
def rp(provider: TestClient) -> oidc.RelyingParty:
    return oidc.RelyingParty(provider, CLIENT, CALLBACK)


def sign_in_at_provider(provider: TestClient, login_url: str, user: str = "alice") -> str:
    """The browser's part: follow the redirect to the provider, sign in, come back with a code."""
    provider.cookies.set("demo_user", user)  # the provider's own sign-in cookie in this browser
    response = provider.get(login_url, follow_redirects=False)
    assert response.status_code == 302, response.text
    return response.headers["location"]


# --8<-- [start:oidc_tests]
def test_a_full_login_yields_validated_identity_claims(provider: TestClient, rp: oidc.RelyingParty) -> None:
    login_url, pending = rp.start_login()
    assert login_url.startswith(f"{oidc.ISSUER}/authorize?") and "code_challenge_method=S256" in login_url
    claims = rp.finish_login(sign_in_at_provider(provider, login_url), pending)
    assert (claims["sub"], claims["aud"], claims["nonce"]) == ("alice", CLIENT, pending.nonce)


def test_a_forged_callback_and_a_replayed_code_fail(provider: TestClient, rp: oidc.RelyingParty) -> None:
    login_url, pending = rp.start_login()
    callback = sign_in_at_provider(provider, login_url)
    with pytest.raises(oidc.LoginFailed, match="state"):
        rp.finish_login(callback.replace(pending.state, "attacker-state"), pending)
    rp.finish_login(callback, pending)
    with pytest.raises(oidc.LoginFailed, match="invalid_grant"):
        rp.finish_login(callback, pending)  # the code worked once


def test_an_id_token_from_another_login_fails_the_nonce_check(provider: TestClient, rp: oidc.RelyingParty) -> None:
    login_url, pending = rp.start_login()
    callback = sign_in_at_provider(provider, login_url)
    code = callback.split("code=")[1].split("&")[0]
    tokens = provider.post(
        "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": CALLBACK,
            "client_id": CLIENT,
            "code_verifier": pending.code_verifier,
        },
    )
    with pytest.raises(oidc.LoginFailed, match="nonce"):
        rp.validate_id_token(tokens.json()["id_token"], nonce="the-nonce-of-a-different-login")


def test_wrong_audience_expired_and_unknown_key_are_rejected(
    rp: oidc.RelyingParty, keys: list[oidc.SigningKey]
) -> None:
    now = int(rp.clock())
    good = {"iss": oidc.ISSUER, "sub": "alice", "aud": CLIENT, "iat": now, "exp": now + 300, "nonce": "n"}
    for claims, key, message in [
        (good | {"aud": "another-app"}, keys[0], "Audience"),
        (good | {"exp": now - 120}, keys[0], "expired"),
        (good, oidc.SigningKey(keys[0].kid), "Signature"),  # same kid, attacker's key
        (good, oidc.SigningKey("unknown"), "no published key"),
    ]:
        forged = jwt.encode(claims, key.private, algorithm="ES256", headers={"kid": key.kid})
        with pytest.raises(oidc.LoginFailed, match=message):
            rp.validate_id_token(forged, nonce="n")


# --8<-- [end:oidc_tests]


def test_key_rotation_is_picked_up_by_refetching_the_jwks(
    provider: TestClient, rp: oidc.RelyingParty, keys: list[oidc.SigningKey]
) -> None:
    login_url, pending = rp.start_login()
    rp.finish_login(sign_in_at_provider(provider, login_url), pending)  # caches the JWKS with one key
    keys.insert(0, oidc.SigningKey("2026-12"))  # the provider rotates: signs with the new key
    login_url, pending = rp.start_login()
    assert rp.finish_login(sign_in_at_provider(provider, login_url), pending)["sub"] == "alice"


def test_discovery_for_another_issuer_is_refused(provider: TestClient) -> None:
    # The RP expects login.example.org, but whatever answers there serves a document naming op.example.com.
    impostor = oidc.RelyingParty(provider, CLIENT, CALLBACK, issuer="https://login.example.org")
    assert provider.get("https://login.example.org/.well-known/openid-configuration").status_code == 200
    with pytest.raises(oidc.LoginFailed, match="another issuer"):
        impostor.start_login()


def test_the_provider_refuses_unregistered_redirects_and_non_openid_scopes(
    provider: TestClient, rp: oidc.RelyingParty
) -> None:
    login_url, _ = rp.start_login()
    provider.cookies.set("demo_user", "a")
    evil = login_url.replace("notes.example.com", "evil.example.com")
    assert provider.get(evil, follow_redirects=False).status_code == 400
    no_openid = login_url.replace("scope=openid+email", "scope=email")
    assert provider.get(no_openid, follow_redirects=False).status_code == 400
    assert provider.get(login_url, follow_redirects=False).status_code == 302  # the same request, unaltered
