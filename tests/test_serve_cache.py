"""The caches `make serve` relies on: what they restore, what invalidates them, and that nothing goes stale."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from macros import catalog_cache, serve_cache
from macros.errors import SourceError
from macros.generator import Page
from tests.conftest import copy_project


def test_the_serve_cache_restores_everything_page_render_sets() -> None:
    # MkDocs' Page.render sets these attributes; a release that sets another one must fail here, or a page
    # restored from the cache would miss it.
    assigned = set(re.findall(r"self\.(\w+) = ", inspect.getsource(serve_cache._original)))
    assert assigned == {*serve_cache.RENDERED, "links_to_anchors"}


def test_the_page_render_cache_is_only_for_serve() -> None:
    serve_cache.on_startup(command="build")
    serve_cache.on_config({})
    assert Page.render is serve_cache._original


def test_the_catalog_is_reloaded_only_when_its_sources_change(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    docs = root / "docs"
    first = catalog_cache.load_catalog_once(root, docs)
    lesson = docs / "security" / "sql-injection.md"
    text = lesson.read_text(encoding="utf-8")

    # A sentence in a lesson's body: the same catalog object.
    lesson.write_text(text.replace("\n## Why it matters\n", "\nA new sentence.\n\n## Why it matters\n", 1))
    assert catalog_cache.load_catalog_once(root, docs) is first

    # Its title in the front matter: a new catalog with the new title.
    lesson.write_text(re.sub(r"^title: .*$", "title: Injection, renamed", text, count=1, flags=re.M))
    renamed = catalog_cache.load_catalog_once(root, docs)
    assert renamed is not first
    assert renamed.lessons["security/sql-injection"].meta.title == "Injection, renamed"

    # A body that breaks the lesson contract is reported at once, not hidden by the cache.
    lesson.write_text(text.replace("\n## Self-check\n", "\n## Self check\n", 1))
    with pytest.raises(SourceError, match="Self-check"):
        catalog_cache.load_catalog_once(root, docs)

    # A data file: a new catalog.
    lesson.write_text(text)
    restored = catalog_cache.load_catalog_once(root, docs)
    glossary = root / "data" / "glossary" / "security.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("definition: ", "definition: Changed. ", 1))
    assert catalog_cache.load_catalog_once(root, docs) is not restored
