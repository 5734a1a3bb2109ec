"""OpenID Connect in one process: a tiny provider (OP) and a relying party (RP) that talk HTTP.

The provider is a FastAPI app with discovery, JWKS, authorization and token endpoints; it reuses the
PKCE authorization server from the OAuth lesson for codes. The relying party is an httpx client that
reads discovery, sends the user to the provider with state, nonce and PKCE, redeems the code and
validates the ID token as OpenID Connect Core 1.0 section 3.1.3.7 requires. Sign-in itself is faked
with a `demo_user` cookie: a real provider shows a login page (and a passkey prompt) there.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import FastAPI, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse
from jwt.algorithms import ECAlgorithm

from examples.apis.oauth_jwt.pkce import AuthorizationServer, OAuthError, new_code_verifier, s256_challenge

ISSUER = "https://op.example.com"


@dataclass
class SigningKey:
    kid: str
    private: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))

    def public_jwk(self) -> dict[str, Any]:
        jwk = ECAlgorithm.to_jwk(self.private.public_key(), as_dict=True)
        return jwk | {"kid": self.kid, "alg": "ES256", "use": "sig"}


# --8<-- [start:provider]
def create_provider(clients: dict[str, str], keys: list[SigningKey], clock: Callable[[], float] = time.time) -> FastAPI:
    """`clients` maps client_id to its one redirect URI; `keys[0]` signs, all of them are published."""
    app = FastAPI(title="Tiny OpenID provider")
    codes = AuthorizationServer(clients=clients, clock=clock)  # PKCE, exact redirect URI, single use
    logins: dict[str, tuple[str, str, float]] = {}  # code -> (subject, nonce, time of authentication)

    @app.get("/.well-known/openid-configuration")
    def discovery() -> dict[str, Any]:
        return {
            "issuer": ISSUER,
            "authorization_endpoint": f"{ISSUER}/authorize",
            "token_endpoint": f"{ISSUER}/token",
            "jwks_uri": f"{ISSUER}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["ES256"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "email"],
        }

    @app.get("/jwks")
    def jwks() -> dict[str, Any]:
        return {"keys": [key.public_jwk() for key in keys]}

    @app.get("/authorize")
    def authorize(
        request: Request,
        client_id: str,
        redirect_uri: str,
        scope: str,
        state: str,
        nonce: str,
        code_challenge: str,
        code_challenge_method: str,
        response_type: str,
    ) -> RedirectResponse:
        user = request.cookies.get("demo_user")  # stands in for the provider's own login page
        if response_type != "code" or "openid" not in scope.split() or not user:
            raise HTTPException(400, "invalid_request")
        try:
            code = codes.authorize(client_id, redirect_uri, code_challenge, code_challenge_method)
        except OAuthError as error:
            raise HTTPException(400, error.error) from None  # never redirect to an unregistered URI
        logins[code] = (user, nonce, clock())
        return RedirectResponse(f"{redirect_uri}?{urlencode({'code': code, 'state': state})}", 302)

    @app.post("/token")
    def token(
        grant_type: str = Form(),
        code: str = Form(),
        redirect_uri: str = Form(),
        client_id: str = Form(),
        code_verifier: str = Form(),
    ) -> JSONResponse:
        login = logins.pop(code, None)
        try:
            if grant_type != "authorization_code" or login is None:
                raise OAuthError("invalid_grant", "unknown code")
            codes.exchange(client_id, code, redirect_uri, code_verifier)
        except OAuthError as error:
            return JSONResponse({"error": error.error}, 400)
        subject, nonce, auth_time = login
        now = int(clock())
        claims = {
            "iss": ISSUER,
            "sub": subject,
            "aud": client_id,
            "iat": now,
            "exp": now + 300,
            "auth_time": int(auth_time),
            "nonce": nonce,
        }
        id_token = jwt.encode(claims, keys[0].private, algorithm="ES256", headers={"kid": keys[0].kid})
        body = {"access_token": secrets.token_urlsafe(32), "token_type": "Bearer", "expires_in": 300}
        return JSONResponse(body | {"id_token": id_token}, headers={"Cache-Control": "no-store"})

    return app


# --8<-- [end:provider]


class LoginFailed(Exception):
    pass


@dataclass(frozen=True)
class PendingLogin:
    """What the RP keeps in the user's session between the redirect out and the callback."""

    state: str
    nonce: str
    code_verifier: str


