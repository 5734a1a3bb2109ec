"""Exercise: the partner feed that made British customers look cheap.

Symptom: since the partner's monthly file joined the customer integration, the sales team reports that
customers in the United Kingdom have tiny lifetime values, that some customers appear twice, that the
country report lists a country "UK" next to "GB", and that a partner record in US dollars went in as euros.
This month the whole job stopped on one record dated 31 February.

Diagnose it with the check (`make exercise ID=databases/hybrid_architectures/partner_feed`): it loads the
lesson's CRM and shop samples together with a partner file through the lesson's `load`, and compares the
customers table with what the records mean. Then fix `from_partner_fixed_width`.

The partner's file is fixed-width, one record per line (positions count from 0):
    0-39   email, padded with spaces          40-69  name
    70-71  country, ISO code or alias (UK)    72-74  currency code (EUR or GBP so far)
    75-86  amount spent, in major units with two decimals, right-aligned ("     1234.50")
    87-94  first purchase date, YYYYMMDD
Lifetime values are stored in euro cents. `rates` gives euros per unit of each currency the team accepts;
round converted amounts to the nearest cent, halves away from zero. A record that cannot be mapped is
rejected with a reason, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from examples.databases.hybrid.etl import Customer, Rejected


def from_partner_fixed_width(text: str, rates: dict[str, Decimal]) -> Iterator[Customer | Rejected]:
    for line in text.splitlines():
        if not line.strip():
            continue
        yield Customer(
            email=line[0:40].strip(),
            name=line[40:70].strip(),
            country=line[70:72].upper(),
            lifetime_value_cents=int(float(line[75:87])),
            first_seen=date(int(line[87:91]), int(line[91:93]), int(line[93:95])),
            source="partner",
        )
