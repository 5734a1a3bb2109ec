"""Acceptance check: after 600 reviews no document is over 64 KB, a product page costs at most two reads and
64 KB, and the page shows the right count, average and 20 latest reviews."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from examples.databases.nosql_modelling.documents import DocumentStore, size_bytes
from exercises import load_module

MAX_DOCUMENT_BYTES = 64 * 1024
REVIEWS = 600


class MeteredStore(DocumentStore):
    """The lesson's store, counting the bytes of every document a reader gets back."""

    def __init__(self) -> None:
        super().__init__()
        self.bytes_read = 0

    def get(self, doc_id: str):
        doc = super().get(doc_id)
        self.bytes_read += size_bytes(doc) if doc is not None else 0
        return doc

    def find(self, **equals: Any):
        docs = super().find(**equals)
        self.bytes_read += sum(size_bytes(doc) for doc in docs)
        return docs

    def documents(self):
        return self._docs.values()


def reviewed(answer: Path, seed: int) -> tuple[Any, MeteredStore, list[dict[str, Any]]]:
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret
    module = load_module(answer)
    store = MeteredStore()
    store.put("kettle", {"_id": "kettle", "name": "Kettle 2000"})
    store.put("toaster", {"_id": "toaster", "name": "Toaster"})
    written = []
    for n in range(REVIEWS):
        review = {"by": f"u{rng.randrange(900)}", "stars": rng.randint(1, 5), "text": "y" * 300, "at": n * 7}
        module.add_review(store, "kettle", review)
        written.append(review)
    return module, store, written


def test_no_document_grows_past_64_kb(answer: Path) -> None:
    _, store, _ = reviewed(answer, seed=1)
    biggest = max(size_bytes(doc) for doc in store.documents())
    assert biggest <= MAX_DOCUMENT_BYTES, (
        f"a document holds {biggest:,} bytes after {REVIEWS} reviews, and keeps growing"
    )


def test_a_page_costs_at_most_two_reads_and_64_kb(answer: Path) -> None:
    module, store, _ = reviewed(answer, seed=2)
    store.reads, store.bytes_read = 0, 0
    module.product_page(store, "kettle")
    assert store.reads <= 2, f"the page took {store.reads} reads"
    assert store.bytes_read <= MAX_DOCUMENT_BYTES, f"the page downloaded {store.bytes_read:,} bytes to show 20 reviews"


@pytest.mark.starter_passes
def test_the_page_shows_the_count_the_average_and_the_latest_reviews(answer: Path) -> None:
    module, store, written = reviewed(answer, seed=3)
    page = module.product_page(store, "kettle")
    assert page["name"] == "Kettle 2000"
    assert page["review_count"] == REVIEWS
    assert page["average_stars"] == round(sum(r["stars"] for r in written) / REVIEWS, 2)
    assert page["latest"] == sorted(written, key=lambda r: r["at"], reverse=True)[:20]
    empty = module.product_page(store, "toaster")
    assert (empty["review_count"], empty["average_stars"], empty["latest"]) == (0, None, [])
