"""SAST, SCA and a DAST baseline scan, each run for real inside the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI, Response
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient

from examples.security.security_testing import sast, sca
from examples.security.security_testing.dast import baseline_scan

HERE = Path(__file__).parent


# --8<-- [start:tests]
def test_bandit_flags_the_vulnerable_sample():
    ids = {finding.test_id for finding in sast.bandit(HERE / "vulnerable_sample.py")}
    assert {"B105", "B602", "B324", "B307"} <= ids  # password, shell=True, MD5, eval


def test_bandit_reports_only_reviewed_low_findings_for_the_fixed_sample():
    findings = sast.bandit(HERE / "fixed_sample.py")
    # B404/B603/B607 are Bandit's LOW 'review this subprocess call' notes; each was reviewed and kept.
    assert {f.test_id for f in findings} <= {"B404", "B603", "B607"}
    assert all(f.severity == "LOW" for f in findings)


def test_a_file_bandit_cannot_parse_is_an_error_not_a_clean_result(tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("def handler(:\n    return eval(request)\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="could not scan"):
        sast.bandit(broken)


def test_sca_finds_known_advisories_for_an_old_pin():
    hits = sca.audit("jinja2==3.1.4\nfastapi==0.115.0\n", sca.load_snapshot())
    assert {hit.advisory for hit in hits} == {"GHSA-q2x7-8rv6-6q7h", "GHSA-cpwx-vrp4-4pq7"}
    assert max(hit.fixed_in for hit in hits) == "3.1.6"


def test_sca_is_quiet_for_a_patched_pin():
    assert sca.audit("jinja2==3.1.6\n", sca.load_snapshot()) == []


def test_sca_refuses_unpinned_requirements():
    with pytest.raises(ValueError, match="not pinned"):
        sca.pinned("jinja2>=3\n")


# --8<-- [end:tests]


def test_the_miniature_audit_reads_only_the_first_branch_of_a_range():
    # The limit the lesson names (the second exercise lifts it): one range listing several maintained branches.
    events = [{"introduced": "4.2"}, {"fixed": "4.2.17"}, {"introduced": "5.0"}, {"fixed": "5.0.10"}]
    branches = {
        "id": "GHSA-test-0001",
        "aliases": [],
        "affected": [{"package": {"name": "examplelib"}, "ranges": [{"type": "ECOSYSTEM", "events": events}]}],
    }
    assert [hit.advisory for hit in sca.audit("examplelib==4.2.3\n", [branches])] == ["GHSA-test-0001"]
    assert sca.audit("examplelib==5.0.3\n", [branches]) == []  # affected, but missed


def naive_app() -> FastAPI:
    app = FastAPI()

    @app.get("/", response_class=HTMLResponse)
    def home(response: Response) -> str:
        response.headers["Server"] = "uvicorn/0.30.1"
        response.set_cookie("session", "abc")
        return "<h1>hi</h1>"

    return app


# --8<-- [start:dast_tests]
def test_baseline_scan_flags_a_naive_app():
    problems = {alert.problem for alert in baseline_scan(TestClient(naive_app()), ["/"])}
    assert "HTML without Content-Security-Policy" in problems
    assert "cookie without httponly: session" in problems
    assert "server version disclosed: uvicorn/0.30.1" in problems


def test_baseline_scan_is_clean_for_the_hardened_profile_page():
    from examples.security.tls_in_transit.hsts import HttpsOnly, hsts_value
    from examples.security.xss.app import create_app

    app = create_app()
    app.add_middleware(HttpsOnly, hsts=hsts_value())
    assert baseline_scan(TestClient(app, base_url="https://testserver"), ["/profiles/mallory"]) == []


# --8<-- [end:dast_tests]
