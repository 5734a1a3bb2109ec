"""Layout and keyboard access a reader meets in a real browser: the print edition's wide code blocks, the
sidebar's title, the lesson header on phones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.render.code_blocks import focus_wide_code_blocks, prepare_code_blocks
from tests.browser import chromium, serve
from tests.site_audit import site_base_path

WIDE = "x = " + "1 + " * 20 + "1"
BLOCKS = (
    '<div class="language-python highlight"><span class="filename">a &lt;&quot;b&quot;&gt;.py</span><pre><span></span>'
    f"<code>{WIDE}\n</code></pre></div>"
    '<div class="language-python highlight"><pre><span></span><code>short = 1\n</code></pre></div>'
)


def test_wide_code_blocks_are_focusable_and_named_where_the_theme_script_does_not_run() -> None:
    focused = focus_wide_code_blocks(prepare_code_blocks(BLOCKS))
    # The title is contributor text: it reaches the attribute escaped, once.
    assert '<code tabindex="0" role="region" aria-label="Code block 1: a &lt;&quot;b&quot;&gt;.py">' in focused
    assert "<code>short = 1" in focused and focused.count("tabindex") == 1
    assert focus_wide_code_blocks(focused) == focused  # applied twice, nothing changes


def test_pages_with_the_theme_script_leave_focus_to_it() -> None:
    assert "tabindex" not in prepare_code_blocks(BLOCKS)


def test_only_the_print_edition_marks_its_code_blocks(built_site: Path) -> None:
    edition = (built_site / "print" / "index.html").read_text(encoding="utf-8")
    lesson = (built_site / "security" / "sql-injection" / "index.html").read_text(encoding="utf-8")
    assert edition.count('<code tabindex="0" role="region" aria-label="Code block ') > 300
    assert 'role="region" aria-label="Code block' not in lesson


@pytest.fixture(scope="module")
def browser_page(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    with serve(built_site, site_base_path()) as base, chromium(tmp_path_factory.mktemp("layout")) as context:
        yield base, context.new_page()


UNREACHABLE_SCROLLERS = """() => [...document.querySelectorAll('.highlight pre > code')]
  .filter(code => code.clientWidth > 0 && code.scrollWidth > code.clientWidth)
  .filter(code => code.tabIndex !== 0 || code.getAttribute('role') !== 'region' || !code.getAttribute('aria-label'))
  .map(code => code.closest('.highlight').id)"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
def test_print_edition_code_that_scrolls_is_reachable_by_keyboard(browser_page: tuple[str, Any], width: int) -> None:
    base, page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + "print/", wait_until="load", timeout=120_000)
    scrollers = page.evaluate(
        "() => [...document.querySelectorAll('.highlight pre > code')]"
        ".filter(code => code.clientWidth > 0 && code.scrollWidth > code.clientWidth).length"
    )
    assert scrollers > 0, "no code block scrolls at this width: the check below would prove nothing"
    assert page.evaluate(UNREACHABLE_SCROLLERS) == []
    if width == 320:
        # Tab reaches a block and the arrow keys scroll it.
        code = page.locator(".highlight pre > code[tabindex]").first
        code.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert code.evaluate("code => document.activeElement === code && code.scrollLeft > 0")


TITLE_OVER_LINKS = """() => {
  const sidebar = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap');
  const title = document.querySelector('.md-sidebar--primary .md-nav--primary > .md-nav__title');
  const view = sidebar.getBoundingClientRect();
  const box = title.getBoundingClientRect();
  const overlaps = (a, b) => Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1
    && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1;
  const links = [...sidebar.querySelectorAll('.md-nav__link')].filter(link => {
    const rect = link.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && getComputedStyle(link).visibility === 'visible' && overlaps(rect, view);
  });
  return {
    scrolled: sidebar.scrollTop,
    titleShown: box.height > 0 && overlaps(box, view),
    covered: links.filter(link => overlaps(link.getBoundingClientRect(), box)).map(link => link.textContent.trim()),
  };
}"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["security/sql-injection/", "security/"])
def test_sidebar_title_covers_no_navigation_link(browser_page: tuple[str, Any], path: str) -> None:
    base, page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + path, wait_until="load")
    # Material scrolls the sidebar to the open section once its script has run.
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollTop > 0")
    result = page.evaluate(TITLE_OVER_LINKS)
    assert result["covered"] == [], result
    # Scrolled back to the top, the title is there again, above the links.
    page.evaluate("() => document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap').scrollTo(0, 0)")
    result = page.evaluate(TITLE_OVER_LINKS)
    assert result["titleShown"] and result["covered"] == [], result


# Lines a fact spans: one box per line, or per child (the date's <time>) on the same line.
BROKEN_FACTS = """() => [...document.querySelectorAll('.bs-lesson-header__facts > span')].map(fact => ({
  text: fact.textContent.trim(),
  lines: new Set([...fact.getClientRects()].map(box => Math.round(box.top))).size,
}))"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390])
def test_lesson_header_facts_never_break_inside_on_phones(browser_page: tuple[str, Any], width: int) -> None:
    base, page = browser_page
    page.set_viewport_size({"width": width, "height": 800})
    for path in ["security/sql-injection/", "architecture/search-and-specialised-stores/", "languages/go/"]:
        page.goto(base + path, wait_until="load")
        facts = page.evaluate(BROKEN_FACTS)
        assert len(facts) == 3 and all(fact["lines"] == 1 for fact in facts), (path, facts)
        # The facts still fit the screen: kept whole, they wrap between each other instead.
        assert page.evaluate("() => document.querySelector('.bs-lesson-header__facts').scrollWidth") <= width
