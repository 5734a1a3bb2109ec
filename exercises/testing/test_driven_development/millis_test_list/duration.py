"""The duration parser as it is today: the code your tests are written against. Leave it as it is.

`parse_duration_ms` exists so that callers can move to milliseconds, but it does not know the `ms` unit yet.
The feature your tests specify, before anyone writes it:

- Units are d, h, m, s and ms; a duration is one or more <ASCII digits><unit> parts with nothing in between.
- Each unit appears at most once, largest first: "1s250ms" is valid, "250ms1s" and "1ms1ms" are not.
- Upper case and surrounding whitespace are accepted, as today.
- The result is an exact integer number of milliseconds: "1s1ms" is 1001.
"""

from __future__ import annotations

import re

UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
TOKEN = re.compile(r"([0-9]+)([dhms])")


def parse_duration(text: str) -> int:
    """Seconds in a duration like "2h", "1h30m" or "45s"."""
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


def parse_duration_ms(text: str) -> int:
    """Milliseconds in a duration. Today: whole seconds only."""
    return parse_duration(text) * 1000
