"""Exercise: sharded invoicing that got slower.

Symptom: invoicing moved from one PostgreSQL server to 8 shards. Writes spread nicely, but the invoice list
page (a tenant's invoices) now queries all 8 shards and its p99 rose sixfold; the invoice page, which joins an
invoice with its customer and line items, fetches from several shards and merges in the application.

Diagnose it with the check (`make exercise ID=architecture/scaling/shard_key`): it places a generated data set
with `shard_for` and counts how many shards each of the app's common queries must visit. Then choose a better
shard key. Every table carries `tenant_id` (as Citus recommends for multi-tenant schemas), and every request
knows its tenant; the shards must also stay roughly balanced.
"""

from __future__ import annotations

import hashlib

SHARDS = 8


def stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def shard_for(table: str, row: dict[str, int]) -> int:
    """The shard (0 to SHARDS - 1) a row of `table` lives on. Tables: tenants (id), customers (id, tenant_id),
    invoices (id, tenant_id, customer_id), line_items (id, tenant_id, invoice_id)."""
    return stable_hash(f"{table}:{row['id']}") % SHARDS  # every row by its own id: writes spread evenly
