"""The highlight cache hook: what it wraps, what it keys on, and that a build really reuses it."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from pymdownx.highlight import Highlight

import macros.highlight_cache as cache

FENCE = "```python\nprint('hello')\n```\n"


def _convert(text: str, **highlight: object) -> str:
    md = markdown.Markdown(
        extensions=["pymdownx.highlight", "pymdownx.superfences", "pymdownx.inlinehilite"],
        extension_configs={"pymdownx.highlight": highlight},
    )
    return md.convert(text)


def test_the_wrapped_method_still_takes_what_the_cache_keys_on() -> None:
    # The cache finds `inline` as the sixth argument after the language: a pymdownx release that moves it
    # must fail here, not cache inline code by mistake.
    parameters = list(inspect.signature(cache._original).parameters)
    assert parameters[:9] == [
        "self",
        "src",
        "language",
        "css_class",
        "hl_lines",
        "linestart",
        "linestep",
        "linespecial",
        "inline",
    ]
    assert {"classes", "id_value", "attrs", "title", "code_block_count"} <= set(parameters)


def _stored(tmp_path: Path) -> dict[str, list[object]]:
    return json.loads((tmp_path / cache.CACHE_FILE).read_text(encoding="utf-8"))["entries"]


@pytest.fixture
def config(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A build's config for the hook; the wrapped method is put back afterwards."""
    try:
        yield {"config_file_path": str(tmp_path / "mkdocs.yml")}
    finally:
        Highlight.highlight = cache._original  # type: ignore[method-assign]


def test_a_build_writes_the_cache_and_the_next_one_reads_it(tmp_path: Path, config: dict[str, str]) -> None:
    cache.on_config(config)
    first = _convert(FENCE)
    cache.on_post_build(config)
    stored = _stored(tmp_path)
    assert len(stored) == 1 and "hello" in next(iter(stored.values()))[0]
    # Tamper with the stored entry: the next build must take it from the cache, not highlight again.
    tampered = {key: ["<p>from the cache</p>", entry[1]] for key, entry in stored.items()}
    (tmp_path / cache.CACHE_FILE).write_text(json.dumps({"build": 1, "entries": tampered}))
    cache.on_config(config)
    assert "from the cache" in _convert(FENCE)
    assert "from the cache" not in first
    # A damaged file is no cache: everything is highlighted again.
    (tmp_path / cache.CACHE_FILE).write_text(json.dumps(dict.fromkeys(stored, "<p>old format</p>")))
    cache.on_config(config)
    assert "old format" not in _convert(FENCE)


def test_an_entry_lives_until_it_goes_unused_for_keep_builds_builds(tmp_path: Path, config: dict[str, str]) -> None:
    # Pages restored whole by the render cache highlight nothing, so their blocks' entries must survive
    # builds that do not use them; only a long run of builds without them drops them.
    cache.on_config(config)
    _convert(FENCE)
    cache.on_post_build(config)
    hello = set(_stored(tmp_path))
    for build in range(cache.KEEP_BUILDS):
        cache.on_config(config)
        _convert(FENCE.replace("hello", f"other {build}"))  # each build highlights something else
        cache.on_post_build(config)
        assert (hello <= set(_stored(tmp_path))) == (build < cache.KEEP_BUILDS - 1), build
    # A build that highlights nothing writes nothing.
    before = (tmp_path / cache.CACHE_FILE).read_text(encoding="utf-8")
    cache.on_config(config)
    cache.on_post_build(config)
    assert (tmp_path / cache.CACHE_FILE).read_text(encoding="utf-8") == before


def test_a_changed_setting_or_source_misses_the_cache(config: dict[str, str]) -> None:
    cache.on_config(config)
    _convert(FENCE, pygments_lang_class=True)
    _convert(FENCE, pygments_lang_class=False)
    _convert(FENCE.replace("hello", "world"), pygments_lang_class=True)
    _convert("Inline `#!python x = 1` code.", pygments_lang_class=True)
    assert len(cache._state["entries"]) == 3  # two settings, two sources; inline code is not cached