# --8<-- [start:relying_party]
@dataclass
class RelyingParty:
    http: httpx.Client  # talks to the provider
    client_id: str
    redirect_uri: str
    issuer: str = ISSUER
    clock: Callable[[], float] = time.time
    _config: dict[str, Any] = field(default_factory=dict)
    _keys: jwt.PyJWKSet | None = None

    def config(self) -> dict[str, Any]:
        if not self._config:
            response = self.http.get(f"{self.issuer}/.well-known/openid-configuration")
            response.raise_for_status()
            config = response.json()
            if config.get("issuer") != self.issuer:  # OIDC Discovery 1.0 section 4.3: must match exactly
                raise LoginFailed("discovery document names another issuer")
            self._config = config
        return self._config

    def start_login(self) -> tuple[str, PendingLogin]:
        pending = PendingLogin(secrets.token_urlsafe(16), secrets.token_urlsafe(16), new_code_verifier())
        query = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": "openid email",
            "state": pending.state,
            "nonce": pending.nonce,
            "code_challenge": s256_challenge(pending.code_verifier),
            "code_challenge_method": "S256",
        }
        return f"{self.config()['authorization_endpoint']}?{urlencode(query)}", pending

    def finish_login(self, callback_url: str, pending: PendingLogin) -> dict[str, Any]:
        params = {k: v[0] for k, v in parse_qs(urlsplit(callback_url).query).items()}
        if not secrets.compare_digest(params.get("state", ""), pending.state):  # CSRF on the callback
            raise LoginFailed("state mismatch")
        response = self.http.post(
            self.config()["token_endpoint"],
            data={
                "grant_type": "authorization_code",
                "code": params.get("code", ""),
                "redirect_uri": self.redirect_uri,
                "client_id": self.client_id,
                "code_verifier": pending.code_verifier,
            },
        )
        if response.status_code != 200:
            raise LoginFailed(f"token endpoint refused: {response.json().get('error')}")
        return self.validate_id_token(response.json()["id_token"], pending.nonce)

    def validate_id_token(self, id_token: str, nonce: str) -> dict[str, Any]:
        try:
            key = self._signing_key(jwt.get_unverified_header(id_token).get("kid", ""))
            claims = jwt.decode(
                id_token,
                key,
                algorithms=["ES256"],  # what discovery advertised and we accept: never the token's choice
                audience=self.client_id,
                issuer=self.issuer,
                leeway=30,
                options={"require": ["iss", "sub", "aud", "exp", "iat", "nonce"]},
            )
        except jwt.PyJWTError as error:
            raise LoginFailed(f"ID token rejected: {error}") from error
        if isinstance(claims["aud"], list) and claims.get("azp") != self.client_id:
            raise LoginFailed("several audiences and we are not the authorized party")
        if not secrets.compare_digest(claims["nonce"], nonce):  # binds the token to this login attempt
            raise LoginFailed("nonce mismatch: replayed or injected ID token")
        return claims

    def _signing_key(self, kid: str) -> Any:
        for attempt in range(2):  # an unknown kid may mean the provider rotated keys: refetch once
            if self._keys is None or attempt == 1:
                self._keys = jwt.PyJWKSet.from_dict(self.http.get(self.config()["jwks_uri"]).json())
            for key in self._keys.keys:
                if key.key_id == kid:
                    return key.key
        raise LoginFailed(f"no published key with kid {kid!r}")


# --8<-- [end:relying_party]
