"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): build steps that are not macros.

Code blocks and diagram sources stay out of the search index. They were a quarter of its text (325 of 1,376 thousand
characters) and matched queries by keywords such as `return` or `select` rather than by what a lesson
teaches. Every reader's browser downloads the index, parses it on the page's main thread and copies it to
the search worker on each full page load, so its size is paid in blocking time on phones. Prose, headings
and inline code are still indexed; the code itself stays on the page, only out of the index.
"""

from __future__ import annotations

import re
from typing import Any

# A code block as pymdownx.highlight renders it (<div class="language-python highlight">), and a mermaid
# diagram's source (<pre class="mermaid">), which readers see as a drawing, not as text.
_CODE_BLOCK = re.compile(r'<div class="(?:language-[\w+#.-]+ )?highlight"|<pre class="mermaid"')


def exclude_code_from_search(html: str) -> str:
    """Mark every code block and diagram source with Material's data-search-exclude attribute."""
    return _CODE_BLOCK.sub(lambda match: match.group(0) + " data-search-exclude", html)


def on_page_content(html: str, **kwargs: Any) -> str:
    return exclude_code_from_search(html)
