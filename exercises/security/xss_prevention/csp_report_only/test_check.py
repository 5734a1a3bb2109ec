"""Acceptance check: the header name follows the setting; the policy reports through report-to (with a
Reporting-Endpoints header) and report-uri; the endpoint takes both report formats, logs each violation without
cookies or query strings, and refuses what is not a report."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exercises import load_module

SESSION = "s3ss10n-c00k1e-value"
RESET_CODE = "reset-t0ken-9f8e7d"  # a made-up value to look for in the log
PAGE = f"https://shop.example/password-reset?token={RESET_CODE}"
WIDGET = "https://js.payments.example/v3/widget.js"

REPORTS_JSON = [
    {
        "type": "csp-violation",
        "age": 12,
        "url": PAGE,
        "user_agent": "Mozilla/5.0",
        "body": {
            "documentURL": PAGE,
            "blockedURL": WIDGET,
            "effectiveDirective": "script-src-elem",
            "originalPolicy": "script-src 'nonce-abc' 'strict-dynamic'",
            "disposition": "report",
            "statusCode": 200,
        },
    },
    {
        "type": "csp-violation",
        "age": 3,
        "url": "https://shop.example/checkout",
        "user_agent": "Mozilla/5.0",
        "body": {
            "documentURL": "https://shop.example/checkout",
            "blockedURL": "inline",
            "effectiveDirective": "script-src-attr",
            "disposition": "report",
        },
    },
]
CSP_REPORT = {
    "csp-report": {
        "document-uri": PAGE,
        "blocked-uri": "https://fonts.example/inter.woff2",
        "effective-directive": "font-src",
        "violated-directive": "font-src",
        "original-policy": "default-src 'self'",
        "disposition": "report",
    }
}


def client(answer: Path, report_only: bool = True) -> TestClient:
    return TestClient(load_module(answer).create_app(report_only=report_only), raise_server_exceptions=False)


def post(api: TestClient, payload: object, content_type: str) -> int:
    response = api.post(
        "/csp-reports",
        content=json.dumps(payload),
        headers={"Content-Type": content_type, "Cookie": f"session={SESSION}"},
    )
    return response.status_code


def logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


@pytest.mark.starter_passes
@pytest.mark.parametrize("report_only", [True, False])
def test_the_header_name_follows_the_setting(answer: Path, report_only: bool) -> None:
    headers = client(answer, report_only).get("/checkout").headers
    enforced, reported = headers.get("content-security-policy"), headers.get("content-security-policy-report-only")
    if report_only:
        assert reported and not enforced, "report-only mode sends only the Report-Only header"
    else:
        assert enforced and not reported, "enforcing mode sends only Content-Security-Policy"


@pytest.mark.parametrize("report_only", [True, False])
def test_the_policy_says_where_to_report(answer: Path, report_only: bool) -> None:
    headers = client(answer, report_only).get("/checkout").headers
    policy = headers.get("content-security-policy-report-only" if report_only else "content-security-policy", "")
    directives = {part.strip().split(" ")[0]: part.strip() for part in policy.split(";") if part.strip()}
    assert "report-to" in directives, f"a report-only policy without report-to reports nowhere: {policy!r}"
    name = directives["report-to"].split(" ")[1]
    endpoints = headers.get("reporting-endpoints", "")
    mapped = re.search(rf'(?:^|,)\s*{re.escape(name)}="([^"]+)"', endpoints)
    assert mapped, f"Reporting-Endpoints must map {name!r} to a URL; got {endpoints!r}"
    assert mapped.group(1).endswith("/csp-reports")
    assert directives.get("report-uri", "").split(" ")[-1].endswith("/csp-reports"), "report-uri for older browsers"


@pytest.mark.starter_passes
def test_both_report_formats_are_accepted_and_logged(answer: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    api = client(answer)
    assert post(api, REPORTS_JSON, "application/reports+json") == 204
    assert post(api, CSP_REPORT, "application/csp-report") == 204
    text = logged(caplog)
    for expected in ("script-src-elem", WIDGET, "script-src-attr", "font-src", "https://fonts.example/inter.woff2"):
        assert expected in text, f"log the directive and the blocked URL of every violation; missing {expected!r}"
    assert "https://shop.example/password-reset" in text, "log which page it was (without its query)"


def test_nothing_secret_is_logged(answer: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    api = client(answer)
    post(api, REPORTS_JSON, "application/reports+json")
    post(api, CSP_REPORT, "application/csp-report")
    text = logged(caplog)
    assert SESSION not in text, "the session cookie ended up in the log"
    assert RESET_CODE not in text, "a reset token from a page URL's query string ended up in the log"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("not json", "application/csp-report"),
        ('{"hello": "world"}', "application/csp-report"),
        ("[]", "application/reports+json"),
    ],
)
def test_what_is_not_a_report_gets_400(answer: Path, body: str, content_type: str) -> None:
    response = client(answer).post("/csp-reports", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 400, f"{body!r}: a public endpoint answers junk with 400, not {response.status_code}"
