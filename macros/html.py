"""Small HTML builders. Every piece of text passes through `esc` before it reaches the page."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from markupsafe import escape

from macros.generator import icons_dir
from macros.schema import Source


def esc(value: object) -> str:
    return str(escape(str(value)))


# Characters that mean something to Markdown or its extensions (links, emphasis, emoji, attribute lists,
# abbreviations, marks, keys, tables) or to HTML. As numeric references they are just characters.
_MARKDOWN_SPECIAL = {ch: f"&#{ord(ch)};" for ch in "\\`*_{}[]()#!|~^=:<>&\"'"}


def md_text(value: object) -> str:
    """Plain text to put into generated Markdown (headings, list items, link text): it renders as written."""
    return "".join(_MARKDOWN_SPECIAL.get(ch, ch) for ch in str(value).replace("\n", " "))


def tag(name: str, content: str = "", **attrs: object) -> str:
    """`content` must already be HTML; attribute values are escaped here."""
    rendered = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{esc(value)}"' for key, value in attrs.items() if value is not None
    )
    return f"<{name}{rendered}>{content}</{name}>"


def link(text: str, href: str, **attrs: object) -> str:
    return tag("a", esc(text), href=href, **attrs)


def source_links(sources: Iterable[Source]) -> str:
    items = "".join(tag("li", link(source.title, source.url)) for source in sources)
    return tag("ul", items, class_="bs-sources") if items else ""


@cache
def icon(name: str) -> str:
    """Inline one of Material's bundled SVG icons (no request at view time)."""
    path = icons_dir() / f"{name}.svg"
    return path.read_text(encoding="utf-8").replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
