"""The grader itself, against a tiny stdlib server whose answers each test chooses: a wrong answer fails the
check that expects the right one, everything from the service is escaped in the HTML report, and a check that
needs a restart is 'not run' (not passed) without a restart command."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from capstones.grader import Context, Group, Status, Suite
from capstones.grader.__main__ import main as grader_main
from capstones.grader.catalog import ROOT, discover
from capstones.grader.context import percentile
from capstones.grader.grading import grade
from capstones.grader.html_report import render_html
from capstones.grader.markdown_report import cell, render_markdown
from capstones.grader.report import build_report, matrix_rows

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class Canned(BaseHTTPRequestHandler):
    """Answers from the class-level table: path -> (status, headers, body)."""

    answers: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        status, headers, body = self.answers.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:  # keep pytest's output clean
        return


@pytest.fixture
def service() -> Iterator[str]:
    Canned.answers = {
        "/health": (200, {}, b"ok"),
        "/created": (200, {"Content-Type": "text/html"}, f"<p>{HOSTILE}</p>".encode()),
        "/problem": (422, {"Content-Type": "application/problem+json"}, b'{"status": 422, "title": "Invalid"}'),
        "/wrong-problem": (422, {"Content-Type": "application/json"}, b'{"status": 400}'),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), Canned)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def make_suite() -> Suite:
    suite = Suite("grader-self-test")
    common = {"lessons": ["apis/rest-design"], "evidence": {"rest": "junior"}}

    @suite.check("contract.created", group=Group.CONTRACT, title="POST answers 201", **common)
    def created(ctx: Context) -> None:
        ctx.expect_status(ctx.post("/created", json={"name": HOSTILE}), 201)

    @suite.check("errors.problem", group=Group.ERRORS, title="A problem details answer", **common)
    def problem(ctx: Context) -> None:
        ctx.expect_problem(ctx.get("/problem"), 422)

    @suite.check("errors.wrong-problem", group=Group.ERRORS, title="Not a problem details answer", **common)
    def wrong_problem(ctx: Context) -> None:
        ctx.expect_problem(ctx.get("/wrong-problem"), 422)

    @suite.check("robustness.restart", group=Group.ROBUSTNESS, title="Restart", needs_restart=True, **common)
    def restart(ctx: Context) -> None:
        ctx.restart()
        ctx.expect_status(ctx.get("/health"), 200)

    return suite


def test_a_wrong_status_fails_the_check_and_the_report_shows_the_exchange(service: str) -> None:
    run = grade(make_suite(), service, budgets={})
    outcome = run.outcome("contract.created")
    assert outcome.status is Status.FAILED
    assert outcome.expected == "status 201" and outcome.got == "status 200"
    assert outcome.exchange is not None and outcome.exchange.response is not None
    assert outcome.exchange.request.method == "POST" and outcome.exchange.response.status == 200
    assert HOSTILE in outcome.exchange.response.body


def test_problem_details_are_checked_for_media_type_and_members(service: str) -> None:
    run = grade(make_suite(), service, budgets={})
    assert run.outcome("errors.problem").status is Status.PASSED
    wrong = run.outcome("errors.wrong-problem")
    assert wrong.status is Status.FAILED and "application/problem+json" in (wrong.expected or "")


def test_restart_check_is_not_run_without_a_command_and_is_not_a_pass(service: str) -> None:
    run = grade(make_suite(), service, budgets={}, only=["errors.problem", "robustness.restart"])
    assert run.outcome("robustness.restart").status is Status.NOT_RUN
    assert run.outcome("errors.problem").status is Status.PASSED
    assert not run.passed
    report = build_report(run, capstone_title="Self test")
    assert report["summary"]["not run"] == 1 and report["summary"]["all_passed"] is False
    evidence = report["skills_evidence"][0]
    assert evidence["row"] == "rest" and evidence["evidenced"] is False


def test_restart_check_runs_when_a_restart_is_given(service: str) -> None:
    restarts: list[int] = []
    run = grade(make_suite(), service, budgets={}, restart=lambda: restarts.append(1), only=["robustness.restart"])
    assert restarts == [1] and run.outcome("robustness.restart").status is Status.PASSED and run.passed


def test_html_report_escapes_everything_the_service_sent(service: str) -> None:
    run = grade(make_suite(), service, budgets={})
    page = render_html(build_report(run, capstone_title=HOSTILE))
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 50.0 and percentile(values, 0.95) == 95.0
    assert percentile([7.0], 0.95) == 7.0 and percentile([], 0.5) == 0.0


@pytest.mark.parametrize(
    ("check_id", "kwargs", "message"),
    [
        ("Bad Id", {}, "lowercase"),
        ("ok.id", {"lessons": []}, "no lesson"),
        ("ok.id", {"evidence": {}}, "no skills-matrix row"),
        ("ok.id", {"evidence": {"rest": "expert"}}, "level"),
    ],
)
def test_suite_refuses_malformed_declarations(check_id: str, kwargs: dict[str, object], message: str) -> None:
    declaration = {"group": Group.CONTRACT, "title": "t", "lessons": ["apis/rest-design"], "evidence": {"rest": "mid"}}
    with pytest.raises(ValueError, match=message):
        Suite("x").check(check_id, **{**declaration, **kwargs})  # type: ignore[arg-type]


def test_cli_writes_both_reports_and_exits_non_zero_when_a_check_is_not_run(tmp_path: Path) -> None:
    # The real tasks-api suite against a server that is not a tasks API: every check must fail.
    Canned.answers = {"/health": (200, {}, b"ok")}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Canned)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        reports = ["--json", str(tmp_path / "r.json"), "--html", str(tmp_path / "r.html")]
        status = grader_main(["--capstone", "tasks-api", "--url", url, *reports])
    finally:
        server.shutdown()
        server.server_close()
    assert status == 1
    report = json.loads((tmp_path / "r.json").read_text())
    statuses = {check["id"]: check["status"] for check in report["checks"]}
    assert statuses["robustness.restart"] == "not run"
    assert "passed" not in {s for i, s in statuses.items()}
    assert (tmp_path / "r.html").read_text().startswith("<!doctype html>")


@pytest.mark.parametrize("capstone", discover(), ids=lambda capstone: capstone.id)
def test_every_check_names_real_lessons_and_matrix_rows(capstone) -> None:
    rows = matrix_rows()
    suite = capstone.suite()
    assert suite.checks, f"{capstone.id} declares no checks"
    for spec in suite.checks:
        for lesson in spec.lessons:
            assert (ROOT / "docs" / f"{lesson}.md").is_file(), f"{spec.id}: no lesson docs/{lesson}.md"
        for evidence in spec.evidence:
            assert evidence.row in rows, f"{spec.id}: {evidence.row!r} is not a row of data/skills.yml"
    assert {spec.group for spec in suite.checks} == set(Group), f"{capstone.id}: every group needs a check"


@pytest.mark.parametrize("capstone", discover(), ids=lambda capstone: capstone.id)
def test_every_capstone_page_exists_and_lists_every_check(capstone) -> None:
    page = ROOT / "docs" / f"{capstone.page}.md"
    assert page.is_file(), f"{capstone.id}: no page docs/{capstone.page}.md"
    text = page.read_text(encoding="utf-8")
    missing = [spec.id for spec in capstone.suite().checks if f"`{spec.id}`" not in text]
    assert not missing, f"{page.name} does not list these checks in its acceptance criteria: {missing}"
    assert (capstone.directory / "openapi.yaml").is_file(), f"{capstone.id}: no openapi.yaml"


def test_markdown_summary_escapes_what_the_service_sent(service: str) -> None:
    run = grade(make_suite(), service, budgets={})
    summary = render_markdown(build_report(run, capstone_title="Self test"))
    assert "<script" not in summary.lower() and "<img" not in summary.lower()
    assert "| `contract.created` | **FAILED** |" in summary
    assert "| `robustness.restart` | not run |" in summary
    assert "<" not in cell(HOSTILE) and "\\|" in cell("a|b")


def test_cli_exits_2_with_a_message_when_the_service_does_not_answer(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert grader_main(["--capstone", "tasks-api", "--url", f"http://127.0.0.1:{port}", "--wait", "0.5"]) == 2
    assert "not answering" in capsys.readouterr().err
    assert grader_main(["--capstone", "no-such-capstone", "--url", f"http://127.0.0.1:{port}"]) == 2
