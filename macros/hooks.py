"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): build steps on the rendered HTML of each page.

Three jobs, all on code blocks:

- Each code block gets its copy button in the HTML. Material can add the buttons from its script
  (`content.code.copy`), but it adds one, then measures that block, then adds the next: a page layout
  per block, 30 ms on a lesson with ten blocks on a laptop, four times that on a phone. Written into the
  HTML, the buttons cost nothing on load. Material's script still does the copying and says "Copied to
  clipboard": it handles every button with a `data-clipboard-target`. Without JavaScript there is nothing
  to copy with, so extra.css hides the buttons while the page is `no-js`. Each toolbar is a named
  navigation landmark, so screen-reader users can tell one code block's toolbar from the next.
- Code blocks and diagram sources stay out of the search index. They were a quarter of its text and
  matched queries by keywords such as `return` or `select`, not by what a lesson teaches. Every reader's
  browser downloads the index and parses it on the page's main thread on a full page load, so its size is
  paid in blocking time on phones. Prose, headings and inline code are still indexed.
- Highlighted code loses the spans that change nothing on screen: Pygments wraps every plain name
  (class `n`) and run of whitespace (class `w`) in its own span, and Material colours plain names with
  the code's own colour. On a code-heavy lesson that was a sixth of the page's elements, each one styled
  and laid out on every load. tests/test_reader_features.py checks that the colours still match.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

# A code block as pymdownx.highlight renders it, with its title if it has one:
# <div class="language-python highlight"><span class="filename">app.py</span><pre><span></span><code>...
# (a runnable SQL block adds a class and a data-dataset attribute: see macros/sql_practice.py)
_CODE_BLOCK = re.compile(
    r'(?P<div><div class="(?:[\w+#.-]+ )*highlight"(?: data-[\w-]+="[^"]*")*)>'
    r'(?P<pre>(?:<span class="filename">[^<]*</span>)?<pre[^>]*>(?:<span></span>)?)<code'
)
# Pygments spans that look like the text around them: plain names and whitespace.
_PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')
# A mermaid diagram's source, which readers see drawn, not as text.
_DIAGRAM = re.compile(r'<pre class="mermaid"')


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
    html = _PLAIN_TOKEN.sub(r"\1", html)
    return _DIAGRAM.sub(r"\g<0> data-search-exclude", html)


def on_page_content(html: str, **kwargs: Any) -> str:
    return prepare_code_blocks(html)
