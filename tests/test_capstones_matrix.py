"""Proof that the grader grades: every capstone's references pass every check, and every broken variant
fails exactly the check its defects.yml names (the same matrix as `make capstones`), one case per test so
that xdist spreads them over both workers."""

from __future__ import annotations

import json
import shutil

import pytest

from capstones.grader.html_report import render_html
from capstones.harness.matrix import Case, cases, grade_case
from capstones.harness.sample import SAMPLE_HTML, SAMPLE_JSON, make_sample
from capstones.harness.services import Servers
from tests.conftest import require_tool

CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_reference_passes_and_defect_is_caught_alone(case: Case, request: pytest.FixtureRequest) -> None:
    commands = " ".join([*case.reference.start, *case.reference.build])
    if "{node}" in commands or "{node_bin}" in commands:
        require_tool(shutil.which("node"), "Node.js")
    if case.defect is not None:
        require_tool(shutil.which("patch"), "patch")
    servers = Servers(
        postgres_admin_url=request.getfixturevalue("postgres_admin_url")
        if "postgres" in case.capstone.services
        else None,
        redis_url=request.getfixturevalue("redis_server_url") if "redis" in case.capstone.services else None,
    )
    result = grade_case(case, servers)
    assert result.ok, f"{case.id}: {result.verdict}"


def test_every_capstone_has_two_references_and_at_least_eight_defects() -> None:
    by_capstone: dict[str, list[Case]] = {}
    for case in CASES:
        by_capstone.setdefault(case.capstone.id, []).append(case)
    assert by_capstone, "no capstones/*/capstone.yml found"
    for capstone_id, its_cases in by_capstone.items():
        references = [c for c in its_cases if c.defect is None]
        defects = [c for c in its_cases if c.defect is not None]
        assert len(references) >= 2, f"{capstone_id}: a Python reference and one in another language"
        assert len(defects) >= 8, f"{capstone_id}: at least eight broken variants, found {len(defects)}"
        checks = {spec.id for spec in its_cases[0].capstone.suite().checks}
        for case in defects:
            assert case.defect is not None and case.defect.check in checks, f"{case.id}: names an unknown check"
            assert (case.capstone.directory / case.defect.patch).is_file(), f"{case.id}: patch file missing"


def test_sample_html_on_the_site_is_the_rendering_of_the_sample_json() -> None:
    report = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    assert SAMPLE_HTML.read_text(encoding="utf-8") == render_html(report), "run: python -m capstones.harness.sample"


def _shape(report: dict) -> tuple:
    """What a regenerated sample must keep: timings, ids and dates differ from run to run, the verdicts do not."""
    checks = [
        (c["id"], c["status"], (c["failure"] or {}).get("expected"), c["lessons"], c["evidence"])
        for c in report["checks"]
    ]
    return checks, report["summary"], report["skills_evidence"]


def test_sample_report_on_the_site_matches_a_fresh_run(postgres_admin_url: str) -> None:
    fresh = make_sample(Servers(postgres_admin_url=postgres_admin_url))
    committed = json.loads(SAMPLE_JSON.read_text(encoding="utf-8"))
    assert _shape(fresh) == _shape(committed), "the sample is out of date: run python -m capstones.harness.sample"


def test_summary_line_counts_references_and_defects_separately() -> None:
    from capstones.harness.__main__ import summary_line
    from capstones.harness.matrix import CaseResult

    reference, defect = CASES[0], next(case for case in CASES if case.defect is not None)
    results = [
        CaseResult(reference, None, True, "passed every check"),  # type: ignore[arg-type]
        CaseResult(defect, None, False, "NOT caught"),  # type: ignore[arg-type]
    ]
    assert summary_line(1, results) == "capstones: 1, references passed: 1/1, defects caught: 0/1"
