"""Back-of-the-envelope numbers that turn a business statement into design constraints."""

from __future__ import annotations

from dataclasses import dataclass

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class Demand:
    """What the business said, written down as numbers someone can challenge."""

    orders_per_day: int
    peak_to_average: float  # e.g. 10 for a flash sale that concentrates traffic
    requests_per_order: int  # API calls a client makes to place one order
    bytes_per_order: int  # stored row plus indexes, measured on a sample
    retention_years: int


# --8<-- [start:envelope]
def peak_requests_per_second(d: Demand) -> float:
    average = d.orders_per_day * d.requests_per_order / SECONDS_PER_DAY
    return average * d.peak_to_average


def storage_gib(d: Demand) -> float:
    return d.orders_per_day * 365 * d.retention_years * d.bytes_per_order / 2**30


LAUNCH = Demand(
    orders_per_day=50_000,
    peak_to_average=10,
    requests_per_order=12,
    bytes_per_order=2_048,
    retention_years=7,  # the finance team's legal retention period
)
# --8<-- [end:envelope]
