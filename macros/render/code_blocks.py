"""Code blocks as readers get them: the build finishes each highlighted block in the page's HTML.

- Each code block gets its copy button in the HTML. Material can add the buttons from its script
  (`content.code.copy`), but it adds one, then measures that block, then adds the next: a page layout
  per block, 30 ms on a lesson with ten blocks on a laptop, four times that on a phone. Written into the
  HTML, the buttons cost nothing on load. Material's script still does the copying and says "Copied to
  clipboard": it handles every button with a `data-clipboard-target`. Without JavaScript there is nothing
  to copy with, so extra.css hides the buttons while the page is `no-js`. Each toolbar is a named
  navigation landmark, so screen-reader users can tell one code block's toolbar from the next.
- Code blocks stay out of the search index: they were a quarter of its text and matched queries by
  keywords such as `return` or `select`, not by what a lesson teaches. Inline code is still indexed.
- Highlighted code loses the spans that change nothing on screen: Pygments wraps every plain name
  (class `n`) and run of whitespace (class `w`) in its own span, and Material colors plain names with
  the code's own color. On a code-heavy lesson that was a sixth of the page's elements, each one styled
  and laid out on every load. tests/test_reader_features.py checks that the colors still match.
- On pages where Material's script does not run (the print edition, overrides/print.html), a code block
  that can scroll sideways gets what that script would give it: `tabindex="0"`, so a keyboard can reach
  and scroll it, plus a name (WCAG 2.1.1, axe `scrollable-region-focusable`). Whether a block scrolls
  depends on the screen, so the build marks every block with a line too long for the narrowest screen.
  The edition's blocks are its lessons' blocks, so this runs once the edition is filled in (`on_env`).
"""

from __future__ import annotations

import functools
import html as html_text
import itertools
import re
from collections.abc import Iterator

# A code block as pymdownx.highlight renders it, with its title if it has one:
# <div class="language-python highlight"><span class="filename">app.py</span><pre><span></span><code>...
# (a runnable SQL block adds a class and a data-dataset attribute: see macros/render/sql_practice.py)
_CODE_BLOCK = re.compile(
    r'(?P<div><div class="(?:[\w+#.-]+ )*highlight"(?: data-[\w-]+="[^"]*")*)>'
    r'(?P<pre>(?:<span class="filename">[^<]*</span>)?<pre[^>]*>(?:<span></span>)?)<code'
)
# A code block's <code> once prepared, with the block's title if it has one, and its copy button unless
# the print edition has taken it out.
_PREPARED_CODE = re.compile(
    # Written to start with a plain `<`, which the regex engine scans for quickly: a leading optional group
    # made it try every position of a print edition's megabytes.
    r'<(?:span class="filename">(?P<title>[^<]*)</span><)?pre[^>]*>(?:<span></span>)?'
    r'(?:<nav class="md-code__nav bs-code-actions"[^>]*>.*?</nav>)?<code(?P<attributes>[^>]*)>(?P<code>.*?)</code>',
    re.S,
)
# Characters of code that fit across a code block on a 320 px screen: 36, measured in Chromium on the
# print edition; a few fewer, so that a different monospace font cannot push a block over unmarked.
_NARROWEST_FIT = 32
_TAG = re.compile(r"<[^>]+>")
# Pygments spans that look like the text around them: plain names and whitespace.
_PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def _code_block(match: re.Match[str], numbers: Iterator[int]) -> str:
    number = next(numbers)
    block_id = f"bs-code-{number}"
    return (
        f'{match["div"]} id="{block_id}" data-search-exclude>{match["pre"]}'
        f'<nav class="md-code__nav bs-code-actions" aria-label="Actions for code block {number}">'
        f'<button type="button" class="md-code__button" title="Copy to clipboard" data-md-type="copy"'
        f' data-clipboard-target="#{block_id} code"></button></nav><code'
    )


def prepare_code_blocks(html: str) -> str:
    """Give every code block its copy button, drop spans that style nothing, keep code out of the index."""
    numbers = itertools.count(1)
    html = _CODE_BLOCK.sub(lambda match: _code_block(match, numbers), html)
    return _PLAIN_TOKEN.sub(r"\1", html)


@functools.lru_cache(maxsize=4096)  # each block is checked on its lesson's edition on every serve rebuild
def _is_wide(code: str) -> bool:
    lines = html_text.unescape(_TAG.sub("", code)).expandtabs(8).splitlines()
    return max(map(len, lines), default=0) > _NARROWEST_FIT


@functools.lru_cache(maxsize=16)  # the print editions, the same from one `make serve` rebuild to the next
def focus_wide_code_blocks(html: str) -> str:
    """Make each prepared code block too wide for a phone reachable by keyboard, and name it.

    `code` may not carry a name itself (its role forbids one), so the scrolling box becomes a named
    region: "Code block N" in page order, with the block's title when it has one.
    """
    numbers = itertools.count(1)

    def focus(match: re.Match[str]) -> str:
        number = next(numbers)
        if not _is_wide(match["code"]) or "tabindex" in match["attributes"]:
            return match[0]
        title = match["title"]
        name = f"Code block {number}" + (f": {html_text.unescape(title)}" if title else "")
        attributes = f' tabindex="0" role="region" aria-label="{html_text.escape(name)}"'
        cut = match.end("attributes") - match.start()  # just before the <code> tag's ">"
        return match[0][:cut] + attributes + match[0][cut:]

    return _PREPARED_CODE.sub(focus, html)
