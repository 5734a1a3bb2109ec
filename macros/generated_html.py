"""HTML that the macros generate goes around Python-Markdown, not through it.

A macro's table, checklist or A-Z list is finished HTML, and Python-Markdown would only pass it through:
it parses every raw HTML block with its HTML parser (twice: MkDocs parses the page once more for anchor
ids) to hand back the same text. On the eight pages that list every lesson, that parsing took most of
their conversion under a profiler, and a lesson-title save in `make serve` converted all eight again.

So while a page's macros render, each chunk of their output that is nothing but whole block-level HTML
elements is held back and a placeholder word stands in the Markdown (`hold`). After conversion the
placeholder's paragraph, `<p>word</p>`, is replaced by the held HTML (`fill`): the same place and the same
bytes Python-Markdown gives a raw HTML block. The placeholders are numbered by position, so a page whose
generated data changed but whose Markdown did not keeps its converted HTML in the render cache
(macros/render_cache.py) and only the held HTML is new.

A chunk is held only where Python-Markdown would certainly have kept it verbatim:
- the chunk is whole HTML elements, each block-level, with nothing but whitespace between them, and no
  `markdown` attribute (md_in_html would convert inside it);
- its placeholder stands alone on a line of the page at column 0, between blank lines (`settle`);
- the page uses no `markdown` attribute anywhere and never contains the placeholder prefix itself.
Anything else keeps the HTML in the Markdown, exactly as before. And if, after conversion, a placeholder
is not found as its own paragraph exactly once, the page is converted again with its HTML put back.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache

from markdown.util import BLOCK_LEVEL_ELEMENTS

PREFIX = "bsgeneratedhtml"
_PLACEHOLDER = re.compile(rf"{PREFIX}(\d+)z")
# Void elements have no end tag; everything else our builders write is closed (macros/html.py `tag`).
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*?)?)(/?)>")  # attributes never hold a raw < or >
_MARKDOWN_ATTRIBUTE = re.compile(r"<[a-zA-Z][^<>\n]*\smarkdown(?:\s*=|\s|/?>)")
_ID = re.compile(r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_BLOCK_LEVEL = frozenset(BLOCK_LEVEL_ELEMENTS)

# What each page's placeholders hold, from its macros render to its conversion, by the page's src_uri.
page_chunks: dict[str, tuple[str, ...]] = {}
_held: list[list[str]] = []  # the chunks held for the page whose macros are rendering (none: not holding)


def rendered_holding(source: str, render: Callable[[], str]) -> tuple[str, tuple[str, ...]]:
    """`render()`'s Markdown for a page whose Markdown is `source`, and the HTML chunks its placeholders hold.

    Nothing is held on a page that uses md_in_html or writes the prefix itself: a placeholder there could
    be the contributor's, and filling it would put generated HTML where the page did not call for it."""
    if PREFIX in source or _MARKDOWN_ATTRIBUTE.search(source):
        return render(), ()
    held: list[str] = []
    _held.append(held)
    try:
        rendered = render()
    finally:
        _held.pop()
    return settle(rendered, held)


def hold(output: str) -> str:
    """A macro's output with each chunk of pure block HTML replaced by a placeholder (as is when not holding)."""
    if not _held or "<" not in output:
        return output
    chunks = output.split("\n\n")
    elements = [_html_blocks(chunk) for chunk in chunks]
    if any(found is None and "<" in chunk for chunk, found in zip(chunks, elements, strict=True)):
        return output  # Markdown mixed with HTML: whether Markdown keeps it verbatim is not ours to guess
    held = _held[-1]
    placed = []
    for chunk, found in zip(chunks, elements, strict=True):
        if found is None:
            placed.append(chunk)
        else:
            placed.append(f"{PREFIX}{len(held)}z")
            # As Python-Markdown writes raw HTML blocks: each top-level element on a line of its own.
            held.append("\n".join(found))
    return "\n\n".join(placed)


