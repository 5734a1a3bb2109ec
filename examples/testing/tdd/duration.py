"""Parse durations such as "1h30m" into seconds; grown test by test in the TDD lesson."""

from __future__ import annotations

import re

# --8<-- [start:final]
UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
TOKEN = re.compile(r"([0-9]+)([dhms])")  # not \d: in a str pattern it matches any Unicode digit, such as "٣"


def parse_duration(text: str) -> int:
    """Return the number of seconds in a duration like "2h", "1h30m" or "45s"."""
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


# --8<-- [end:final]


# --8<-- [start:format]
def format_duration(seconds: int) -> str:
    """The inverse of parse_duration: 5400 -> "1h30m", 0 -> "0s"."""
    if seconds < 0:
        raise ValueError("durations are not negative")
    if seconds == 0:
        return "0s"
    parts = []
    for unit, size in UNITS.items():  # dicts keep insertion order: d, h, m, s
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)


# --8<-- [end:format]
