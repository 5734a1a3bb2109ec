"""Emoji shortcodes limited to the icons bundled with the theme, inlined as SVG.

Material's `twemoji` index also holds every Twitter emoji, which `to_svg` renders as an <img> loaded
from a CDN: a third-party request at view time. This index keeps the icon sets (`:material-check:`,
`:octicons-...:`, `:fontawesome-...:`, `:simple-...:`) and drops those images, so `:x:` stays text.
The page contract (macros/contract.py) also reports such a shortcode with its file and line.
"""

from __future__ import annotations

from typing import Any

from macros.generator import twemoji_index

# Material loads its index once per set of icon folders and hands out the same object; the filtered copy
# is kept beside it (4 ms a page, paid on every page's Markdown otherwise). Nothing writes to either.
_filtered: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}


def icons_only(options: dict[str, Any], md: Any) -> dict[str, Any]:
    index = twemoji_index(options, md)
    known = _filtered.get(id(index))
    if known is None or known[0] is not index:
        # Icons carry the path of their SVG file; Twitter emoji carry a code point to fetch an image for.
        icons = {name: entry for name, entry in index["emoji"].items() if "path" in entry}
        known = _filtered[id(index)] = (index, {"name": index["name"], "emoji": icons, "aliases": {}})
    return known[1]


def restrict_to_icons(mdx_configs: dict[str, Any]) -> None:
    """Point pymdownx.emoji at `icons_only`. Done from `define_env` because mkdocs.yml cannot name this
    module: MkDocs resolves `!!python/name:` before the project folder is importable."""
    settings = mdx_configs.get("pymdownx.emoji")
    if settings is not None:
        settings["emoji_index"] = icons_only
