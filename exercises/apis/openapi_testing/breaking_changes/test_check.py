"""Acceptance check: the gate reports each breaking change (naming the member it concerns) and stays silent on
safe ones. Every case starts from the lesson's contract and changes one thing."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from examples.apis.openapi_contract import contract_check as cc
from exercises import load_module

Spec = dict[str, Any]


def changed(edit: Callable[[Spec], None]) -> tuple[Spec, Spec]:
    old = cc.load_contract()
    new = copy.deepcopy(old)
    edit(new)
    return old, new


def schema(spec: Spec, name: str) -> Spec:
    return spec["components"]["schemas"][name]


def report(answer: Path, edit: Callable[[Spec], None]) -> list[str]:
    found = load_module(answer).breaking_changes(*changed(edit))
    assert isinstance(found, list) and all(isinstance(line, str) for line in found)
    return found


def drop_task_title(spec: Spec) -> None:
    del schema(spec, "Task")["properties"]["title"]
    schema(spec, "Task")["required"].remove("title")


def require_an_owner(spec: Spec) -> None:
    schema(spec, "NewTask")["properties"]["owner"] = {"type": "string"}
    schema(spec, "NewTask")["required"].append("owner")


def make_done_optional(spec: Spec) -> None:
    schema(spec, "Task")["required"].remove("done")


def make_ids_strings(spec: Spec) -> None:
    schema(spec, "Task")["properties"]["id"] = {"type": "string"}


def shorten_titles(spec: Spec) -> None:
    schema(spec, "NewTask")["properties"]["title"]["maxLength"] = 60


BREAKING = {
    "a response field removed": (drop_task_title, "title"),
    "a new required request field": (require_an_owner, "owner"),
    "a response field no longer guaranteed": (make_done_optional, "done"),
    "a response field's type changed": (make_ids_strings, "id"),
    "a request limit tightened (maxLength 120 to 60)": (shorten_titles, "title"),
}


@pytest.mark.parametrize("case", BREAKING)
def test_a_breaking_change_is_reported_and_named(answer: Path, case: str) -> None:
    edit, member = BREAKING[case]
    found = report(answer, edit)
    assert found, f"{case}: the gate let it through"
    assert all(member in line for line in found), f"{case}: each line should name {member!r}, got {found}"


def add_a_response_field(spec: Spec) -> None:
    schema(spec, "Task")["properties"]["priority"] = {"type": "integer"}


def add_an_optional_request_field(spec: Spec) -> None:
    schema(spec, "NewTask")["properties"]["due"] = {"type": "string", "format": "date"}


def relax_a_request_limit(spec: Spec) -> None:
    schema(spec, "NewTask")["properties"]["title"]["maxLength"] = 200


def reword_the_docs(spec: Spec) -> None:
    spec["paths"]["/v1/tasks"]["get"]["summary"] = "List every task"
    spec["info"]["version"] = "1.1.0"


SAFE = {
    "a new response field": add_a_response_field,
    "a new optional request field": add_an_optional_request_field,
    "a request limit relaxed": relax_a_request_limit,
    "new wording": reword_the_docs,
}


@pytest.mark.starter_passes
@pytest.mark.parametrize("case", SAFE)
def test_a_safe_change_passes_the_gate(answer: Path, case: str) -> None:
    assert report(answer, SAFE[case]) == [], f"{case} breaks no client"


@pytest.mark.starter_passes
def test_a_removed_operation_is_still_reported(answer: Path) -> None:
    found = report(answer, lambda spec: spec["paths"]["/v1/tasks/{task_id}"].pop("get"))
    assert found and all("/v1/tasks/{task_id}" in line for line in found)


def test_a_change_is_found_through_arrays_and_shared_references(answer: Path) -> None:
    # listTasks returns an array of Task via $ref: dropping a field must be seen there too.
    found = report(answer, drop_task_title)
    assert any("GET /v1/tasks:" in line or "GET /v1/tasks " in line for line in found), (
        f"listTasks returns Task items as well; got {found}"
    )
