"""The one cache interface: values kept by a digest of everything they are made from. A changed input is a
new key, so an entry is never stale, only unused; each name keeps its latest entry. Nothing is written to
disk: with the memo empty the output is the same, byte for byte (tests/test_serve_rebuilds.py).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Generic, TypeVar

V = TypeVar("V")


def digest(*parts: Any) -> str:
    """A stable hash of JSON-like values; functions and other objects count by their qualified name."""
    text = json.dumps(parts, sort_keys=True, default=_stable, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _stable(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(map(repr, value))
    named = isinstance(value, type) or (callable(value) and hasattr(value, "__qualname__"))
    kind = value if named else type(value)
    name = f"{kind.__module__}.{kind.__qualname__}"
    if named:
        return name
    if not hasattr(value, "__dict__"):  # a path, a compiled pattern: its repr says what it is
        return [name, repr(value)]
    # An object's settings matter as much as its type (an emoji index wrapping another, say).
    return [name, {key: item for key, item in vars(value).items() if not key.startswith("_")}]


class ContentMemo(Generic[V]):
    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, V]] = {}

    def get(self, name: str, key: str) -> V | None:
        entry = self._entries.get(name)
        return entry[1] if entry is not None and entry[0] == key else None

    def put(self, name: str, key: str, value: V) -> None:
        self._entries[name] = (key, value)
