"""Token issuance and JWT validation: every rejection the lesson lists."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi.testclient import TestClient

from labs.api_lab.auth import AUDIENCE, ISSUER


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def claims(**overrides: object) -> dict:
    now = int(time.time())
    base = {"iss": ISSUER, "aud": AUDIENCE, "sub": "lab-client", "iat": now, "exp": now + 60, "scope": "books:read"}
    return base | overrides


def lab_key(client: TestClient) -> ec.EllipticCurvePrivateKey:
    return client.app.state.auth.key


def get_books(client: TestClient, token: str):
    return client.get("/v1/books", headers={"Authorization": f"Bearer {token}"})


def test_token_endpoint_issues_a_short_lived_es256_jwt(client: TestClient, token_for: Callable[..., str]) -> None:
    token = token_for()
    assert jwt.get_unverified_header(token) == {"alg": "ES256", "typ": "at+jwt"}
    body = jwt.decode(token, options={"verify_signature": False})
    assert body["exp"] - body["iat"] == 300 and body["aud"] == AUDIENCE
    assert get_books(client, token).status_code == 200


def test_wrong_secret_unknown_grant_and_extra_scope_are_refused(client: TestClient) -> None:
    form = {"grant_type": "client_credentials", "client_id": "lab-client", "client_secret": "guess"}
    assert client.post("/oauth/token", data=form).status_code == 401
    assert client.post("/oauth/token", data=form | {"grant_type": "password"}).status_code == 400
    greedy = {"grant_type": "client_credentials", "client_id": "read-only", "client_secret": "another-s3cret"}
    assert client.post("/oauth/token", data=greedy | {"scope": "books:write"}).json()["title"] == "invalid_scope"


def test_missing_token_is_401_with_www_authenticate(client: TestClient) -> None:
    response = client.get("/v1/books")
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"


def test_alg_none_is_rejected(client: TestClient) -> None:
    unsigned = f"{b64({'alg': 'none', 'typ': 'at+jwt'})}.{b64(claims())}."
    response = get_books(client, unsigned)
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


def test_wrong_audience_is_rejected(client: TestClient) -> None:
    token = jwt.encode(
        claims(aud="https://other.example"), lab_key(client), algorithm="ES256", headers={"typ": "at+jwt"}
    )
    assert get_books(client, token).status_code == 401


def test_expired_token_is_rejected(client: TestClient) -> None:
    old = int(time.time()) - 3600
    token = jwt.encode(claims(iat=old, exp=old + 300), lab_key(client), algorithm="ES256", headers={"typ": "at+jwt"})
    response = get_books(client, token)
    assert response.status_code == 401 and "expired" in response.json()["detail"]


def test_token_signed_by_someone_else_is_rejected(client: TestClient) -> None:
    stranger = ec.generate_private_key(ec.SECP256R1())
    token = jwt.encode(claims(), stranger, algorithm="ES256", headers={"typ": "at+jwt"})
    assert get_books(client, token).status_code == 401


def test_read_only_client_cannot_write(client: TestClient, token_for: Callable[..., str]) -> None:
    headers = {"Authorization": f"Bearer {token_for('read-only')}", "Idempotency-Key": "ro-000001"}
    response = client.post("/v1/books", json={"title": "T", "author_id": 1, "year": 2000}, headers=headers)
    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response.headers["www-authenticate"]
