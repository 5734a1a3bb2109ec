"""Acceptance check: each deploy renders production's values with the new tag and the chart's current defaults,
pins the chart version, installs or upgrades with one command and rolls back a failed rollout.

The values are computed with the lesson's model of Helm's value handling (pkg/cli/values, pkg/strvals, the
upgrade action's reuse rules)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from examples.cloud_devops.helm_kustomize.helm_values import Reuse, coalesce, load_values, upgrade_values, user_values
from exercises import load_module

CHART = Path(__file__).resolve().parents[4] / "examples/cloud_devops/helm_kustomize/chart/shop-api"
TAGS = ["1.3.3", "20261207", "1.10"]
VALUE_FLAGS = {"-f": "file", "--values": "file", "--set": "set", "--set-string": "set_string"}
REUSE_FLAGS = {flag.value: flag for flag in Reuse if flag is not Reuse.DEFAULT}
BOOLEAN_FLAGS = {
    "--install",
    "-i",
    "--rollback-on-failure",
    "--atomic",
    "--wait",
    "--create-namespace",
    "--force-conflicts",
}


def parse(argv: list[str]) -> dict[str, Any]:
    """The parts of a `helm upgrade` command line this check needs (`--flag value` and `--flag=value` forms)."""
    assert argv[:2] == ["helm", "upgrade"], f"not a helm upgrade: {argv[:2]}"
    parsed: dict[str, Any] = {
        "positional": [],
        "file": [],
        "set": [],
        "set_string": [],
        "flags": {},
        "mode": Reuse.DEFAULT,
    }
    words = iter(argv[2:])
    for word in words:
        flag, has_value, inline = word.partition("=")
        if not word.startswith("-"):
            parsed["positional"].append(word)
        elif flag in REUSE_FLAGS:
            parsed["mode"] = REUSE_FLAGS[flag]
        elif flag in BOOLEAN_FLAGS:
            parsed["flags"][flag] = True
        else:
            value = inline if has_value else next(words)
            if flag in VALUE_FLAGS:
                parsed[VALUE_FLAGS[flag]].append(value)
            else:
                parsed["flags"][flag] = value
    return parsed


def chart_defaults_next_version() -> dict[str, Any]:
    """The chart version being deployed adds a default the previous one did not have."""
    return {**load_values(CHART / "values.yaml"), "podDisruptionBudget": {"minAvailable": 1}}


def deployed_values(answer: Path, tag: str) -> dict[str, Any]:
    command = parse(load_module(answer).upgrade_command(tag))
    files = [load_values(CHART / name) for name in command["file"]]
    new_user = user_values(files, command["set"], command["set_string"])
    installed_with = user_values([load_values(CHART / "values-production.yaml")], ["image.tag=1.3.2"])
    return upgrade_values(
        chart_defaults_next_version(), load_values(CHART / "values.yaml"), installed_with, new_user, command["mode"]
    )


@pytest.mark.parametrize("tag", TAGS)
def test_production_values_survive_the_deploy(answer: Path, tag: str) -> None:
    values = deployed_values(answer, tag)
    production = coalesce(load_values(CHART / "values.yaml"), load_values(CHART / "values-production.yaml"))
    for key in ("replicaCount", "env", "resources"):
        assert values[key] == production[key], f"{key} is {values[key]!r} after deploying {tag}"


def tag_is_a_string(answer: Path, tag: str) -> None:
    values = deployed_values(answer, tag)
    assert values["image"]["tag"] == tag, f"image.tag is {values['image']['tag']!r}, not the string {tag!r}"


def test_a_tag_of_digits_is_deployed_as_a_string(answer: Path) -> None:
    tag_is_a_string(answer, "20261207")


@pytest.mark.starter_passes
@pytest.mark.parametrize("tag", ["1.3.3", "1.10"])
def test_the_new_tag_is_deployed(answer: Path, tag: str) -> None:
    tag_is_a_string(answer, tag)


@pytest.mark.starter_passes  # guards against the tempting fix, --reuse-values
def test_defaults_added_by_the_new_chart_version_apply(answer: Path) -> None:
    values = deployed_values(answer, "1.3.3")
    assert values.get("podDisruptionBudget") == {"minAvailable": 1}, "the new chart's defaults were ignored"


def meets_schema(answer: Path, tag: str) -> None:
    schema = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["podDisruptionBudget"] = {"type": "object"}  # the next version's schema knows it
    jsonschema.validate(deployed_values(answer, tag), schema)


def test_a_tag_of_digits_meets_the_charts_schema(answer: Path) -> None:
    meets_schema(answer, "20261207")


@pytest.mark.starter_passes
@pytest.mark.parametrize("tag", ["1.3.3", "1.10"])
def test_values_meet_the_charts_schema(answer: Path, tag: str) -> None:
    meets_schema(answer, tag)


def test_one_command_installs_pins_and_rolls_back(answer: Path) -> None:
    command = parse(load_module(answer).upgrade_command("1.3.3"))
    chart_version = yaml.safe_load((CHART / "Chart.yaml").read_text(encoding="utf-8"))["version"]
    assert command["positional"][0] == "shop-api", "the release name comes first"
    assert command["flags"].get("--install") or command["flags"].get("-i"), "the first deploy needs --install"
    assert command["flags"].get("--version") == chart_version, "pin the chart version with --version"
    assert command["flags"].get("--rollback-on-failure"), "a failed rollout must roll back (--rollback-on-failure)"
