"""Document modelling (MongoDB, Firestore) shown with plain Python dictionaries.

No MongoDB or Firestore server runs here. `DocumentStore` is a deliberately tiny stand-in that keeps the
two properties the lesson relies on: a document is read and written as one unit, and a write to one
document is atomic. It does not imitate either product's query language, indexes or replication.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

Document = dict[str, Any]

MONGODB_MAX_DOCUMENT_BYTES = 16 * 1024 * 1024  # BSON document size limit, MongoDB manual "Limits"
FIRESTORE_MAX_DOCUMENT_BYTES = 1_048_576  # 1 MiB, Firestore "Quotas and limits"


class DocumentStore:
    """A collection: documents addressed by id, each one read and replaced as a whole."""

    def __init__(self) -> None:
        self._docs: dict[str, Document] = {}
        self.reads = 0

    def put(self, doc_id: str, doc: Document) -> None:
        self._docs[doc_id] = copy.deepcopy(doc)

    def get(self, doc_id: str) -> Document | None:
        self.reads += 1
        doc = self._docs.get(doc_id)
        return copy.deepcopy(doc) if doc is not None else None

    def find(self, **equals: Any) -> list[Document]:
        """Full scan with equality on top-level fields; a real store would use an index for this."""
        self.reads += 1
        return [copy.deepcopy(d) for d in self._docs.values() if all(d.get(k) == v for k, v in equals.items())]

    def increment(self, doc_id: str, field: str, by: int) -> None:
        """Like MongoDB's $inc or Firestore's FieldValue.increment: applied inside one document, atomically."""
        self._docs[doc_id][field] = self._docs[doc_id].get(field, 0) + by


# --8<-- [start:embed]
def order_document(order_id: str, customer: Document, lines: list[Document]) -> Document:
    """Embed what is read together and owned by the order; copy the few customer fields the order needs.

    The copy is deliberate denormalisation: the order must show the address it was shipped to, even if the
    customer moves later. The customer id stays as a reference for everything else.
    """
    return {
        "_id": order_id,
        "customer_id": customer["_id"],
        "ship_to": {"name": customer["name"], "city": customer["city"]},
        "lines": [{"sku": line["sku"], "qty": line["qty"], "price_cents": line["price_cents"]} for line in lines],
        "total_cents": sum(line["qty"] * line["price_cents"] for line in lines),
        "status": "paid",
    }


# --8<-- [end:embed]


def size_bytes(doc: Document) -> int:
    """JSON size as a rough proxy for BSON or Firestore's size rules (both add per-field overhead)."""
    return len(json.dumps(doc, separators=(",", ":")).encode())


# --8<-- [start:bucket]
def add_comment_bucketed(store: DocumentStore, post_id: str, comment: Document, bucket_size: int = 50) -> str:
    """Bucket pattern: comments go into fixed-size documents instead of one ever-growing array.

    An unbounded embedded array eventually hits the document size limit and makes every write of the
    post rewrite all its comments. Buckets keep each document small and let readers page through them.
    """
    meta = store.get(post_id) or {"_id": post_id, "buckets": 0, "last_bucket_count": bucket_size}
    if meta["last_bucket_count"] >= bucket_size:
        meta["buckets"] += 1
        meta["last_bucket_count"] = 0
    bucket_id = f"{post_id}:comments:{meta['buckets']}"
    bucket = store.get(bucket_id) or {"_id": bucket_id, "post_id": post_id, "comments": []}
    bucket["comments"].append(comment)
    meta["last_bucket_count"] += 1
    store.put(bucket_id, bucket)
    store.put(post_id, meta)
    return bucket_id


# --8<-- [end:bucket]


# --8<-- [start:counter]
class ShardedCounter:
    """Firestore's distributed-counter pattern: spread a hot counter over N documents.

    Firestore documents a soft limit of about one sustained write per second per document, so a single
    'likes' document would throttle a popular post. Writers pick a random shard; readers sum all shards.
    """

    def __init__(self, store: DocumentStore, name: str, shards: int, rng: random.Random | None = None) -> None:
        self.store, self.name, self.shards = store, name, shards
        self.rng = rng or random.Random()  # noqa: S311 - spreading load, not security
        for n in range(shards):
            store.put(self._shard_id(n), {"count": 0})

    def _shard_id(self, n: int) -> str:
        return f"counters/{self.name}/shards/{n}"

    def increment(self) -> str:
        shard = self._shard_id(self.rng.randrange(self.shards))
        self.store.increment(shard, "count", 1)
        return shard

    def value(self) -> int:
        return sum((self.store.get(self._shard_id(n)) or {"count": 0})["count"] for n in range(self.shards))


# --8<-- [end:counter]
