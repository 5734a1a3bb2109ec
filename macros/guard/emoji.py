"""Emoji shortcodes limited to the icons bundled with the theme, inlined as SVG.

The theme's `twemoji` index (mkdocs.yml names it) also holds every Twitter emoji, which `to_svg` renders
as an <img> from a CDN: a third-party request at view time. The wrapped index keeps the icon sets
(`:material-check:`, `:octicons-...:`) and drops those, so `:x:` stays text; the page contract also
reports such a shortcode with its file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

EmojiIndex = Callable[[dict[str, Any], Any], dict[str, Any]]


class IconsOnly:
    """An emoji index: the icons of `index`, without the emoji it would load as images."""

    def __init__(self, index: EmojiIndex) -> None:
        self.index = index
        # The theme loads its index once per set of icon folders and hands out the same object; the
        # filtered copy is kept beside it (4 ms a page otherwise). Nothing writes to either.
        self._filtered: tuple[dict[str, Any], dict[str, Any]] | None = None

    def __call__(self, options: dict[str, Any], md: Any) -> dict[str, Any]:
        index = self.index(options, md)
        if self._filtered is None or self._filtered[0] is not index:
            # Icons carry the path of their SVG file; Twitter emoji carry a code point to fetch an image for.
            icons = {name: entry for name, entry in index["emoji"].items() if "path" in entry}
            self._filtered = (index, {"name": index["name"], "emoji": icons, "aliases": {}})
        return self._filtered[1]


def restrict_to_icons(mdx_configs: dict[str, Any]) -> None:
    """Point pymdownx.emoji at the icons of the index mkdocs.yml configured (once per configuration)."""
    settings = mdx_configs.get("pymdownx.emoji")
    if settings is not None and not isinstance(settings.get("emoji_index"), IconsOnly):
        settings["emoji_index"] = IconsOnly(settings["emoji_index"])
