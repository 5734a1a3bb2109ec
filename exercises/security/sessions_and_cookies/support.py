"""What the session checks share: a clock the check moves, and browsers with cookie jars of their own."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

ORIGIN = "https://testserver"
CREDENTIALS = {"username": "ada", "password": "correct horse battery staple"}


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def browser(app: FastAPI, cookies: dict[str, str] | None = None) -> TestClient:
    """One browser: its own cookie jar, same-origin requests, over HTTPS (the session cookie is Secure)."""
    return TestClient(
        app,
        base_url=ORIGIN,
        cookies=cookies,
        headers={"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"},
        raise_server_exceptions=False,
    )


def log_in(client: TestClient) -> str:
    """Log in; return the CSRF token the page would embed."""
    response = client.post("/login", data=CREDENTIALS)
    assert response.status_code == 200, f"login failed: {response.status_code} {response.text}"
    return response.json()["csrf_token"]
