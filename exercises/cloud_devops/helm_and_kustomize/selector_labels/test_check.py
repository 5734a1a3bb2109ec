"""Acceptance check: the production overlay labels every object and pod with its environment and version while
leaving the Deployment's and the Service's selectors exactly as they are live.

The overlay is rendered with the lesson's model of Kustomize (tested against kubectl kustomize's output)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from examples.cloud_devops.helm_kustomize.overlay import build

BASE = Path(__file__).resolve().parents[4] / "examples/cloud_devops/helm_kustomize/kustomize/base"
VERSION = "1.36.0"
LABELS = {"app.kubernetes.io/environment": "production", "app.kubernetes.io/version": "1.3.2"}


def render(answer: Path, tmp_path: Path) -> dict[str, dict[str, Any]]:
    shutil.copytree(BASE, tmp_path / "base")
    overlay = tmp_path / "overlays" / "production"
    overlay.mkdir(parents=True)
    shutil.copy(answer, overlay / "kustomization.yaml")
    return {doc["kind"]: doc for doc in build(overlay)}


def live() -> dict[str, dict[str, Any]]:
    return {doc["kind"]: doc for doc in build(BASE)}


def test_the_deployment_selector_is_unchanged(answer: Path, tmp_path: Path) -> None:
    rendered = render(answer, tmp_path)["Deployment"]["spec"]["selector"]
    assert rendered == live()["Deployment"]["spec"]["selector"], (
        "spec.selector differs from the live Deployment's: the API server refuses the apply (field is immutable)"
    )


def test_the_service_selector_is_unchanged(answer: Path, tmp_path: Path) -> None:
    rendered = render(answer, tmp_path)["Service"]["spec"]["selector"]
    assert rendered == live()["Service"]["spec"]["selector"], (
        "the Service would select only pods carrying this release's version: during a rollout it drops the old ones"
    )


@pytest.mark.starter_passes
def test_every_object_and_pod_carries_the_labels(answer: Path, tmp_path: Path) -> None:
    rendered = render(answer, tmp_path)
    for kind, doc in rendered.items():
        assert LABELS.items() <= doc["metadata"]["labels"].items(), f"{kind} lacks the labels"
    pod = rendered["Deployment"]["spec"]["template"]["metadata"]["labels"]
    assert LABELS.items() <= pod.items(), "the pods lack the labels: metrics cannot be split by environment"


@pytest.mark.starter_passes
def test_image_namespace_and_schema(answer: Path, tmp_path: Path) -> None:
    rendered = render(answer, tmp_path)
    container = rendered["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    assert container["image"] == "registry.example.com/shop-api:1.3.2"
    for doc in rendered.values():
        assert doc["metadata"]["namespace"] == "shop-production"
        kubernetes_validate.validate(doc, VERSION, strict=True)


def test_no_deprecated_fields(answer: Path) -> None:
    spec = yaml.safe_load(answer.read_text(encoding="utf-8"))
    deprecated = {"commonLabels", "patchesStrategicMerge", "patchesJson6902", "vars"} & set(spec)
    assert not deprecated, f"deprecated in Kustomize v5 (kustomize edit fix rewrites them): {sorted(deprecated)}"
