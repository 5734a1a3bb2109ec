"""The mkdocs-macros module (`macros/__init__.py` hands mkdocs-macros these functions).

`define_env` takes the catalog the build loaded and checked before any page renders (macros/site/load.py)
and registers the documented macros (macros/render/registry.py). Pages render in a sandbox that can call
them and nothing else (macros/guard/sandbox.py); front matter is never rendered as a template, and titles
and descriptions are escaped before the theme puts them into HTML. Nothing here names the site
generator: Zensical's macros extension loads this module too.
"""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from macros.core.errors import SourceError, describe_error
from macros.core.html import plain
from macros.core.urls import page_url, project_root, relative_url
from macros.guard.contract import prepare_snippet_root
from macros.guard.emoji import restrict_to_icons
from macros.guard.sandbox import install_sandbox
from macros.model.catalog import Catalog
from macros.model.lessons import split_front_matter
from macros.render import print_edition, sql_exercises
from macros.render.registry import Macro, page_macros
from macros.render.tables import abbreviations
from macros.site.load import current

log = logging.getLogger("mkdocs.plugins.macros")


def define_env(env: Any) -> None:
    root = project_root(env.conf)
    docs_dir = Path(env.conf["docs_dir"])
    catalog = current(root, docs_dir)
    prepare_snippet_root(root)
    restrict_to_icons(env.conf["mdx_configs"])
    # Given to `abbr` as its glossary, not appended to each page as Markdown definitions: parsing about a
    # hundred definitions per page made every page's Markdown three times slower.
    env.conf["mdx_configs"].setdefault("abbr", {})["glossary"] = abbreviations(catalog)
    directory_urls = env.conf["use_directory_urls"]
    env.conf["extra"]["lesson_index"] = _lesson_index(catalog, directory_urls)

    def url_for(target: str) -> str:
        from_url = env.page.url if getattr(env, "page", None) else ""
        return relative_url(page_url(target, directory_urls), from_url)

    def print_all(area: str | None = None) -> str:
        # The print edition is assembled from the rendered lesson pages (macros/render/print_edition.py):
        # it renders no lesson's Markdown itself, so a lesson's macro error is reported against the lesson.
        return print_edition.print_edition(catalog, area)

    docs = docs_dir.relative_to(root) if docs_dir.is_relative_to(root) else docs_dir
    documented = page_macros(catalog, url_for, print_all, sql_exercises.load_expected(root))
    for name, macro in documented.items():
        env.macro(_reported(name, macro, env, docs), name)
    env.variables["documented_macros"] = set(documented)
    # mkdocs-macros renders a page title that contains `{{` as a template; front matter is data, never code.
    env.has_j2 = lambda text: False


def on_pre_page_macros(env: Any) -> None:
    install_sandbox(env, env.variables["documented_macros"])


def on_post_page_macros(env: Any) -> None:
    """Titles and descriptions are plain text (core/plain_text.py); escaped here, they stay text wherever the
    theme prints them raw: the <title>, the meta description, the navigation, the search index. These show no
    formatting, so the backticks of inline code are dropped."""
    page = env.page
    for key in ("title", "description"):
        if isinstance(page.meta.get(key), str) and not isinstance(page.meta[key], Markup):
            page.meta[key] = escape(plain(page.meta[key]))
    # A title given in .nav.yml is set on the page itself and wins over the front matter's.
    explicit = vars(page).get("title")
    if isinstance(explicit, str) and not isinstance(explicit, Markup):
        page.title = escape(plain(explicit))


def _reported(name: str, macro: Macro, env: Any, docs: Path) -> Macro:
    """A macro that, when it fails, says where in one line and stops the build (no traceback).

    mkdocs-macros would print the failure with a traceback against whichever page was rendering."""

    @functools.wraps(macro)
    def call(*args: Any, **kwargs: Any) -> str:
        try:
            return macro(*args, **kwargs)
        except SourceError as error:
            message = error.report()
        except Exception as error:
            message = f"{_calling_page(env, docs)}: {name}: {describe_error(error)}"
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


def _lesson_index(catalog: Catalog, directory_urls: bool) -> dict[str, dict[str, str]]:
    """Titles and site-root URLs of lessons, for the theme's lesson header (prerequisite links)."""
    return {
        ref: {"title": lesson.meta.title, "url": page_url(ref, directory_urls)}
        for ref, lesson in catalog.lessons.items()
    }
