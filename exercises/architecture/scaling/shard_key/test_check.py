"""Acceptance check: a tenant's common queries each touch one shard (joins included), the shard is computable
from the tenant id alone, and no shard holds far more rows than the average."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module

Row = dict[str, int]


def dataset() -> dict[str, list[Row]]:
    """400 tenants of different sizes (the largest has about 1.5% of the invoices), with customers, invoices
    and line items."""
    rng = random.Random(11)  # noqa: S311 (a fixed, repeatable data set)
    tables: dict[str, list[Row]] = {"tenants": [], "customers": [], "invoices": [], "line_items": []}
    ids = Counter[str]()

    def add(table: str, **columns: int) -> Row:
        ids[table] += 1
        row = {"id": ids[table], **columns}
        tables[table].append(row)
        return row

    for rank in range(1, 401):
        tenant = add("tenants")
        customers = [add("customers", tenant_id=tenant["id"]) for _ in range(max(1, 30 // rank))]
        for _ in range(4 + int(40 / rank**0.7)):
            customer = rng.choice(customers)
            invoice = add("invoices", tenant_id=tenant["id"], customer_id=customer["id"])
            for _ in range(rng.randint(1, 5)):
                add("line_items", tenant_id=tenant["id"], invoice_id=invoice["id"])
    return tables


DATA = dataset()


def place(module: ModuleType) -> dict[tuple[str, int], int]:
    where = {}
    for table, rows in DATA.items():
        for row in rows:
            shard = module.shard_for(table, dict(row))
            assert 0 <= shard < module.SHARDS, f"shard_for returned {shard} for a {table} row"
            where[table, row["id"]] = shard
    return where


def test_a_tenants_invoice_list_touches_one_shard(answer: Path) -> None:
    where = place(load_module(answer))
    shards_per_tenant = defaultdict(set)
    for invoice in DATA["invoices"]:
        shards_per_tenant[invoice["tenant_id"]].add(where["invoices", invoice["id"]])
    worst = max(len(shards) for shards in shards_per_tenant.values())
    assert worst == 1, (
        f"listing one tenant's invoices visits up to {worst} shards: every such page is a scatter-gather "
        "across the cluster. Keep a tenant's invoices together"
    )


def test_an_invoice_its_customer_and_its_line_items_share_a_shard(answer: Path) -> None:
    where = place(load_module(answer))
    lines = defaultdict(list)
    for item in DATA["line_items"]:
        lines[item["invoice_id"]].append(item["id"])
    split = 0
    for invoice in DATA["invoices"]:
        shards = {where["invoices", invoice["id"]], where["customers", invoice["customer_id"]]}
        shards |= {where["line_items", item] for item in lines[invoice["id"]]}
        split += len(shards) > 1
    assert split == 0, (
        f"{split} of {len(DATA['invoices'])} invoice pages join rows from more than one shard: the join has to "
        "happen in the application. Rows that are queried together belong on the same shard"
    )


def test_the_shard_follows_from_the_tenant_alone(answer: Path) -> None:
    module = load_module(answer)
    where = place(module)
    home = {tenant["id"]: where["tenants", tenant["id"]] for tenant in DATA["tenants"]}
    strays = [
        (table, row["id"])
        for table in ("customers", "invoices", "line_items")
        for row in DATA[table]
        if where[table, row["id"]] != home[row["tenant_id"]]
    ]
    assert not strays, (
        f"{len(strays)} rows do not live on their tenant's shard (first: {strays[0]}): a request that knows "
        "only its tenant id must be able to compute the one shard to ask"
    )


@pytest.mark.starter_passes
def test_no_shard_is_far_above_average(answer: Path) -> None:
    module = load_module(answer)
    rows = Counter(place(module).values())
    mean = sum(rows.values()) / module.SHARDS
    fullest = max(rows.get(shard, 0) for shard in range(module.SHARDS))
    assert fullest <= 1.8 * mean, (
        f"the fullest shard holds {fullest} rows, {fullest / mean:.1f} times the average: spread tenants over "
        "all shards (a hash of the tenant id does it)"
    )
