"""Macros for the Backend Skills site (mkdocs-macros `module_name: macros`).

`define_env` loads and validates every data file, every lesson's front matter and every page's contract
(`macros/contract.py`) before any page renders, and fails the build with one message listing each problem
by file, line and field. Pages then render in a sandbox (`macros/sandbox.py`) that can call the documented
macros and nothing else, front matter is never rendered as a template, and titles and descriptions are
escaped before the theme puts them into HTML.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import sys
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from macros import generated_html, page_handoff, print_edition, render, sql_exercises
from macros.cache_files import code_digest, key_json, package_version, read_json, write_json
from macros.catalog import Catalog
from macros.catalog_cache import load_catalog_and_key
from macros.contract import prepare_snippet_root
from macros.emoji import restrict_to_icons
from macros.errors import SourceError, describe_error
from macros.generator import PluginError, project_root, relative_url
from macros.lessons import split_front_matter
from macros.registry import Macro, page_macros
from macros.sandbox import install_sandbox
from macros.warnings_seen import counting_warnings

log = logging.getLogger("mkdocs.plugins.macros")


def define_env(env: Any) -> None:
    root = project_root(env.conf)
    docs_dir = Path(env.conf["docs_dir"])
    try:
        catalog, inputs_key = load_catalog_and_key(root, docs_dir)
    except SourceError as error:
        raise PluginError(error.report()) from None

    prepare_snippet_root(root)
    restrict_to_icons(env.conf["mdx_configs"])
    # Given to `abbr` as its glossary, not appended to each page as Markdown definitions: parsing about a
    # hundred definitions per page made every page's Markdown three times slower.
    env.conf["mdx_configs"].setdefault("abbr", {})["glossary"] = render.abbreviations(catalog)
    env.conf["extra"]["lesson_index"] = _lesson_index(catalog, env.conf["use_directory_urls"])

    def url_for(target: str) -> str:
        page_url = env.page.url if getattr(env, "page", None) else ""
        return relative_url(_url(target, env.conf["use_directory_urls"]), page_url)

    def print_all(area: str | None = None) -> str:
        # The print edition is assembled from the rendered lesson pages (macros/print_edition.py): it
        # renders no lesson's Markdown itself, so a lesson's macro error is reported against the lesson.
        return print_edition.print_edition(catalog, area)

    docs = docs_dir.relative_to(root) if docs_dir.is_relative_to(root) else docs_dir
    expected = sql_exercises.load_expected(root)
    documented = page_macros(catalog, url_for, print_all, expected)
    _remember_renders(env, catalog, expected)
    generated_html.page_chunks.clear()
    if _renders["kept"] is None:  # the first build of this process
        _renders["kept"] = False
        if inputs_key is not None:
            _restore_renders(root, [inputs_key, expected, env.conf["use_directory_urls"]])
    for name, macro in documented.items():
        env.macro(_reported(name, macro, env, docs), name)
    env.variables["documented_macros"] = set(documented)
    # mkdocs-macros renders a page title that contains `{{` as a template; front matter is data, never code.
    env.has_j2 = lambda text: False


# A page's rendered Markdown, by everything the documented macros read: its Markdown, URL and front matter,
# the catalog and the SQL exercises' expected results. `make serve` re-renders one page a save, not all.
_renders: dict[str, Any] = {"inputs": None, "pages": {}, "kept": None}

# Between processes, the renders of a build are kept in RENDERS_FILE under the catalog's inputs_key (every
# byte of data/, docs/ and the snippet folders, the libraries' versions, the source of this package), the
# SQL expected results and the URL style. The first build of the next process reuses them while that key
# is the same: the macros of a build whose sources did not change render nothing.
RENDERS_FILE = Path(".cache") / "macros.json"
_RENDER_PACKAGES = ("mkdocs-macros-plugin", "jinja2", "markupsafe")


def _restore_renders(root: Path, inputs: list[Any]) -> None:
    versions = [package_version(name) for name in _RENDER_PACKAGES]
    key = hashlib.sha256(key_json([inputs, versions, code_digest()]).encode())
    path = root / RENDERS_FILE
    kept = read_json(path)
    if isinstance(kept, dict) and kept.get("inputs") == key.hexdigest() and isinstance(kept.get("pages"), dict):
        pages = kept["pages"].items()
        _renders["pages"].update(
            {
                src: (entry[0], entry[1], tuple(entry[2]))
                for src, entry in pages
                if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[2], list)
            }
        )
    _renders["kept"] = (path, key.hexdigest(), dict(_renders["pages"]))


# A cold build's child (macros/page_handoff.py) hands back the renders of its pages.
page_handoff.keeps(
    "renders",
    lambda sources: {src: entry for src, entry in _renders["pages"].items() if src in sources},
    lambda taken: _renders["pages"].update(taken),
)


def on_post_build(env: Any) -> None:
    """Keep this build's renders for the next process (once: later rebuilds of `make serve` are not kept)."""
    if not _renders["kept"]:
        return
    path, key, restored = _renders["kept"]
    _renders["kept"] = False
    if _renders["pages"] != restored:
        pages = {src: [page_key, rendered, list(held)] for src, (page_key, rendered, held) in _renders["pages"].items()}
        write_json(path, {"inputs": key, "pages": pages})


