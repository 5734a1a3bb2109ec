"""Acceptance check: every declared dependency survives the data, together they say exactly what the business
rules say, the key is a candidate key, and the normal form is the one the rules give."""

from __future__ import annotations

from pathlib import Path

from examples.databases.schema_design.normalisation import closure, holds
from exercises import load_module
from exercises.databases.schema_design.support import (
    COLUMNS,
    EXPORT,
    RULES,
    as_fds,
    candidate_keys,
    implies,
    normal_form,
)


def declared(answer: Path):
    return as_fds(load_module(answer).DEPENDENCIES)


def test_every_declared_dependency_holds_in_the_export(answer: Path) -> None:
    for left, right in declared(answer):
        unknown = (left | right) - COLUMNS
        assert not unknown, f"no such column in the export: {sorted(unknown)}"
        assert holds(EXPORT, sorted(left), sorted(right)), (
            f"{sorted(left)} -> {sorted(right)} is refuted by the export: "
            "two rows agree on the left side and differ on the right"
        )


def test_the_dependencies_say_what_the_business_rules_say(answer: Path) -> None:
    fds = declared(answer)
    for rule in RULES:
        assert implies(fds, rule), f"a business rule is missing: {sorted(rule[0])} -> {sorted(rule[1])}"
    for fd in fds:
        assert implies(RULES, fd), f"not a business rule: {sorted(fd[0])} -> {sorted(fd[1])}"


def test_the_key_is_a_candidate_key(answer: Path) -> None:
    key = frozenset(load_module(answer).KEY)
    assert closure(set(key), RULES) >= COLUMNS, f"{sorted(key)} does not determine every column: it is not a key"
    assert key in candidate_keys(COLUMNS, RULES), f"{sorted(key)} is a key but not a minimal one"


def test_the_normal_form_is_the_highest_the_table_satisfies(answer: Path) -> None:
    assert normal_form(COLUMNS, RULES) == load_module(answer).NORMAL_FORM, (
        "look for non-key columns that depend on part of the key, then on other non-key columns"
    )