@lru_cache(maxsize=4096)
def _html_blocks(chunk: str) -> tuple[str, ...] | None:
    """The top-level elements of `chunk` if it is block-level HTML elements, whole, with only whitespace
    around and between them; None if it is anything else."""
    if not chunk.startswith("<") or _MARKDOWN_ATTRIBUTE.search(chunk):
        return None
    elements: list[str] = []
    open_tags: list[str] = []
    start = end = 0
    for match in _TAG.finditer(chunk):
        if not open_tags:
            if chunk[end : match.start()].strip():
                return None  # text between top-level elements: Markdown would convert it
            start = match.start()
        closing, name, _, self_closing = match.groups()
        name = name.lower()
        if closing:
            if not open_tags or open_tags.pop() != name:
                return None
        elif not open_tags and name not in _BLOCK_LEVEL:
            return None
        elif name not in _VOID and not self_closing:
            open_tags.append(name)
        end = match.end()
        if not open_tags:
            elements.append(chunk[start:end])
    # A `<` outside any tag (a comment, a processing instruction) is beyond this check: keep it in Markdown.
    if open_tags or chunk[end:].strip() or "<" in _TAG.sub("", chunk):
        return None
    return tuple(elements)


def settle(rendered: str, held: list[str]) -> tuple[str, tuple[str, ...]]:
    """The rendered Markdown and the chunks its placeholders stand for, numbered again in order.

    A placeholder that is not alone on its line, between blank lines, gets its HTML back in place."""
    if not held:
        return rendered, ()
    lines = rendered.split("\n")
    standalone: set[int] = set()
    for number, line in enumerate(lines):
        match = _PLACEHOLDER.fullmatch(line)
        if (
            match
            and (number == 0 or not lines[number - 1].strip())
            and (number == len(lines) - 1 or not lines[number + 1].strip())
        ):
            standalone.add(int(match.group(1)))
    kept: list[str] = []

    def place(match: re.Match[str]) -> str:
        chunk = held[int(match.group(1))]
        if int(match.group(1)) not in standalone:
            return chunk
        kept.append(chunk)
        return f"{PREFIX}{len(kept) - 1}z"

    return _PLACEHOLDER.sub(place, rendered), tuple(kept)


def restore(markdown: str, held: tuple[str, ...] | list[str]) -> str:
    """Markdown with every placeholder replaced by the HTML it stands for."""
    return _PLACEHOLDER.sub(lambda match: held[int(match.group(1))], markdown) if held else markdown


def fill(content: str, held: tuple[str, ...]) -> str | None:
    """Converted HTML with each placeholder's paragraph replaced by its HTML; None if one is not found once."""
    if not held:
        return content
    parts = re.split(rf"<p>({PREFIX}\d+z)</p>", content)
    found = [int(_PLACEHOLDER.fullmatch(token).group(1)) for token in parts[1::2]]  # type: ignore[union-attr]
    if sorted(found) != list(range(len(held))) or _PLACEHOLDER.search("".join(parts[0::2])):
        return None
    # Python-Markdown ends a raw HTML block with a line break of its own, and strips the page's last one.
    parts[1::2] = [held[number] + "\n" for number in found]
    return "".join(parts).rstrip("\n") if not parts[-1] else "".join(parts)


@lru_cache(maxsize=4096)
def anchor_ids(chunk: str) -> frozenset[str]:
    """The ids MkDocs would find in `chunk` (as its raw-HTML scan does: every `id`, and `name` on `<a>`)."""
    ids = set()
    for match in _TAG.finditer(chunk):
        closing, name, attributes, _ = match.groups()
        if closing or not attributes:
            continue
        for attribute in _ID.finditer(attributes):
            key, value = attribute.group(1), next(v for v in attribute.groups()[1:] if v is not None)
            if key == "id" or name.lower() == "a":
                ids.add(html.unescape(value))
    return frozenset(ids)
