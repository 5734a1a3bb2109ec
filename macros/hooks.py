"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): build steps on the rendered HTML of each page.

Five jobs, on diagrams and code blocks:

- Mermaid blocks become inline SVG drawn at build time from the cache in diagrams/ (macros/diagrams.py),
  so no page runs mermaid. They stay out of the search index, like code.

- Each code block gets its copy button in the HTML. Material can add the buttons from its script
  (`content.code.copy`), but it adds one, then measures that block, then adds the next: a page layout
  per block, 30 ms on a lesson with ten blocks on a laptop, four times that on a phone. Written into the
  HTML, the buttons cost nothing on load. Material's script still does the copying and says "Copied to
  clipboard": it handles every button with a `data-clipboard-target`. Without JavaScript there is nothing
  to copy with, so extra.css hides the buttons while the page is `no-js`. Each toolbar is a named
  navigation landmark, so screen-reader users can tell one code block's toolbar from the next.
- Code blocks stay out of the search index. They were a quarter of its text and
  matched queries by keywords such as `return` or `select`, not by what a lesson teaches. Every reader's
  browser downloads the index and parses it on the page's main thread on a full page load, so its size is
  paid in blocking time on phones. Prose, headings and inline code are still indexed.
- Highlighted code loses the spans that change nothing on screen: Pygments wraps every plain name
  (class `n`) and run of whitespace (class `w`) in its own span, and Material colors plain names with
  the code's own color. On a code-heavy lesson that was a sixth of the page's elements, each one styled
  and laid out on every load. tests/test_reader_features.py checks that the colors still match.
- On pages where Material's script does not run (the print edition, overrides/print.html), a code block
  that can scroll sideways gets what that script would give it: `tabindex="0"`, so a keyboard can reach
  and scroll it, plus a name (WCAG 2.1.1, axe `scrollable-region-focusable`). Whether a block scrolls
  depends on the screen, so the build marks every block with a line too long for the narrowest screen.
"""

from __future__ import annotations

import html as html_text
import itertools
import logging
import os
import re
from collections.abc import Iterator
from typing import Any

from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.diagrams")

# A code block as pymdownx.highlight renders it, with its title if it has one:
# <div class="language-python highlight"><span class="filename">app.py</span><pre><span></span><code>...
_CODE_BLOCK = re.compile(
    r'(?P<div><div class="(?:language-[\w+#.-]+ )?highlight")>'
    r'(?P<pre>(?:<span class="filename">(?P<title>[^<]*)</span>)?<pre[^>]*>(?:<span></span>)?)'
    r"<code(?P<code_attributes>[^>]*)>(?P<code>.*?)</code>",
    re.S,
)
# Templates whose pages run none of Material's script (see overrides/print.html).
_WITHOUT_THEME_SCRIPT = {"print.html"}
# Characters of code that fit across a code block on a 320 px screen: 36, measured in Chromium on the
# print edition; a few fewer, so that a different monospace font cannot push a block over unmarked.
_NARROWEST_FIT = 32
_TAG = re.compile(r"<[^>]+>")
# Pygments spans that look like the text around them: plain names and whitespace.
_PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')
# "build" or "serve", from the command; `make diagrams` sets "refresh" in the environment.
_mode = "build"
_diagrams: Any = None


def _is_wide(code: str) -> bool:
    lines = html_text.unescape(_TAG.sub("", code)).expandtabs(8).splitlines()
    return max(map(len, lines), default=0) > _NARROWEST_FIT


def _scrollable_code_attributes(number: int, title: str | None) -> str:
    # `code` may not carry a name itself (its role forbids one), so the scrolling box is a named region.
    name = f"Code block {number}" + (f": {html_text.unescape(title)}" if title else "")
    return f' tabindex="0" role="region" aria-label="{html_text.escape(name)}"'


def _code_block(match: re.Match[str], numbers: Iterator[int], *, focusable_when_wide: bool) -> str:
    number = next(numbers)
    block_id = f"bs-code-{number}"
    focusable = focusable_when_wide and _is_wide(match["code"])
    attributes = _scrollable_code_attributes(number, match["title"]) if focusable else ""
    return (
        f'{match["div"]} id="{block_id}" data-search-exclude>{match["pre"]}'
        f'<nav class="md-code__nav bs-code-actions" aria-label="Actions for code block {number}">'
        f'<button type="button" class="md-code__button" title="Copy to clipboard" data-md-type="copy"'
        f' data-clipboard-target="#{block_id} code"></button></nav>'
        f"<code{match['code_attributes']}{attributes}>{match['code']}</code>"
    )


def prepare_code_blocks(html: str, *, focusable_when_wide: bool = False) -> str:
    """Give every code block its copy button, drop spans that style nothing, keep code out of the index.

    With `focusable_when_wide`, for pages without Material's script, blocks that can scroll sideways are
    made reachable by keyboard and named.
    """
    numbers = itertools.count(1)
    html = _CODE_BLOCK.sub(lambda match: _code_block(match, numbers, focusable_when_wide=focusable_when_wide), html)
    return _PLAIN_TOKEN.sub(r"\1", html)


def on_startup(command: str, **kwargs: Any) -> None:
    global _mode
    _mode = os.environ.get("BACKEND_SKILLS_DIAGRAMS") or ("serve" if command == "serve" else "build")


def on_pre_build(**kwargs: Any) -> None:
    # mkdocs loads this file by path; the macros package is importable once the macros plugin has started.
    global _diagrams
    from macros.diagrams import Diagrams

    _diagrams = Diagrams(_mode)


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    preview = get_relative_url("assets/javascripts/diagram-preview.js", page.url)
    html = _diagrams.page(html, page.file.src_uri, preview)
    return prepare_code_blocks(html, focusable_when_wide=page.meta.get("template") in _WITHOUT_THEME_SCRIPT)


def on_post_build(**kwargs: Any) -> None:
    removed = _diagrams.finish()
    if _diagrams.drawn:
        log.info("drew %d diagram(s) into diagrams/: commit them", len(_diagrams.drawn))
    if removed:
        log.info("removed %d unused diagram(s) from diagrams/", len(removed))
