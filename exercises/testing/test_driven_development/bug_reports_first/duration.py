"""The duration parser as shipped: the code your regression tests run against. Leave it as it is.

Two bug reports came in (see starter.py). Once both are fixed, the rules are today's rules plus:

- "0" on its own (surrounding whitespace allowed) means zero, as Go's time.ParseDuration and many tools accept;
  any other bare number ("90", "00") is still an error.
- The scheduler stores timeouts as signed 64-bit nanoseconds, so a duration must fit: 9223372036 seconds
  (2**63 - 1 nanoseconds, about 292 years, rounded down to whole seconds) is the largest accepted, and anything
  longer raises ValueError.
"""

from __future__ import annotations

import re

UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
TOKEN = re.compile(r"([0-9]+)([dhms])")


def parse_duration(text: str) -> int:
    compact = text.strip().lower()
    if not compact:
        raise ValueError("empty duration")
    tokens = TOKEN.findall(compact)
    if "".join(number + unit for number, unit in tokens) != compact:
        raise ValueError(f"not a duration: {text!r}")
    units = [unit for _, unit in tokens]
    if len(set(units)) != len(units) or units != sorted(units, key=lambda u: -UNITS[u]):
        raise ValueError(f"units must appear once, largest first: {text!r}")
    return sum(int(number) * UNITS[unit] for number, unit in tokens)
