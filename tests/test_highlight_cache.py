"""The highlight cache hook: what it wraps, what it keys on, and that a build really reuses it."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import markdown
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


def test_a_build_writes_the_cache_and_the_next_one_reads_it(tmp_path: Path) -> None:
    config = {"config_file_path": str(tmp_path / "mkdocs.yml")}
    try:
        cache.on_config(config)
        first = _convert(FENCE)
        cache.on_post_build(config)
        stored = json.loads((tmp_path / cache.CACHE_FILE).read_text(encoding="utf-8"))
        assert len(stored) == 1 and "hello" in next(iter(stored.values()))
        # Tamper with the stored entry: the next build must take it from the cache, not highlight again.
        (tmp_path / cache.CACHE_FILE).write_text(json.dumps(dict.fromkeys(stored, "<p>from the cache</p>")))
        cache.on_config(config)
        assert "from the cache" in _convert(FENCE)
        assert "from the cache" not in first
    finally:
        Highlight.highlight = cache._original  # type: ignore[method-assign]


def test_a_changed_setting_or_source_misses_the_cache(tmp_path: Path) -> None:
    config = {"config_file_path": str(tmp_path / "mkdocs.yml")}
    try:
        cache.on_config(config)
        _convert(FENCE, pygments_lang_class=True)
        _convert(FENCE, pygments_lang_class=False)
        _convert(FENCE.replace("hello", "world"), pygments_lang_class=True)
        _convert("Inline `#!python x = 1` code.", pygments_lang_class=True)
        assert len(cache._state["used"]) == 3  # two settings, two sources; inline code is not cached
    finally:
        Highlight.highlight = cache._original  # type: ignore[method-assign]
