"""MkDocs hook: a page is converted from Markdown to HTML again only when something its HTML depends on changed.

Converting Markdown is the largest part of a build, and between two builds on a contributor's machine
(or two saves in `make serve`) almost every page is what it was. So `Page.render` is wrapped: what it
produced for a page (HTML, table of contents, title, anchors, links to other pages' anchors) is kept in
`.cache/pages.json` and reused while the hash of these inputs is the same:

- the page's path and its Markdown as the macros plugin left it, with a placeholder where a macro's HTML
  goes: that HTML is put in after conversion, on every build (macros/generated_html.py), so a page whose
  data changed but whose Markdown did not is not converted again;
- the Markdown extensions and their settings (with the glossary's abbreviations), and MkDocs' settings
  for URLs and link validation;
- the set of files and their URLs (links, and whether they are valid, depend on what exists);
- the content of every file snippets may include (`examples/`, `labs/`, `templates/`);
- the versions of Python, MkDocs, Material, Python-Markdown, pymdown-extensions and Pygments, and the
  source of this package (its emoji index and highlight cache shape the HTML).

A conversion that logged a warning is not kept, so the warning comes again on the next build and
`--strict` still fails on it. Each build writes back only the pages it converted or reused, so the file
never holds stale entries. tests/test_build.py builds cold and warm and compares every file byte for byte;
tests/test_render_cache.py pins what `Page.render` sets and what misses the cache. In `make serve` the
entries also stay in memory between rebuilds. A build that starts with none shares its pages with a child
process, which hands back its entries (`on_nav`, macros/page_handoff.py).
"""

from __future__ import annotations

import functools
import hashlib
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs.structure.toc import AnchorLink, get_toc

# MkDocs loads a hook by its file path, before the macros plugin puts the project on the import path.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import generated_html, page_handoff
from macros.cache_files import code_digest, key_json, read_json, write_json
from macros.contract import SNIPPET_ROOTS
from macros.generator import Page
from macros.warnings_seen import counting_warnings

CACHE_FILE = Path(".cache") / "pages.json"
# What `Page.render` sets besides links_to_anchors (which is keyed by File, and stored by path).
RENDERED = ("content", "toc", "_title_from_render", "present_anchor_ids")
_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments")

_original = Page.render
_state: dict[str, Any] = {
    "serving": False,
    "building": False,
    "path": None,
    "context": "",
    "stored": {},
    "used": {},
    "written": None,
}


def on_config(config: Any, **kwargs: Any) -> Any:
    path = Path(config["config_file_path"]).parent / CACHE_FILE
    if _state["path"] != path:  # a build, or the first build of `make serve`: read what the last one left
        stored = read_json(path)
        stored = stored if isinstance(stored, dict) else {}  # none yet, or damaged: convert every page
        _state.update(path=path, stored=stored, written=stored)
    _state["used"] = {}
    Page.render = _cached_render  # type: ignore[method-assign]
    return config


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    """Everything a page's HTML depends on besides its own Markdown, fingerprinted once per build."""
    root = Path(config["config_file_path"]).parent
    context = {
        "markdown": [config["markdown_extensions"], config["mdx_configs"]],
        "urls": [config["use_directory_urls"], config["validation"]],
        "files": sorted((file.src_uri, file.dest_uri) for file in files),
        # Snippets read from these folders (mkdocs.yml `pymdownx.snippets`, through .cache/snippets).
        "snippets": [_folder_digest(root / folder) for folder in SNIPPET_ROOTS],
        "code": [sys.version, *(version(package) for package in _PACKAGES), code_digest()],
    }
    _state["context"] = hashlib.sha256(key_json(context).encode()).hexdigest()
    return files


def on_startup(command: str, **kwargs: Any) -> None:
    _state["serving"] = command == "serve"
    _state["building"] = command == "build"