def _remember_renders(env: Any, catalog: Catalog, expected: dict[str, Any]) -> None:
    inputs = (catalog, json.dumps(expected, sort_keys=True, default=str))
    if _renders["inputs"] is None or _renders["inputs"][0] is not catalog or _renders["inputs"][1] != inputs[1]:
        _renders.update(inputs=inputs, pages={})
    render = getattr(env, "render", None)
    if render is None:  # a generator whose macros engine renders pages some other way (Zensical)
        return

    def remembered(markdown: str, force_rendering: bool = False) -> str:
        page = env.page
        if page is None:
            return render(markdown, force_rendering)
        meta = json.dumps(page.meta, sort_keys=True, default=str)
        key = hashlib.sha256(f"{page.file.src_uri}\0{page.url}\0{meta}\0{force_rendering}\0{markdown}".encode())
        known = _renders["pages"].get(page.file.src_uri)
        if known is not None and known[0] == key.hexdigest():
            rendered, held = known[1], known[2]
        else:
            with counting_warnings() as warnings:
                rendered, held = generated_html.rendered_holding(markdown, lambda: render(markdown, force_rendering))
            if not warnings.count:
                _renders["pages"][page.file.src_uri] = (key.hexdigest(), rendered, held)
        # Page.render (macros/render_cache.py) puts the held HTML where its placeholders are.
        generated_html.page_chunks[page.file.src_uri] = held
        return rendered

    env.render = remembered


def on_pre_page_macros(env: Any) -> None:
    install_sandbox(env, env.variables["documented_macros"])


def on_post_page_macros(env: Any) -> None:
    """Titles and descriptions are plain text (schema.plain_text); escaped here, they stay text wherever the
    theme prints them raw: the <title>, the meta description, the navigation, the search index."""
    page = env.page
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str) and not isinstance(page.meta[key], Markup):
            page.meta[key] = escape(page.meta[key])
    # A title given in .nav.yml is set on the page itself and wins over the front matter's.
    explicit = vars(page).get("title")
    if isinstance(explicit, str) and not isinstance(explicit, Markup):
        page.title = escape(explicit)


_calls_in_progress = 0  # > 1 while a macro runs inside another (the print edition renders lessons)


def _reported(name: str, macro: Macro, env: Any, docs: Path) -> Macro:
    """A macro that, when it fails, says where in one line and stops the build (no traceback).

    mkdocs-macros would print the failure with a traceback against whichever page was rendering. A call
    made while another macro runs (a lesson's, rendered into the print edition) lets its error travel up
    instead, so the outer macro can name the lesson file and line rather than print.md."""

    @functools.wraps(macro)
    def call(*args: Any, **kwargs: Any) -> str:
        global _calls_in_progress
        _calls_in_progress += 1
        try:
            output = macro(*args, **kwargs)
            # What a page's template shows; a macro called inside another is part of that one's output.
            return generated_html.hold(output) if _calls_in_progress == 1 else output
        except SourceError as error:
            if _calls_in_progress > 1:
                raise
            message = error.report()
        except Exception as error:
            if _calls_in_progress > 1:
                raise
            message = f"{_calling_page(env, docs)}: {name}: {describe_error(error)}"
        finally:
            _calls_in_progress -= 1
        log.error(message)
        raise SystemExit(1)

    return call


def _calling_page(env: Any, docs: Path) -> str:
    """`docs/page.md:line` of the template call being run, found from the Jinja frame that made it."""
    page = getattr(env, "page", None)
    if page is None:
        return "?"
    source = docs / page.file.src_uri
    frame = sys._getframe(2)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return f"{source}:{template.get_corresponding_lineno(frame.f_lineno) + _body_line(source) - 1}"
        frame = frame.f_back
    return str(source)


def _body_line(path: Path) -> int:
    parts = split_front_matter(path.read_text(encoding="utf-8")) if path.is_file() else None
    return parts[2] if parts else 1


def _url(target: str, directory_urls: bool) -> str:
    """URL of a page named by its docs path without `.md`: `security/index` -> `security/`."""
    if target.endswith("/index") or target == "index":
        return target[: -len("index")]
    return f"{target}/" if directory_urls else f"{target}.html"


def _lesson_index(catalog: Catalog, directory_urls: bool) -> dict[str, dict[str, str]]:
    """Titles and site-root URLs of lessons, for the theme's lesson header (prerequisite links)."""
    return {
        ref: {"title": lesson.meta.title, "url": _url(ref, directory_urls)} for ref, lesson in catalog.lessons.items()
    }
