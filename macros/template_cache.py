"""MkDocs hook for `make serve`: a page whose template inputs did not change is not rendered again.

`mkdocs serve` rebuilds the whole site on every save, and rendering Material's templates for every page
(navigation, header, sidebars, footer) cost about a second of each rebuild, though a save changes one
page's content, or its title in the navigation. The theme's templates are wrapped for the rebuilds of
one `make serve`: a page's HTML is reused while all of these are the same as when it was rendered:

- the page itself: its path, URLs, title, metadata, converted HTML (after every hook) and table of
  contents, and the pages before and after it;
- the whole site's shape: the navigation (every title and URL), every page's title and metadata (tags
  pages list them), the configuration as loaded (with what the hooks add to `extra`), `mkdocs.yml`;
- the templates in the theme's folders (`overrides/`, Material's own), by their content;
- anything else a plugin put into the page's template context, compared by value; a value that is not
  plain data is compared by identity, and so always renders again.

Everything after rendering still runs for every page (search records, writing the file). `mkdocs build`
never uses this cache: CI and `make test` render every page. tests/test_template_cache.py saves a
lesson, a title and a data file in a running `mkdocs serve` and compares every page with a fresh build.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path
from typing import Any

from macros.cache_files import key_json

# What MkDocs puts in every page's context, and how each one is covered by the key.
_STANDARD = {
    "nav",  # the navigation signature
    "pages",  # the same pages as the navigation
    "config",  # the configuration signature
    "page",  # the page's own inputs
    "base_url",  # follows from the page's URL
    "extra_css",  # by value, below
    "extra_javascript",
    "mkdocs_version",  # the versions are in the configuration signature
    "build_date_utc",  # the date of this rebuild; no template of ours or Material's reads it
}

_state: dict[str, Any] = {"serving": False, "site": None, "outputs": {}, "used": {}}


def on_startup(command: str, **kwargs: Any) -> None:
    _state["serving"] = command == "serve"


def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    if not _state["serving"]:
        return env
    # Entries not used by the last rebuild are dropped: memory stays about one site's worth.
    _state["outputs"], _state["used"] = _state["used"] or _state["outputs"], {}
    _state["site"] = None  # computed from the first page's context: the navigation is not known here
    get_template = env.get_template

    def cached_get_template(name: Any, *args: Any, **kwargs: Any) -> Any:
        return _CachedTemplate(get_template(name, *args, **kwargs))

    env.get_template = cached_get_template
    return env


class _CachedTemplate:
    """A theme template whose `render` reuses the HTML rendered for the same inputs."""

    def __init__(self, template: Any) -> None:
        self._template = template

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = dict(*args, **kwargs)
        if context.get("page") is None or "nav" not in context:  # not a page: sitemap, 404, a fragment
            return self._template.render(context)
        key = _page_key(self._template.name, context)
        if key is None:
            return self._template.render(context)
        html = _state["outputs"].get(key) or _state["used"].get(key)
        if html is None:
            html = self._template.render(context)
        _state["used"][key] = html
        return html


def _page_key(template_name: str, context: dict[str, Any]) -> str | None:
    """The hash of every input of the page's HTML, or None where one cannot be compared (rendered then)."""
    try:
        if _state["site"] is None:
            _state["site"] = _site_signature(context)
        return hashlib.sha256((_state["site"] + key_json(_page_inputs(template_name, context))).encode()).hexdigest()
    except (ValueError, RecursionError):
        return None  # an object that refers back to itself


def _page_inputs(template_name: str, context: dict[str, Any]) -> list[Any]:
    page = context["page"]
    neighbours = [(other.title, other.url) if other else None for other in (page.previous_page, page.next_page)]
    parents, parent = [], page.parent
    while parent is not None:
        parents.append(parent.title)
        parent = parent.parent
    return [
        template_name,
        page.file.src_uri,
        page.url,
        page.canonical_url,
        page.edit_url,
        page.title,
        hashlib.sha256((page.content or "").encode()).hexdigest(),  # the print edition's is 4 MB
        _toc(page.toc),
        page.meta,
        neighbours,
        parents,
        [str(item) for item in context.get("extra_css", [])],
        [str(item) for item in context.get("extra_javascript", [])],
        {name: value for name, value in context.items() if name not in _STANDARD},
    ]


def _site_signature(context: dict[str, Any]) -> str:
    config = context["config"]
    pages = [(file.src_uri, file.page.url, file.page.title, file.page.meta) for file in context["pages"] if file.page]
    # The configuration is mkdocs.yml (below) plus what plugins and hooks set while loading it.
    settings = {name: config[name] for name in ("extra", "mdx_configs", "site_url", "markdown_extensions")}
    theme = {name: config["theme"][name] for name in config["theme"]} | {"dirs": config["theme"].dirs}
    templates = []
    for folder in config["theme"].dirs[:1]:  # the custom folder: Material's own change only with its version
        for path in sorted(Path(folder).rglob("*.html")):
            templates.append((str(path), path.read_bytes().decode("utf-8", errors="replace")))
    versions = [version(name) for name in ("mkdocs", "mkdocs-material")]
    site = [_nav(context["nav"].items), pages, settings, theme, templates, versions]
    config_file = Path(config["config_file_path"]).read_bytes().decode("utf-8", errors="replace")
    return hashlib.sha256((key_json(site) + config_file).encode()).hexdigest()


def _nav(items: Any) -> list[Any]:
    return [
        [type(item).__name__, item.title, getattr(item, "url", None), _nav(getattr(item, "children", None) or [])]
        for item in items
    ]


def _toc(links: Any) -> list[Any]:
    return [[link.title, link.id, link.level, _toc(link.children)] for link in links or []]
