"""Kubernetes manifests: valid against the 1.36 API schemas (offline) and following the lesson's rules."""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from fastapi.testclient import TestClient

from labs.deploy_lab.checks.kubemodel import (
    hpa_targets,
    label_selector_selects,
    pod_labels,
    replicas_after_apply,
    service_selects,
)
from labs.deploy_lab.service.app import Database, create_app

K8S = Path(__file__).resolve().parent.parent / "k8s"
VERSION = "1.36.0"


def load_documents() -> list[dict[str, Any]]:
    return [doc for path in sorted(K8S.glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text(encoding="utf-8"))]


DOCUMENTS = load_documents()
DOCS = {doc["kind"]: doc for doc in DOCUMENTS}  # the lab has one object of each kind


@pytest.mark.parametrize("path", sorted(K8S.glob("*.yaml")), ids=lambda p: p.name)
def test_manifest_is_valid_for_kubernetes_1_36(path: Path) -> None:
    for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        # strict=True rejects unknown fields, the usual result of a typo or wrong indentation.
        kubernetes_validate.validate(doc, VERSION, strict=True)


def test_validator_rejects_a_misplaced_field() -> None:
    broken = yaml.safe_load((K8S / "service.yaml").read_text(encoding="utf-8"))
    broken["spec"]["prots"] = broken["spec"].pop("ports")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, VERSION, strict=True)


def test_every_resource_is_namespaced_explicitly() -> None:
    for kind, doc in DOCS.items():
        if kind != "Namespace":
            assert doc["metadata"]["namespace"] == "deploy-lab", kind


def containers() -> list[dict[str, Any]]:
    return DOCS["Deployment"]["spec"]["template"]["spec"]["containers"]


def test_containers_have_probes_requests_and_limits() -> None:
    for container in containers():
        for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
            assert probe in container, probe
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        for kind in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(container["resources"][kind]), kind


