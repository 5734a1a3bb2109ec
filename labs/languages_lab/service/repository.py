"""Storage behind a small interface, so the HTTP layer never knows where items live."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    price_cents: int


class ItemRepository(Protocol):
    def get(self, item_id: int) -> Item | None: ...
    def list(self, limit: int, offset: int) -> list[Item]: ...
    def add(self, name: str, price_cents: int) -> Item: ...


class InMemoryItemRepository:
    """Thread-safe: a sync FastAPI endpoint runs in a thread pool, so two requests may write at once."""

    def __init__(self, items: list[Item] | None = None) -> None:
        self._items = {item.id: item for item in items or []}
        self._next_id = max(self._items, default=0) + 1
        self._lock = threading.Lock()

    def get(self, item_id: int) -> Item | None:
        return self._items.get(item_id)

    def list(self, limit: int, offset: int) -> list[Item]:
        return [self._items[key] for key in sorted(self._items)][offset : offset + limit]

    def add(self, name: str, price_cents: int) -> Item:
        with self._lock:
            item = Item(self._next_id, name, price_cents)
            self._items[item.id] = item
            self._next_id += 1
            return item


def seeded() -> InMemoryItemRepository:
    return InMemoryItemRepository([Item(1, "Keyboard", 4999), Item(2, "Mouse", 1999)])
