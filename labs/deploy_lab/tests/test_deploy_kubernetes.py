"""Kubernetes manifests: valid against the 1.34 API schemas (offline) and following the lesson's rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

K8S = Path(__file__).resolve().parent.parent / "k8s"
VERSION = "1.34.0"


def load_all() -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for path in sorted(K8S.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            docs[doc["kind"]] = doc
    return docs


DOCS = load_all()


@pytest.mark.parametrize("path", sorted(K8S.glob("*.yaml")), ids=lambda p: p.name)
def test_manifest_is_valid_for_kubernetes_1_34(path: Path) -> None:
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
    labels = DOCS["Deployment"]["spec"]["template"]["metadata"]["labels"]
    for kind in ("Service", "PodDisruptionBudget", "NetworkPolicy"):
        spec = DOCS[kind]["spec"]
        selector = spec.get("selector") or spec["podSelector"]
        selector = selector.get("matchLabels", selector)
        assert selector.items() <= labels.items(), kind
    port_names = {p["name"] for c in containers() for p in c["ports"]}
    assert DOCS["Service"]["spec"]["ports"][0]["targetPort"] in port_names


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
