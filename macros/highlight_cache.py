"""MkDocs hook: highlighted code is cached across builds, by a hash of everything that shapes it.

Highlighting with Pygments is an eighth of a cold build (hundreds of code blocks, most of them unchanged
from one build to the next), so pymdownx.highlight's `Highlight.highlight` is wrapped: a block whose
source, language, options, highlighter settings and library versions were all seen before gets the
HTML it got then. The cache is one JSON file in `.cache/`. Most builds reuse whole pages
(macros/render_cache.py) and highlight nothing; the blocks of a page that changes are highlighted
again, and only its changed blocks miss. So an entry is kept until KEEP_BUILDS builds in a row that
highlighted something have not used it, and the file is written only by builds that highlighted
something. A test builds the site cold and warm and compares the output byte for byte, and another pins
the signature of the method wrapped here.

Inline code and titles in HTML mode are not cached: their output holds page-specific state.
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pymdownx.highlight import Highlight

from macros import page_handoff
from macros.cache_files import read_json, write_json

CACHE_FILE = Path(".cache") / "highlight.json"
_VERSIONS = tuple(version(package) for package in ("pygments", "pymdown-extensions", "markdown", "mkdocs-material"))
# Highlighter settings that do not shape the HTML, or are objects rather than settings.
_NOT_SETTINGS = {"md", "extend_pygments_lang"}

# Builds (that highlighted something) an entry outlives its last use; content-addressed, it is never wrong,
# only unused.
KEEP_BUILDS = 30

# entries: key -> [html, number of the build that last used it]
_state: dict[str, Any] = {"path": None, "build": 0, "entries": {}, "changed": False}
_original = Highlight.highlight


def _settings(highlighter: Highlight) -> str:
    values = {key: repr(value) for key, value in vars(highlighter).items() if key not in _NOT_SETTINGS}
    values["extend_pygments_lang"] = repr(sorted(getattr(highlighter, "extend_pygments_lang", {}).items()))
    return json.dumps(values, sort_keys=True)


@functools.wraps(_original)
def _cached_highlight(self: Highlight, src: str, language: str, *args: Any, **kwargs: Any) -> Any:
    inline = kwargs.get("inline", args[5] if len(args) > 5 else False)
    if inline or self.title_mode == "html" or _state["path"] is None:
        return _original(self, src, language, *args, **kwargs)
    # Line spans and anchors are numbered by the block's position on the page; without them it is noise.
    if not (self.line_spans or self.line_anchors):
        kwargs.pop("code_block_count", None)
    key_source = json.dumps([src, language, repr(args), repr(sorted(kwargs.items())), _settings(self), _VERSIONS])
    key = hashlib.sha256(key_source.encode("utf-8")).hexdigest()
    entry = _state["entries"].get(key)
    if not (isinstance(entry, list) and len(entry) == 2 and isinstance(entry[0], str)):
        entry = None  # new, or damaged: highlight it again
    html = entry[0] if entry else _original(self, src, language, *args, **kwargs)
    if entry is None or entry[1] != _state["build"]:
        _state["entries"][key] = [html, _state["build"]]
        _state["changed"] = True
    return html


def on_config(config: Any, **kwargs: Any) -> Any:
    path = Path(config["config_file_path"]).parent / CACHE_FILE
    stored = read_json(path)
    try:
        build, entries = int(stored["build"]), dict(stored["entries"])
    except (ValueError, TypeError, KeyError):
        build, entries = 0, {}  # no cache yet, or a damaged one: highlight everything again
    _state.update(path=path, build=build + 1, entries=entries, changed=False)
    Highlight.highlight = _cached_highlight  # type: ignore[method-assign]
    return config


def on_post_build(config: Any, **kwargs: Any) -> None:
    path: Path = _state["path"]
    if path is None or not _state["changed"]:
        return
    build = _state["build"]
    entries = {key: entry for key, entry in _state["entries"].items() if entry[1] > build - KEEP_BUILDS}
    write_json(path, {"build": build, "entries": entries})
    _state.update(build=build + 1, entries=entries, changed=False)


def _handed(taken: dict[str, list[Any]]) -> None:
    if taken:
        _state["entries"].update(taken)
        _state["changed"] = True


# A cold build's child (macros/page_handoff.py) hands back the code it highlighted in this build.
page_handoff.keeps(
    "highlight", lambda sources: {k: v for k, v in _state["entries"].items() if v[1] == _state["build"]}, _handed
)