def test_containers_run_as_non_root_with_least_privilege() -> None:
    pod = DOCS["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001  # the uid created in the Dockerfile
    assert pod["automountServiceAccountToken"] is False
    for container in containers():
        context = container["securityContext"]
        assert context["allowPrivilegeEscalation"] is False
        assert context["readOnlyRootFilesystem"] is True
        assert context["capabilities"]["drop"] == ["ALL"]
        assert not container["image"].endswith(":latest") and ":" in container["image"]


def test_rolling_update_keeps_full_capacity() -> None:
    spec = DOCS["Deployment"]["spec"]
    assert spec["strategy"]["rollingUpdate"] == {"maxSurge": 1, "maxUnavailable": 0}


def test_service_and_pdb_select_the_deployment_pods() -> None:
    labels = pod_labels(DOCS["Deployment"])
    assert label_selector_selects(DOCS["Deployment"]["spec"]["selector"], labels), "Deployment"
    assert service_selects(DOCS["Service"]["spec"]["selector"], labels), "Service"
    assert label_selector_selects(DOCS["PodDisruptionBudget"]["spec"]["selector"], labels), "PodDisruptionBudget"
    assert label_selector_selects(DOCS["NetworkPolicy"]["spec"]["podSelector"], labels), "NetworkPolicy"
    port_names = {p["name"] for c in containers() for p in c["ports"]}
    assert DOCS["Service"]["spec"]["ports"][0]["targetPort"] in port_names


def test_selector_model_sees_a_typo() -> None:
    labels = pod_labels(DOCS["Deployment"])
    assert not service_selects({"app.kubernetes.io/name": "deploy-labs"}, labels)
    assert not service_selects({}, labels)  # no selector: no endpoints
    assert label_selector_selects({}, labels)  # an empty LabelSelector matches every pod in the namespace
    expression = {"key": "app.kubernetes.io/name", "operator": "In", "values": ["deploy-labs"]}
    assert not label_selector_selects({"matchExpressions": [expression]}, labels)
    absent = {"key": "tier", "operator": "NotIn", "values": ["batch"]}  # codespell:ignore
    assert label_selector_selects({"matchExpressions": [absent]}, labels)  # a missing key passes that operator
    assert label_selector_selects({"matchExpressions": [{"key": "pod-template-hash", "operator": "Exists"}]}, labels)
    assert not label_selector_selects({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}, labels)
    assert label_selector_selects({"matchExpressions": [{"key": "tier", "operator": "DoesNotExist"}]}, labels)


def next_release(deployment: dict[str, Any]) -> dict[str, Any]:
    """The same manifest with the next image tag: what the pipeline applies on a deploy."""
    release = copy.deepcopy(deployment)
    for container in release["spec"]["template"]["spec"]["containers"]:
        container["image"] = container["image"].rsplit(":", 1)[0] + ":1.0.1"
    return release


def test_a_deploy_keeps_the_replica_count_the_hpa_chose() -> None:
    pairs = hpa_targets(DOCUMENTS)
    assert pairs, "the lab's HPA must target its Deployment"
    for hpa, deployment in pairs:
        assert "replicas" not in deployment["spec"], "an HPA owns this Deployment's replicas: leave them out"
        for chosen in range(hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"] + 1):
            # The live Deployment was applied from this manifest (so it is the last-applied configuration) and
            # the HPA has since set `chosen` replicas; then the pipeline applies the next release.
            after = replicas_after_apply(chosen, last_applied=deployment, manifest=next_release(deployment))
            assert after == chosen, f"the deploy would move the Deployment from {chosen} to {after} replicas"


def test_apply_model_resets_a_replicas_field_and_drops_a_removed_one_to_one() -> None:
    with_replicas = {"spec": {"replicas": 3}}
    assert replicas_after_apply(9, last_applied=with_replicas, manifest=with_replicas) == 3  # the peak-time reset
    # The one-time migration trap: removing the field from a manifest that had it deletes it, and the API
    # server defaults it to 1 (hence `kubectl apply edit-last-applied` first, as the HPA docs describe).
    assert replicas_after_apply(9, last_applied=with_replicas, manifest={"spec": {}}) == 1
    assert replicas_after_apply(9, last_applied={"spec": {}}, manifest={"spec": {}}) == 9


def probe_passes(pod: TestClient, probe: dict[str, Any]) -> bool:
    """The kubelet's rule for an HTTP probe: any status from 200 to 399 is a success."""
    return 200 <= pod.get(probe["httpGet"]["path"]).status_code < 400


def test_probes_keep_every_endpoint_through_a_shared_database_outage() -> None:
    container = containers()[0]
    database = Database()  # one database, shared by every replica, as in production
    pods = [TestClient(create_app(io.StringIO(), database=database)) for _ in range(3)]
    database.up = False
    live = [pod for pod in pods if probe_passes(pod, container["livenessProbe"])]
    endpoints = [pod for pod in pods if probe_passes(pod, container["readinessProbe"])]
    assert len(live) == 3, "a liveness probe that fails on a database outage restarts the whole fleet"
    assert len(endpoints) == 3, "a readiness probe that fails on a shared database empties the Service"
    assert all(pod.get("/items/1").status_code == 503 for pod in pods)  # requests that need it fail fast
    assert all(probe_passes(pod, container["startupProbe"]) for pod in pods)


def test_readiness_still_reports_what_is_local_to_the_pod() -> None:
    container = containers()[0]
    pods = [TestClient(create_app(io.StringIO())) for _ in range(3)]
    pods[0].app.state.readiness.draining = True  # type: ignore[attr-defined]
    endpoints = [pod for pod in pods if probe_passes(pod, container["readinessProbe"])]
    assert endpoints == pods[1:], "a draining pod must leave the Service"
    assert probe_passes(pods[0], container["livenessProbe"]), "draining is not a reason to restart"


def test_pdb_lets_a_drain_evict_pods_that_are_not_ready() -> None:
    assert DOCS["PodDisruptionBudget"]["spec"]["unhealthyPodEvictionPolicy"] == "AlwaysAllow"


def test_hpa_targets_the_deployment_and_keeps_redundancy() -> None:
    hpa = DOCS["HorizontalPodAutoscaler"]
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"]["name"] == DOCS["Deployment"]["metadata"]["name"]
    assert hpa["spec"]["minReplicas"] >= 2
    assert hpa["spec"]["minReplicas"] > DOCS["PodDisruptionBudget"]["spec"]["maxUnavailable"]
    assert hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]


def test_grace_period_covers_pre_stop_sleep() -> None:
    pod = DOCS["Deployment"]["spec"]["template"]["spec"]
    sleep = containers()[0]["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert sleep < pod["terminationGracePeriodSeconds"]
