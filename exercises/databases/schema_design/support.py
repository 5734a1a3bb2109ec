"""What the schema-design checks share: the order export, its business rules, and normal forms computed from
functional dependencies (small tables, so every subset of columns can be tried)."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from examples.databases.schema_design.normalisation import closure

FD = tuple[frozenset[str], frozenset[str]]

COLUMNS = frozenset(
    {
        "order_id",
        "placed_at",
        "customer_id",
        "customer_email",
        "product_id",
        "product_name",
        "unit_price_cents",
        "quantity",
    }
)

# The business rules, as the people who run the shop state them (the starter of the first exercise has them in
# words). The price is part of the order line: prices change, and an order keeps the price it was placed at.
RULES: list[FD] = [
    (frozenset({"order_id"}), frozenset({"customer_id", "placed_at"})),
    (frozenset({"customer_id"}), frozenset({"customer_email"})),
    (frozenset({"customer_email"}), frozenset({"customer_id"})),
    (frozenset({"product_id"}), frozenset({"product_name"})),
    (frozenset({"order_id", "product_id"}), frozenset({"unit_price_cents", "quantity"})),
]

# The export: three orders, two customers, three products; the keyboard's price went up between orders.
EXPORT: list[dict[str, object]] = [
    {"order_id": 1, "placed_at": "2026-02-03 10:00", "customer_id": 7, "customer_email": "ada@example.com",
     "product_id": 100, "product_name": "Keyboard", "unit_price_cents": 4900, "quantity": 1},
    {"order_id": 1, "placed_at": "2026-02-03 10:00", "customer_id": 7, "customer_email": "ada@example.com",
     "product_id": 200, "product_name": "Mouse", "unit_price_cents": 1900, "quantity": 2},
    {"order_id": 2, "placed_at": "2026-03-09 16:30", "customer_id": 8, "customer_email": "grace@example.com",
     "product_id": 100, "product_name": "Keyboard", "unit_price_cents": 5400, "quantity": 1},
    {"order_id": 3, "placed_at": "2026-03-11 08:15", "customer_id": 7, "customer_email": "ada@example.com",
     "product_id": 300, "product_name": "Monitor", "unit_price_cents": 18900, "quantity": 1},
    {"order_id": 3, "placed_at": "2026-03-11 08:15", "customer_id": 7, "customer_email": "ada@example.com",
     "product_id": 200, "product_name": "Mouse", "unit_price_cents": 1900, "quantity": 1},
]  # fmt: skip


def as_fds(declared: Iterable[tuple[Iterable[str], Iterable[str]]]) -> list[FD]:
    return [(frozenset(left), frozenset(right)) for left, right in declared]


def subsets(columns: Iterable[str]) -> list[frozenset[str]]:
    ordered = sorted(columns)
    return [frozenset(c) for size in range(len(ordered) + 1) for c in combinations(ordered, size)]


def implies(rules: list[FD], fd: FD) -> bool:
    left, right = fd
    return right <= closure(set(left), rules)


def candidate_keys(columns: frozenset[str], rules: list[FD]) -> list[frozenset[str]]:
    """The minimal sets of columns whose closure, within these columns, is all of them."""
    keys: list[frozenset[str]] = []
    for subset in subsets(columns):
        if columns <= closure(set(subset), rules) and not any(key < subset for key in keys):
            keys.append(subset)
    return keys


def projected(columns: frozenset[str], rules: list[FD]) -> list[FD]:
    """The dependencies that hold among these columns alone (X -> the part of X's closure inside them)."""
    return [(x, frozenset(closure(set(x), rules)) & columns - x) for x in subsets(columns)]


def normal_form(columns: frozenset[str], rules: list[FD]) -> str:
    """The highest of 1NF, 2NF, 3NF and BCNF that a table with these columns satisfies under the rules."""
    keys = candidate_keys(columns, rules)
    prime = frozenset().union(*keys)
    deps = [(x, y) for x, y in projected(columns, rules) if y]
    if all(any(key <= x for key in keys) for x, _ in deps):
        return "BCNF"
    if all(any(key <= x for key in keys) or y <= prime for x, y in deps):
        return "3NF"
    partial = any(x < key and (y - prime) for x, y in deps for key in keys)
    return "1NF" if partial else "2NF"
