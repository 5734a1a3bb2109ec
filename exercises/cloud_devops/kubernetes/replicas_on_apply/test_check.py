"""Acceptance check: a deploy (a client-side `kubectl apply` of the next release) never changes the replica count
the HorizontalPodAutoscaler chose, whatever that count is."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from labs.deploy_lab.checks.kubemodel import hpa_targets, replicas_after_apply

VERSION = "1.36.0"


def documents(answer: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(answer.read_text(encoding="utf-8")) if doc]


def scaled_pair(answer: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    pairs = hpa_targets(documents(answer))
    assert len(pairs) == 1, "keep one HorizontalPodAutoscaler that targets the checkout Deployment"
    return pairs[0]


def next_release(deployment: dict[str, Any]) -> dict[str, Any]:
    release = copy.deepcopy(deployment)
    for container in release["spec"]["template"]["spec"]["containers"]:
        container["image"] = container["image"].rsplit(":", 1)[0] + ":4.8.0"
    return release


@pytest.mark.starter_passes
def test_the_manifests_are_valid_for_kubernetes_1_36(answer: Path) -> None:
    for doc in documents(answer):
        try:
            kubernetes_validate.validate(doc, VERSION, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"the {doc['kind']} is not valid for Kubernetes {VERSION}: {error.message}")


@pytest.mark.starter_passes
def test_the_hpa_keeps_its_bounds(answer: Path) -> None:
    hpa, _ = scaled_pair(answer)
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (3, 12)


def test_a_deploy_keeps_the_count_the_hpa_chose(answer: Path) -> None:
    hpa, deployment = scaled_pair(answer)
    for chosen in range(hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"] + 1):
        # The running Deployment was applied from this file (its last-applied configuration) and the HPA has
        # since set `chosen` replicas. Now the pipeline applies the next release.
        after = replicas_after_apply(chosen, last_applied=deployment, manifest=next_release(deployment))
        assert after == chosen, (
            f"with the HPA at {chosen} pods, the deploy sets the Deployment to {after}: the apply writes back "
            "a field the HPA owns"
        )
