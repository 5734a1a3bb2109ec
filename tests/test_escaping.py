"""Plain text stays text at the places the theme or Markdown would otherwise read it as markup."""

from __future__ import annotations

import re
from html import unescape
from types import SimpleNamespace

import markdown
from markupsafe import Markup

import macros
from macros.core.html import md_text


def _page(meta: dict[str, str], **explicit: str) -> SimpleNamespace:
    page = SimpleNamespace(meta=meta)
    page.__dict__.update(explicit)
    return page


def test_titles_and_descriptions_are_escaped_once_for_the_theme() -> None:
    page = _page({"title": 'A & "B" <2', "description": "x > y"}, title="Nav <title>")
    env = SimpleNamespace(page=page)
    macros.on_post_page_macros(env)
    macros.on_post_page_macros(env)  # a second pass must not escape again
    assert page.meta["title"] == Markup("A &amp; &#34;B&#34; &lt;2")
    assert page.meta["description"] == Markup("x &gt; y")
    assert page.title == Markup("Nav &lt;title&gt;")


def test_markdown_text_renders_exactly_as_written() -> None:
    text = "*not em* _nor_ [link](javascript:x) :x: ==mark== <b> &amp; {#id} | ^^ins^^ ~~del~~ \\n"
    html = markdown.markdown(
        f"## {md_text(text)}\n\n- {md_text(text)}",
        extensions=["attr_list", "tables", "pymdownx.mark", "pymdownx.caret", "pymdownx.tilde", "pymdownx.emoji"],
    )
    for tag in ("<em", "<code", "<a ", "<mark", "<b>", "<ins", "<del", "<img", 'id="id"'):
        assert tag not in html, (tag, html)
    heading = re.search(r"<h2>(.*?)</h2>", html, re.S)
    assert heading and unescape(heading.group(1)) == text.strip()  # what the reader sees is what was written


def test_backticks_in_plain_text_are_inline_code_and_nothing_inside_them_is_syntax() -> None:
    """A pair of backticks is inline code, as in Markdown; inside it `<`, `&` and `*` are characters."""
    html = markdown.markdown(f"## {md_text('Use `Vec<T> & *x*` or `a | b`, not <b>')}")
    assert html == ("<h2>Use <code>Vec&lt;T&gt; &amp; *x*</code> or <code>a | b</code>, not &#60;b&#62;</h2>"), html
    assert md_text("a lone ` stays") == "a lone &#96; stays"
