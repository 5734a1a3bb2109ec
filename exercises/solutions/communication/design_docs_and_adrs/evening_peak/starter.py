"""A reference envelope for the marketplace design doc: the peak comes from the busy window, not the day.

The brief, as the product manager wrote it:
    "We expect about 2 million orders a day, mostly evening shopping: roughly 80% of orders come in
    between 18:00 and 22:00. During a flash sale, traffic runs at five times the normal evening rate.
    The app makes about 12 API calls per order. Finance needs three years of order history, and a
    stored order with its lines and indexes takes about 3 KiB."
"""

from __future__ import annotations

from dataclasses import dataclass

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class Demand:
    orders_per_day: int
    busy_hours: float  # the daily window in which most orders arrive
    busy_share: float  # the share of a day's orders that arrive in that window
    spike: float  # a sale's rate relative to the normal rate in the busy window
    requests_per_order: int
    bytes_per_order: int
    retention_years: float


def peak_requests_per_second(d: Demand) -> float:
    """The request rate the API must survive: a sale spike on top of the busiest normal rate.

    A spike is relative to the rate in the busy window, not to the daily average: spreading the evening's
    orders over 24 hours would hide most of the load (here, 80% of a day in 4 hours is 4.8 times the
    daily average before any sale).
    """
    busy_rate = d.orders_per_day * d.busy_share / (d.busy_hours * 3600)  # orders per second, normal evening
    return busy_rate * d.requests_per_order * d.spike


def storage_gib(d: Demand) -> float:
    return d.orders_per_day * 365 * d.retention_years * d.bytes_per_order / 2**30


MARKETPLACE = Demand(
    orders_per_day=2_000_000,
    busy_hours=4,
    busy_share=0.8,
    spike=5,
    requests_per_order=12,
    bytes_per_order=3 * 1024,
    retention_years=3,
)
