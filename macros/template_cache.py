"""MkDocs hook for `make serve`: a page whose template inputs did not change is not rendered again.

`mkdocs serve` rebuilds the whole site on every save, and rendering Material's templates for every page
(navigation, header, sidebars, footer) cost about a second of each rebuild, though a save changes one
page's content, or its title in the navigation. The theme's templates are wrapped for the rebuilds of
one `make serve`: a page's HTML is reused while all of these are the same as when it was rendered:

- the page itself: its path, URLs, title, metadata, converted HTML (after every hook) and table of
  contents, its parents' titles, and the pages before and after it;
- the navigation as this page's sidebar shows it (`_nav_view`, which follows
  `overrides/partials/nav-item.html`): every item of the sections it opens, and of each pruned section
  only its title and the link to its first page; with `navigation.tabs`, the whole navigation;
- the titles and URLs of the lessons its header names as prerequisites (`extra.lesson_index`);
- the site's files and their URLs; the configuration as loaded (with what the hooks add to `extra`),
  `mkdocs.yml`, the templates in `overrides/` by their content, MkDocs' and Material's versions;
- anything else a plugin put into the page's template context, compared by value; a value that is not
  plain data is compared by identity, and so always renders again.

So a lesson's new title renders its own area's pages again (their sidebars list it), the pages whose
content shows it, and those that name it as a prerequisite or a neighbour; not the other hundred. Of a
page rendered again, the navigation partial (`partials/nav.html`, most of a page's rendering) is itself
reused while the page's view of the navigation, its URL and its table of contents are the same.

Everything after rendering still runs for every page (search records, writing the file). `mkdocs build`
never uses this cache: CI and `make test` render every page. tests/test_serve_rebuilds.py saves a
lesson's text and title, a data file, an example, a section name and a template in one `mkdocs serve`
session and compares every page with a fresh build.
"""

from __future__ import annotations

import hashlib
import sysconfig
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

from macros.cache_files import key_json
from macros.generator import File, Files

# What MkDocs puts in every page's context, and how each one is covered by the key.
_STANDARD = {
    "nav",  # the page's view of it
    "pages",  # their paths and URLs
    "config",  # the configuration signature
    "page",  # the page's own inputs
    "base_url",  # follows from the page's URL
    "extra_css",  # by value, below
    "extra_javascript",
    "mkdocs_version",  # the versions are in the configuration signature
    "build_date_utc",  # the date of this rebuild; no template of ours or Material's reads it
}

NAV_TEMPLATE = "partials/nav.html"

_state: dict[str, Any] = {
    "serving": False,
    "navs": {},
    "theme files": (None, []),
    "site": None,
    "settings": None,
    "outputs": {},
    "used": {},
}


def on_startup(command: str, **kwargs: Any) -> None:
    _state["serving"] = command == "serve"
    if _state["serving"] and not getattr(Files.add_files_from_theme, "remembered", False):
        Files.add_files_from_theme = _remembered_theme_files(Files.add_files_from_theme)


def _remembered_theme_files(add_files_from_theme: Any) -> Any:
    """MkDocs lists the theme's folders on every rebuild to find its static files: 14,500 names (most of
    them Material's icons), each matched against a dozen patterns, 0.05 to 0.1 s of a rebuild. Material's
    and MkDocs' folders change only with their versions; the others (`overrides/`) are listed again."""
    installed = Path(sysconfig.get_paths()["purelib"]).resolve()

    def remembered(files: Any, env: Any, config: Any) -> None:
        # The patterns MkDocs leaves out are its own (its version) and the theme's static templates.
        listings = [[version(name) for name in ("mkdocs", "mkdocs-material")], sorted(config.theme.static_templates)]
        for folder in config.theme.dirs:
            if Path(folder).resolve().is_relative_to(installed):
                listings.append(folder)
            else:
                listings.append([folder, sorted(str(path) for path in Path(folder).rglob("*"))])
        key = key_json(listings)
        if _state["theme files"][0] != key:
            found = Files([])
            add_files_from_theme(found, env, config)  # every theme file, none hidden by a docs file yet
            _state["theme files"] = (key, [(file.src_uri, file.src_dir) for file in found])
        for path, folder in _state["theme files"][1]:
            if files.get_file_from_path(path) is None:  # as MkDocs: a docs file wins over the theme's
                files.append(File(path, folder, config.site_dir, config.use_directory_urls))

    remembered.remembered = True  # type: ignore[attr-defined]
    return remembered


def on_env(env: Any, config: Any, files: Any, **kwargs: Any) -> Any:
    if not _state["serving"]:
        return env
    # Entries not used by the last rebuild are dropped: memory stays about one site's worth.
    _state["outputs"], _state["used"] = _state["used"] or _state["outputs"], {}
    # Computed from the first page's context: the navigation is not known here.
    _state["site"] = _state["settings"] = None
    get_template = env.get_template

    def cached_get_template(name: Any, *args: Any, **kwargs: Any) -> Any:
        template = get_template(name, *args, **kwargs)
        return _CachedNav(template) if name == NAV_TEMPLATE else _CachedTemplate(template)

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


