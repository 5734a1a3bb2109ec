"""The build's own caches: reading and writing their files in `.cache/` (a missing or damaged file is no
cache, and a file is replaced whole, so a build that stops half-way leaves the old one intact), and the
values their keys are hashed from."""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import os
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any


def read_json(path: Path) -> Any:
    """What `path` holds, or None if it is missing or not JSON (the caller then rebuilds it)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def write_json(path: Path, value: Any) -> None:
    write_atomic(path, json.dumps(value, sort_keys=True).encode("utf-8"))


def package_version(package: str) -> str:
    """An installed package's version for a cache key; Zensical's environment has no mkdocs-macros-plugin."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def key_json(value: Any) -> str:
    """`value` as JSON to hash into a cache key: the same for equal values, in every process where it can be.

    Settings, page metadata and template context hold more than JSON types: mappings, sets and tuples are
    written as their contents; a function as its name (as mkdocs.yml names it); a plain object as its
    fields; any other object as what it shows, unless that is only its address. Then its identity is
    written, which matches no other object: the work is done again rather than taken from a cache.
    Raises ValueError for a value that contains itself."""
    return json.dumps(value, sort_keys=True, default=_comparable)


def _comparable(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime, Path)):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):  # MkDocs' nested settings
        return {str(key): item for key, item in value.items()}
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{value.__module__}.{value.__qualname__}"
    if hasattr(value, "__dict__"):  # a plain object (a tag and its links): its fields
        return {"type": type(value).__qualname__, "fields": vars(value)}
    shown = repr(value)
    if " at 0x" not in shown:  # a value that shows itself (a locale)
        return f"{type(value).__qualname__}: {shown}"
    return f"{type(value).__qualname__}@{id(value)}"


@functools.cache
def code_digest() -> str:
    """The source of the `macros` package: work kept by other code is done again. Read once a process, as
    Python reads the modules once (a running `make serve` does not reload them)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
