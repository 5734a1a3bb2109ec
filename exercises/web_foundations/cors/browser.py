"""A browser's side of CORS in miniature, for the checks of the CORS lesson's exercises.

It follows the WHATWG Fetch standard closely enough to decide what a page's script may read: whether a request
needs a preflight, the preflight itself (sent without credentials), the checks on the preflight's answer, and the
CORS check on the actual response. It talks to the app through a Starlette TestClient, so no real browser runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import httpx
from fastapi.testclient import TestClient

SAFELISTED_METHODS = {"GET", "HEAD", "POST"}
SAFELISTED_HEADERS = {"accept", "accept-language", "content-language", "content-type"}
SAFELISTED_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}


@dataclass(frozen=True)
class Outcome:
    """What the page's script sees: a readable response, or a network error and the console's reason."""

    readable: bool
    status: int | None = None  # None when the script only sees "TypeError: Failed to fetch"
    reason: str = ""
    preflight_status: int | None = None


def unsafe_header_names(headers: Mapping[str, str]) -> list[str]:
    """The request headers that are not CORS-safelisted (Fetch, "CORS-unsafe request-header names")."""
    names = []
    for name, value in headers.items():
        lower = name.lower()
        media_type = value.split(";")[0].strip().lower()
        if lower not in SAFELISTED_HEADERS or (lower == "content-type" and media_type not in SAFELISTED_CONTENT_TYPES):
            names.append(lower)
    return sorted(names)


def cors_check(response: httpx.Response, origin: str, credentials: bool) -> str:
    """An empty string if the response passes the CORS check, else why it fails."""
    allow_origin = response.headers.get("access-control-allow-origin")
    if allow_origin is None:
        return "no Access-Control-Allow-Origin header"
    if allow_origin == "*" and not credentials:
        return ""
    if allow_origin != origin:
        return f"Access-Control-Allow-Origin is {allow_origin!r}, not the page's origin {origin!r}"
    if credentials and response.headers.get("access-control-allow-credentials") != "true":
        return "credentials were sent but Access-Control-Allow-Credentials is not 'true'"
    return ""


def listed(header: str | None, wanted: str, credentials: bool, *, case_sensitive: bool) -> bool:
    items = [item.strip() for item in (header or "").split(",") if item.strip()]
    if "*" in items and not credentials and wanted != "authorization":  # * never covers Authorization
        return True
    if case_sensitive:
        return wanted in items
    return wanted.lower() in [item.lower() for item in items]


class Browser:
    """A page on `origin` calling the app with fetch()."""

    def __init__(self, client: TestClient, origin: str) -> None:
        self.client = client
        self.origin = origin

    def fetch(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str] | None = None,
        *,
        credentials: bool = False,
        cookies: Mapping[str, str] | None = None,
        json: object = None,
    ) -> Outcome:
        headers = dict(headers or {})
        if json is not None:
            headers.setdefault("Content-Type", "application/json")
        unsafe = unsafe_header_names(headers)
        preflight_status = None
        if method.upper() not in SAFELISTED_METHODS or unsafe:
            preflight = self.preflight(method.upper(), url, unsafe)
            preflight_status = preflight.status_code
            reason = self.preflight_failure(preflight, method.upper(), unsafe, credentials)
            if reason:
                return Outcome(False, None, "preflight: " + reason, preflight_status)
        sent = {"Origin": self.origin, **headers}
        if credentials and cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        response = self.client.request(method, url, headers=sent, json=json)
        reason = cors_check(response, self.origin, credentials)
        if reason:
            return Outcome(False, None, reason, preflight_status)
        return Outcome(True, response.status_code, "", preflight_status)

    def preflight(self, method: str, url: str, unsafe: list[str]) -> httpx.Response:
        # A preflight never carries cookies or Authorization: it asks permission to send them.
        headers = {"Origin": self.origin, "Access-Control-Request-Method": method}
        if unsafe:
            headers["Access-Control-Request-Headers"] = ",".join(unsafe)
        return self.client.options(url, headers=headers)

    def preflight_failure(self, response: httpx.Response, method: str, unsafe: list[str], credentials: bool) -> str:
        if not 200 <= response.status_code <= 299:
            return f"the OPTIONS request got {response.status_code}, not an ok status"
        reason = cors_check(response, self.origin, credentials)
        if reason:
            return reason
        methods = response.headers.get("access-control-allow-methods")
        if method not in SAFELISTED_METHODS and not listed(methods, method, credentials, case_sensitive=True):
            return f"{method} is not in Access-Control-Allow-Methods ({methods})"
        allowed = response.headers.get("access-control-allow-headers")
        for name in unsafe:
            if not listed(allowed, name, credentials, case_sensitive=False):
                return f"{name} is not in Access-Control-Allow-Headers ({allowed})"
        return ""
