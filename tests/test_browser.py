"""What a reader sees in a real browser: pages load with no request to another origin and read without JavaScript.

Search is covered by test_search.py, reader features by test_reader_features.py."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import chromium, serve
from tests.site_audit import site_base_path

pytestmark = pytest.mark.browser

PAGES = ["", "security/", "security/sql-injection/", "glossary/", "checklists/", "contributing/"]


def test_pages_request_nothing_from_other_origins(built_site: Path, tmp_path: Path) -> None:
    with serve(built_site, site_base_path()) as base, chromium(tmp_path) as context:
        origin = urlsplit(base).netloc
        foreign: list[str] = []
        failed: list[str] = []
        page = context.new_page()
        page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc not in {origin, ""} else None)
        page.on("requestfailed", lambda r: failed.append(r.url))
        for path in PAGES:
            response = page.goto(base + path, wait_until="networkidle")
            assert response is not None and response.ok, path
        assert foreign == []
        assert failed == []


def test_lesson_reads_without_javascript(built_site: Path, tmp_path: Path) -> None:
    with serve(built_site, site_base_path()) as base, chromium(tmp_path) as context:
        page = context.new_page()
        page.route("**/*.js", lambda route: route.abort())
        page.goto(base + "security/sql-injection/")
        assert page.locator("h1").inner_text().startswith("Preventing SQL injection")
        assert page.locator("ul.bs-checklist > li").count() >= 3
        assert page.locator("details.question").count() >= 3  # self-check answers fold natively
        # The copy buttons need Material's script; without it they are not shown.
        assert page.locator(".bs-code-actions").count() >= 3
        assert page.locator(".bs-code-actions:visible").count() == 0
