"""Every field is classified, rules follow from the class, and logs get only what the rules allow."""

from __future__ import annotations

import dataclasses
import datetime as dt

from examples.architecture.data_protection.classification import (
    Level,
    Patient,
    Pii,
    classified,
    loggable,
    rules_for,
    unclassified,
)

PATIENT = Patient("p-17", "Ada Lovelace", "ada@example.com", dt.date(1815, 12, 10), "W1 1AA", "asthma", "North")


# --8<-- [start:tests]
def test_every_field_of_every_model_is_classified():
    assert unclassified(Patient) == []


def test_an_unlabelled_field_is_caught():
    @dataclasses.dataclass
    class Careless:
        id: str = classified(Level.INTERNAL)
        phone: str = ""  # added in a hurry, no label

    assert unclassified(Careless) == ["phone"]


def test_rules_follow_from_the_class():
    rules = rules_for(Patient)
    assert rules["diagnosis"].encrypt_field and not rules["diagnosis"].may_export_to_analytics
    assert not rules["email"].may_log and not rules["postcode"].may_log  # indirect identifiers count too
    assert rules["clinic"].may_log


def test_logs_get_only_what_the_rules_allow():
    assert loggable(PATIENT) == {"id": "p-17", "clinic": "North"}


# --8<-- [end:tests]


def test_special_category_is_restricted_whatever_its_level():
    @dataclasses.dataclass
    class Survey:
        religion: str = classified(Level.CONFIDENTIAL, Pii.SPECIAL, default="")

    assert rules_for(Survey)["religion"].encrypt_field
