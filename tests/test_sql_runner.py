"""Runnable SQL: what the build writes, what a reader sees in Chromium, and the same rows in PGlite and PostgreSQL.

The comparison test runs every runnable block of the built site, every exercise's reference solution and
the SQL injection form's queries twice: in PGlite, through the page's own engine in Chromium, and on the
throwaway PostgreSQL server from tests/services.py, each on a fresh copy of its dataset. The rows are
compared as PostgreSQL's text output. PGlite 0.5 is PostgreSQL 18; where it answers differently from the
server under test (PostgreSQL 15 here and in CI), the failure shows both answers.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.render import sql_practice
from tests.browser import chromium, serve
from tests.conftest import ROOT
from tests.site_audit import site_base_path

SQL_PAGES = ("databases/", "security/")
# Where PGlite (PostgreSQL 18) and an older server answer differently by design, and how the test lines
# them up. Each one applied is printed with the block it applied to; any other difference fails.
KNOWN_DIFFERENCES = [
    (
        "PostgreSQL 18 prints EXPLAIN ANALYZE's actual row counts with two decimals (rows=50.00), 15-17 as integers",
        re.compile(r"(actual rows=\d+)\.00\b"),
        r"\1",
    ),
]
INJECTION_DATASET = "security/sql_injection/users"
# The code of a runnable block: pymdownx.highlight's <code> after the block's opening div.
_BLOCK_CODE = re.compile(r"<code>(?P<code>.*?)</code>", re.S)
_TAG = re.compile(r"<[^>]+>")


def runnable_blocks(site: Path) -> list[tuple[str, str, str]]:
    """(page, dataset, SQL) for every runnable block in the built site, in page order."""
    blocks = []
    for page in sorted(site.rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        for match in sql_practice.RUNNABLE_BLOCK.finditer(text):
            code = _BLOCK_CODE.search(text, match.end())
            assert code is not None, f"{page}: runnable block without code"
            sql = html.unescape(_TAG.sub("", code["code"])).rstrip("\n")
            blocks.append((page.parent.relative_to(site).as_posix() + "/", match["dataset"], sql))
    return blocks


def test_at_least_25_runnable_blocks_in_the_databases_and_security_chapters(built_site: Path) -> None:
    blocks = runnable_blocks(built_site)
    in_chapters = [block for block in blocks if block[0].startswith(SQL_PAGES)]
    assert len(in_chapters) >= 25, f"{len(in_chapters)} runnable blocks"
    assert {page for page, _, _ in in_chapters} >= {
        "databases/sql-fundamentals/",
        "databases/fast-sql/",
        "databases/schema-design/",
        "databases/transactions/",
        "security/sql-injection/",
    }


def test_every_dataset_a_block_names_is_published_with_the_site(built_site: Path) -> None:
    known = sql_practice.datasets(ROOT)
    for _, dataset, _ in runnable_blocks(built_site):
        for name, source in known[dataset].files().items():
            published = built_site / sql_practice.SITE_FOLDER / dataset / name
            assert published.read_bytes() == source.read_bytes()


def test_the_runner_is_only_on_pages_that_run_sql(built_site: Path) -> None:
    with_blocks = {page for page, _, _ in runnable_blocks(built_site)}
    for page in built_site.rglob("index.html"):
        relative = page.parent.relative_to(built_site).as_posix() + "/"
        has_runner = "data-sql-runner" in page.read_text(encoding="utf-8")
        if relative.startswith("print/"):  # the print edition runs no script: its blocks stay plain code
            assert not has_runner, f"{relative} loads the SQL runner"
        elif relative in with_blocks:
            assert has_runner, relative
        else:
            assert not has_runner, f"{relative} loads the SQL runner but has nothing to run"


def test_a_block_naming_an_unknown_dataset_fails_the_build() -> None:
    html_text = '<div class="language-sql sql-run highlight" data-dataset="databases/nope/missing"><pre>'
    errors = sql_practice.dataset_errors(html_text, sql_practice.datasets(ROOT))
    assert errors == [
        "runnable SQL block names dataset 'databases/nope/missing': "
        "no examples/databases/nope/missing/schema.sql and seed.sql"
    ]


def test_the_engine_names_the_locked_pglite_version() -> None:
    from tools import vendor_pglite

    engine = (ROOT / "docs" / "assets" / "javascripts" / "sql-engine.js").read_text(encoding="utf-8")
    assert f'PGLITE_VERSION = "{vendor_pglite.locked_version()}"' in engine


# ---- in Chromium ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser_page(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    with serve(built_site, site_base_path()) as base, chromium(tmp_path_factory.mktemp("sql")) as context:
        page = context.new_page()
        yield base, page


def engine_outcome(page: Any, dataset: str, sql: str, params: list[str] | None = None) -> dict[str, Any]:
    outcome = page.evaluate(
        "([dataset, sql, params]) => window.backendSkillsSql.load().then(m => m.execute(dataset, sql, params))",
        [dataset, sql, params],
    )
    if outcome["error"]:
        return {"error": {"code": outcome["error"]["code"], "message": outcome["error"]["message"]}}
    return {"results": [{"columns": r["columns"], "rows": r["rows"]} for r in outcome["results"] if r["columns"]]}


@pytest.mark.browser
@pytest.mark.postgres
def test_every_block_and_solution_gives_the_same_answer_in_pglite_and_postgresql(
    browser_page: tuple[str, Any], built_site: Path, postgres_url: str
) -> None:
    from tools import sql_postgres

    base, page = browser_page
    page.goto(base + "databases/sql-fundamentals/")
    page.wait_for_selector(".bs-sql-panel")
    known = sql_practice.datasets(ROOT)
    cases: dict[tuple[str, str, tuple[str, ...] | None], tuple[str, bool]] = {}
    for n, (page_path, dataset, sql) in enumerate(runnable_blocks(built_site), 1):
        # The print edition repeats every lesson's blocks: each distinct block is run once.
        cases.setdefault((dataset, sql, None), (f"/{page_path} block {n}", True))
    for exercise in sql_practice_exercises():
        # As one string here, with the exercise's own rows first: the same on both sides.
        solution = (exercise.setup or "") + exercise.solution
        cases[(exercise.dataset, solution, None)] = (f"exercise {exercise.id}", exercise.ordered)
    for name, dataset, sql, params in injection_cases(page):
        cases[(dataset, sql, tuple(params) if params else None)] = (name, True)
    assert len(cases) >= 45
    differences, known_applied = [], []
    with sql_postgres.connect(postgres_url) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        major = int(version.split(".")[0])
        for (dataset, sql, params), (name, ordered) in cases.items():
            server = sql_postgres.run(conn, known[dataset], sql, list(params) if params else None).comparable()
            browser = engine_outcome(page, dataset, sql, list(params) if params else None)
            if not ordered:
                server, browser = sorted_rows(server), sorted_rows(browser)
            if browser == server:
                continue
            lined_up = browser
            for why, pattern, replacement in KNOWN_DIFFERENCES if major < 18 else []:
                text = pattern.sub(replacement, json.dumps(lined_up))
                if text != json.dumps(lined_up):
                    lined_up = json.loads(text)
                    known_applied.append(f"{name}: {why}")
            if lined_up != server:
                differences.append(
                    f"{name} differs:\n  SQL: {sql}\n  PGlite: {json.dumps(browser)}\n"
                    f"  PostgreSQL {version}: {json.dumps(server)}"
                )
    print(f"\n{len(cases)} statements compared with PostgreSQL {version}; known differences:")
    print("\n".join(known_applied) or "none")
    assert not differences, "\n".join(differences)


def sorted_rows(outcome: dict[str, Any]) -> dict[str, Any]:
    """For an exercise whose row order does not matter."""
    if "results" not in outcome:
        return outcome
    return {"results": [dict(r, rows=sorted(r["rows"], key=json.dumps)) for r in outcome["results"]]}


def sql_practice_exercises() -> list[Any]:
    from tests.test_sql_exercises import EXERCISES

    return list(EXERCISES.values())


def injection_cases(page: Any) -> list[tuple[str, str, str, list[str] | None]]:
    """The SQL injection form's two queries, as the page builds them, for each input the lesson suggests."""
    from macros.render.sql_exercises import INJECTION_PAYLOADS

    cases = []
    for payload in INJECTION_PAYLOADS:
        queries = page.evaluate(
            "payload => window.backendSkillsSql.load().then(m => m.injectionQueries(payload))", payload
        )
        cases.append((f"injection form, string-built, {payload!r}", INJECTION_DATASET, queries["vulnerable"], None))
        cases.append(
            (f"injection form, parameterized, {payload!r}", INJECTION_DATASET, queries["parameterized"], [payload])
        )
    return cases


