"""Acceptance check: the data stays in an EU region; losing any one zone leaves the database available and at
least the peak number of API pods; and the plan does not buy more pods than surviving one zone requires."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

# AWS regions in EU member states (Zurich, eu-central-2, and London, eu-west-2, are in Europe but not the EU).
EU_MEMBER_STATE_REGIONS = {"eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1", "eu-south-1", "eu-south-2"}


def plan(answer: Path) -> dict[str, Any]:
    return yaml.safe_load(answer.read_text(encoding="utf-8"))


def zones(answer: Path) -> dict[str, int]:
    return {str(zone): int(pods) for zone, pods in plan(answer)["api"]["pods_per_zone"].items()}


def test_the_data_stays_in_the_eu(answer: Path) -> None:
    region = plan(answer)["region"]
    assert region in EU_MEMBER_STATE_REGIONS, f"{region} is not an AWS region in an EU member state"


def test_every_zone_belongs_to_the_region(answer: Path) -> None:
    region = plan(answer)["region"]
    placed = [*zones(answer), plan(answer)["database"]["primary_zone"], plan(answer)["database"]["standby_zone"]]
    for zone in placed:
        assert zone and re.fullmatch(re.escape(region) + r"[a-f]", str(zone)), f"{zone} is not a zone of {region}"


def test_losing_any_zone_leaves_enough_pods(answer: Path) -> None:
    need, placed = plan(answer)["peak_pods_needed"], zones(answer)
    assert len(placed) >= 2, "one zone: its failure is a full outage"
    for lost in placed:
        left = sum(pods for zone, pods in placed.items() if zone != lost)
        assert left >= need, f"without {lost}, {left} pods serve a peak that needs {need}"


def test_losing_any_zone_leaves_the_database(answer: Path) -> None:
    database = plan(answer)["database"]
    assert database["standby_zone"] and database["standby_zone"] != database["primary_zone"], (
        "a database in one zone is down with that zone: add a standby in another"
    )


@pytest.mark.starter_passes
def test_no_more_pods_than_surviving_one_zone_requires(answer: Path) -> None:
    need, placed = plan(answer)["peak_pods_needed"], zones(answer)
    # Spread evenly over n zones, each zone must carry ceil(need / (n - 1)) so that n - 1 zones cover the peak.
    enough = len(placed) * math.ceil(need / max(len(placed) - 1, 1))
    assert sum(placed.values()) <= enough, f"{sum(placed.values())} pods where {enough} survive a zone loss"


@pytest.mark.starter_passes
def test_the_peak_is_the_measured_one(answer: Path) -> None:
    assert plan(answer)["peak_pods_needed"] == 6, "the peak comes from the load test, not from the plan"
