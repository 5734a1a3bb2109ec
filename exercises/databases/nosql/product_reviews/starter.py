"""Exercise: the product document that reached 16 MB.

Symptom: every review is pushed into its product's document, as the first prototype did. The best-selling
kettle now has thousands of reviews: its product page downloads almost 2 MB per view, every new review
rewrites the whole document, and MongoDB started refusing updates to it near the 16 MiB document limit
(Firestore would have refused at 1 MiB).

Diagnose it with the check (`make exercise ID=databases/nosql/product_reviews`): it adds 600 reviews,
measures every document, and counts the reads and bytes one product page costs. Then remodel: keep
documents small, and keep the page to at most two reads and 64 KB. The page shows the product's name, its
number of reviews, the average rating, and the 20 latest reviews, newest first.

`DocumentStore` is the lesson's stand-in for a document database (examples/databases/nosql_modelling): put,
get and find whole documents, and increment a number inside one. A review is a dict with by, stars (1-5),
text and at (a number that grows with time).
"""

from __future__ import annotations

from typing import Any

from examples.databases.nosql_modelling.documents import DocumentStore

Review = dict[str, Any]


def add_review(store: DocumentStore, product_id: str, review: Review) -> None:
    product = store.get(product_id)
    assert product is not None
    product.setdefault("reviews", []).append(review)
    store.put(product_id, product)


def product_page(store: DocumentStore, product_id: str) -> dict[str, Any]:
    product = store.get(product_id)
    assert product is not None
    reviews = product.get("reviews", [])
    return {
        "name": product["name"],
        "review_count": len(reviews),
        "average_stars": round(sum(r["stars"] for r in reviews) / len(reviews), 2) if reviews else None,
        "latest": sorted(reviews, key=lambda r: r["at"], reverse=True)[:20],
    }
