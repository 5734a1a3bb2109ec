"""Acceptance check: the HPA reacts to memory as well as CPU.

The check computes what the HorizontalPodAutoscaler controller would recommend for the answer's manifest, following
the algorithm in the Kubernetes documentation: for each metric, ceil(current replicas x current / target), no
change within the 10% tolerance; the largest recommendation wins; the result is kept within min and max.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

VERSION = "1.36.0"
TOLERANCE = 0.1
_QUANTITY = re.compile(r"^([0-9.]+)(m|k|M|G|Ki|Mi|Gi)?$")
_FACTORS = {None: 1, "m": 0.001, "k": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def objects(answer: Path) -> dict[str, dict[str, Any]]:
    docs = [doc for doc in yaml.safe_load_all(answer.read_text(encoding="utf-8")) if doc]
    return {doc["kind"]: doc for doc in docs}


def quantity(value: str | int | float) -> float:
    """A Kubernetes quantity ("250m", "256Mi", "1") as a plain number (cores or bytes)."""
    match = _QUANTITY.match(str(value))
    if not match:
        pytest.fail(f"this check does not understand the quantity {value!r}")
    return float(match.group(1)) * _FACTORS[match.group(2)]


def pod_request(deployment: dict[str, Any], resource: str) -> float:
    containers = deployment["spec"]["template"]["spec"]["containers"]
    return sum(quantity(c["resources"]["requests"][resource]) for c in containers)


def usage_ratio(metric: dict[str, Any], deployment: dict[str, Any], usage: dict[str, float]) -> float:
    """Current / target for one metric; `usage` is each resource's average use as a share of the request."""
    if metric["type"] not in {"Resource", "ContainerResource"}:
        pytest.fail("this check models Resource and ContainerResource metrics; memory is a Resource metric")
    source = metric["resource"] if metric["type"] == "Resource" else metric["containerResource"]
    name, target = source["name"], source["target"]
    if target["type"] == "Utilization":
        return usage[name] * 100 / target["averageUtilization"]
    if target["type"] == "AverageValue":
        return usage[name] * pod_request(deployment, name) / quantity(target["averageValue"])
    pytest.fail(f"a {name} target of type {target['type']} is not a per-pod average")


def recommendation(answer: Path, current: int, usage: dict[str, float]) -> int:
    docs = objects(answer)
    hpa, deployment = docs["HorizontalPodAutoscaler"], docs["Deployment"]
    counts = []
    for metric in hpa["spec"]["metrics"]:
        ratio = usage_ratio(metric, deployment, usage)
        counts.append(current if abs(1.0 - ratio) <= TOLERANCE else math.ceil(current * ratio))
    return max(hpa["spec"]["minReplicas"], min(hpa["spec"]["maxReplicas"], max(counts)))


@pytest.mark.starter_passes
def test_the_manifests_are_valid_for_kubernetes_1_36(answer: Path) -> None:
    for kind, doc in objects(answer).items():
        try:
            kubernetes_validate.validate(doc, VERSION, strict=True)
        except kubernetes_validate.ValidationError as error:
            pytest.fail(f"the {kind} is not valid for Kubernetes {VERSION}: {error.message}")


@pytest.mark.starter_passes
def test_the_bounds_are_unchanged(answer: Path) -> None:
    # Raising minReplicas would hide the symptom at a permanent cost; the fix is a second signal.
    spec = objects(answer)["HorizontalPodAutoscaler"]["spec"]
    assert (spec["minReplicas"], spec["maxReplicas"]) == (3, 12)


def test_high_memory_scales_up_even_with_quiet_cpu(answer: Path) -> None:
    got = recommendation(answer, current=4, usage={"cpu": 0.35, "memory": 0.95})
    assert got >= 5, f"4 pods at 35% CPU and 95% memory: the HPA recommends {got} pods, so exports keep dying"


def test_memory_near_its_target_stops_a_cpu_driven_scale_down(answer: Path) -> None:
    got = recommendation(answer, current=4, usage={"cpu": 0.35, "memory": 0.85})
    assert got >= 4, f"4 pods at 35% CPU and 85% memory: the HPA would shrink the Deployment to {got}"


@pytest.mark.starter_passes
def test_moderate_memory_does_not_scale_up(answer: Path) -> None:
    got = recommendation(answer, current=4, usage={"cpu": 0.35, "memory": 0.70})
    assert got <= 4, f"4 pods at 70% memory is below an 80% target, yet the HPA recommends {got}"


@pytest.mark.starter_passes
def test_cpu_still_drives_scaling(answer: Path) -> None:
    got = recommendation(answer, current=4, usage={"cpu": 0.98, "memory": 0.40})
    assert got == 6, f"4 pods at 98% of a 70% CPU target need ceil(4 x 1.4) = 6 pods, the HPA recommends {got}"
