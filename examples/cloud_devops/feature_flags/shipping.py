"""A feature behind a release flag: the new free-shipping rule ships dark and is turned on by the flag."""

from __future__ import annotations

from collections.abc import Mapping

from examples.cloud_devops.feature_flags.flags import FlagClient

FLAT_RATE_CENTS = 499


# --8<-- [start:feature]
def shipping_cents(cart_cents: int, flags: FlagClient, context: Mapping[str, str]) -> int:
    """Old rule: flat rate. New rule (release flag `free-shipping-over-50`): free from 50.00 up.

    The default, False, is the old behavior: if the flag system is unreachable, customers get what they got
    yesterday, not a half-released feature."""
    if flags.value("free-shipping-over-50", False, context):
        return 0 if cart_cents >= 5_000 else FLAT_RATE_CENTS
    return FLAT_RATE_CENTS


# --8<-- [end:feature]
