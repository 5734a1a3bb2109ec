"""The freshness check: typed version statements and pins judged against the release snapshots on the build
date (a failure past end of life, a warning 60 days ahead), cited RFCs against the RFC index, and the counts
`make check-data` reports."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from macros.model.freshness import check_freshness
from macros.model.schema import Comparison, ReleaseProduct, RfcIndex
from macros.model.statements import StatementFinder, macro_calls
from macros.site.check import main as check_data


def product(product_id: str, names: list[str], cycles: list[tuple[str, str, str]]) -> ReleaseProduct:
    """A made-up snapshot: (cycle, released, eol) per release."""
    return ReleaseProduct.model_validate(
        {
            "id": product_id,
            "title": names[0],
            "names": names,
            "snapshot": "2026-08-22",
            "source": {"title": f"endoflife.date: {names[0]}", "url": f"https://endoflife.date/{product_id}"},
            "data": f"https://github.com/endoflife-date/endoflife.date/blob/abc/products/{product_id}.md",
            "releases": [{"cycle": c, "released": r, "eol": e} for c, r, e in cycles],
        }
    )


RELEASES = {
    "widget": product("widget", ["Widget"], [("2", "2026-01-01", "2028-01-01"), ("1", "2024-01-01", "2026-10-27")]),
    "nodejs": product("nodejs", ["Node.js", "Node"], [("24", "2025-05-06", "2028-04-30"), ("20", "2023-04-18",
                                                                                        "2026-04-30")]),
}  # fmt: skip


def project(tmp_path: Path, pages: dict[str, str], files: dict[str, str] | None = None) -> Path:
    for name, text in {**{f"docs/{k}": v for k, v in pages.items()}, **(files or {})}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "data").mkdir(exist_ok=True)
    return tmp_path


def check(root: Path, day: str, rfcs: RfcIndex | None = None, comparisons: list[Comparison] | None = None) -> Any:
    return check_freshness(root, root / "docs", RELEASES, rfcs, comparisons or [], dt.date.fromisoformat(day))


PAGE = "---\ntitle: T\n---\n# T\n\nSome text.\n\nThe lab targets Widget 1, which is still supported.\n"


def test_a_release_called_supported_after_its_end_of_life_fails_with_file_and_line(tmp_path: Path) -> None:
    root = project(tmp_path, {"area/page.md": PAGE})
    report = check(root, "2026-10-27")
    assert [(p.file, p.line, p.field) for p in report.problems] == [("docs/area/page.md", 8, "version statement")]
    assert "reached end of life on 2026-10-27" in report.problems[0].message
    assert "supported now: 2" in report.problems[0].message


def test_it_warns_sixty_days_ahead_and_not_before(tmp_path: Path) -> None:
    root = project(tmp_path, {"area/page.md": PAGE})
    warned = check(root, "2026-08-28")  # 60 days before
    assert warned.problems == []
    assert [(w.file, w.line) for w in warned.warnings if w.field == "version statement"] == [("docs/area/page.md", 8)]
    assert "in 60 days" in warned.warnings[0].message
    quiet = check(root, "2026-08-27")  # 61 days before
    assert [w for w in quiet.warnings if w.field == "version statement"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Widget 1 is the current release.",
        "Widget 1 (January 2024) is still supported.",
        "Widget 2 and Widget 1 are supported.",
        "Widget 1 LTS is what we deploy.",
        'Widget 1 "Old" is in maintenance until the end of the year.',
        "The current release is Widget 1.",
        "The latest version: Widget 1.4.2.",
        "Widget 1 became LTS last year.",
    ],
)
def test_claims_of_support_are_recognized(sentence: str, tmp_path: Path) -> None:
    root = project(tmp_path, {"page.md": f"# T\n\n{sentence}\n"})
    report = check(root, "2027-01-01")
    assert len(report.problems) == 1, sentence
    assert report.problems[0].line == 3


@pytest.mark.parametrize(
    "sentence",
    [
        "Widget 1 added the frobnicator, which is supported by every client.",
        "Widget 1 reached end of life on 2026-10-27.",
        "Widget 1, end of life since October 2026, is what the old lab used.",
        "Run `Widget 1 is supported` in a shell.",
        "See [Widget 1](https://example.com/docs/current/supported) for details.",
        "```text\nWidget 1 is the current release\n```",
        'The current release is {{ release("widget", "current") }}.',
    ],
)
def test_mentions_without_a_support_claim_do_not_fail(sentence: str, tmp_path: Path) -> None:
    root = project(tmp_path, {"page.md": f"# T\n\n{sentence}\n"})
    assert check(root, "2027-01-01").problems == []


def test_statements_are_counted_typed_and_from_data(tmp_path: Path) -> None:
    body = (
        "# T\n\nWidget 2 is supported. Widget 1 reached end of life.\n\n"
        'Now {{ release("widget", "current") }} ({{ release_status("widget", "current") }}).\n\n'
        '`{{ release("widget") }}` is shown, not called.\n\n{% raw %}\n{{ release_date("widget", "2") }}\n'
        "{% endraw %}\n"
    )
    report = check(project(tmp_path, {"page.md": body}), "2026-12-01")
    assert report.from_data == 2
    assert sorted((s.name, s.version, s.claim) for _, s in report.typed) == [
        ("Widget", "1", "eol"),
        ("Widget", "2", "supported"),
    ]
    assert report.summary() == "version and end-of-life statements: 2 from data, 2 typed"
    assert macro_calls(body) == 2


def test_a_version_the_snapshot_does_not_know_is_a_warning(tmp_path: Path) -> None:
    report = check(project(tmp_path, {"page.md": "# T\n\nWidget 9 is the current release.\n"}), "2026-12-01")
    assert report.problems == []
    assert any("a release the snapshot does not know" in w.message for w in report.warnings)


def test_pins_in_ci_and_the_project_are_judged(tmp_path: Path) -> None:
    workflow = "jobs:\n  test:\n    steps:\n      - uses: actions/setup-node@x\n        with:\n"
    root = project(
        tmp_path,
        {"page.md": "# T\n"},
        {
            ".github/workflows/ci.yml": workflow + '          node-version: "20"\n',
            ".github/workflows/other.yml": workflow + '          node-version: "24"\n',
        },
    )
    report = check(root, "2026-12-07")
    assert [(p.file, p.line, p.field) for p in report.problems] == [(".github/workflows/ci.yml", 6, "pinned version")]
    assert "pins Node.js 20 (Node.js for CI), but it reached end of life on 2026-04-30" in report.problems[0].message
    assert sorted(pin.version for pin in report.pins) == ["20", "24"]


def test_a_comparison_column_headed_current_claims_every_version_it_names(tmp_path: Path) -> None:
    data = (
        "id: stacks\ntitle: Stacks\ndescription: Which is which.\n"
        "columns:\n  - {key: version, label: Current version}\nrows:\n"
        '  - name: A\n    cells: {version: "Widget 1 (2024)"}\n'
        '  - name: B\n    cells: {version: "Widget 2, on Widget 1 or later"}\n'
    )
    table = Comparison.model_construct(
        id="stacks",
        columns=[type("C", (), {"key": "version", "label": "Current version"})()],
        rows=[
            type("R", (), {"cells": {"version": "Widget 1 (2024)"}})(),
            type("R", (), {"cells": {"version": "Widget 2, on Widget 1 or later"}})(),
        ],
    )
    root = project(tmp_path, {"page.md": "# T\n"}, {"data/comparisons/stacks.yml": data})
    report = check(root, "2026-12-07", comparisons=[table])
    assert [(p.file, p.line) for p in report.problems] == [("data/comparisons/stacks.yml", 8)]


def test_a_cited_obsoleted_rfc_is_reported_with_the_page_that_cites_it(tmp_path: Path) -> None:
    rfcs = RfcIndex.model_validate(
        {
            "snapshot": "2026-08-21",
            "source": {"title": "RFC Editor: index of RFCs", "url": "https://www.rfc-editor.org/rfc-index.xml"},
            "rfcs": [
                {"number": 7231, "title": "HTTP/1.1: Semantics and Content", "obsoleted_by": [9110]},
                {"number": 9110, "title": "HTTP Semantics"},
            ],
        }
    )
    pages = {
        "web/http.md": "# T\n\nStatus codes are in [RFC 7231](https://www.rfc-editor.org/rfc/rfc7231).\n",
        "web/new.md": "# T\n\nSee RFC 9110 and RFC 99999.\n",
    }
    report = check(project(tmp_path, pages), "2026-12-07", rfcs=rfcs)
    assert [(c.rfc, c.obsoleted_by, c.file, c.line) for c in report.obsolete] == [
        (7231, (9110,), "docs/web/http.md", 3)
    ]
    messages = [f"{w.file}:{w.line}: {w.message}" for w in report.warnings if w.field == "citation"]
    assert messages[0] == "docs/web/http.md:3: cites RFC 7231, obsoleted by RFC 9110"
    assert any(m.startswith("docs/web/new.md:3: RFC 99999 is not in the RFC index snapshot") for m in messages)
    assert report.problems == []


def test_an_old_snapshot_and_a_release_it_predates_are_warnings(tmp_path: Path) -> None:
    report = check(project(tmp_path, {"page.md": "# T\n"}), "2028-06-01")
    fields = sorted(w.field for w in report.warnings)
    assert fields == ["releases", "releases", "snapshot"], report.warnings
    assert "2 snapshots are more than 45 days old" in next(w.message for w in report.warnings if w.field == "snapshot")


def test_the_finder_keeps_names_whole() -> None:
    finder = StatementFinder(["Go", "Node.js", "Node"])
    assert [(m[0], m[1]) for m in finder.mentions("Go 1.27 and Node.js 24.1, not Gopher 2 or pre-Go 3x")] == [
        ("Go", "1.27"),
        ("Node.js", "24.1"),
    ]


def seed(project_copy: Path, sentence: str) -> tuple[str, int]:
    lesson = project_copy / "docs" / "cloud-devops" / "kubernetes.md"
    lines = lesson.read_text(encoding="utf-8").splitlines()
    at = lines.index("## Why it matters") + 2
    lines.insert(at, sentence + "\n")
    lesson.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "docs/cloud-devops/kubernetes.md", at + 1


def test_check_data_fails_on_a_seeded_stale_statement(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796601600")  # 2026-12-07
    source, line = seed(project_copy, "Kubernetes 1.34 is still supported by every cloud.")
    assert check_data([str(project_copy)]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"{source}:{line}: version statement: .*Kubernetes 1\.34.*end of life on 2026-10-27", err), err


def test_check_data_reports_statements_from_data_and_typed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], project_copy: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796601600")

    def counts() -> tuple[int, int]:
        assert check_data([str(project_copy)]) == 0, capsys.readouterr().err
        out = capsys.readouterr().out
        found = re.search(r"^version and end-of-life statements: (\d+) from data, (\d+) typed; \d+ pinned", out, re.M)
        assert found is not None, out
        return int(found.group(1)), int(found.group(2))

    # The curriculum states every current, LTS and end-of-life fact through the release macros and cells.
    from_data, typed = counts()
    assert from_data >= 20 and typed == 0
    # A typed one is counted (a correct one passes the check; a stale one fails it, as tested above).
    seed(project_copy, "Node.js 24 is supported until April 2028.")
    assert counts() == (from_data, 1)
