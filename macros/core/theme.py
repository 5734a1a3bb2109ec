"""Where the theme's bundled icons are on disk, found by package name without importing the theme."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

# Material for MkDocs, or Zensical, which ships the same icon sets under its own name.
_THEME_PACKAGES = ("material", "zensical")


@cache
def icons_dir() -> Path:
    """The folder of the theme's SVG icons (`material/check.svg`, `octicons/...`)."""
    for name in _THEME_PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / ".icons"
            if folder.is_dir():
                return folder
    raise FileNotFoundError(f"no theme icons: none of {', '.join(_THEME_PACKAGES)} is installed")


@cache
def icon(name: str) -> str:
    """Inline one of the theme's bundled SVG icons (no request at view time)."""
    path = icons_dir() / f"{name}.svg"
    return path.read_text(encoding="utf-8").replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
