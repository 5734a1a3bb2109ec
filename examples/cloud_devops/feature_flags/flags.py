"""A small feature-flag evaluator: a kill switch, targeting rules and a sticky percentage rollout.

Its results follow the OpenFeature specification's vocabulary (a value, the variant, a reason and, on failure, an
error code), so the shape carries over to a real provider. Evaluation never raises: a flag that is missing, has
the wrong type or cannot be evaluated gives the caller's default, with the reason saying why.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

T = TypeVar("T")


class Reason(Enum):
    STATIC = "STATIC"  # the flag has no rules: everyone gets its default variant
    TARGETING_MATCH = "TARGETING_MATCH"  # a targeting rule chose the variant
    SPLIT = "SPLIT"  # the percentage rollout chose the variant
    DISABLED = "DISABLED"  # the kill switch is on: everyone gets the off variant
    ERROR = "ERROR"  # something went wrong: the caller's default was returned


class ErrorCode(Enum):
    FLAG_NOT_FOUND = "FLAG_NOT_FOUND"
    TYPE_MISMATCH = "TYPE_MISMATCH"
    TARGETING_KEY_MISSING = "TARGETING_KEY_MISSING"
    GENERAL = "GENERAL"


# --8<-- [start:model]
@dataclass(frozen=True)
class Rule:
    """Serve `variant` when the context's `attribute` is one of `values` (an allow list, a plan, a country)."""

    attribute: str
    values: frozenset[str]
    variant: str


@dataclass(frozen=True)
class Flag:
    key: str
    variants: Mapping[str, object]  # {"on": True, "off": False}, or several experiment arms
    default_variant: str  # served when no rule and no rollout applies
    off_variant: str  # served to everyone while the kill switch is on
    enabled: bool = True  # False is the kill switch: it wins over every rule and rollout
    rules: tuple[Rule, ...] = ()
    rollout: tuple[tuple[str, int], ...] = ()  # (variant, weight in percent) in a fixed order, summing to 100


@dataclass(frozen=True)
class Resolution:
    value: object
    variant: str | None
    reason: Reason
    error: ErrorCode | None = None


# --8<-- [end:model]


# --8<-- [start:bucket]
BUCKETS = 10_000  # 0.01% steps, so a rollout can start at 0.1% of a large user base


def bucket(flag_key: str, targeting_key: str) -> int:
    """The user's fixed position (0..9999) for this flag: the same in every process, on every host, forever.

    The flag key is part of the input, so each flag gets its own independent shuffle: the 5% who see one
    experiment are not the same 5% who see every other. Python's built-in hash() would not do: it is salted
    per process for strings, so each replica (and each restart) would put the user somewhere else."""
    digest = hashlib.sha256(f"{flag_key}/{targeting_key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % BUCKETS


def split(flag: Flag, position: int) -> str:
    """Walk the rollout's variants in their fixed order; each owns the next `weight` percent of buckets.

    Growing the first variant's weight (10 -> 25 -> 100) only moves its boundary up: everyone already inside
    stays inside. Reordering the variants, or shrinking one in the middle, moves people between variants."""
    boundary = 0
    for variant, weight in flag.rollout:
        boundary += weight * BUCKETS // 100
        if position < boundary:
            return variant
    return flag.rollout[-1][0]


# --8<-- [end:bucket]


# --8<-- [start:evaluate]
def resolve(flag: Flag, context: Mapping[str, str]) -> tuple[str, Reason]:
    """Which variant, and why. The order is the policy: kill switch, then targeting, then the rollout."""
    if not flag.enabled:
        return flag.off_variant, Reason.DISABLED
    for rule in flag.rules:
        if context.get(rule.attribute) in rule.values:
            return rule.variant, Reason.TARGETING_MATCH
    if flag.rollout:
        key = context.get("targetingKey")
        if not key:
            raise TargetingKeyMissing(flag.key)
        return split(flag, bucket(flag.key, key)), Reason.SPLIT
    return flag.default_variant, Reason.STATIC


class TargetingKeyMissing(Exception):
    pass


@dataclass
class FlagClient:
    """What application code calls. `source` returns the current flag definitions (a file, a flag service's
    cache); when it fails, or a flag is unusable, the caller's default comes back with the reason."""

    source: Callable[[], Mapping[str, Flag]]
    evaluations: list[tuple[str, Resolution]] = field(default_factory=list)  # for logs, metrics and tests

    def details(self, key: str, default: T, context: Mapping[str, str]) -> Resolution:
        resolution = self._resolve(key, default, context)
        self.evaluations.append((key, resolution))
        return resolution

    def value(self, key: str, default: T, context: Mapping[str, str]) -> T:
        result = self.details(key, default, context).value
        return result if type(result) is type(default) else default  # _resolve guarantees it; this tells mypy

    def _resolve(self, key: str, default: object, context: Mapping[str, str]) -> Resolution:
        try:
            flag = self.source().get(key)
            if flag is None:
                return Resolution(default, None, Reason.ERROR, ErrorCode.FLAG_NOT_FOUND)
            variant, reason = resolve(flag, context)
            value = flag.variants[variant]
        except TargetingKeyMissing:
            return Resolution(default, None, Reason.ERROR, ErrorCode.TARGETING_KEY_MISSING)
        except Exception:  # a flag system must never take the request down with it
            return Resolution(default, None, Reason.ERROR, ErrorCode.GENERAL)
        if type(value) is not type(default):  # a string where the code expects a bool is a bug, not a value
            return Resolution(default, None, Reason.ERROR, ErrorCode.TYPE_MISMATCH)
        return Resolution(value, variant, reason)


# --8<-- [end:evaluate]