def test_without_javascript_blocks_stay_code_and_the_form_stays_hidden(built_site: Path) -> None:
    page = (built_site / "security" / "sql-injection" / "index.html").read_text(encoding="utf-8")
    assert "<pre><span></span>" in page and "SELECT id, email FROM users" in html.unescape(_TAG.sub("", page))
    form = re.search(r"<form [^>]*data-sql-form[^>]*>", page)
    assert form is not None and " hidden" in form[0]
    assert "<textarea" not in page  # the editor only exists once the script has run


def stored_progress(page: Any) -> dict[str, Any]:
    raw = page.evaluate("localStorage.getItem('backend-skills:progress:v1')")
    return json.loads(raw)["done"] if raw else {}


@pytest.mark.browser
def test_a_reader_edits_runs_and_reads_the_result_with_the_keyboard(browser_page: tuple[str, Any]) -> None:
    base, page = browser_page
    page.goto(base + "databases/sql-fundamentals/")
    editor = page.locator("textarea.bs-sql-editor").first
    editor.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("SELECT name, '<img src=x onerror=alert(1)>' AS html FROM customers WHERE id = 1")
    page.keyboard.press("Control+Enter")
    panel = page.locator(".bs-sql-panel").first
    table = panel.locator(".bs-sql-output table")
    table.wait_for(timeout=60_000)
    assert table.locator("caption").inner_text() == "Result: 1 row"
    assert table.locator("th").evaluate_all("cells => cells.map(c => [c.scope, c.textContent])") == [
        ["col", "name"],
        ["col", "html"],
    ]
    # Text from a result is text: the markup in the value shows as characters, no element is made.
    assert table.locator("td").nth(1).inner_text() == "<img src=x onerror=alert(1)>"
    assert panel.locator(".bs-sql-output img").count() == 0
    assert panel.locator(".bs-sql-output").get_attribute("role") == "status"

    page.keyboard.press("Control+A")
    page.keyboard.type("SELECT * FROM no_such_table")
    page.keyboard.press("Control+Enter")
    error = panel.locator("[role=alert]")
    error.wait_for()
    assert error.inner_text() == 'ERROR 42P01: relation "no_such_table" does not exist'

    # Tab leaves the editor for the Run button (no keyboard trap), and Reset brings the lesson's query back.
    editor.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('data-sql-action')") == "run"
    panel.get_by_role("button", name="Reset").click()
    assert editor.input_value().startswith("SELECT id, customer_id, total_cents")
    assert panel.locator(".bs-sql-output").inner_text() == ""


