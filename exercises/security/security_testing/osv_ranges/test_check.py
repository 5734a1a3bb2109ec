"""Acceptance check: versions are matched against OSV ranges of every shape (several branches, no fix yet,
last_affected, events out of order, GIT ranges, explicit versions), and the fix reported is the one for the
version's own branch. The advisories are made up for the check; the package is fictional."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.security.security_testing.sca import load_snapshot
from exercises import load_module


def advisory(ident: str, *ranges: dict, versions: tuple[str, ...] = ()) -> dict:
    affected = {"package": {"ecosystem": "PyPI", "name": "examplelib"}, "ranges": list(ranges)}
    if versions:
        affected["versions"] = list(versions)
    return {"id": ident, "aliases": [f"CVE-2026-{ident[-4:]}"], "affected": [affected]}


def ecosystem(*events: dict) -> dict:
    return {"type": "ECOSYSTEM", "events": list(events)}


BRANCHES = advisory(
    "GHSA-test-0001",
    ecosystem(
        {"introduced": "4.2"},
        {"fixed": "4.2.17"},
        {"introduced": "5.0"},
        {"fixed": "5.0.10"},
        {"introduced": "5.1"},
        {"fixed": "5.1.4"},
    ),
)
UNFIXED = advisory("GHSA-test-0002", ecosystem({"introduced": "2.0"}))
LAST_AFFECTED = advisory("GHSA-test-0003", ecosystem({"introduced": "0"}, {"last_affected": "1.4.2"}))
SHUFFLED = advisory("GHSA-test-0004", ecosystem({"fixed": "3.3.1"}, {"introduced": "3.3"}))
WITH_GIT = advisory(
    "GHSA-test-0005",
    {"type": "GIT", "repo": "https://example.com/examplelib.git", "events": [{"introduced": "a1b2c3d"}]},
    ecosystem({"introduced": "0"}, {"fixed": "0.9.5"}),
)
LISTED = advisory("GHSA-test-0006", versions=("7.7.7",))


def hits(answer: Path, version: str, *advisories: dict) -> dict[str, object]:
    found = load_module(answer).audit(f"examplelib=={version}\n", list(advisories))
    return {item.advisory: item.fixed_in for item in found}


@pytest.mark.starter_passes
def test_the_first_branch_counts(answer: Path) -> None:
    assert hits(answer, "4.2.3", BRANCHES) == {"GHSA-test-0001": "4.2.17"}


@pytest.mark.parametrize(("version", "fix"), [("5.0.3", "5.0.10"), ("5.1.3", "5.1.4")])
def test_every_branch_of_a_range_counts(answer: Path, version: str, fix: str) -> None:
    found = hits(answer, version, BRANCHES)
    assert found == {"GHSA-test-0001": fix}, (
        f"examplelib {version} is on an affected branch, fixed in {fix}; the audit said {found or 'clean'}"
    )


@pytest.mark.starter_passes
@pytest.mark.parametrize("version", ["4.1", "4.2.17", "5.0.10", "5.1.4", "6.0"])
def test_fixed_and_unaffected_versions_are_clean(answer: Path, version: str) -> None:
    assert hits(answer, version, BRANCHES) == {}, f"examplelib {version} is not affected"


def test_an_advisory_without_a_fix_still_counts(answer: Path) -> None:
    assert hits(answer, "2.3", UNFIXED) == {"GHSA-test-0002": None}, "no fix yet means every version since 2.0"
    assert hits(answer, "1.9", UNFIXED) == {}


def test_last_affected_is_inclusive(answer: Path) -> None:
    assert set(hits(answer, "1.4.2", LAST_AFFECTED)) == {"GHSA-test-0003"}
    assert hits(answer, "1.4.3", LAST_AFFECTED) == {}


@pytest.mark.starter_passes
def test_events_are_sorted_before_reading(answer: Path) -> None:
    assert hits(answer, "3.3.0", SHUFFLED) == {"GHSA-test-0004": "3.3.1"}
    assert hits(answer, "3.2", SHUFFLED) == {}


def test_git_ranges_are_skipped_not_fatal(answer: Path) -> None:
    assert hits(answer, "0.9.1", WITH_GIT) == {"GHSA-test-0005": "0.9.5"}
    assert hits(answer, "1.0", WITH_GIT) == {}


def test_explicitly_listed_versions_count(answer: Path) -> None:
    assert set(hits(answer, "7.7.7", LISTED)) == {"GHSA-test-0006"}
    assert hits(answer, "7.7.8", LISTED) == {}


@pytest.mark.starter_passes
def test_the_real_snapshot_still_works(answer: Path) -> None:
    found = load_module(answer).audit("jinja2==3.1.4\n", load_snapshot())
    assert {item.advisory for item in found} == {"GHSA-q2x7-8rv6-6q7h", "GHSA-cpwx-vrp4-4pq7"}
