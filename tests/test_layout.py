"""Layout and keyboard access a reader meets in a real browser: the print edition's wide code blocks, the
sidebar's title, the lesson header on phones."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macros.hooks import prepare_code_blocks
from tests.browser import chromium, serve
from tests.site_audit import site_base_path

WIDE = "x = " + "1 + " * 20 + "1"
BLOCKS = (
    '<div class="language-python highlight"><span class="filename">a &lt;&quot;b&quot;&gt;.py</span><pre><span></span>'
    f"<code>{WIDE}\n</code></pre></div>"
    '<div class="language-python highlight"><pre><span></span><code>short = 1\n</code></pre></div>'
)


def test_wide_code_blocks_are_focusable_and_named_where_the_theme_script_does_not_run() -> None:
    prepared = prepare_code_blocks(BLOCKS, focusable_when_wide=True)
    # The title is contributor text: it reaches the attribute escaped, once.
    assert '<code tabindex="0" role="region" aria-label="Code block 1: a &lt;&quot;b&quot;&gt;.py">' in prepared
    assert "<code>short = 1" in prepared and prepared.count("tabindex") == 1


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
