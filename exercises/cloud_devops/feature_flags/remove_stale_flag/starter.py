"""Order totals. The new tax engine shipped behind the release flag `new-tax-engine`; it has served 100% of
orders since May."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal

from examples.cloud_devops.feature_flags.flags import FlagClient

RATES = {"DE": Decimal("0.19"), "FR": Decimal("0.20"), "NL": Decimal("0.21")}
CENT = Decimal("0.01")


def old_tax(lines: list[Decimal], country: str) -> Decimal:
    """Tax per line, rounded per line: the rule the tax advisers asked us to replace."""
    rate = RATES[country]
    return sum(((line * rate).quantize(CENT, ROUND_HALF_EVEN) for line in lines), Decimal("0.00"))


def new_tax(lines: list[Decimal], country: str) -> Decimal:
    """Tax on the order's net total, rounded once."""
    return (sum(lines, Decimal("0.00")) * RATES[country]).quantize(CENT, ROUND_HALF_EVEN)


def order_total(lines: list[Decimal], country: str, flags: FlagClient, context: Mapping[str, str]) -> Decimal:
    net = sum(lines, Decimal("0.00"))
    if flags.value("new-tax-engine", False, context):
        return net + new_tax(lines, country)
    return net + old_tax(lines, country)
