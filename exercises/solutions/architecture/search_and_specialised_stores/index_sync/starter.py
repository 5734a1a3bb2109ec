"""A reference solution: external versioning with tombstones, so reordered and repeated changes converge."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Change:
    product_id: str
    version: int  # the row's version in the database: it grows with every update, and the delete gets one too
    document: dict[str, Any] | None  # None: the product was deleted


@dataclass
class SearchIndex:
    """Stands in for the search engine: what searches can see, by product id."""

    docs: dict[str, dict[str, Any]] = field(default_factory=dict)


class Indexer:
    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        # The newest version applied per product, deletions included. Keeping the version of a delete (a
        # tombstone) is what stops an older update, arriving late, from resurrecting the product. Elasticsearch's
        # own tombstones expire after index.gc_deletes (60 s by default), so an indexer that can lag longer keeps
        # its own, as here, or checks the source before it applies an old change.
        self.versions: dict[str, int] = {}

    def apply(self, change: Change) -> None:
        if change.version <= self.versions.get(change.product_id, 0):
            return  # a duplicate or an older change: the index already reflects something newer
        self.versions[change.product_id] = change.version
        if change.document is None:
            self.index.docs.pop(change.product_id, None)
        else:
            self.index.docs[change.product_id] = change.document