class _CachedNav(_CachedTemplate):
    """Material's navigation partial, which base.html includes: reused while what it shows is the same."""

    def root_render_func(self, context: Any) -> Iterator[str]:
        page, config = context.get("page"), context.get("config")
        key = None
        if page is not None and context.get("nav") is not None and config is not None:
            try:
                shown = key_json([page.url, _toc(page.toc), _shown_nav(context)])
                key = hashlib.sha256((NAV_TEMPLATE + _settings(config, _NOT_IN_NAV) + shown).encode()).hexdigest()
            except (ValueError, RecursionError):
                key = None
        # By page, not rotated with the pages' HTML: a page whose HTML was reused rendered no navigation,
        # and its navigation from before is what the next rebuild that renders the page can reuse.
        source = getattr(getattr(page, "file", None), "src_uri", None)
        known = _state["navs"].get(source)
        if key is not None and known is not None and known[0] == key:
            yield known[1]
            return
        html = "".join(self._template.root_render_func(context))
        if key is not None:
            _state["navs"][source] = (key, html)
        yield html


def _shown_nav(context: Any) -> list[Any]:
    """The navigation as the page's templates show it: its sidebar's view, and the home page's URL."""
    page, nav, config = context.get("page"), context.get("nav"), context.get("config")
    features = set(config["theme"].get("features") or [])
    view = _nav(nav.items) if "navigation.tabs" in features else _nav_view(nav.items, page, features, 1, None)
    return [view, getattr(getattr(nav, "homepage", None), "url", None)]


def _nav_view(items: Any, page: Any, features: set[str], level: int, parent: Any) -> list[Any]:
    """What `overrides/partials/nav-item.html` reads of these items when it renders them for `page`.

    Every item shows its kind, title, URL, active state, index flag, icon, subtitle and status, and
    whether it is the page. A section shows all its items unless `navigation.prune` prunes it (decided as
    the template decides it); a pruned one is a link to its first page, so of its items only their number,
    their index flags and the first page's URL show.
    """
    tabs, sections = "navigation.tabs" in features, "navigation.sections" in features
    view = []
    for item in items:
        meta = getattr(item, "meta", None) or {}
        pages = getattr(item, "pages", None)
        fields = [
            type(item).__name__,
            item.title,
            getattr(item, "url", None),
            item.active,
            getattr(item, "is_index", None),
            item is page,
            {name: meta.get(name) for name in ("icon", "subtitle", "status")},
            getattr(item, "encrypted", None),
            getattr(item, "typeset", None),
            None if not pages else page in pages,
        ]
        children = getattr(item, "children", None) or []
        if tabs:
            is_section = (level == 1 and item.active) or (sections and level == 2 and bool(parent and parent.active))
        else:
            is_section = sections and level == 1
        pruned = "navigation.prune" in features and not is_section and not item.active
        if children and not pruned:
            fields.append(_nav_view(children, page, features, level + 1, item))
        elif children:
            first, chain = children[0], []
            while True:
                chain.append(getattr(first, "url", None))
                grandchildren = getattr(first, "children", None) or []
                if not grandchildren:
                    break
                first = grandchildren[0]
            fields.append([len(children), [getattr(child, "is_index", None) for child in children], chain])
        view.append(fields)
    return view


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
    lessons = context["config"]["extra"].get("lesson_index") or {}
    prerequisites = page.meta.get("prerequisites") if isinstance(page.meta, dict) else None
    named = {ref: lessons.get(ref) for ref in prerequisites} if isinstance(prerequisites, list) else None
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
        _shown_nav(context),
        named,
        [str(item) for item in context.get("extra_css", [])],
        [str(item) for item in context.get("extra_javascript", [])],
        {name: value for name, value in context.items() if name not in _STANDARD},
    ]


def _site_signature(context: dict[str, Any]) -> str:
    files = [(file.src_uri, file.page.url if file.page else file.url) for file in context["pages"]]
    return hashlib.sha256((_settings(context["config"], _ONLY_PREREQUISITES) + key_json(files)).encode()).hexdigest()


# What our hooks add to `extra`: every lesson's title and URL, of which a lesson's header reads its
# prerequisites' (in the page's own inputs), and the search box's filters, which the navigation does not
# read. Left out of those keys, a new title does not change every page's key. Any other key of `extra` stays.
_ONLY_PREREQUISITES = ("lesson_index",)
_NOT_IN_NAV = ("lesson_index", "search_filters")


def _settings(config: Any, leave_out: tuple[str, ...]) -> str:
    """The hash of what every page's templates read besides the pages: the configuration (without the
    `extra` keys in `leave_out`), the theme and its templates, the versions."""
    extra = {key: value for key, value in config["extra"].items() if key not in leave_out}
    return hashlib.sha256((_unchanging_settings(config) + key_json(extra)).encode()).hexdigest()


def _unchanging_settings(config: Any) -> str:
    """All of _settings but `extra`: read once per rebuild, whichever keys of `extra` a key leaves out."""
    if _state["settings"] is None:
        # The configuration is mkdocs.yml (below) plus what plugins and hooks set while loading it.
        settings = {name: config[name] for name in ("mdx_configs", "site_url", "markdown_extensions")}
        theme = {name: config["theme"][name] for name in config["theme"]} | {"dirs": config["theme"].dirs}
        templates = []
        for folder in config["theme"].dirs[:1]:  # the custom folder: Material's own change only with its version
            for path in sorted(Path(folder).rglob("*.html")):
                templates.append((str(path), path.read_bytes().decode("utf-8", errors="replace")))
        versions = [version(name) for name in ("mkdocs", "mkdocs-material")]
        config_file = Path(config["config_file_path"]).read_bytes().decode("utf-8", errors="replace")
        _state["settings"] = key_json([settings, theme, templates, versions]) + config_file
    return _state["settings"]


def _nav(items: Any) -> list[Any]:
    return [
        [type(item).__name__, item.title, getattr(item, "url", None), _nav(getattr(item, "children", None) or [])]
        for item in items
    ]


def _toc(links: Any) -> list[Any]:
    return [[link.title, link.id, link.level, _toc(link.children)] for link in links or []]
