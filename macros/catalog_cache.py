"""The catalog, loaded again only when its sources change.

`mkdocs serve` keeps the macros module between rebuilds and calls `define_env` on each one. Loading and
validating every data file and every lesson's front matter took a quarter of a rebuild, though a save
usually touches a lesson's body only. The catalog is reused while the fingerprint of its sources is the
same: every file under `data/`, each area's `.nav.yml`, and each lesson's front matter plus what the
lesson contract finds in its body (its sections), not the body's text. A full build loads it once.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from macros.catalog import Catalog, load_catalog
from macros.lessons import check_body, split_front_matter

_loaded: dict[tuple[Path, Path], tuple[str, Catalog]] = {}


def sources_fingerprint(root: Path, docs_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "data").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    for path in sorted(docs_dir.glob("*/*.md")) + sorted(docs_dir.glob("*/.nav.yml")):
        text = path.read_bytes()
        if path.suffix == ".md":
            text = _lesson_inputs(text.decode("utf-8", errors="replace"), str(path)).encode()
        digest.update(str(path.relative_to(docs_dir)).encode() + b"\0" + text + b"\0")
    return digest.hexdigest()


def _lesson_inputs(text: str, source: str) -> str:
    """What the catalog reads from a lesson: its front matter, and the contract's verdict on its body."""
    parts = split_front_matter(text)
    if parts is None:
        return text  # no front matter: the whole file decides
    front, body, body_line = parts
    return front + "\0" + "\n".join(str(problem) for problem in check_body(body, body_line, source))


def load_catalog_once(root: Path, docs_dir: Path) -> Catalog:
    """`load_catalog`, reused while the sources' fingerprint stays the same (errors are never cached)."""
    key = (root.resolve(), docs_dir.resolve())
    fingerprint = sources_fingerprint(*key)
    cached = _loaded.get(key)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    catalog = load_catalog(*key)
    _loaded[key] = (fingerprint, catalog)
    return catalog
