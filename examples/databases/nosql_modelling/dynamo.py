"""DynamoDB's key rules and limits, modelled in plain Python.

No DynamoDB (and no emulator) runs here. `Table` keeps what drives DynamoDB table design: every item has a
partition key and usually a sort key; Query needs one partition key value and can only range over sort keys;
Scan reads everything; global secondary indexes are updated asynchronously, so reading one right after a
write can miss it; an item is at most 400 KB; a transaction holds at most 100 actions; and writes to one
partition key value share one partition's budget of 1,000 write units per second.

The budget is modelled per partition key value. Real DynamoDB keeps many key values in one partition and can
split a busy partition, but writes that all carry the same partition key value keep arriving at the same
place, which is the case the model is for.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Item = dict[str, Any]

MAX_ITEM_BYTES = 400 * 1024  # DynamoDB's item size limit, names and values included
MAX_TRANSACTION_ACTIONS = 100  # TransactWriteItems
WRITE_UNITS_PER_PARTITION_SECOND = 1_000  # one write unit: an item of up to 1 KB
READ_UNITS_PER_PARTITION_SECOND = 3_000


class ValidationError(Exception):
    """A request DynamoDB refuses outright (an item too large, too many actions, no key)."""


class ConditionalCheckFailed(Exception):
    """A conditional write whose condition was false; nothing was written."""


class TransactionCanceled(Exception):
    """One action of a transaction failed its condition, so none of them was applied."""


class Throttled(Exception):
    """ProvisionedThroughputExceeded: the partition that holds this key value is over its budget."""


def item_bytes(item: Item) -> int:
    """A close stand-in for DynamoDB's item size: the bytes of attribute names and values."""
    return len(json.dumps(item, separators=(",", ":")).encode())


def write_units(item: Item) -> int:
    return max(1, math.ceil(item_bytes(item) / 1024))


@dataclass
class GlobalIndex:
    """A GSI: its own partition and sort key, filled from the table asynchronously (eventually consistent)."""

    partition_key: str
    sort_key: str | None = None
    pending: list[Item] = field(default_factory=list)
    items: dict[tuple[Any, Any, Any], Item] = field(default_factory=dict)

    def propagate(self) -> None:
        """Apply the changes still in flight, as DynamoDB does shortly after each write."""
        for item in self.pending:
            if self.partition_key in item:  # sparse: items without the index key are not in the index
                self.items[(item[self.partition_key], item.get(self.sort_key or ""), id(item))] = item
        self.pending.clear()

    def query(self, value: Any) -> list[Item]:
        found = [item for (pk, _, _), item in self.items.items() if pk == value]
        return sorted(found, key=lambda item: item.get(self.sort_key or "", ""))


@dataclass
class Table:
    partition_key: str
    sort_key: str | None = None
    second: int = 0  # the simulated clock: throughput budgets are per second
    items: dict[tuple[Any, Any], Item] = field(default_factory=dict)
    indexes: dict[str, GlobalIndex] = field(default_factory=dict)
    used: Counter[tuple[int, Any]] = field(default_factory=Counter)
    items_read: int = 0

    def _key(self, item: Item) -> tuple[Any, Any]:
        if self.partition_key not in item or (self.sort_key and self.sort_key not in item):
            raise ValidationError("the item lacks its primary key")
        return item[self.partition_key], item.get(self.sort_key) if self.sort_key else None

    def _charge(self, item: Item) -> None:
        bucket = (self.second, item[self.partition_key])
        units = write_units(item)
        if self.used[bucket] + units > WRITE_UNITS_PER_PARTITION_SECOND:
            raise Throttled(f"partition key {item[self.partition_key]!r} is over its write budget this second")
        self.used[bucket] += units

    def put(self, item: Item, if_not_exists: bool = False) -> None:
        """PutItem, optionally with ConditionExpression attribute_not_exists(pk)."""
        if item_bytes(item) > MAX_ITEM_BYTES:
            raise ValidationError("item size has exceeded the maximum allowed size (400 KB)")
        key = self._key(item)
        if if_not_exists and key in self.items:
            raise ConditionalCheckFailed(f"an item with key {key} already exists")
        self._charge(item)
        self.items[key] = dict(item)
        for index in self.indexes.values():
            index.pending.append(dict(item))

    def transact_put(self, items: list[Item], if_not_exists: bool = True) -> None:
        """TransactWriteItems with Put actions: all or nothing."""
        if len(items) > MAX_TRANSACTION_ACTIONS:
            raise ValidationError(f"a transaction holds at most {MAX_TRANSACTION_ACTIONS} actions")
        keys = [self._key(item) for item in items]
        if if_not_exists and any(key in self.items for key in keys):
            raise TransactionCanceled("ConditionalCheckFailed on at least one action: nothing was written")
        for item in items:
            self.put(item)

    def get(self, pk: Any, sk: Any = None) -> Item | None:
        self.items_read += 1
        return self.items.get((pk, sk))

    def query(
        self,
        pk: Any,
        sk_begins_with: str | None = None,
        sk_between: tuple[Any, Any] | None = None,
        descending: bool = False,
        limit: int | None = None,
    ) -> list[Item]:
        """Query: exactly one partition key value, then a condition on the sort key only."""
        matches: list[Item] = []
        for (item_pk, item_sk), item in self.items.items():
            if item_pk != pk:
                continue
            if sk_begins_with is not None and not str(item_sk).startswith(sk_begins_with):
                continue
            if sk_between is not None and not sk_between[0] <= item_sk <= sk_between[1]:
                continue
            matches.append(item)
        matches.sort(key=lambda item: item[self.sort_key] if self.sort_key else 0, reverse=descending)
        found = matches[:limit] if limit is not None else matches
        self.items_read += len(found)
        return found

    def scan(self, keep: Callable[[Item], bool] = lambda item: True) -> list[Item]:
        """Scan reads (and bills) every item in the table; a filter only trims what comes back."""
        self.items_read += len(self.items)
        return [item for item in self.items.values() if keep(item)]
