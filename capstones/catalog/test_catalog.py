"""Fast tests of the catalog capstone's own parts; grading the references and defects is
tests/test_capstones_matrix.py's job (it runs every capstone.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from capstones.catalog import checks
from capstones.catalog.reference_python.conditional import etag_for, match, none_match

CAPSTONE = yaml.safe_load(Path(__file__).with_name("capstone.yml").read_text(encoding="utf-8"))
CURRENT = etag_for(7, 3)


def test_the_grader_and_the_references_share_tokens() -> None:
    for reference in CAPSTONE["references"]:
        assert reference["env"]["API_TOKENS"] == checks.API_TOKENS


def test_every_defect_names_a_check_of_the_suite() -> None:
    defects = yaml.safe_load(Path(__file__).with_name("defects.yml").read_text(encoding="utf-8"))
    assert len(defects) >= 8
    assert {d["check"] for d in defects} <= {spec.id for spec in checks.suite.checks}


def test_the_budgets_the_checks_read_are_stated() -> None:
    assert {"page_p50_ms", "page_p95_ms", "p50_ms", "p95_ms", "error_rate"} <= set(CAPSTONE["budgets"])


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (CURRENT, True),
        (f"W/{CURRENT}", True),  # If-None-Match compares weakly
        (f'"other", W/{CURRENT}', True),
        ("*", True),
        ('"other"', False),
        (CURRENT.strip('"'), False),  # an unquoted value is not an entity tag
        (None, False),
    ],
)
def test_if_none_match_uses_the_weak_comparison(header: str | None, expected: bool) -> None:
    assert none_match(header, CURRENT) is expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [(CURRENT, True), (f"W/{CURRENT}", False), (f'"other", {CURRENT}', True), ("*", True), ('"other"', False)],
)
def test_if_match_uses_the_strong_comparison(header: str, expected: bool) -> None:
    assert match(header, CURRENT) is expected
