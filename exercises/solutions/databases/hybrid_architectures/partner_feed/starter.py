"""Reference solution: parse each field into the canonical shape, and reject with a reason what cannot be.

The amount is in major units of the record's currency: Decimal (never float) turns it into cents exactly, and
the rate converts it to euro cents, rounded half away from zero. A currency without a rate is rejected, not
assumed to be euros. The email is the natural key, so it is trimmed and lower-cased like the other sources'.
The country goes through the lesson's normalise_country, which maps aliases such as UK to GB. A malformed
line (an impossible date, a missing amount) becomes a Rejected record naming the problem.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from examples.databases.hybrid.etl import Customer, Rejected, normalise_country


def euro_cents(amount: str, currency: str, rates: dict[str, Decimal]) -> int:
    if currency not in rates:
        raise ValueError(f"unknown currency {currency!r}: no exchange rate")
    cents = Decimal(amount.strip()) * rates[currency] * 100
    return int(cents.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_partner_fixed_width(text: str, rates: dict[str, Decimal]) -> Iterator[Customer | Rejected]:
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            yield Customer(
                email=line[0:40].strip().lower(),
                name=line[40:70].strip(),
                country=normalise_country(line[70:72]),
                lifetime_value_cents=euro_cents(line[75:87], line[72:75].strip().upper(), rates),
                first_seen=datetime.strptime(line[87:95], "%Y%m%d").date(),
                source="partner",
            )
        except (ValueError, InvalidOperation) as error:
            yield Rejected("partner", line, str(error))
