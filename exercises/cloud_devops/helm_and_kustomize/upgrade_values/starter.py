"""The deploy job's Helm command for shop-api in production. The job runs it from the chart's folder
(examples/cloud_devops/helm_kustomize/chart/shop-api), where values-production.yaml lives."""

from __future__ import annotations

CHART = "oci://registry.example.com/charts/shop-api"


def upgrade_command(image_tag: str) -> list[str]:
    """The argv the job runs to deploy `image_tag`."""
    return ["helm", "upgrade", "shop-api", CHART, "--set", f"image.tag={image_tag}"]
