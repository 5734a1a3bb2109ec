"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): build steps on the rendered HTML of pages.

The print edition is filled in once every page is rendered (`on_env`; see macros/print_edition.py).
A page whose front matter hides its table of contents carries none in its HTML (`on_page_context`):
Material only hides it, and its script still watches every entry. On /tags/ that was two lists of
276 tags, 550 elements that Material's script checked for visibility one by one on every load.
Four jobs on every page's code blocks, and one on the print edition's:

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
  The edition's blocks are its lessons' blocks, so this runs once the edition is filled in (`on_env`).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import html as html_text
import itertools
import logging
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.toc import TableOfContents

# MkDocs loads a hook by its file path, before the macros plugin puts the project on the import path.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.cache_files import code_digest, read_json, write_json
from macros.generator import relative_url

log = logging.getLogger("mkdocs.hooks.diagrams")

# A code block as pymdownx.highlight renders it, with its title if it has one:
# <div class="language-python highlight"><span class="filename">app.py</span><pre><span></span><code>...
# (a runnable SQL block adds a class and a data-dataset attribute: see macros/sql_practice.py)
_CODE_BLOCK = re.compile(
    r'(?P<div><div class="(?:[\w+#.-]+ )*highlight"(?: data-[\w-]+="[^"]*")*)>'
    r'(?P<pre>(?:<span class="filename">[^<]*</span>)?<pre[^>]*>(?:<span></span>)?)<code'
)
# A code block's <code> once prepared, with the block's title if it has one, and its copy button unless
# the print edition has taken it out.
_PREPARED_CODE = re.compile(
    r'(?:<span class="filename">(?P<title>[^<]*)</span>)?<pre[^>]*>(?:<span></span>)?'
    r'(?:<nav class="md-code__nav bs-code-actions"[^>]*>.*?</nav>)?<code(?P<attributes>[^>]*)>(?P<code>.*?)</code>',
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
# Each print-edition page as last filled, by the hash of what it was filled from; kept in PRINT_CACHE.
PRINT_CACHE = Path(".cache") / "print-edition.json"
_filled: dict[str, list[str]] = {}
_print_cache_path: Path | None = None
_diagrams: Any = None
_renderer: Any = None  # `make serve`'s browser for drawing diagrams
_memory_settled = False


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


def on_startup(command: str, **kwargs: Any) -> None:
    global _mode
    _mode = os.environ.get("BACKEND_SKILLS_DIAGRAMS") or ("serve" if command == "serve" else "build")
    if command == "build":
        from macros.catalog_cache import read_once

        read_once()


def on_pre_build(config: Any, **kwargs: Any) -> None:
    _settle_memory()
    # mkdocs loads this file by path; the macros package is importable once the macros plugin has started.
    global _diagrams, _renderer
    from macros.diagrams import Diagrams, Renderer

    if _mode == "serve" and _renderer is None:
        _renderer = Renderer()  # kept open between rebuilds, closed when serve stops
    _diagrams = Diagrams(_mode, renderer=_renderer if _mode == "serve" else None)
    if _mode == "serve":
        _diagrams.prefetch_paths(Path(config["config_file_path"]).parent, Path(config["docs_dir"]))


def _settle_memory() -> None:
    """Once per process, before the first page: leave what is loaded by now out of garbage collection.

    By the first page the libraries, the theme and the catalog are loaded, and they stay to the end. Python's
    collector went through all of them again at each full collection: 0.6 to 0.8 s of a cold build (8 full
    collections) and a tenth of a second of each rebuild in `make serve`. Frozen, they are skipped, and
    collections come less often (a build makes many short-lived objects and few cycles). Frozen objects are
    never collected: in `make serve` that is the first build's, once, not each rebuild's."""
    global _memory_settled
    if _memory_settled:
        return
    _memory_settled = True
    gc.freeze()  # without a collection first: it would cost what one saves, and freeze little garbage
    gc.set_threshold(20_000, 20, 20)


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    preview = relative_url("assets/javascripts/diagram-preview.js", page.url)
    return prepare_code_blocks(_diagrams.page(html, page.file.src_uri, preview))


def on_page_context(context: dict[str, Any], page: Any, **kwargs: Any) -> dict[str, Any]:
    # Material's templates draw the table of contents from `page.toc`, in the sidebar and in the nav.
    if "toc" in (page.meta.get("hide") or []):
        page.toc = TableOfContents([])
    return context


def on_post_build(**kwargs: Any) -> None:
    removed = _diagrams.finish()
    if _diagrams.drawn:
        log.info("drew %d diagram(s) into diagrams/: commit them", len(_diagrams.drawn))
    if removed:
        log.info("removed %d unused diagram(s) from diagrams/", len(removed))


def on_shutdown(**kwargs: Any) -> None:
    global _renderer
    if _mode == "serve" and _filled and _print_cache_path is not None:
        write_json(_print_cache_path, dict(_filled))
    if _renderer is not None:
        _renderer.close()
        _renderer = None


def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    """Fill the print edition's slots with the lessons' HTML, now that every page has been converted."""
    # MkDocs loads this file by path; the macros plugin has imported the `macros` package by now.
    from macros.print_edition import fill_slots, lesson_refs_in

    # The theme's templates are compiled to Python on every build, half a second each time `make serve`
    # rebuilds. Kept in .cache/, keyed by each template's source, an edited template is compiled again.
    templates = Path(config["config_file_path"]).parent / ".cache" / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(templates))

    global _print_cache_path
    kept = _print_cache_path = Path(config["config_file_path"]).parent / PRINT_CACHE
    if not _filled:  # the first build of this process: what the last one assembled
        stored = read_json(kept)
        _filled.update(stored if isinstance(stored, dict) else {})
    filled: dict[str, list[str]] = {}
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.content:
            continue
        refs = lesson_refs_in(page.content)
        lessons = {ref: _rendered(files, ref) for ref in refs}
        focus = page.meta.get("template") in _WITHOUT_THEME_SCRIPT
        if not (lessons or focus):
            continue
        # An edition whose page and lessons are unchanged is not assembled again (3 MB, 0.7 s).
        digest = hashlib.sha256(f"{code_digest()}\0{file.url}\0{focus}\0{page.content}".encode())
        for ref, (url, content) in lessons.items():
            digest.update(f"\0{ref}\0{url}\0{content}".encode())
        key = digest.hexdigest()
        known = _filled.get(file.src_uri)
        if isinstance(known, list) and len(known) == 2 and known[0] == key:
            page.content = known[1]
        else:
            page.content = fill_slots(page.content, file.url, lessons) if lessons else page.content
            page.content = focus_wide_code_blocks(page.content) if focus else page.content
        filled[file.src_uri] = [key, page.content]
    changed = filled != _filled
    _filled.clear()
    _filled.update(filled)
    if changed and _mode != "serve":  # `make serve` writes it when it stops
        write_json(kept, filled)
    return env


def _rendered(files: Any, ref: str) -> tuple[str, str]:
    file = files.get_file_from_path(f"{ref}.md")
    return file.url, file.page.content
