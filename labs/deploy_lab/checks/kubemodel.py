"""Offline models of what Kubernetes does with a manifest, for tests that have no cluster.

Each function follows one documented rule and nothing more: which pods a selector picks, which pods a Service
routes to, and what `kubectl apply` leaves in a Deployment's `spec.replicas`. The lab's tests and the Kubernetes
lesson's exercise checks use them to ask "what would the cluster do with this YAML?".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Labels = Mapping[str, str]
Manifest = Mapping[str, Any]

# What the API server fills in when a Deployment's spec has no `replicas`.
DEFAULT_REPLICAS = 1


# --8<-- [start:selectors]
def service_selects(selector: Labels | None, labels: Labels) -> bool:
    """A Service's `spec.selector` is a plain map: a pod matches when it carries every pair.

    A Service without a selector (or with an empty one) gets no endpoints from the control plane at all.
    """
    return bool(selector) and selector.items() <= labels.items()


def label_selector_selects(selector: Manifest | None, labels: Labels) -> bool:
    """A LabelSelector (Deployment, PodDisruptionBudget, NetworkPolicy): matchLabels AND every matchExpression.

    A null selector matches nothing; an empty one (`{}`) matches every pod in the namespace.
    """
    if selector is None:
        return False
    if not dict(selector.get("matchLabels") or {}).items() <= labels.items():
        return False
    return all(_expression_holds(expression, labels) for expression in selector.get("matchExpressions") or [])


# --8<-- [end:selectors]


def _expression_holds(expression: Manifest, labels: Labels) -> bool:
    key, operator, values = expression["key"], expression["operator"], expression.get("values") or []
    if operator == "In":
        return key in labels and labels[key] in values
    if operator == "NotIn":  # codespell:ignore
        return key not in labels or labels[key] not in values  # a pod without the key matches it too
    if operator == "Exists":
        return key in labels
    if operator == "DoesNotExist":
        return key not in labels
    raise ValueError(f"unknown selector operator {operator!r}")


def pod_labels(deployment: Manifest) -> dict[str, str]:
    """The labels a Deployment's pods carry: the template's, plus the `pod-template-hash` its controller adds."""
    return {**deployment["spec"]["template"]["metadata"]["labels"], "pod-template-hash": "7c9d8f6b5"}


def documents_of_kind(documents: Iterable[Manifest], kind: str) -> list[Manifest]:
    return [document for document in documents if document.get("kind") == kind]


# --8<-- [start:apply]
def replicas_after_apply(live_replicas: int, last_applied: Manifest | None, manifest: Manifest) -> int:
    """`spec.replicas` of a Deployment after a client-side `kubectl apply -f` of `manifest` (kubectl's default).

    kubectl sends a three-way patch built from the manifest, the live object and the manifest it applied last time
    (kept in the `kubectl.kubernetes.io/last-applied-configuration` annotation):
    - a field the manifest sets is set, whatever an autoscaler chose since;
    - a field the manifest no longer has, but the last one did, is deleted, and the API server defaults
      `replicas` to 1;
    - a field in neither is left alone, so the value the HorizontalPodAutoscaler set stays.
    """
    if "replicas" in manifest["spec"]:
        return int(manifest["spec"]["replicas"])
    if last_applied is not None and "replicas" in last_applied.get("spec", {}):
        return DEFAULT_REPLICAS
    return live_replicas


# --8<-- [end:apply]


def hpa_targets(documents: Iterable[Manifest]) -> list[tuple[Manifest, Manifest]]:
    """(HorizontalPodAutoscaler, Deployment) for every HPA that scales a Deployment in `documents`."""
    documents = list(documents)
    deployments = {
        (document["metadata"].get("namespace"), document["metadata"]["name"]): document
        for document in documents_of_kind(documents, "Deployment")
    }
    pairs = []
    for hpa in documents_of_kind(documents, "HorizontalPodAutoscaler"):
        target = hpa["spec"]["scaleTargetRef"]
        key = (hpa["metadata"].get("namespace"), target["name"])
        if target["kind"] == "Deployment" and key in deployments:
            pairs.append((hpa, deployments[key]))
    return pairs
