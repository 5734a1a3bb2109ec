"""Acceptance check: the Service and the PodDisruptionBudget select the API's pods, in this release and the next,
and not the worker's; every object still validates against Kubernetes 1.36."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from labs.deploy_lab.checks.kubemodel import label_selector_selects, pod_labels, service_selects

VERSION = "1.36.0"


def objects(answer: Path) -> dict[str, dict[str, Any]]:
    """The answer's objects by `Kind/name`."""
    docs = [doc for doc in yaml.safe_load_all(answer.read_text(encoding="utf-8")) if doc]
    return {f"{doc['kind']}/{doc['metadata']['name']}": doc for doc in docs}


def released(deployment: dict[str, Any], version: str) -> dict[str, Any]:
    """The Deployment as the next release ships it: a new version label and image tag."""
    release = copy.deepcopy(deployment)
    template = release["spec"]["template"]
    template["metadata"]["labels"]["app.kubernetes.io/version"] = version
    for container in template["spec"]["containers"]:
        container["image"] = container["image"].rsplit(":", 1)[0] + ":" + version
    return release


def selected_by_service(answer: Path, deployment: dict[str, Any]) -> bool:
    return service_selects(objects(answer)["Service/api"]["spec"].get("selector"), pod_labels(deployment))


def selected_by_budget(answer: Path, deployment: dict[str, Any]) -> bool:
    selector = objects(answer)["PodDisruptionBudget/api"]["spec"].get("selector")
    return label_selector_selects(selector, pod_labels(deployment))


@pytest.mark.starter_passes
def test_every_object_is_valid_for_kubernetes_1_36(answer: Path) -> None:
    # The schema cannot see this bug: a selector is valid whatever labels it names.
    for name, doc in objects(answer).items():
        try:
            kubernetes_validate.validate(doc, VERSION, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"{name} is not valid for Kubernetes {VERSION}: {error.message}")


@pytest.mark.starter_passes
def test_the_deployments_keep_their_selectors(answer: Path) -> None:
    # spec.selector of an apps/v1 Deployment is immutable: a fix that edits it cannot be applied.
    docs = objects(answer)
    assert docs["Deployment/api"]["spec"]["selector"] == {"matchLabels": {"app.kubernetes.io/name": "api"}}
    assert docs["Deployment/worker"]["spec"]["selector"] == {"matchLabels": {"app.kubernetes.io/name": "worker"}}
    for name in ("Deployment/api", "Deployment/worker"):
        assert label_selector_selects(docs[name]["spec"]["selector"], pod_labels(docs[name])), name


def test_the_service_has_endpoints_for_the_running_release(answer: Path) -> None:
    api = objects(answer)["Deployment/api"]
    assert selected_by_service(answer, api), (
        "the Service selects none of the running pods, so it has no endpoints: compare its selector with the "
        f"pod labels {pod_labels(api)}"
    )


def test_the_service_keeps_its_endpoints_after_the_next_release(answer: Path) -> None:
    api = objects(answer)["Deployment/api"]
    for version in ("1.1.1", "2.0.0"):
        assert selected_by_service(answer, released(api, version)), (
            f"after release {version} the Service would match no pod: match only on labels that do not change "
            "from one release to the next"
        )


def test_the_budget_protects_the_running_and_next_releases(answer: Path) -> None:
    api = objects(answer)["Deployment/api"]
    for deployment in (api, released(api, "1.1.1")):
        assert selected_by_budget(answer, deployment), (
            "the PodDisruptionBudget selects none of the API's pods, so a drain may evict all of them at once"
        )


@pytest.mark.starter_passes
def test_nothing_selects_the_worker(answer: Path) -> None:
    worker = objects(answer)["Deployment/worker"]
    assert not selected_by_service(answer, worker), "the Service would send HTTP requests to the queue workers"
    assert not selected_by_budget(answer, worker), "the API's budget would count (and hold back) worker pods"


@pytest.mark.starter_passes
def test_the_service_still_targets_the_named_port(answer: Path) -> None:
    docs = objects(answer)
    names = {
        port["name"]
        for container in docs["Deployment/api"]["spec"]["template"]["spec"]["containers"]
        for port in container.get("ports", [])
    }
    assert docs["Service/api"]["spec"]["ports"][0]["targetPort"] in names
