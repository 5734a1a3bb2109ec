"""Small HTML builders. Every piece of text passes through `esc` before it reaches the page."""

from __future__ import annotations

import re

from markupsafe import escape


def esc(value: object) -> str:
    return str(escape(str(value)))


# Characters that mean something to Markdown or its extensions (links, emphasis, emoji, attribute lists,
# abbreviations, marks, keys, tables) or to HTML. As numeric references they are just characters.
_MARKDOWN_SPECIAL = {ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#!|~^=:<>&\"'"}


# Plain text from data and front matter may say anything (`<script>`, `a < b & c`); a pair of backticks marks
# inline code, as in Markdown. Every context shows the characters as written: HTML escapes them, generated
# Markdown writes them so that nothing in them is read as syntax, and plain contexts (the <title>, meta tags,
# the navigation, search records) drop the backticks.
_CODE_SPAN = re.compile(r"`([^`]+)`")


def plain(value: object) -> str:
    """The text a context without formatting shows: the backticks of inline code dropped."""
    return _CODE_SPAN.sub(r"\1", str(value))


def text_html(value: object) -> str:
    """Plain text as HTML: every character escaped, `code` spans as <code>."""
    parts = _CODE_SPAN.split(str(value))
    return "".join(tag("code", esc(part)) if index % 2 else esc(part) for index, part in enumerate(parts))


def md_text(value: object) -> str:
    """Plain text to put into generated Markdown (headings, list items, link text): it renders as written, and
    `code` spans as inline code (a code span is literal in Markdown, so its characters need no escaping)."""
    parts = _CODE_SPAN.split(str(value).replace("\n", " "))
    return "".join(
        _code_span(part) if index % 2 else "".join(_MARKDOWN_SPECIAL.get(ch, ch) for ch in part)
        for index, part in enumerate(parts)
    )


def _code_span(code: str) -> str:
    # Leading or trailing spaces are stripped from a code span by Markdown: pad both sides when present.
    return f"`{' ' + code + ' ' if code.startswith(' ') or code.endswith(' ') else code}`"


def tag(name: str, content: str = "", **attrs: object) -> str:
    """`content` must already be HTML; attribute values are escaped here."""
    rendered = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{esc(value)}"' for key, value in attrs.items() if value is not None
    )
    return f"<{name}{rendered}>{content}</{name}>"


def link(text: str, href: str, **attrs: object) -> str:
    return tag("a", text_html(text), href=href, **attrs)
