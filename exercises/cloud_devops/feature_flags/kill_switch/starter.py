"""The storefront's flag evaluation. `source` returns the flag definitions the flag service last sent."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Flag:
    variants: Mapping[str, object]  # {"on": True, "off": False}
    default_variant: str
    off_variant: str
    enabled: bool = True  # False: the kill switch is on
    allow: Mapping[str, str] = field(default_factory=dict)  # user id -> variant (staff, beta customers)


@dataclass(frozen=True)
class Result:
    value: object
    reason: str  # "DISABLED", "TARGETING_MATCH", "STATIC" or "ERROR"


def evaluate(source: Callable[[], Mapping[str, Flag]], key: str, default: object, user_id: str) -> Result:
    flag = source()[key]
    if user_id in flag.allow:
        return Result(flag.variants[flag.allow[user_id]], "TARGETING_MATCH")
    if not flag.enabled:
        return Result(flag.variants[flag.off_variant], "DISABLED")
    return Result(flag.variants[flag.default_variant], "STATIC")
