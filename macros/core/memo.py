"""The one cache interface: values kept by a digest of everything they are made from.

A changed input makes a new key, so an entry can never be stale, only unused; each name keeps its latest
entry only, so memory stays one entry per page. Nothing is written to disk: a new process starts empty,
and with the memo empty the output is the same, byte for byte (tests/test_serve_rebuilds.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, Generic, TypeVar

V = TypeVar("V")


def digest(*parts: Any) -> str:
    """A stable hash of JSON-like values; functions and other objects count by their qualified name."""
    text = json.dumps(parts, sort_keys=True, default=_stable, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _stable(value: Any) -> Any:
    if isinstance(value, set | frozenset | tuple):
        return sorted(map(repr, value)) if isinstance(value, set | frozenset) else list(value)
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    kind = value if isinstance(value, type) or (callable(value) and hasattr(value, "__qualname__")) else type(value)
    # An object's settings matter as much as its type (an emoji index wrapping another, say).
    state = vars(value) if hasattr(value, "__dict__") and not isinstance(value, type) else {}
    name = f"{getattr(kind, '__module__', '')}.{getattr(kind, '__qualname__', repr(kind))}"
    return [name, {key: item for key, item in state.items() if not key.startswith("_")}] if state else name


class ContentMemo(Generic[V]):
    def __init__(self) -> None:
        self._entries: dict[str, tuple[str, V]] = {}

    def get(self, name: str, key: str) -> V | None:
        entry = self._entries.get(name)
        return entry[1] if entry is not None and entry[0] == key else None

    def put(self, name: str, key: str, value: V) -> None:
        self._entries[name] = (key, value)

    def get_or_make(self, name: str, key: str, make: Callable[[], V]) -> V:
        value = self.get(name, key)
        if value is None:
            value = make()
            self.put(name, key, value)
        return value
