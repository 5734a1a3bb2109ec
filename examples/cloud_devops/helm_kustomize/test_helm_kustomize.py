"""The lesson's claims about Kustomize and Helm: the model renders exactly what Kustomize rendered for the same
folders, the rendered manifests are valid Kubernetes 1.36, and Helm's value rules behave as stated."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from examples.cloud_devops.helm_kustomize.helm_values import (
    Reuse,
    coalesce,
    load_values,
    merge_maps,
    typed,
    upgrade_values,
    user_values,
)
from examples.cloud_devops.helm_kustomize.overlay import add_labels, build, json6902, split_image, strategic_merge

HERE = Path(__file__).resolve().parent
KUSTOMIZE = HERE / "kustomize"
CHART = HERE / "chart" / "shop-api"
VERSION = "1.36.0"
RECORDED = {  # folder -> what `kubectl kustomize <folder>` printed (kubectl 1.32, Kustomize v5.5.0)
    "overlays/staging": "rendered/staging.yaml",
    "overlays/production": "rendered/production.yaml",
    "cases/merge-rules": "rendered/merge-rules.yaml",
}


def by_identity(docs: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(doc["kind"], doc["metadata"]["name"]): doc for doc in docs}


def recorded(folder: str) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all((KUSTOMIZE / RECORDED[folder]).read_text(encoding="utf-8")) if d]


@pytest.mark.parametrize("folder", sorted(RECORDED))
def test_the_model_renders_what_kustomize_rendered(folder: str) -> None:
    """Dict equality, lists in order: the env order and the merged container are part of the claim."""
    assert by_identity(build(KUSTOMIZE / folder)) == by_identity(recorded(folder))


@pytest.mark.skipif(shutil.which("kubectl") is None, reason="kubectl not installed: the recordings stand in for it")
@pytest.mark.parametrize("folder", sorted(RECORDED))
def test_the_recordings_match_kubectl_kustomize_where_it_is_installed(folder: str) -> None:
    kubectl = shutil.which("kubectl") or "kubectl"
    run = subprocess.run([kubectl, "kustomize", str(KUSTOMIZE / folder)], capture_output=True, text=True, check=True)  # noqa: S603
    assert by_identity([d for d in yaml.safe_load_all(run.stdout) if d]) == by_identity(recorded(folder))


@pytest.mark.parametrize("folder", sorted(RECORDED))
def test_rendered_manifests_are_valid_kubernetes(folder: str) -> None:
    for doc in recorded(folder):
        kubernetes_validate.validate(doc, VERSION, strict=True)


def deployment(docs: list[dict[str, Any]]) -> dict[str, Any]:
    return by_identity(docs)[("Deployment", "shop-api")]


def test_production_overlay_changes_only_what_it_names() -> None:
    base, production = deployment(build(KUSTOMIZE / "base")), deployment(build(KUSTOMIZE / "overlays/production"))
    app = production["spec"]["template"]["spec"]["containers"]
    assert [c["name"] for c in app] == ["app"]  # merged by name, not appended
    env = {e["name"]: e["value"] for e in app[0]["env"]}
    assert env == {
        "LOG_LEVEL": "warning",  # changed
        "OTEL_EXPORTER_OTLP_ENDPOINT": "http://otel-collector.observability:4317",  # added
        "DATABASE_POOL_SIZE": "5",  # kept from the base
    }
    assert app[0]["args"] == ["--port", "8000", "--workers", "4"]  # a list of strings: replaced whole
    assert app[0]["image"] == "registry.example.com/shop-api:1.3.2"
    assert app[0]["readinessProbe"] == base["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]
    # labels without includeSelectors: the immutable selector is untouched, the pods get the label
    assert production["spec"]["selector"] == base["spec"]["selector"]
    assert production["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/environment"] == "production"


def test_common_labels_rewrite_the_immutable_selector() -> None:
    docs = build(KUSTOMIZE / "base")
    add_labels(docs, {"app.kubernetes.io/version": "1.3.2"}, selectors=True, templates=True)
    assert "app.kubernetes.io/version" in deployment(docs)["spec"]["selector"]["matchLabels"]
    assert "app.kubernetes.io/version" in by_identity(docs)[("Service", "shop-api")]["spec"]["selector"]


def test_strategic_merge_rules() -> None:
    original = {"env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}], "args": ["x"], "probe": {"a": 1}}
    patch = {"env": [{"name": "C", "value": "3"}, {"name": "A", "$patch": "delete"}], "args": ["y"], "probe": None}
    assert strategic_merge(original, patch) == {
        "env": [{"name": "C", "value": "3"}, {"name": "B", "value": "2"}],
        "args": ["y"],
    }


def test_json_patch_escapes_slashes_in_keys() -> None:
    doc = {"metadata": {"annotations": {}}}
    patched = json6902(doc, [{"op": "add", "path": "/metadata/annotations/prometheus.io~1scrape", "value": "true"}])
    assert patched["metadata"]["annotations"] == {"prometheus.io/scrape": "true"}
    with pytest.raises(ValueError, match="unsupported or failing"):
        json6902(doc, [{"op": "replace", "path": "/metadata/missing", "value": 1}])  # replace needs the key


def test_a_patch_that_matches_nothing_fails_the_build(tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text(
        "resources: [base]\npatches:\n  - patch: |-\n      kind: Deployment\n      metadata: {name: shop-apii}\n"
    )
    shutil.copytree(KUSTOMIZE / "base", tmp_path / "base")
    with pytest.raises(ValueError, match="matches no resource"):
        build(tmp_path)


def test_image_references_with_registry_ports() -> None:
    assert split_image("registry:5000/shop-api:1.2") == ("registry:5000/shop-api", "1.2")
    assert split_image("registry:5000/shop-api") == ("registry:5000/shop-api", None)
    assert split_image("shop-api@sha256:abc") == ("shop-api", None)


# Helm


def test_chart_metadata() -> None:
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text(encoding="utf-8"))
    semver = r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?"
    assert chart["apiVersion"] == "v2" and re.fullmatch(semver, chart["version"])
    assert isinstance(chart["appVersion"], str)  # quoted: an unquoted 1.10 would be the number 1.1


def schema() -> dict[str, Any]:
    return json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))


def production_values(*sets: str, set_strings: tuple[str, ...] = ()) -> dict[str, Any]:
    files = [load_values(CHART / "values-production.yaml")]
    return coalesce(load_values(CHART / "values.yaml"), user_values(files, sets, set_strings))


def test_values_files_pass_the_schema_and_typos_do_not() -> None:
    jsonschema.validate(production_values(), schema())
    jsonschema.validate(load_values(CHART / "values.yaml"), schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(coalesce(load_values(CHART / "values.yaml"), {"replicas": 3}), schema())  # typo


def test_a_numeric_tag_from_set_is_a_number_and_fails_the_schema() -> None:
    assert typed("20261207") == 20261207 and typed("1.10") == "1.10" and typed("007") == "007"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(production_values("image.tag=20261207"), schema())
    jsonschema.validate(production_values(set_strings=("image.tag=20261207",)), schema())


def test_value_precedence() -> None:
    values = production_values("replicaCount=8")
    assert values["replicaCount"] == 8  # --set beats the file
    assert values["env"] == {"LOG_LEVEL": "warning"}  # the file beats the defaults
    assert values["image"]["repository"] == "registry.example.com/shop-api"  # maps merge: untouched keys stay
    assert values["resources"]["limits"] == {"memory": "1Gi"}
    assert merge_maps({"hosts": ["a", "b"]}, {"hosts": ["c"]}) == {"hosts": ["c"]}  # lists are replaced
    assert "limits" not in coalesce(load_values(CHART / "values.yaml"), {"resources": {"limits": None}})["resources"]


def templates_paths() -> set[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in (CHART / "templates").iterdir())
    return set(re.findall(r"\.Values((?:\.[A-Za-z_]\w*)+)", text))


def defined(values: dict[str, Any], path: str) -> bool:
    node: Any = values
    for part in path.strip(".").split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def test_every_value_the_templates_read_has_a_default() -> None:
    """A typo such as .Values.replicacount renders as empty in Helm without an error: catch it here."""
    values = load_values(CHART / "values.yaml")
    paths = templates_paths()
    assert {".replicaCount", ".image.tag", ".resources"} <= paths
    assert [p for p in paths if not defined(values, p)] == []
    assert not defined(values, ".replicacount")


def test_upgrade_with_only_set_drops_the_install_time_values_file() -> None:
    old = load_values(CHART / "values.yaml")
    new = {**old, "probes": {"enabled": True}}  # the next chart version adds a default
    installed = user_values([load_values(CHART / "values-production.yaml")])
    only_set = upgrade_values(new, old, installed, user_values(sets=["image.tag=1.3.3"]))
    assert only_set["replicaCount"] == 2 and only_set["env"]["LOG_LEVEL"] == "info"  # production values gone
    nothing = upgrade_values(new, old, installed, {})
    assert nothing["replicaCount"] == 6  # no values at all: the previous ones are reused
    reuse = upgrade_values(new, old, installed, user_values(sets=["image.tag=1.3.3"]), Reuse.REUSE)
    assert reuse["replicaCount"] == 6 and "probes" not in reuse  # keeps old values, misses new defaults
    again = upgrade_values(
        new, old, installed, user_values([load_values(CHART / "values-production.yaml")], ["image.tag=1.3.3"])
    )
    assert again["replicaCount"] == 6 and again["probes"] == {"enabled": True} and again["image"]["tag"] == "1.3.3"
