"""Durations with weeks, as shipped in release 2.4: the code your tests run against. Leave it as it is.

The admin tool saves every timeout with format_duration, and the service reads it back with parse_duration.
What the pair promises:

- format_duration(n) is canonical: units largest first (w, d, h, m, s), each at most once, no zero parts,
  and "0s" for zero;
- parse_duration(format_duration(n)) == n for every n >= 0.
"""

from __future__ import annotations

import re

UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}  # weeks are new in 2.4
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


def format_duration(seconds: int) -> str:
    if seconds < 0:
        raise ValueError("durations are not negative")
    if seconds == 0:
        return "0s"
    parts = []
    for unit, size in UNITS.items():
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)
