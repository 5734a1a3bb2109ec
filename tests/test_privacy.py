"""No third-party requests: the privacy gate sees every kind of external resource, and the site's emoji
configuration cannot produce one.

The gate (`tests/site_audit.py`) runs on the built site in tests/test_site_html.py; here it is proven
on pages planted with each kind of resource, including the <img> that an emoji shortcode becomes with
pymdownx's default Twitter emoji index.
"""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest
import yaml
from material.extensions.emoji import twemoji

from macros.guard.contract import SNIPPET_DIR, SNIPPET_ROOTS, prepare_snippet_root
from macros.guard.emoji import IconsOnly, restrict_to_icons
from tests.conftest import ROOT
from tests.site_audit import audit

EXTERNAL = "https://tracker.example/p.gif"
PLANTED = {
    "img": f'<img src="{EXTERNAL}" alt="">',
    "srcset": f'<img src="local.png" srcset="local-2x.png 2x, {EXTERNAL} 3x" alt="">',
    "picture": f'<picture><source srcset="{EXTERNAL}"><img src="local.png" alt=""></picture>',
    "stylesheet": f'<link rel="stylesheet" href="{EXTERNAL}">',
    "preconnect": '<link rel="preconnect" href="https://fonts.example">',
    "script": f'<script src="{EXTERNAL}"></script>',
    "iframe": f'<iframe src="{EXTERNAL}"></iframe>',
    "css-url": f"<style>body {{ background: URL('{EXTERNAL}') }}</style>",
    "css-import": '<style>@import "https://fonts.example/font.css";</style>',
    "style-attribute": f'<div style="background-image: url({EXTERNAL})"></div>',
    "svg-image": f'<svg><image href="{EXTERNAL}"/></svg>',
    "svg-use": f'<svg><use xlink:href="{EXTERNAL}#icon"/></svg>',
    "object": f'<object data="{EXTERNAL}"></object>',
    "video-poster": f'<video poster="{EXTERNAL}"></video>',
    "meta-refresh": f'<meta http-equiv="refresh" content="0; url={EXTERNAL}">',
    "protocol-relative": '<img src="//cdn.example/x.png" alt="">',
}


def _site(tmp_path: Path, body: str) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f"<!doctype html><html><head></head><body>{body}</body></html>")
    return site


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_the_gate_catches_each_kind_of_external_resource(kind: str, tmp_path: Path) -> None:
    report = audit(_site(tmp_path, PLANTED[kind]))
    assert len(report.foreign_fetches) == 1, (kind, report.foreign_fetches)


def test_the_gate_ignores_links_and_local_resources(tmp_path: Path) -> None:
    body = '<a href="https://www.rfc-editor.org/">RFC</a><img src="local.png" alt=""><link rel="canonical" href="https://x/">'
    assert audit(_site(tmp_path, body)).foreign_fetches == []


def _site_emoji_config() -> dict:
    """pymdownx.emoji's settings from mkdocs.yml, as the build ends up with them."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)  # noqa: S506 - our own file
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict) and "pymdownx.emoji" in entry:
            mdx_configs = {"pymdownx.emoji": dict(entry["pymdownx.emoji"])}
            restrict_to_icons(mdx_configs)
            return mdx_configs["pymdownx.emoji"]
    raise AssertionError("pymdownx.emoji is not configured in mkdocs.yml")


def test_an_emoji_shortcode_with_twitter_emoji_is_caught_by_the_gate(tmp_path: Path) -> None:
    """The planted shortcode: with Material's full index, `:x:` becomes an <img> from a CDN, and the gate says so."""
    settings = _site_emoji_config()
    settings["emoji_index"] = twemoji
    html = markdown.markdown(
        "It failed :x: here.", extensions=["pymdownx.emoji"], extension_configs={"pymdownx.emoji": settings}
    )
    assert "<img" in html
    report = audit(_site(tmp_path, html))
    assert report.foreign_fetches and "cdn" in report.foreign_fetches[0]


def test_the_site_emoji_index_inlines_icons_and_loads_nothing(tmp_path: Path) -> None:
    settings = _site_emoji_config()
    assert isinstance(settings["emoji_index"], IconsOnly) and settings["emoji_index"].index is twemoji
    html = markdown.markdown(
        "Done :material-check: and :x: stays text.",
        extensions=["pymdownx.emoji"],
        extension_configs={"pymdownx.emoji": settings},
    )
    assert "<svg" in html and "<img" not in html and ":x:" in html
    assert audit(_site(tmp_path, html)).foreign_fetches == []


def test_snippets_read_only_from_the_allowed_folders() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)  # noqa: S506
    snippets = next(e["pymdownx.snippets"] for e in config["markdown_extensions"] if "pymdownx.snippets" in e)
    assert snippets["base_path"] == [".cache/snippets"]
    assert snippets["restrict_base_path"] is True
    assert not snippets.get("url_download")


def test_the_emoji_index_is_wrapped_once_and_a_site_without_emoji_is_left_alone() -> None:
    mdx_configs: dict = {"pymdownx.emoji": {"emoji_index": twemoji}}
    restrict_to_icons(mdx_configs)
    wrapped = mdx_configs["pymdownx.emoji"]["emoji_index"]
    restrict_to_icons(mdx_configs)  # `make serve` configures again on every rebuild
    assert mdx_configs["pymdownx.emoji"]["emoji_index"] is wrapped and wrapped.index is twemoji
    # The filtered copy is kept while the theme hands out the same index, and made anew for another one.
    icon, image = {"name": "i", "path": "i.svg"}, {"name": "x", "unicode": "274c"}
    first = {"name": "a", "emoji": {"icon": icon, "x": image}, "aliases": {}}
    second = {"name": "b", "emoji": {"other-icon": icon}, "aliases": {}}
    icons = IconsOnly(lambda options, md: options["index"])
    assert icons({"index": first}, None) is icons({"index": first}, None)
    assert icons({"index": first}, None)["emoji"] == {"icon": icon}
    assert icons({"index": second}, None)["emoji"] == {"other-icon": icon}
    # The Markdown instance is handed on: the theme's index function takes it, whether or not it reads it.
    by_md = IconsOnly(lambda options, md: {"name": md, "emoji": {}, "aliases": {}})
    assert by_md({}, "markdown")["name"] == "markdown"
    without: dict = {"toc": {}}
    restrict_to_icons(without)
    assert without == {"toc": {}}


def test_the_snippet_folder_links_only_the_allowed_folders_and_mends_what_is_wrong(tmp_path: Path) -> None:
    for name in SNIPPET_ROOTS:
        (tmp_path / name).mkdir()
        (tmp_path / name / "mark.txt").write_text(name, encoding="utf-8")
    jail = tmp_path / SNIPPET_DIR
    jail.mkdir(parents=True)
    (jail / SNIPPET_ROOTS[0]).write_text("a file in a link's place", encoding="utf-8")
    (jail / SNIPPET_ROOTS[1]).symlink_to(tmp_path, target_is_directory=True)  # a link to the wrong place
    prepare_snippet_root(tmp_path)
    prepare_snippet_root(tmp_path)  # a second build keeps what the first made
    (jail / SNIPPET_ROOTS[-1]).unlink()  # the first links are right: the last is still mended
    prepare_snippet_root(tmp_path)
    assert sorted(path.name for path in jail.iterdir()) == sorted(SNIPPET_ROOTS)
    for name in SNIPPET_ROOTS:
        link = jail / name
        assert link.is_symlink() and os.readlink(link) == os.path.join("..", "..", name)
        assert (link / "mark.txt").read_text(encoding="utf-8") == name
