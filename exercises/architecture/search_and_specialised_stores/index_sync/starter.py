"""Exercise: old prices that come back from the dead.

Symptom: after Tuesday's bulk price update, about one product in 300 showed its old price in search results
until the weekly full reindex, and two products deleted by merchants kept turning up in results. The indexer
consumes change events from change data capture, which delivers every change at least once: after a consumer
restart it replays recent events, and changes to one product can arrive out of order.

Diagnose it with the check (`make exercise ID=architecture/search_and_specialised_stores/index_sync`): the
indexer applies every change it receives, in the order it receives them. Then make it version-aware: apply a
change only if it is newer than what the index already reflects for that product, and remember deletions
(with their version) so that a late, older update cannot bring a deleted product back. Search results must
only ever contain live products.
"""

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

    def apply(self, change: Change) -> None:
        if change.document is None:
            self.index.docs.pop(change.product_id, None)
        else:
            self.index.docs[change.product_id] = change.document
