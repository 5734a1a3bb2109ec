"""Contract tests: the implementation, its generated OpenAPI document and the Postman collection agree."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from examples.apis.openapi_contract import contract_check as cc
from examples.apis.openapi_contract.app import create_app
from examples.apis.openapi_contract.export import TARGET, render


@pytest.fixture(scope="module")
def contract() -> dict:
    return cc.load_contract()


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def collection() -> dict:
    return json.loads((cc.HERE / "postman_collection.json").read_text(encoding="utf-8"))


# --8<-- [start:contract_tests]
def test_app_implements_exactly_the_contracted_operations(contract) -> None:
    promised = cc.operations(contract)
    generated = cc.operations(create_app().openapi())
    assert promised.keys() == generated.keys()
    for operation, codes in promised.items():
        assert codes <= generated[operation], f"{operation} does not document {codes - generated[operation]}"


def test_error_responses_use_the_contracted_media_types(contract) -> None:
    generated = cc.media_types(create_app().openapi())
    for response, types in cc.media_types(contract).items():
        assert generated[response] == types, f"{response}: contract says {types}, app documents {generated[response]}"


def test_live_responses_conform_to_the_contract_schemas(contract, client) -> None:
    # closed=True: the provider also proves it sends no member the contract does not declare.
    created = client.post("/v1/tasks", json={"title": "Ship it"})
    assert created.status_code == 201 and cc.validate(contract, "Task", created.json(), closed=True) == []
    listed = client.get("/v1/tasks").json()
    assert listed and all(cc.validate(contract, "Task", task, closed=True) == [] for task in listed)
    missing = client.get("/v1/tasks/999")
    assert missing.headers["content-type"] == "application/problem+json"
    assert cc.validate(contract, "Problem", missing.json(), closed=True) == []
    invalid = client.post("/v1/tasks", json={"title": ""})
    assert invalid.status_code == 422 and invalid.headers["content-type"] == "application/problem+json"
    assert cc.validate(contract, "ValidationProblem", invalid.json(), closed=True) == []


def test_checked_in_openapi_json_is_up_to_date() -> None:
    # Fails when someone changes the API without re-running `export`; the diff shows up in review.
    assert TARGET.read_text(encoding="utf-8") == render()


# --8<-- [end:contract_tests]


def test_about_blank_problems_carry_the_status_phrase_as_title(client) -> None:
    # RFC 9457 section 4.2.1: with about:blank the title is the RFC 9110 phrase, not a title of our own.
    missing = client.get("/v1/tasks/999").json()
    assert (missing["type"], missing["title"], missing["status"]) == ("about:blank", "Not Found", 404)
    for invalid in (client.get("/v1/tasks/abc"), client.get("/v1/tasks?done=maybe"), client.post("/v1/tasks", json={})):
        body = invalid.json()
        assert (body["type"], body["title"], body["status"]) == ("about:blank", "Unprocessable Content", 422)


def test_a_validation_problem_says_where_the_request_is_wrong(client) -> None:
    body = client.post("/v1/tasks", json={"title": "", "owner": "me"}).json()
    assert {error["field"] for error in body["errors"]} == {"body.title", "body.owner"}
    assert client.get("/v1/tasks/abc").json()["errors"][0]["field"] == "path.task_id"


def test_a_new_task_never_reuses_the_id_of_a_live_one(client) -> None:
    ids = [client.post("/v1/tasks", json={"title": title}).json()["id"] for title in ("a", "b", "c")]
    # The API has no DELETE yet; whatever removes a task later (an endpoint, a cleanup job) does this.
    del client.app.state.tasks[ids[0]]
    fourth = client.post("/v1/tasks", json={"title": "d"}).json()
    assert fourth["id"] not in ids
    assert client.get(f"/v1/tasks/{ids[2]}").json()["title"] == "c"


def test_the_validator_can_fail(contract) -> None:
    wrong = {"id": 0, "title": "", "done": "no", "extra": 1}
    assert len(cc.validate(contract, "Task", wrong)) == 3  # the published schema is open: "extra" is allowed
    assert len(cc.validate(contract, "Task", wrong, closed=True)) == 4  # the provider's check is not
    assert cc.validate(contract, "NewTask", {"title": "ok", "extra": 1}) != []  # input is closed for everyone


def test_contract_examples_are_valid_so_a_mock_server_can_serve_them(contract) -> None:
    for name, schema in contract["components"]["schemas"].items():
        for example in schema.get("examples", []):
            assert cc.validate(contract, name, example) == [], name


def test_template_matching() -> None:
    assert cc.template_matches("/v1/tasks/{task_id}", "/v1/tasks/7")
    assert not cc.template_matches("/v1/tasks/{task_id}", "/v1/tasks/7/comments")
    assert not cc.template_matches("/v1/tasks", "/v1/tasks/7")


# --8<-- [start:postman_tests]
def test_every_postman_request_targets_a_documented_operation() -> None:
    documented = cc.operations(json.loads(TARGET.read_text(encoding="utf-8")))
    for request in cc.postman_requests(collection()):
        concrete = request["path"].replace("{{taskId}}", "1")
        assert any(
            method == request["method"] and cc.template_matches(template, concrete) for method, template in documented
        ), f"Postman request {request['name']!r} is not in openapi.json"


def test_postman_collection_passes_against_the_app(client) -> None:
    results = cc.run_postman_collection(collection(), client)
    assert [name for name, _ in results] == [
        "Create a task",
        "Get the task",
        "List open tasks",
        "Unknown task is a problem+json 404",
    ]


# --8<-- [end:postman_tests]


def test_runner_reports_a_wrong_status(client) -> None:
    broken = collection()
    broken["item"] = broken["item"][3:]
    broken["item"][0]["event"][0]["script"]["exec"] = ["pm.response.to.have.status(200);"]
    with pytest.raises(AssertionError, match="expected 200, got 404"):
        cc.run_postman_collection(broken, client)
