"""The cycle-2 version: a real tokenizer that passes cycles 1 and 2, before the error cases were written."""

from __future__ import annotations

import re

# --8<-- [start:second_green]
UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
TOKEN = re.compile(r"(\d+)([dhms])")


def parse_duration(text: str) -> int:
    return sum(int(number) * UNITS[unit] for number, unit in TOKEN.findall(text.strip().lower()))


# --8<-- [end:second_green]