def on_nav(nav: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    """A build that starts with no converted pages kept shares them with a child process (macros/page_handoff.py)."""
    if _state["building"] and not _state["stored"] and page_handoff.available():
        pages = [file.page for file in files.documentation_pages() if file.page is not None]

        def convert(page: Page) -> None:  # what MkDocs does to a page up to its conversion
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            page.render(config, files)

        page_handoff.fork(page_handoff.share(pages), convert)
    return nav


def on_pre_page(page: Page, **kwargs: Any) -> Page:
    page_handoff.take_back(page.file.src_uri)
    return page


def on_build_error(**kwargs: Any) -> None:
    page_handoff.abandon()


def _handed(taken: dict[str, Any]) -> None:
    _state["stored"] = {**_state["stored"], **taken}


page_handoff.keeps("pages", lambda sources: {s: _state["used"][s] for s in sources if s in _state["used"]}, _handed)


def on_post_build(config: Any, **kwargs: Any) -> None:
    page_handoff.abandon()
    _state["stored"], _state["used"] = _state["used"], {}
    if not _state["serving"]:
        _write()
    # `make serve` keeps the pages in memory and writes them once, when it stops (a tenth of a second).


def on_shutdown(**kwargs: Any) -> None:
    _write()


def _write() -> None:
    """Write the pages of the last build, unless they are what the file holds already."""
    path: Path | None = _state["path"]
    if path is None or not _state["stored"] or _state["stored"] == _state["written"]:
        return
    write_json(path, _state["stored"])
    _state["written"] = _state["stored"]


def _folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(folder)}\0".encode() + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _toc_tokens(links: list[AnchorLink]) -> list[dict[str, Any]]:
    """The table of contents as the `toc` extension's tokens, which `get_toc` turns back into it."""
    return [
        {"name": link.title, "id": link.id, "level": link.level, "children": _toc_tokens(link.children)}
        for link in links
    ]


@functools.wraps(_original)
def _cached_render(self: Page, config: Any, files: Any) -> None:
    held = generated_html.page_chunks.pop(self.file.src_uri, ())
    _converted(self, config, files)
    if not held:
        return
    # The macros' HTML goes where its placeholders are (macros/generated_html.py); it is kept out of the
    # stored entry, which stays valid while the page's Markdown is the same whatever the data shows.
    filled = generated_html.fill(self.content, held)
    if filled is None:  # a placeholder Markdown did not leave as its own paragraph: convert the page as it was
        self.markdown = generated_html.restore(self.markdown, held)
        _converted(self, config, files)
        return
    self.content = filled
    self.present_anchor_ids = set(self.present_anchor_ids or ()).union(*map(generated_html.anchor_ids, held))


def _converted(self: Page, config: Any, files: Any) -> None:
    source = self.file.src_uri
    key = hashlib.sha256(f"{_state['context']}\0{source}\0{self.markdown}".encode()).hexdigest()
    stored = _state["used"].get(source) or _state["stored"].get(source)
    if isinstance(stored, dict) and stored.get("key") == key:
        self.content = stored["content"]
        self.toc = get_toc(stored["toc"])
        self._title_from_render = stored["title"]
        self.present_anchor_ids = set(stored["anchors"])
        if stored["links"] is not None:
            self.links_to_anchors = {
                files.get_file_from_path(path): anchors for path, anchors in stored["links"].items()
            }
        _state["used"][source] = stored
        return
    with counting_warnings() as warnings:
        _original(self, config, files)
    if warnings.count:
        return  # not kept: the next build converts it again and logs the warning again
    links = getattr(self, "links_to_anchors", None)
    _state["used"][source] = {
        "key": key,
        "content": self.content,
        "toc": _toc_tokens(list(self.toc)),
        "title": self._title_from_render,
        # Sorted so that the same page gives the same entry in every process (None: an anchor without id).
        "anchors": sorted(self.present_anchor_ids or (), key=lambda anchor: (anchor is None, anchor or "")),
        "links": None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
    }
