"""`make serve` shows nothing stale: after each save, every page is what a new `make serve` would build.

`make serve` keeps one process, one plugin instance and one diagram renderer between rebuilds, and writes
the search index behind each rebuild. tests/serve_session.py runs its rebuilds in one process;
here each save's site is compared, file by file, with a fresh build of the same sources in a new process
with no `.cache/`. The search index is compared the way tests/test_build.py compares two builds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_env, copy_project
from tests.test_build import _assert_same

LESSON = "docs/security/sql-injection.md"
# Saved one after another, each on top of the ones before; each shows in the page named.
STEPS: list[tuple[str, list[list[str]], str, str]] = [
    (
        "a sentence in a lesson",
        [[LESSON, "\n## Why it matters\n", "\nServe marker sentence.\n\n## Why it matters\n"]],
        "security/sql-injection/index.html",
        "Serve marker sentence.",
    ),
    (
        "a lesson's title: navigation, prerequisites, paths and the print edition",
        [[LESSON, "\ntitle: ", "\ntitle: Serve marker title, "]],
        "security/xss-prevention/index.html",
        "Serve marker title",
    ),
    (
        "the title of a lesson that a lesson of another area names as a prerequisite",
        [["docs/apis/oauth-jwt.md", "\ntitle: ", "\ntitle: Prerequisite marker, "]],
        "security/authentication-schemes/index.html",
        "Prerequisite marker",
    ),
    (
        "a glossary definition (a data file)",
        [["data/glossary/security.yml", "definition: ", "definition: Serve marker definition. "]],
        "glossary/index.html",
        "Serve marker definition.",
    ),
    (
        "an example file that a lesson includes",
        [["examples/security/sql_injection/fixed.py", "SORT_COLUMNS", "SERVE_MARKER_COLUMNS"]],
        "print/security/index.html",
        "SERVE_MARKER_COLUMNS",
    ),
    (
        "a section's name in the navigation, shown on every page (a pruned section's link too)",
        [["docs/.nav.yml", "- Security: security", "- Security marker section: security"]],
        "testing/index.html",
        "Security marker section",
    ),
    (
        "a theme template",
        [["overrides/partials/lesson-header.html", "You will be able to", "Serve marker: you will be able to"]],
        "apis/rest-design/index.html",
        "Serve marker: you will be able to",
    ),
]


def _run(*args: str) -> None:
    env = build_env() | {"PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "tests.serve_session", *args], env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stderr[-3000:]


# Every page of the site, so its time grows with the curriculum (about 400 s on a loaded 2-core machine):
# a deadline of its own, above the suite's default.
@pytest.mark.timeout(1200)
def test_every_page_after_each_save_equals_a_fresh_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    steps = tmp_path / "steps.json"
    steps.write_text(json.dumps([edits for _, edits, _, _ in STEPS]), encoding="utf-8")
    _run("session", str(project), str(tmp_path / "served"), str(steps))

    # The same saves, replayed on a second copy, one step at a time; each state built fresh.
    replay = copy_project(tmp_path / "replay")
    for number, (name, edits, page, marker) in enumerate(STEPS):
        for file, old, new in edits:
            path = replay / file
            path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        state = shutil.copytree(replay, tmp_path / f"state-{number}")
        # Diagrams drawn during the session (a title shows in a path's diagram) are sources too.
        shutil.copytree(project / "diagrams", state / "diagrams", dirs_exist_ok=True)
        fresh = tmp_path / f"fresh-{number}"
        _run("fresh", str(state), str(fresh))
        served = tmp_path / "served" / str(number)
        assert marker in (served / page).read_text(encoding="utf-8"), f"{name}: the save does not show"
        _assert_same(fresh, served, f"a fresh build and make serve after saving {name}")


def test_a_new_save_stops_the_search_index_being_written_behind_the_last_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index behind a rebuild (Pagefind, seconds on both cores) would be replaced by the next save's:
    the next rebuild stops it at once instead of sharing the CPU with it, and nothing of it is left."""
    import time

    from macros.search import pagefind

    stages: list[Path] = []
    real_stage = pagefind.stage_records
    monkeypatch.setattr(pagefind, "stage_records", lambda records: stages.append(real_stage(records)) or stages[-1])
    sleeper = tmp_path / "pagefind"  # stands in for Pagefind: a process that runs until it is stopped
    sleeper.write_text("#!/bin/sh\nexec sleep 60\n", encoding="utf-8")
    sleeper.chmod(0o755)
    monkeypatch.setattr(pagefind, "get_executable", lambda: sleeper)
    behind = pagefind.IndexBehind()
    output = tmp_path / "site" / "pagefind"
    behind.start(lambda: ["<html></html>"], output)
    deadline = time.monotonic() + 10
    while behind.process is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process = behind.process
    assert process is not None, "the index did not start"
    started = time.monotonic()
    behind.stop()  # what a rebuild's on_config does in `make serve`
    assert time.monotonic() - started < 5
    assert process.poll() is not None and behind.thread is None
    assert stages and not any(stage.exists() for stage in stages) and not output.exists()
