"""The print edition rewrites each lesson for one page: links, headings and anchors."""

from __future__ import annotations

from pathlib import Path

from macros.catalog import load_catalog
from macros.print_edition import _demote_headings, _rewrite_links, lesson_anchor
from tests.conftest import ROOT

LESSONS = {"communication/design-docs-and-adrs", "security/encryption-at-rest"}


def test_links_to_lessons_point_inside_the_page_even_when_wrapped() -> None:
    text = "See [the design\nlesson](design-docs-and-adrs.md#adrs) and [keys](../security/encryption-at-rest.md#kms)."
    rewritten = _rewrite_links(text, "communication", "", LESSONS)
    assert "(#lesson-communication-design-docs-and-adrs)" in rewritten
    assert "(#lesson-security-encryption-at-rest)" in rewritten


def test_other_pages_are_re_pointed_from_the_print_page_and_code_is_untouched() -> None:
    text = "[area](index.md#lessons)\n```md\n[kept](index.md)\n```\n[web](https://example.org/a.md)"
    rewritten = _rewrite_links(text, "security", "", LESSONS)
    assert "[area](security/index.md#lessons)" in rewritten
    assert "[kept](index.md)" in rewritten
    assert "[web](https://example.org/a.md)" in rewritten


def test_headings_move_down_one_level_outside_code(tmp_path: Path) -> None:
    catalog = load_catalog(ROOT)
    lesson = catalog.lessons["security/sql-injection"]
    title, body = _demote_headings("# Title\n## Why it matters\n```sh\n# a comment\n```\n### Deeper", lesson)
    assert title.endswith("{#" + lesson_anchor(lesson.ref) + "}")
    assert "#### Why it matters" in body and "##### Deeper" in body
    assert "\n# a comment\n" in body


def test_built_edition_has_every_lesson_once(built_site: Path) -> None:
    catalog = load_catalog(ROOT)
    html = (built_site / "print" / "index.html").read_text(encoding="utf-8")
    for ref in catalog.lessons:
        assert html.count(f'id="{lesson_anchor(ref)}"') == 1, ref
