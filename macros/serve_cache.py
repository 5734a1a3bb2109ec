"""MkDocs hook for `mkdocs serve`: a page whose Markdown did not change is not converted again.

`mkdocs serve` rebuilds the whole site on every save, and converting Markdown to HTML is most of that
time: saving one lesson converted all of them. In serve, MkDocs keeps this module between rebuilds, so
`Page.render` is wrapped with an in-memory cache. A page is converted again when anything that can change
its HTML changed:

- its Markdown, as the macros plugin left it (so data shown through macros is part of it),
- the Markdown settings in mkdocs.yml,
- the set of pages and files (links and their validation depend on what exists),
- any file that snippets may include (`examples/`, `labs/`, `templates/`).

Everything else (navigation, templates, the print edition, search, anchor validation) runs as in a full
build. `mkdocs build` never uses this cache, so CI and `make test` see cold conversions.
tests/test_serve_cache.py pins the attributes `Page.render` sets, which are the ones restored here.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

# MkDocs loads a hook by its file path, before the macros plugin puts the project on the import path.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.generator import Page

# Folders snippets may read from (mkdocs.yml `pymdownx.snippets`); a change to any file in them re-renders.
SNIPPET_FOLDERS = ("examples", "labs", "templates")
# What `Page.render` sets on the page; links_to_anchors is keyed by File, stored by path.
RENDERED = ("content", "toc", "_title_from_render", "present_anchor_ids")

_original = Page.render
_state: dict[str, Any] = {"serving": False, "context": "", "pages": {}}


def on_startup(command: str, **kwargs: Any) -> None:
    _state["serving"] = command == "serve"


def on_config(config: Any, **kwargs: Any) -> Any:
    if _state["serving"]:
        Page.render = _cached_render  # type: ignore[method-assign]
    return config


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    """Everything a page's HTML depends on besides its own Markdown, fingerprinted once per rebuild."""
    if _state["serving"]:
        root = Path(config["config_file_path"]).parent
        context = {
            "markdown": [repr(config["markdown_extensions"]), repr(config["mdx_configs"])],
            "files": sorted(file.src_uri for file in files),
            "snippets": _folder_stamps(root),
        }
        _state["context"] = hashlib.sha256(json.dumps(context, sort_keys=True).encode()).hexdigest()
    return files


def _folder_stamps(root: Path) -> list[tuple[str, int, int]]:
    stamps = []
    for folder in SNIPPET_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                stamps.append((str(path.relative_to(root)), stat.st_mtime_ns, stat.st_size))
    return stamps


@functools.wraps(_original)
def _cached_render(self: Page, config: Any, files: Any) -> None:
    key = hashlib.sha256(f"{_state['context']}\0{self.file.src_uri}\0{self.markdown}".encode()).hexdigest()
    stored = _state["pages"].get(self.file.src_uri)
    if stored is not None and stored["key"] == key:
        for name in RENDERED:
            setattr(self, name, stored[name])
        if stored["links"] is not None:
            self.links_to_anchors = {
                files.get_file_from_path(path): anchors for path, anchors in stored["links"].items()
            }
        return
    _original(self, config, files)
    links = getattr(self, "links_to_anchors", None)
    _state["pages"][self.file.src_uri] = {
        "key": key,
        **{name: getattr(self, name) for name in RENDERED},
        "links": None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
    }
