"""Acceptance check: the scan flags a policy that lets inline scripts run (and not one where a nonce or hash
disables 'unsafe-inline', or script-src overrides default-src), flags a missing or weak Referrer-Policy, still
raises every old alert, and stays quiet on the hardened profile page."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient

from exercises import load_module

GOOD = {
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Content-Security-Policy": "script-src 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'; base-uri 'none'",
}


def page(**headers: str) -> TestClient:
    """An HTML page with GOOD headers, changed by `headers` (an empty value removes one)."""
    app = FastAPI()
    sent = {name: value for name, value in {**GOOD, **headers}.items() if value}

    @app.get("/help")
    def help_page() -> HTMLResponse:
        return HTMLResponse("<h1>Help</h1>", headers=sent)

    return TestClient(app, base_url="https://testserver")


def problems(answer: Path, client: TestClient) -> list[str]:
    return [alert.problem for alert in load_module(answer).baseline_scan(client, ["/help"])]


def mentions(found: list[str], word: str) -> bool:
    return any(word.lower() in problem.lower() for problem in found)


CSP = "Content-Security-Policy"


@pytest.mark.parametrize(
    "policy",
    ["script-src 'self' 'unsafe-inline'", "default-src 'self' 'unsafe-inline'; object-src 'none'"],
)
def test_a_policy_that_runs_inline_scripts_is_flagged(answer: Path, policy: str) -> None:
    found = problems(answer, page(**{CSP: policy}))
    assert mentions(found, "unsafe-inline"), f"{policy!r} lets any injected inline script run; alerts: {found}"


@pytest.mark.starter_passes
@pytest.mark.parametrize(
    "policy",
    [
        "script-src 'nonce-r4nd0m' 'unsafe-inline' 'strict-dynamic'; object-src 'none'",
        "script-src 'sha256-2bMrQH2yHc9fDJ0yWbW1yHVkSjE5uSdoCdNbKKnRpL8=' 'unsafe-inline'",
        "default-src 'self' 'unsafe-inline'; script-src 'self'",
    ],
)
def test_unsafe_inline_that_browsers_ignore_is_not_flagged(answer: Path, policy: str) -> None:
    found = problems(answer, page(**{CSP: policy}))
    assert not mentions(found, "unsafe-inline"), f"{policy!r} runs no inline script; alerts: {found}"


@pytest.mark.parametrize("referrer", ["", "unsafe-url", "no-referrer-when-downgrade"])
def test_a_missing_or_weak_referrer_policy_is_flagged(answer: Path, referrer: str) -> None:
    found = problems(answer, page(**{"Referrer-Policy": referrer}))
    assert mentions(found, "Referrer-Policy"), f"Referrer-Policy {referrer or '(missing)'}: alerts: {found}"


@pytest.mark.starter_passes
@pytest.mark.parametrize("referrer", ["strict-origin-when-cross-origin", "no-referrer", "same-origin"])
def test_a_sound_referrer_policy_is_not_flagged(answer: Path, referrer: str) -> None:
    assert not mentions(problems(answer, page(**{"Referrer-Policy": referrer})), "Referrer-Policy")


@pytest.mark.starter_passes
def test_the_old_alerts_still_fire(answer: Path) -> None:
    found = problems(answer, page(**{CSP: "", "Strict-Transport-Security": "", "Server": "nginx/1.27.3"}))
    assert "HTML without Content-Security-Policy" in found and "no Strict-Transport-Security header" in found
    assert "server version disclosed: nginx/1.27.3" in found


@pytest.mark.starter_passes
def test_the_hardened_profile_page_is_clean(answer: Path) -> None:
    from examples.security.tls_in_transit.hsts import HttpsOnly, hsts_value
    from examples.security.xss.app import create_app

    app = create_app()
    app.add_middleware(HttpsOnly, hsts=hsts_value())
    client = TestClient(app, base_url="https://testserver")
    assert load_module(answer).baseline_scan(client, ["/profiles/mallory"]) == []
