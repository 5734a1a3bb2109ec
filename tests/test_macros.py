"""Macros render data as escaped HTML, and a hostile payload in data stays text all the way to the page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from macros.core.errors import SourceError
from macros.model.catalog import Catalog
from macros.model.schema import Checklist, Comparison, Term
from macros.render import tables as render
from macros.site.load import load_catalog
from tests.conftest import ROOT, run_build

PAYLOAD = "<script>alert(1)</script>"
SOURCE = {"title": f"Source {PAYLOAD}", "url": "https://example.com/?a=1&b=2"}


@pytest.fixture
def catalog() -> Catalog:
    return load_catalog(ROOT)


def _hostile(catalog: Catalog) -> Catalog:
    """A script in every field: plain text may say `<script>`, so every renderer must show it as text."""
    catalog.comparisons["evil"] = Comparison.model_validate(
        {
            "id": "evil",
            "title": PAYLOAD,
            "description": PAYLOAD,
            "columns": [{"key": "a", "label": PAYLOAD}],
            "rows": [
                {"name": PAYLOAD, "cells": {"a": PAYLOAD}, "sources": [SOURCE], "last_reviewed": dt.date(2026, 1, 1)},
                {
                    "name": "b",
                    "cells": {"a": {"text": PAYLOAD, "source": SOURCE}},
                    "sources": [SOURCE],
                    "last_reviewed": dt.date(2026, 1, 1),
                },
            ],
        }
    )
    catalog.checklists["evil"] = Checklist.model_validate(
        {
            "id": "evil",
            "title": PAYLOAD,
            "description": PAYLOAD,
            "last_reviewed": dt.date(2026, 1, 1),
            "items": [{"id": "x", "text": PAYLOAD, "why": PAYLOAD, "evidence": PAYLOAD, "sources": [SOURCE]}],
        }
    )
    catalog.glossary.append(Term.model_validate({"term": PAYLOAD, "definition": PAYLOAD, "sources": [SOURCE]}))
    return catalog


def _assert_inert(html: str) -> None:
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="https://example.com/?a=1&amp;b=2"' in html


@pytest.mark.usefixtures("markup_allowed")
def test_comparison_table_escapes_every_field(catalog: Catalog) -> None:
    _assert_inert(render.comparison_table(_hostile(catalog), "evil"))


@pytest.mark.usefixtures("markup_allowed")
def test_checklist_escapes_every_field(catalog: Catalog) -> None:
    _assert_inert(render.checklist(_hostile(catalog), "evil", lambda ref: ref))


@pytest.mark.usefixtures("markup_allowed")
def test_glossary_escapes_every_field(catalog: Catalog) -> None:
    _assert_inert(render.glossary(_hostile(catalog), lambda ref: ref))


def test_comparison_column_subset_and_unknown_column(catalog: Catalog) -> None:
    html = render.comparison_table(catalog, "sql-injection-defences", columns=["role"])
    assert "Main caveat" not in html and "Role" in html
    with pytest.raises(KeyError, match="no column"):
        render.comparison_table(catalog, "sql-injection-defences", columns=["nope"])


def test_unknown_dataset_names_the_known_ones(catalog: Catalog) -> None:
    with pytest.raises(KeyError, match=r"no checklist 'no-such-checklist' in data/ \(known: .*\bsecurity\b"):
        render.checklist(catalog, "no-such-checklist", lambda ref: ref)


def test_checklist_filtered_by_lesson(catalog: Catalog) -> None:
    html = render.checklist(catalog, "security", lambda ref: ref, lesson="security/sql-injection")
    assert html.count("data-item=") == len(
        [i for i in catalog.checklists["security"].items if i.lesson == "security/sql-injection"]
    )
    assert 'data-progress-key="checklist:security:parameterised-queries"' in html


def test_what_cannot_show_as_written_fails_the_load_with_its_line(project_copy: Path) -> None:
    glossary = project_copy / "data" / "glossary" / "security.yml"
    lines = glossary.read_text(encoding="utf-8").count("\n")
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + "  - term: 'Payload &lt;b&gt;'\n    definition: 'Defined.'\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as raised:
        load_catalog(project_copy)
    assert f"data/glossary/security.yml:{lines + 1}: terms[" in raised.value.report()
    assert "must be plain text, found '&lt;': a character reference shows as written" in raised.value.report()


def test_special_characters_reach_every_place_they_are_shown_as_text(project_copy: Path, tmp_path: Path) -> None:
    """Plain text may hold &, quotes and a lone <: each place that emits it escapes it once."""
    glossary = project_copy / "data" / "glossary" / "security.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "  - term: 'Angle test'\n    definition: 'Defined as a < b & \"c\" > d, 1 <2.'\n",
        encoding="utf-8",
    )
    # A lesson on no learning path: a path's diagram shows its lessons' titles and would need redrawing.
    lesson = project_copy / "docs" / "web-foundations" / "cors.md"
    text = lesson.read_text(encoding="utf-8")
    title = 'SQL & "injection" 1 < 2'
    text = re.sub(r"^title: .*$", f"title: '{title}'", text, count=1, flags=re.M)
    text = re.sub(
        r"^description: .*$",
        "description: 'Quotes \" and <2 & more stay text in the meta tag.'",
        text,
        count=1,
        flags=re.M,
    )
    lesson.write_text(text, encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    html = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "Defined as a &lt; b &amp; &#34;c&#34; &gt; d, 1 &lt;2." in html
    page = (site / "web-foundations" / "cors" / "index.html").read_text(encoding="utf-8")
    escaped = "SQL &amp; &#34;injection&#34; 1 &lt; 2"
    assert f"<title>{escaped} - Backend Skills</title>" in page
    assert '<meta name="description" content="Quotes &#34; and &lt;2 &amp; more stay text in the meta tag.">' in page
    assert page.count(escaped) >= 3  # the <title>, the header bar, the navigation
    assert escaped in (site / "web-foundations" / "index.html").read_text(encoding="utf-8")  # navigation
    assert escaped in (site / "print" / "index.html").read_text(encoding="utf-8")
    assert title not in page and "&amp;amp;" not in page and "&amp;#34;" not in page


def test_macro_error_fails_the_build(project_copy: Path, tmp_path: Path) -> None:
    page = project_copy / "docs" / "checklists" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace('checklist("security")', 'checklist("no-such-checklist")'))
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert "no checklist 'no-such-checklist'" in result.stdout + result.stderr


SCRIPTS = {  # what a hostile or careless contributor might write in plain-text fields
    "title": "Title <script>alert(1)</script>",
    "description": 'Learn it"><img src=x onerror=alert(1)> today.',
    "objective": "Apply it <b onmouseover=alert(1)>now</b>.",
    "page": "<svg onload=alert(1)>",
    "checklist": "<iframe src=https://evil.example>",
    "definition": "Escapes <script> by default.",
}
RAW = ("<script>alert(1)", "<img src=x", "<b onmouseover", "<svg onload", "<iframe src=https://evil", "<script> by")


def _set_front_matter(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    quoted = "'" + value.replace("'", "''") + "'"
    text = re.sub(rf"^{key}: .*$", f"{key}: {quoted}", text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def test_plain_text_that_names_tags_shows_as_text_in_every_context(project_copy: Path, tmp_path: Path) -> None:
    """Plain text may say `<script>`: the page, the <title>, meta tags, the navigation, the lesson header, the
    lesson lists, checklists, the glossary and its abbreviations, the print edition all show it as text; and
    backticks make inline code where formatting is shown, and vanish where it is not."""
    lesson = project_copy / "docs" / "web-foundations" / "cors.md"  # on no learning path (no diagram to redraw)
    _set_front_matter(lesson, "title", SCRIPTS["title"])
    _set_front_matter(lesson, "description", SCRIPTS["description"])
    text = lesson.read_text(encoding="utf-8")
    first_objective = re.search(r"^objectives:\n  - (.*)$", text, re.M)
    assert first_objective
    lesson.write_text(text.replace(first_objective.group(1), SCRIPTS["objective"], 1), encoding="utf-8")
    _set_front_matter(project_copy / "docs" / "languages" / "rust.md", "title", "`Vec<T>` and `Result<T, E>` in Rust")
    _set_front_matter(project_copy / "docs" / "contributing" / "index.md", "title", SCRIPTS["page"])
    checklist = project_copy / "data" / "checklists" / "web-foundations.yml"
    checklist.write_text(
        re.sub(
            r"^(  - id: .*\n    text: ).*$",
            lambda m: m.group(1) + f"'{SCRIPTS['checklist']}'",
            checklist.read_text(encoding="utf-8"),
            count=1,
            flags=re.M,
        ),
        encoding="utf-8",
    )
    glossary = project_copy / "data" / "glossary" / "security.yml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + f"  - term: Cross-site scripting filter\n    abbr: XSSF\n    definition: '{SCRIPTS['definition']}'\n",
        encoding="utf-8",
    )
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    raw = [
        f"{page.relative_to(site)}: {fragment}"
        for page in site.rglob("*.html")
        for fragment in RAW
        if fragment in page.read_text(encoding="utf-8")
    ]
    assert raw == [], "markup from plain text reached the HTML"
    cors = (site / "web-foundations" / "cors" / "index.html").read_text(encoding="utf-8")
    title = "Title &lt;script&gt;alert(1)&lt;/script&gt;"
    assert f"<title>{title} - Backend Skills</title>" in cors
    assert cors.count(title) >= 3  # the <title>, the header bar, the navigation
    assert 'content="Learn it&#34;&gt;&lt;img src=x onerror=alert(1)&gt; today."' in cors  # meta description
    assert "<li>Apply it &lt;b onmouseover=alert(1)&gt;now&lt;/b&gt;.</li>" in cors  # the lesson header
    area = (site / "web-foundations" / "index.html").read_text(encoding="utf-8")
    assert title in area and "Learn it&#34;&gt;&lt;img src=x onerror=alert(1)&gt; today." in area
    assert title in (site / "print" / "web-foundations" / "index.html").read_text(encoding="utf-8")
    checklist_page = (site / "web-foundations" / "index.html").read_text(encoding="utf-8")
    assert "&lt;iframe src=https://evil.example&gt;" in checklist_page
    glossary_page = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "Escapes &lt;script&gt; by default." in glossary_page
    rust = (site / "languages" / "rust" / "index.html").read_text(encoding="utf-8")
    assert "<title>Vec&lt;T&gt; and Result&lt;T, E&gt; in Rust - Backend Skills</title>" in rust  # no backticks
    languages = (site / "languages" / "index.html").read_text(encoding="utf-8")
    assert "<code>Vec&lt;T&gt;</code> and <code>Result&lt;T, E&gt;</code> in Rust" in languages
    assert "&lt;svg onload=alert(1)&gt;" in (site / "contributing" / "index.html").read_text(encoding="utf-8")
