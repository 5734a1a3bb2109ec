"""The one module of `macros/` that names the site generator.

The site builds with MkDocs and Material for MkDocs. Material is in maintenance mode, and its authors'
successor, Zensical, reads the same mkdocs.yml and loads this package's `define_env` itself, without
MkDocs installed. Everything else in `macros/` takes what it needs from the generator here, so moving
to Zensical means changing this file, not the package. `make bench` builds the site with Zensical too
and reports which pages differ (a report, not a gate).

The build hooks (hooks.py, search_index.py, highlight_cache.py, render_cache.py, template_cache.py,
serve_watch.py, sql_practice_hooks.py) are MkDocs hooks by nature; they import MkDocs' page and file
types from here.
"""

from __future__ import annotations

import importlib
import posixpath
from pathlib import Path
from typing import Any

try:
    from mkdocs.exceptions import BuildError, PluginError
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    GENERATOR = "mkdocs"
except ModuleNotFoundError:  # Zensical: no MkDocs; errors are plain exceptions and hooks do not run.

    class PluginError(Exception):  # type: ignore[no-redef]
        """A build error the generator reports without a traceback."""

    BuildError = PluginError  # type: ignore[misc,assignment]
    File = Files = Page = Any  # type: ignore[misc,assignment]
    GENERATOR = "zensical"

# The theme package whose templates and bundled icons the site uses.
_THEME_PACKAGE = "material" if GENERATOR == "mkdocs" else "zensical"


def project_root(conf: Any) -> Path:
    """The folder of mkdocs.yml: MkDocs names the file (`config_file_path`), Zensical the folder (`root_dir`)."""
    if conf.get("config_file_path"):
        return Path(conf["config_file_path"]).parent
    return Path(conf.get("root_dir") or ".").resolve()


def relative_url(url: str, from_url: str) -> str:
    """`url` relative to the page at `from_url`, both site-relative (MkDocs' `get_relative_url` rule)."""
    if from_url != ".":
        folder, name = posixpath.split(from_url)
        from_url = folder if "." in name else from_url  # a page URL ending in a file name
    relative = posixpath.relpath("/" + url, "/" + from_url)
    return relative + "/" if url.endswith("/") else relative


def icons_dir() -> Path:
    """The folder of the theme's bundled SVG icons (`material/check.svg`, `octicons/...`)."""
    package = importlib.import_module(_THEME_PACKAGE)
    return Path(package.__file__).parent / "templates" / ".icons"


def twemoji_index(options: dict[str, Any], md: Any) -> dict[str, Any]:
    """The theme's emoji index: its icon sets plus Twitter's emoji (macros/emoji.py keeps the icons)."""
    module = importlib.import_module(f"{_THEME_PACKAGE}.extensions.emoji")
    return module.twemoji(options, md)
