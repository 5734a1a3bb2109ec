"""Data classification in code: every field carries a label, handling rules follow from the label, and a
test fails when someone adds a field without one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


# --8<-- [start:labels]
class Level(Enum):
    PUBLIC = "public"  # may be published: product names, prices
    INTERNAL = "internal"  # staff only, little harm if leaked: internal ids, feature flags
    CONFIDENTIAL = "confidential"  # personal data and business secrets: email, address, order history
    RESTRICTED = "restricted"  # serious harm if leaked: government ids, health data, card numbers


class Pii(Enum):
    NONE = "none"
    INDIRECT = "indirect"  # identifies a person in combination: birth date, postcode, IP address
    DIRECT = "direct"  # identifies a person alone: name, email, phone, national id
    SPECIAL = "special"  # GDPR Article 9 categories: health, biometrics, religion, ...


def classified(level: Level, pii: Pii = Pii.NONE, default: Any = dataclasses.MISSING) -> Any:
    """A dataclass field that carries its classification as metadata."""
    return field(default=default, metadata={"level": level, "pii": pii})


@dataclass
class Patient:
    id: str = classified(Level.INTERNAL)
    name: str = classified(Level.CONFIDENTIAL, Pii.DIRECT)
    email: str = classified(Level.CONFIDENTIAL, Pii.DIRECT)
    birth_date: dt.date = classified(Level.CONFIDENTIAL, Pii.INDIRECT)  # noqa: RUF009 - a field(), not a default
    postcode: str = classified(Level.CONFIDENTIAL, Pii.INDIRECT)
    diagnosis: str = classified(Level.RESTRICTED, Pii.SPECIAL)
    clinic: str = classified(Level.PUBLIC)


# --8<-- [end:labels]


# --8<-- [start:rules]
@dataclass(frozen=True)
class Handling:
    encrypt_field: bool  # application-level encryption on top of disk encryption
    may_log: bool
    may_export_to_analytics: bool
    retention_days: int | None  # None: kept while the account exists


def handling(level: Level, pii: Pii) -> Handling:
    """One table of rules, so a decision is made once per class instead of once per field."""
    if level is Level.RESTRICTED or pii is Pii.SPECIAL:
        return Handling(encrypt_field=True, may_log=False, may_export_to_analytics=False, retention_days=365 * 8)
    if pii in (Pii.DIRECT, Pii.INDIRECT):
        return Handling(encrypt_field=False, may_log=False, may_export_to_analytics=False, retention_days=None)
    return Handling(encrypt_field=False, may_log=True, may_export_to_analytics=True, retention_days=None)


def rules_for(model: type) -> dict[str, Handling]:
    return {f.name: handling(f.metadata["level"], f.metadata["pii"]) for f in dataclasses.fields(model)}


def unclassified(model: type) -> list[str]:
    """Fields added without a label: the CI check that keeps the inventory complete."""
    return [f.name for f in dataclasses.fields(model) if "level" not in f.metadata or "pii" not in f.metadata]


def loggable(record: Any) -> dict[str, Any]:
    """Only the fields whose class allows logging: an allow-list derived from the labels."""
    rules = rules_for(type(record))
    return {name: value for name, value in dataclasses.asdict(record).items() if rules[name].may_log}


# --8<-- [end:rules]
