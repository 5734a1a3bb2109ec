"""Acceptance check: whatever order the changes arrive in, and however often, the index ends up showing exactly
the live products in their newest version; a late update never brings back a deleted product."""

from __future__ import annotations

import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from exercises import load_module


def history(module: ModuleType, seed: int, products: int = 40) -> tuple[list[Any], dict[str, dict[str, Any]]]:
    """Every change the database made, and the products that exist at the end with their last document."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible shuffle, not a secret
    changes, final = [], {}
    for n in range(products):
        product_id, live = f"sku-{n}", False
        for version in range(1, rng.randint(1, 6) + 1):
            if live and rng.random() < 0.25:
                changes.append(module.Change(product_id, version, None))
                live = False
            else:
                document = {"name": f"Product {n}", "price_cents": rng.randrange(500, 50_000)}
                changes.append(module.Change(product_id, version, document))
                live = True
        if live:
            final[product_id] = changes[-1].document
    return changes, final


def deliver(module: ModuleType, changes: list[Any]) -> dict[str, dict[str, Any]]:
    index = module.SearchIndex()
    indexer = module.Indexer(index)
    for change in changes:
        indexer.apply(change)
    return index.docs


def product(module: ModuleType, version: int, price: int | None) -> Any:
    document = None if price is None else {"name": "Lamp", "price_cents": price}
    return module.Change("lamp", version, document)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_reordered_and_repeated_changes_converge_to_the_database(answer: Path, seed: int) -> None:
    module = load_module(answer)
    changes, final = history(module, seed)
    rng = random.Random(seed * 101)  # noqa: S311 - a reproducible shuffle
    delivered = changes + rng.sample(changes, len(changes) // 3)  # at least once: some arrive twice
    rng.shuffle(delivered)
    docs = deliver(module, delivered)
    wrong = sorted(pid for pid in final.keys() | docs.keys() if docs.get(pid) != final.get(pid))
    assert not wrong, (
        f"after a shuffled, partly repeated delivery, {len(wrong)} products differ from the database, e.g. "
        f"{wrong[0]}: index {docs.get(wrong[0])}, database {final.get(wrong[0])}; apply a change only if its "
        "version is newer than the last one applied for that product"
    )


def test_an_old_price_cannot_overwrite_a_new_one(answer: Path) -> None:
    module = load_module(answer)
    docs = deliver(module, [product(module, 1, 10_000), product(module, 2, 8_000), product(module, 1, 10_000)])
    assert docs["lamp"]["price_cents"] == 8_000, "a replayed version 1 put the old price back"


def test_a_late_update_cannot_resurrect_a_deleted_product(answer: Path) -> None:
    module = load_module(answer)
    docs = deliver(module, [product(module, 1, 10_000), product(module, 3, None), product(module, 2, 9_000)])
    assert "lamp" not in docs, (
        "version 2 arrived after the delete (version 3) and brought the lamp back: remember the version of a "
        "delete, not just that the document is gone"
    )


@pytest.mark.starter_passes
def test_a_product_recreated_after_its_deletion_is_found(answer: Path) -> None:
    module = load_module(answer)
    docs = deliver(module, [product(module, 1, 10_000), product(module, 2, None), product(module, 3, 7_000)])
    assert docs == {"lamp": {"name": "Lamp", "price_cents": 7_000}}


@pytest.mark.starter_passes
def test_replaying_the_log_in_order_changes_nothing(answer: Path) -> None:
    module = load_module(answer)
    changes, final = history(module, seed=9)
    assert deliver(module, changes) == final
    assert deliver(module, changes + changes) == final
