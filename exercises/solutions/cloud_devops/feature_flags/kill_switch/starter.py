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
    """Never raises: the kill switch first, for everyone; any failure gives the caller's default."""
    try:
        flag = source().get(key)
        if flag is None:
            return Result(default, "ERROR")
        if not flag.enabled:  # before targeting: killing a feature must kill it for the allow list too
            variant, reason = flag.off_variant, "DISABLED"
        elif user_id in flag.allow:
            variant, reason = flag.allow[user_id], "TARGETING_MATCH"
        else:
            variant, reason = flag.default_variant, "STATIC"
        value = flag.variants[variant]
    except Exception:  # the flag service being down must not take checkout down with it
        return Result(default, "ERROR")
    if type(value) is not type(default):
        return Result(default, "ERROR")
    return Result(value, reason)
