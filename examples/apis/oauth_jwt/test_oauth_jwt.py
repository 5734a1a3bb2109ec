"""PKCE, JWT validation and refresh rotation behave as the OAuth lesson says."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization

from examples.apis.oauth_jwt import pkce, refresh, tokens

CLIENT = "spa-client"
REDIRECT = "https://app.example.com/callback"
EXTRA = {"client_id": CLIENT, "jti": "id-1", "scope": "x"}  # the rest of what RFC 9068 requires


def test_s256_matches_the_rfc_7636_appendix_b_example() -> None:
    assert (
        pkce.s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    )


def test_verifier_is_43_unreserved_characters() -> None:
    verifier = pkce.new_code_verifier()
    assert len(verifier) == 43
    assert set(verifier) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


# --8<-- [start:pkce_test]
def test_code_flow_with_pkce_succeeds_once() -> None:
    server = pkce.AuthorizationServer(clients={CLIENT: REDIRECT})
    verifier = pkce.new_code_verifier()
    code = server.authorize(CLIENT, REDIRECT, pkce.s256_challenge(verifier), "S256")
    assert server.exchange(CLIENT, code, REDIRECT, verifier) == f"access-token-for-{CLIENT}"
    with pytest.raises(pkce.OAuthError, match="invalid_grant"):
        server.exchange(CLIENT, code, REDIRECT, verifier)  # replaying the code fails


def test_stolen_code_is_useless_without_the_verifier() -> None:
    server = pkce.AuthorizationServer(clients={CLIENT: REDIRECT})
    code = server.authorize(CLIENT, REDIRECT, pkce.s256_challenge(pkce.new_code_verifier()), "S256")
    with pytest.raises(pkce.OAuthError, match="does not match"):
        server.exchange(CLIENT, code, REDIRECT, pkce.new_code_verifier())  # attacker guesses a verifier


# --8<-- [end:pkce_test]


def test_redirect_uri_must_match_exactly_and_plain_is_refused() -> None:
    server = pkce.AuthorizationServer(clients={CLIENT: REDIRECT})
    challenge = pkce.s256_challenge(pkce.new_code_verifier())
    with pytest.raises(pkce.OAuthError):
        server.authorize(CLIENT, REDIRECT + ".evil.example", challenge, "S256")
    with pytest.raises(pkce.OAuthError, match="S256"):
        server.authorize(CLIENT, REDIRECT, challenge, "plain")


def test_expired_code_is_rejected() -> None:
    now = [1000.0]
    server = pkce.AuthorizationServer(clients={CLIENT: REDIRECT}, clock=lambda: now[0])
    verifier = pkce.new_code_verifier()
    code = server.authorize(CLIENT, REDIRECT, pkce.s256_challenge(verifier), "S256")
    now[0] += 61
    with pytest.raises(pkce.OAuthError, match="expired"):
        server.exchange(CLIENT, code, REDIRECT, verifier)


@pytest.fixture(scope="module")
def key():
    return tokens.new_signing_key()


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_good_token_verifies(key) -> None:
    token = tokens.issue_access_token(key, "user-42", "books:read books:write", client_id=CLIENT)
    claims = tokens.verify_access_token(token, key.public_key(), "books:read")
    assert claims["sub"] == "user-42"
    # RFC 9068 section 2.2: every required claim is there, and the header says what the token is.
    assert {"iss", "exp", "aud", "sub", "client_id", "iat", "jti"} <= claims.keys()
    assert claims["exp"] - claims["iat"] == 300
    assert jwt.get_unverified_header(token)["typ"] == "at+jwt"


# --8<-- [start:jwt_attacks]
def test_alg_none_is_rejected(key) -> None:
    claims = {"iss": tokens.ISSUER, "aud": tokens.AUDIENCE, "sub": "admin", "iat": 1, "exp": 2**40, **EXTRA}
    unsigned = f"{b64({'alg': 'none', 'typ': 'at+jwt'})}.{b64(claims)}."
    with pytest.raises(tokens.InvalidToken):
        tokens.verify_access_token(unsigned, key.public_key(), "x")


def test_hs256_signed_with_the_public_key_is_rejected(key) -> None:
    # Algorithm confusion: an attacker signs with HMAC, using the public key (which is public) as secret.
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    claims = {"iss": tokens.ISSUER, "aud": tokens.AUDIENCE, "sub": "admin", "iat": 1, "exp": 2**40, **EXTRA}
    signing_input = f"{b64({'alg': 'HS256', 'typ': 'at+jwt'})}.{b64(claims)}"
    mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    forged = f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"
    with pytest.raises(tokens.InvalidToken, match="alg"):
        tokens.verify_access_token(forged, key.public_key(), "x")


def test_token_for_another_api_is_rejected(key) -> None:
    other = jwt.encode(
        {"iss": tokens.ISSUER, "aud": "https://billing.example.com", "sub": "u", "iat": 1, "exp": 2**40, **EXTRA},
        key,
        algorithm="ES256",
        headers={"typ": "at+jwt"},
    )
    with pytest.raises(tokens.InvalidToken, match="Audience"):
        tokens.verify_access_token(other, key.public_key(), "x")


def test_expired_token_is_rejected_after_the_leeway(key) -> None:
    old = tokens.issue_access_token(key, "u", "x", client_id=CLIENT, lifetime=300, now=0)
    with pytest.raises(tokens.InvalidToken, match="expired"):
        tokens.verify_access_token(old, key.public_key(), "x")


# --8<-- [end:jwt_attacks]


def test_wrong_issuer_missing_exp_wrong_typ_and_scope_are_rejected(key) -> None:
    base = {"iss": tokens.ISSUER, "aud": tokens.AUDIENCE, "sub": "u", "iat": 1, "exp": 2**40, **EXTRA}
    cases = {
        "Invalid issuer": (base | {"iss": "https://evil.example"}, {"typ": "at+jwt"}),
        "exp": ({k: v for k, v in base.items() if k != "exp"}, {"typ": "at+jwt"}),
        "not an access token": (base, {"typ": "JWT"}),
        "missing scope": (base | {"scope": "y"}, {"typ": "at+jwt"}),
        "client_id": ({k: v for k, v in base.items() if k != "client_id"}, {"typ": "at+jwt"}),
        "jti": ({k: v for k, v in base.items() if k != "jti"}, {"typ": "at+jwt"}),
    }
    for message, (claims, headers) in cases.items():
        token = jwt.encode(claims, key, algorithm="ES256", headers=headers)
        with pytest.raises(tokens.InvalidToken, match=message):
            tokens.verify_access_token(token, key.public_key(), "x")


def test_both_spellings_of_the_access_token_type_are_accepted(key) -> None:
    # RFC 9068 section 4 names at+jwt and application/at+jwt; media types ignore case.
    claims = {"iss": tokens.ISSUER, "aud": tokens.AUDIENCE, "sub": "u", "iat": 1, "exp": 2**40, **EXTRA}
    for typ in ("application/at+jwt", "AT+JWT", "Application/At+Jwt"):
        token = jwt.encode(claims, key, algorithm="ES256", headers={"typ": typ})
        assert tokens.verify_access_token(token, key.public_key(), "x")["sub"] == "u"
    for typ in ("JWT", "application/jwt", "id_token+jwt", 7):
        token = jwt.encode(claims, key, algorithm="ES256", headers={"typ": typ})
        with pytest.raises(tokens.InvalidToken, match="not an access token"):
            tokens.verify_access_token(token, key.public_key(), "x")


def test_a_scope_claim_that_is_not_a_string_is_rejected(key) -> None:
    claims = {"iss": tokens.ISSUER, "aud": tokens.AUDIENCE, "sub": "u", "iat": 1, "exp": 2**40, **EXTRA}
    token = jwt.encode(claims | {"scope": ["x"]}, key, algorithm="ES256", headers={"typ": "at+jwt"})
    with pytest.raises(tokens.InvalidToken, match="missing scope"):
        tokens.verify_access_token(token, key.public_key(), "x")


def test_tampered_payload_fails_the_signature_check(key) -> None:
    header, _, signature = tokens.issue_access_token(key, "user-42", "x", client_id=CLIENT).split(".")
    claims = {"iss": tokens.ISSUER, "aud": tokens.AUDIENCE, "sub": "admin", "iat": 1, "exp": 2**40, **EXTRA}
    with pytest.raises(tokens.InvalidToken, match="Signature"):
        tokens.verify_access_token(f"{header}.{b64(claims)}.{signature}", key.public_key(), "x")


def test_a_token_signed_by_another_key_is_rejected(key) -> None:
    token = tokens.issue_access_token(tokens.new_signing_key(), "u", "x", client_id=CLIENT)
    with pytest.raises(tokens.InvalidToken):
        tokens.verify_access_token(token, key.public_key(), "x")


# --8<-- [start:rotation_test]
def test_rotation_gives_a_new_token_and_reuse_revokes_the_family() -> None:
    store = refresh.RefreshTokenStore()
    first = store.issue("user-42")
    subject, second = store.rotate(first)
    assert subject == "user-42" and second != first
    with pytest.raises(refresh.RefreshError, match="reuse"):
        store.rotate(first)  # an attacker (or a buggy client) replays the old token
    with pytest.raises(refresh.RefreshError):
        store.rotate(second)  # ...and the legitimate client's newest token dies with it


# --8<-- [end:rotation_test]


def test_store_keeps_only_hashes_and_logout_revokes() -> None:
    store = refresh.RefreshTokenStore()
    token = store.issue("u")
    assert token not in store.grants
    store.revoke_family_of(token)
    with pytest.raises(refresh.RefreshError):
        store.rotate(token)
