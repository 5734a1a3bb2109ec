"""Order totals, computed with tax on the order's net total. (The release flag `new-tax-engine` and the old
per-line engine were removed once the flag had served 100% of orders.)"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal

from examples.cloud_devops.feature_flags.flags import FlagClient

RATES = {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "NL": Decimal("0.21")}
CENT = Decimal("0.01")


def new_tax(lines: list[Decimal], country: str) -> Decimal:
    """Tax on the order's net total, rounded once."""
    return (sum(lines, Decimal("0.00")) * RATES[country]).quantize(CENT, ROUND_HALF_EVEN)


def order_total(lines: list[Decimal], country: str, flags: FlagClient, context: Mapping[str, str]) -> Decimal:
    """`flags` stays in the signature so callers need not change in the same release; it is no longer read."""
    net = sum(lines, Decimal("0.00"))
    return net + new_tax(lines, country)
