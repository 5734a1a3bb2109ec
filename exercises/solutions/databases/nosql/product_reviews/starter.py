"""Reference solution: the subset and computed patterns on the product, the full history in buckets.

The product document keeps what its page shows and nothing unbounded: the 20 latest reviews (a subset that
never grows past 20), and the count and the sum of stars (computed once per write instead of once per view).
Every review is also appended to a bucket of at most 100 reviews, so the full history stays available page by
page and no document grows without bound. The page is one read of a small document.
"""

from __future__ import annotations

from typing import Any

from examples.databases.nosql_modelling.documents import DocumentStore

Review = dict[str, Any]
LATEST = 20
BUCKET = 100


def add_review(store: DocumentStore, product_id: str, review: Review) -> None:
    product = store.get(product_id)
    assert product is not None
    count = product.get("review_count", 0)
    bucket_id = f"{product_id}:reviews:{count // BUCKET}"
    bucket = store.get(bucket_id) or {"_id": bucket_id, "product_id": product_id, "reviews": []}
    bucket["reviews"].append(review)
    store.put(bucket_id, bucket)
    latest = sorted([*product.get("latest", []), review], key=lambda r: r["at"], reverse=True)[:LATEST]
    store.put(
        product_id,
        {
            **product,
            "latest": latest,
            "review_count": count + 1,
            "stars_total": product.get("stars_total", 0) + review["stars"],
        },
    )


def product_page(store: DocumentStore, product_id: str) -> dict[str, Any]:
    product = store.get(product_id)
    assert product is not None
    count = product.get("review_count", 0)
    return {
        "name": product["name"],
        "review_count": count,
        "average_stars": round(product["stars_total"] / count, 2) if count else None,
        "latest": product.get("latest", []),
    }
