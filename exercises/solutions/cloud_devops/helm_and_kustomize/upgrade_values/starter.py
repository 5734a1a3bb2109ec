"""The deploy job's Helm command for shop-api in production. The job runs it from the chart's folder
(examples/cloud_devops/helm_kustomize/chart/shop-api), where values-production.yaml lives."""

from __future__ import annotations

CHART = "oci://registry.example.com/charts/shop-api"
CHART_VERSION = "1.3.0"  # pinned: a new chart version is a reviewed change, not whatever the registry has today


def upgrade_command(image_tag: str) -> list[str]:
    """The argv the job runs to deploy `image_tag`.

    Every run states all its values (the environment's file, then the tag), so nothing depends on what an
    earlier release was given, and new chart defaults apply. --set-string keeps a tag such as 20261207 a
    string. --install makes the first deploy and every later one the same command, and --rollback-on-failure
    (Helm 4's name for --atomic) waits for the rollout and rolls back if it fails."""
    return [
        "helm",
        "upgrade",
        "shop-api",
        CHART,
        "--install",
        "--version",
        CHART_VERSION,
        "--namespace",
        "shop-production",
        "--values",
        "values-production.yaml",
        "--set-string",
        f"image.tag={image_tag}",
        "--rollback-on-failure",
        "--timeout",
        "10m",
    ]
