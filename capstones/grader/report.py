"""The JSON report: every check's outcome, the lessons behind it, and what it evidences in the skills matrix."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from capstones.grader.catalog import ROOT
from capstones.grader.grading import Run
from capstones.grader.model import LEVELS, Status

REPORT_VERSION = 1
SITE_URL = "https://backend-skills.github.io/curriculum/"
SKILLS_FILE = ROOT / "data" / "skills.yml"


@cache
def matrix_rows() -> dict[str, str]:
    """Skills-matrix row ids (the topic ids of data/skills.yml) and their titles."""
    data = yaml.safe_load(SKILLS_FILE.read_text(encoding="utf-8"))
    return {topic["id"]: topic["title"] for area in data["areas"] for topic in area["topics"]}


def lesson_url(path: str) -> str:
    return f"{SITE_URL}{path}/"


def _failure(outcome: Any) -> dict[str, Any] | None:
    if outcome.status is not Status.FAILED:
        return None
    return {
        "expected": outcome.expected,
        "got": outcome.got,
        "exchange": outcome.exchange.as_json() if outcome.exchange else None,
    }


def evidence_summary(run: Run) -> list[dict[str, Any]]:
    """Per matrix row and level: the checks that bear on it. A row is evidenced only if all of them passed."""
    rows = matrix_rows()
    table: dict[tuple[str, str], dict[str, list[str]]] = {}
    for spec in run.suite.checks:
        outcome = next((o for o in run.outcomes if o.check_id == spec.id), None)
        if outcome is None:
            continue
        for evidence in spec.evidence:
            entry = table.setdefault((evidence.row, evidence.level), {"passed": [], "failed": [], "not_run": []})
            key = {Status.PASSED: "passed", Status.FAILED: "failed", Status.NOT_RUN: "not_run"}[outcome.status]
            entry[key].append(spec.id)
    ordered = sorted(table.items(), key=lambda item: (item[0][0], LEVELS.index(item[0][1])))
    return [
        {
            "row": row,
            "row_title": rows.get(row, row),
            "level": level,
            "evidenced": not checks["failed"] and not checks["not_run"],
            "checks_passed": checks["passed"],
            "checks_failed": checks["failed"],
            "checks_not_run": checks["not_run"],
        }
        for (row, level), checks in ordered
    ]


def build_report(run: Run, *, capstone_title: str) -> dict[str, Any]:
    specs = {spec.id: spec for spec in run.suite.checks}
    counts = {status.value: sum(o.status is status for o in run.outcomes) for status in Status}
    return {
        "report_version": REPORT_VERSION,
        "capstone": {"id": run.suite.capstone_id, "title": capstone_title},
        "url": run.base_url,
        "started_at": run.started_at,
        "seconds": run.seconds,
        "restart_command_given": run.restart_given,
        "summary": {**counts, "total": len(run.outcomes), "all_passed": run.passed},
        "checks": [
            {
                "id": outcome.check_id,
                "group": specs[outcome.check_id].group.value,
                "title": specs[outcome.check_id].title,
                "status": outcome.status.value,
                "duration_ms": outcome.duration_ms,
                "reason": outcome.reason,
                "metrics": outcome.metrics,
                "lessons": [{"path": p, "url": lesson_url(p)} for p in specs[outcome.check_id].lessons],
                "evidence": [{"row": e.row, "level": e.level} for e in specs[outcome.check_id].evidence],
                "failure": _failure(outcome),
            }
            for outcome in run.outcomes
        ],
        "skills_evidence": evidence_summary(run),
    }


def write_json(report: dict[str, Any], path: Path) -> None:
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
