"""Search quality: a reader finds a lesson by its usual name or abbreviation.

`tests/search_queries.yml` lists what readers type and the lesson they expect; each query is typed into
Material's real search box and the lesson must be among the first three results. The index itself must
hold every glossary term and every lesson tag, and lessons outrank area index pages.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from macros.catalog import load_catalog
from tests.browser import chromium, serve
from tests.conftest import ROOT
from tests.site_audit import site_base_path

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))["queries"]


def search_index(site: Path) -> list[dict[str, Any]]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_query_list_is_big_enough_and_points_at_real_lessons() -> None:
    catalog = load_catalog(ROOT)
    assert len(QUERIES) >= 30
    missing = [q["expect"] for q in QUERIES if q["expect"] not in catalog.lessons]
    assert missing == []


def test_every_glossary_term_and_tag_is_in_the_index(built_site: Path) -> None:
    catalog = load_catalog(ROOT)
    text = " ".join(doc["title"] + " " + doc["text"] for doc in search_index(built_site)).lower()
    missing = [term.abbr or term.term for term in catalog.glossary if (term.abbr or term.term).lower() not in text]
    tags = {tag for lesson in catalog.lessons.values() for tag in lesson.meta.tags}
    index_tags = {tag.lower() for doc in search_index(built_site) for tag in doc.get("tags", [])}
    assert missing == []
    assert sorted(tag for tag in tags if tag.lower() not in index_tags) == []


def test_lessons_outrank_area_index_pages(built_site: Path) -> None:
    catalog = load_catalog(ROOT)
    boosts = {doc["location"]: doc.get("boost", 1) for doc in search_index(built_site) if "#" not in doc["location"]}
    for area in catalog.skills.areas:
        assert boosts.get(f"{area.id}/", 1) < 1, f"{area.id}/index.md should lower its search boost"


@pytest.fixture(scope="module")
def search_page(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    with serve(built_site, site_base_path()) as base, chromium(tmp_path_factory.mktemp("search")) as context:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        yield base, page


def top_results(page: Any, query: str) -> list[str]:
    """The first three result links once the results belong to `query` and have stopped changing."""
    box = page.locator('input[data-md-component="search-query"]')
    if not box.is_visible():
        page.keyboard.press("/")
        box.wait_for(state="visible")
    # Clear with key events, as a reader would, so Material resets its results before the next query.
    box.press("Control+a")
    box.press("Backspace")
    page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for()
    page.keyboard.type(query, delay=20)  # Material listens for key events, not for a filled value
    token = re.split(r"[^a-z0-9]+", query.lower())[0]
    previous: list[str] = []
    for _ in range(60):
        hrefs = page.eval_on_selector_all(
            "li.md-search-result__item > a.md-search-result__link", "links => links.slice(0, 3).map(a => a.href)"
        )
        if hrefs and f"h={token}" in hrefs[0] and hrefs == previous:
            return hrefs
        previous = hrefs
        page.wait_for_timeout(150)
    return previous


@pytest.mark.browser
def test_each_query_finds_its_lesson_in_the_top_three(search_page: tuple[str, Any]) -> None:
    _, page = search_page
    misses = []
    for entry in QUERIES:
        hrefs = top_results(page, entry["query"])
        pages = [urlsplit(href).path.rstrip("/") for href in hrefs]  # results carry ?h=<query>#<section>
        if not any(path.endswith(entry["expect"]) for path in pages):
            misses.append(f"{entry['query']!r}: expected {entry['expect']}, got {hrefs}")
    assert misses == [], "\n".join(misses)