@pytest.mark.browser
def test_instant_navigation_to_a_lesson_enhances_its_blocks(browser_page: tuple[str, Any]) -> None:
    base, page = browser_page
    page.goto(base + "databases/")
    assert page.locator(".bs-sql-panel").count() == 0
    page.locator("article a[href$='sql-fundamentals/']").first.click()
    page.wait_for_url("**/databases/sql-fundamentals/")
    page.locator(".bs-sql-panel").first.wait_for()
    assert page.locator(".bs-sql-panel").count() == page.locator(".sql-run[data-dataset]").count()


@pytest.mark.browser
def test_a_passing_check_ticks_the_exercise_and_export_carries_it(
    browser_page: tuple[str, Any], tmp_path: Path
) -> None:
    base, page = browser_page
    page.goto(base + "databases/sql-fundamentals/")
    page.evaluate("localStorage.clear()")
    exercise = page.locator("[data-exercise='sql-referral-report']")
    editor = exercise.locator("textarea")
    check = exercise.get_by_role("button", name="Check")

    check.click()  # the starter query returns the referrer's id, not a name
    verdict = exercise.locator(".bs-sql-verdict")
    verdict.wait_for(timeout=60_000)
    assert verdict.inner_text().startswith("Not yet:")
    assert "exercise:sql-referral-report" not in stored_progress(page)

    editor.fill(
        "SELECT c.name, coalesce(r.name, '-') AS referred_by FROM customers AS c "
        "LEFT JOIN customers AS r ON r.id = c.referred_by ORDER BY c.id"
    )
    check.click()
    exercise.locator(".bs-sql-verdict--pass").wait_for()
    assert "exercise:sql-referral-report" in stored_progress(page)
    assert exercise.locator("input[data-progress-key]").is_checked()

    # Order matters for this exercise: the same rows sorted by name do not pass.
    editor.fill(
        "SELECT c.name, coalesce(r.name, '-') AS referred_by FROM customers AS c "
        "LEFT JOIN customers AS r ON r.id = c.referred_by ORDER BY c.name DESC"
    )
    check.click()
    exercise.locator(".bs-sql-verdict--fail").wait_for()
    assert "wrong order" in exercise.locator(".bs-sql-verdict").inner_text()

    page.goto(base + "progress/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert "exercise:sql-referral-report" in json.loads(exported.read_text(encoding="utf-8"))["done"]
    page.evaluate("localStorage.clear()")
    page.reload()
    page.locator("input[data-progress-import]").set_input_files(str(exported))
    page.locator("[data-progress-status]").filter(has_text="Imported").wait_for()
    assert "exercise:sql-referral-report" in stored_progress(page)


@pytest.mark.browser
def test_the_injection_form_shows_both_queries_answers(browser_page: tuple[str, Any]) -> None:
    base, page = browser_page
    page.goto(base + "security/sql-injection/")
    form = page.locator("form[data-sql-form]")
    assert form.is_visible()
    form.get_by_label("Email to look up (try a payload)").fill("' OR '1'='1")
    form.get_by_role("button", name="Run both queries").click()
    sections = form.locator(".bs-sql-form-result")
    sections.nth(1).locator("table, [role=alert]").first.wait_for(timeout=60_000)
    vulnerable, parameterized = sections.nth(0), sections.nth(1)
    assert vulnerable.locator("caption").inner_text() == "Result: 2 rows"
    assert parameterized.locator("caption").inner_text() == "Result: 0 rows"


@pytest.mark.browser
def test_axe_finds_nothing_with_a_result_table_and_an_error_open_in_both_palettes(
    browser_page: tuple[str, Any],
) -> None:
    from tests.browser import show_palette
    from tests.test_accessibility import TAGS, describe, run_axe

    base, page = browser_page
    page.goto(base + "databases/sql-fundamentals/")
    runs = page.locator("[data-sql-action=run]")
    runs.nth(0).click()
    page.locator(".bs-sql-output table").first.wait_for(timeout=60_000)
    page.locator("textarea.bs-sql-editor").nth(1).fill("SELECT 1/0")
    runs.nth(1).click()
    page.locator(".bs-sql-output [role=alert]").first.wait_for()
    exercise = page.locator("[data-exercise]").first
    exercise.get_by_role("button", name="Check").click()
    exercise.locator(".bs-sql-verdict").wait_for()
    problems = []
    for scheme in ("default", "slate"):
        show_palette(page, scheme)
        problems += describe(
            f"databases/sql-fundamentals/ ({scheme})", run_axe(page, {"runOnly": {"type": "tag", "values": TAGS}})
        )
    # The injection form with both answers open: a table, and the error the DROP TABLE payload ends in.
    page.goto(base + "security/sql-injection/")
    form = page.locator("form[data-sql-form]")
    form.locator("input[name=email]").fill("x'; DROP TABLE users; SELECT * FROM users; --")
    form.get_by_role("button", name="Run both queries").click()
    form.locator(".bs-sql-form-result").nth(1).locator("table").wait_for(timeout=60_000)
    assert form.locator("[role=alert]").count() == 1
    for scheme in ("default", "slate"):
        show_palette(page, scheme)
        problems += describe(
            f"security/sql-injection/ ({scheme})", run_axe(page, {"runOnly": {"type": "tag", "values": TAGS}})
        )
    assert not problems, "\n".join(problems)


# ---- exercises: the page's own checker ------------------------------------------------------------------


@pytest.mark.browser
def test_the_page_splits_statements_where_the_python_checker_does(browser_page: tuple[str, Any]) -> None:
    from tests.test_sql_exercises import SPLITS

    base, page = browser_page
    page.goto(base + "databases/sql-fundamentals/")
    found = page.evaluate(
        "cases => window.backendSkillsSql.load().then(m => cases.map(m.splitStatements))", [sql for sql, _ in SPLITS]
    )
    assert found == [statements for _, statements in SPLITS]


def page_grade(page: Any, exercise: Any, sql: str) -> list[str]:
    """What the page's Check says about `sql`, through sql-engine.js on PGlite: its problems, none on a pass."""
    from macros.render import sql_exercises

    stored = sql_exercises.expected_for(sql_exercises.load_expected(ROOT), exercise)
    data = sql_exercises.check_data(exercise, stored)
    return page.evaluate(
        "([data, dataset, sql]) => window.backendSkillsSql.load().then(m => m.grade(data, dataset, sql))"
        ".then(r => r.problems)",
        [data, exercise.dataset, sql],
    )


@pytest.mark.browser
def test_pglite_grades_every_exercise_as_postgresql_does(browser_page: tuple[str, Any]) -> None:
    """The starters, solutions, wrong and other right answers of tests/test_sql_exercises.py, through the page."""
    from tests.test_sql_exercises import ALSO_RIGHT, EXERCISES, NAIVE, STARTER_FAILS_WITH

    base, page = browser_page
    page.goto(base + "databases/sql-fundamentals/")
    wrong = []
    for exercise_id, exercise in EXERCISES.items():
        answers = [(exercise.starter, STARTER_FAILS_WITH[exercise_id]), (exercise.solution, None)]
        answers += NAIVE.get(exercise_id, []) + [(sql, None) for sql in ALSO_RIGHT.get(exercise_id, [])]
        for sql, reason in answers:
            problems = page_grade(page, exercise, sql)
            passed = not problems if reason is None else bool(problems) and reason in problems[0]
            if not passed:
                wrong.append(f"{exercise_id}: expected {reason or 'a pass'}, got {problems}\n  {sql}")
    assert not wrong, "\n".join(wrong)


def solution_rows(page: Any, exercise: Any) -> list[list[str | None]]:
    """The reference solution's last result, run by the page's engine on the exercise's data."""
    from macros.render import sql_exercises

    stored = sql_exercises.expected_for(sql_exercises.load_expected(ROOT), exercise)
    steps = page.evaluate(
        "([data, dataset, sql]) => window.backendSkillsSql.load().then(m => m.grade(data, dataset, sql))"
        ".then(r => r.steps)",
        [sql_exercises.check_data(exercise, stored), exercise.dataset, exercise.solution],
    )
    return [step for step in steps if step["results"] and step["results"][-1]["columns"]][-1]["results"][-1]["rows"]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lesson", "exercise_id", "wrong", "reason", "unique"),
    [
        (
            "databases/transactions/",
            "transactions-atomic-transfer",
            # The right balances, without a transaction: each UPDATE commits on its own.
            "UPDATE accounts SET balance_cents = balance_cents - 2100 WHERE id = 1;\n"
            "UPDATE accounts SET balance_cents = balance_cents + 2000 WHERE id = 3;\n"
            "SELECT id, owner, balance_cents FROM accounts ORDER BY id;",
            "All or nothing",
            "7900",  # Ada's balance after the transfer: in no text of the page
        ),
        (
            "databases/fast-sql/",
            "fast-sql-keyset-page",
            # The right rows, by OFFSET: it reads every row it skips.
            "SELECT id, status, total_cents FROM orders ORDER BY id OFFSET 4988 LIMIT 5;",
            "reads 4,993 rows of orders",
            "4767",  # the first row's total_cents
        ),
    ],
)
def test_check_in_the_page_fails_the_starter_and_a_shortcut_and_passes_the_solution(
    browser_page: tuple[str, Any], built_site: Path, lesson: str, exercise_id: str, wrong: str, reason: str, unique: str
) -> None:
    from tests.test_sql_exercises import EXERCISES

    base, page = browser_page
    page.goto(base + lesson)
    page.evaluate("localStorage.clear()")
    exercise = page.locator(f"[data-exercise='{exercise_id}']")
    exercise.locator("textarea").wait_for()
    enhanced = page.content()  # the page once its scripts ran, before any result is drawn
    editor = exercise.locator("textarea")
    check = exercise.get_by_role("button", name="Check")
    verdict = exercise.locator(".bs-sql-verdict")

    check.click()  # the starter, as the page shows it
    exercise.locator(".bs-sql-verdict--fail").wait_for(timeout=60_000)
    assert verdict.inner_text().startswith("Not yet:")

    editor.fill(wrong)
    check.click()  # the click replaces the last verdict with "Running..." at once: the next one is this answer's
    verdict.wait_for(timeout=60_000)
    assert verdict.inner_text().startswith("Not yet:") and reason in verdict.inner_text()
    assert "exercise:" + exercise_id not in stored_progress(page)

    editor.fill(EXERCISES[exercise_id].solution)
    check.click()
    exercise.locator(".bs-sql-verdict--pass").wait_for(timeout=60_000)
    assert "exercise:" + exercise_id in stored_progress(page)

    # No expected row is in what the server sent, nor in the page as the script left it.
    rows = solution_rows(page, EXERCISES[exercise_id])
    assert any(unique in row for row in rows)
    source = (built_site / lesson / "index.html").read_text(encoding="utf-8")
    for text in (source, enhanced):
        assert "data-expected" not in text and unique not in html.unescape(text)
        for row in rows:
            assert json.dumps(row, separators=(",", ":")) not in html.unescape(text)
            assert "".join(f"<td>{value}</td>" for value in row) not in text
