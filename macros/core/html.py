"""Small HTML builders. Every piece of text passes through `esc` before it reaches the page."""

from __future__ import annotations

from markupsafe import escape


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
