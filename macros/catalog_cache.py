"""The catalog, loaded again only when its sources change.

`mkdocs serve` keeps the macros module between rebuilds and calls `define_env` on each one. Loading and
validating every data file and every lesson's front matter took a quarter of a rebuild, though a save
usually touches a lesson's body only. The catalog is reused while the fingerprint of its sources is the
same: every file under `data/`, each area's `.nav.yml`, and each page's front matter plus what the
contract finds in its body (a lesson's sections, any page's markup), not the body's text. A full build
loads it once, and fingerprints nothing (read_once).

Between processes (one `mkdocs build` and the next, or the first build of `make serve`), the validated
catalog is kept in `.cache/catalog.pickle` under a stricter key: the bytes of every file it is made
from or checked against (data, pages, the snippet folders), the project's paths, the versions of the
libraries that parse and validate it, and the source of this package. Any change there loads and
validates everything again, so a kept catalog is one that passed every check on exactly these files.
The file is our own build's output in a folder the build owns (`.cache/` is never committed or
published); a damaged one is ignored.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path

from macros.cache_files import code_digest, package_version, write_atomic
from macros.catalog import Catalog, load_catalog
from macros.contract import SNIPPET_ROOTS, check_markup
from macros.lessons import check_body, sections, split_front_matter

CACHE_FILE = Path(".cache") / "catalog.pickle"
_PACKAGES = ("pydantic", "pyyaml", "markdown", "jinja2", "pymdown-extensions", "mkdocs-macros-plugin")

_loaded: dict[tuple[Path, Path], tuple[str, Catalog]] = {}
# Whether a later load in this process may find the sources changed. Not in `mkdocs build`, which reads
# them once (read_once): the fingerprint, each page's contract verdicts, was a tenth of a warm build.
_watching = True


def read_once() -> None:
    """This process builds once: its second load (another plugin's) reuses the first without fingerprinting."""
    global _watching
    _watching = False


def sources_fingerprint(root: Path, docs_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((root / "data").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    pages = [path for path in sorted(docs_dir.rglob("*.md")) if not path.is_relative_to(docs_dir / "assets")]
    for path in pages + sorted(docs_dir.glob("*/.nav.yml")):
        text = path.read_bytes()
        if path.suffix == ".md":
            lesson = path.parent.parent == docs_dir
            text = _page_inputs(text.decode("utf-8", errors="replace"), str(path), root, lesson).encode()
        digest.update(str(path.relative_to(docs_dir)).encode() + b"\0" + text + b"\0")
    return digest.hexdigest()


@functools.lru_cache(maxsize=1024)  # `make serve` fingerprints every page on every save; most are unchanged
def _page_inputs(text: str, source: str, root: Path, lesson: bool) -> str:
    """What the catalog reads from a page: its front matter, a lesson's headings (the topics and synonyms
    point at them), and the contract's verdicts on its body (a lesson's sections, and every page's
    markup), so that a save that breaks the contract is reported."""
    parts = split_front_matter(text)
    if parts is None:
        return text  # no front matter: the whole file decides
    front, body, body_line = parts
    problems = check_body(body, body_line, source) if lesson else []
    problems += check_markup(body, body_line, source, root)
    headings = [(item.level, item.text, item.anchor) for item in sections(body, body_line)] if lesson else []
    return front + "\0" + repr(headings) + "\0" + "\n".join(str(problem) for problem in problems)


def load_catalog_once(root: Path, docs_dir: Path) -> Catalog:
    """`load_catalog`, reused while the sources' fingerprint stays the same (errors are never cached)."""
    return load_catalog_and_key(root, docs_dir)[0]


def last_loaded(root: Path, docs_dir: Path) -> Catalog | None:
    """The catalog this process last loaded for the project, if any, as it is (not checked against the sources)."""
    loaded = _loaded.get((root.resolve(), docs_dir.resolve()))
    return loaded[1] if loaded else None


def load_catalog_and_key(root: Path, docs_dir: Path) -> tuple[Catalog, str | None]:
    """The catalog, and its inputs_key when this call read every input to compute it (the first load in a
    process: every `mkdocs build`, and the first build of `make serve`); None when reused or reloaded."""
    key = (root.resolve(), docs_dir.resolve())
    cached = _loaded.get(key)
    # A build reads its sources once (read_once): there is nothing to compare a fingerprint with.
    fingerprint = sources_fingerprint(*key) if _watching else ""
    if cached is not None and cached[0] == fingerprint:
        return cached[1], None
    # A reload in the same process (a save in `make serve`) skips CACHE_FILE: hashing every input for its
    # key, then pickling the catalog, cost a tenth of a rebuild. The next process loads and keeps it again.
    if cached is not None:
        catalog, strict = load_catalog(*key), None
    else:
        catalog, strict = _load_kept(*key)
    _loaded[key] = (fingerprint, catalog)
    return catalog, strict


def _load_kept(root: Path, docs_dir: Path) -> tuple[Catalog, str]:
    """The catalog from CACHE_FILE if its every input is unchanged, else loaded, validated and kept; and
    the key of those inputs."""
    path, key = root / CACHE_FILE, inputs_key(root, docs_dir)
    try:
        kept_key, kept = pickle.loads(path.read_bytes())  # noqa: S301 - written below, by this build
        if kept_key == key and isinstance(kept, Catalog):
            return kept, key
    except Exception:  # noqa: S110 - no file yet or a damaged one: load from the sources
        pass
    catalog = load_catalog(root, docs_dir)  # raises on any problem: only a valid catalog is kept
    write_atomic(path, pickle.dumps((key, catalog), protocol=pickle.HIGHEST_PROTOCOL))
    return catalog, key


def inputs_key(root: Path, docs_dir: Path) -> str:
    """A hash of everything `load_catalog` reads or checks, byte for byte."""
    digest = hashlib.sha256()
    versions = [package_version(name) for name in _PACKAGES]
    digest.update(repr([str(root), str(docs_dir), sys.version, versions, code_digest()]).encode())
    for folder in [root / "data", docs_dir, *(root / name for name in SNIPPET_ROOTS)]:
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts:
                continue
            # Theme assets are checked by name and kind only (macros/contract.py): not their 18 MB of bytes.
            whole = path.is_file() and not path.is_symlink() and not path.is_relative_to(docs_dir / "assets")
            link = os.readlink(path) if path.is_symlink() else ""
            digest.update(f"{path}\0{path.is_dir()}\0{link}\0".encode())
            if whole:
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
