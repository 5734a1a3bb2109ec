"""Acceptance check: `build_timeline` finds when impact started, was detected, mitigated and resolved, from the
recorded card-outage logs and from generated incidents with other time zones, flaps and lengths."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from pathlib import Path

import pytest

from exercises import load_module

LOGS = Path(__file__).resolve().parent / "logs"
UTC = dt.UTC
THRESHOLD, QUIET = 0.05, 5  # the team's definitions, as the starter's docstring states them


def timeline(answer: Path, lb: str, pager: str, scribe: str) -> dict[str, dt.datetime]:
    got = load_module(answer).build_timeline(lb, pager, scribe)
    naive = [name for name, at in got.items() if at.utcoffset() is None]
    assert not naive, f"{naive}: give every time with its zone, or nobody can compare them"
    return got


def card_outage(answer: Path) -> dict[str, dt.datetime]:
    logs = [(LOGS / f"card-outage-{name}.log").read_text(encoding="utf-8") for name in ("lb", "pager", "scribe")]
    return timeline(answer, *logs)


def utc(hh_mm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"2026-11-03T{hh_mm}:00+00:00")


@pytest.mark.starter_passes
def test_impact_starts_with_the_error_ratio(answer: Path) -> None:
    assert card_outage(answer)["started"] == utc("13:02")


@pytest.mark.starter_passes
def test_resolved_comes_from_the_scribe(answer: Path) -> None:
    assert card_outage(answer)["resolved"] == utc("15:10")


def test_detection_is_the_first_page_after_the_start(answer: Path) -> None:
    got = card_outage(answer)["detected"]
    assert got == utc("13:21"), (
        f"detected {got:%H:%M %Z}; the pager logs local time with an offset (+0100 is one hour ahead of UTC)"
    )


def test_a_two_minute_dip_is_not_mitigation(answer: Path) -> None:
    got = card_outage(answer)["mitigated"]
    assert got == utc("13:54"), (
        f"mitigated {got:%H:%M %Z}; errors fell for two minutes after the 13:46 restart and came back: impact ends "
        f"with the first {QUIET} quiet minutes in a row"
    )


def test_the_lessons_durations(answer: Path) -> None:
    got = card_outage(answer)
    assert (got["detected"] - got["started"], got["mitigated"] - got["started"]) == (
        dt.timedelta(minutes=19),
        dt.timedelta(minutes=52),
    )


@dataclass(frozen=True)
class Incident:
    logs: tuple[str, str, str]
    expected: dict[str, dt.datetime]


def generated(rng: random.Random) -> Incident:
    base = dt.datetime(2026, rng.randrange(1, 13), rng.randrange(1, 28), rng.randrange(0, 20), 0, tzinfo=UTC)
    start, length = rng.randrange(3, 30), rng.randrange(12, 90)
    flap = rng.randrange(start + 3, start + length - QUIET) if rng.random() < 0.7 else None
    flap_minutes = rng.randrange(1, QUIET)
    end = start + length  # first quiet minute for good
    lines = []
    for minute in range(end + QUIET + rng.randrange(2, 20)):
        requests = rng.randrange(200, 5_000)
        failing = start <= minute < end and not (flap is not None and flap <= minute < flap + flap_minutes)
        ratio = rng.uniform(0.06, 0.95) if failing else rng.uniform(0.0, 0.045)
        errors = math.ceil(requests * ratio) if failing else math.floor(requests * ratio)
        lines.append(f"{base + dt.timedelta(minutes=minute):%Y-%m-%dT%H:%M:%SZ} requests={requests} errors={errors}")
    pager_zone = dt.timezone(dt.timedelta(minutes=rng.choice([-480, -300, 0, 60, 330, 540])))
    scribe_zone = dt.timezone(dt.timedelta(minutes=rng.choice([-300, 0, 60, 120])))
    started = base + dt.timedelta(minutes=start)
    detected = started + dt.timedelta(minutes=rng.randrange(0, 40), seconds=rng.randrange(0, 60))
    resolved = base + dt.timedelta(minutes=end + rng.randrange(5, 200))
    pages = [
        (started - dt.timedelta(minutes=rng.randrange(1, 120)), "TRIGGERED unrelated: disk usage above 85%"),
        (detected, "TRIGGERED checkout error rate above 5%"),
        (detected + dt.timedelta(minutes=2), "ACKNOWLEDGED checkout error rate above 5%"),
    ]
    pager = "".join(f"{at.astimezone(pager_zone):%Y-%m-%d %H:%M:%S %z} {text}\n" for at, text in sorted(pages))
    scribe = (
        f"{(started + dt.timedelta(minutes=1)).astimezone(scribe_zone).isoformat()} DECLARED SEV2\n"
        f"{resolved.astimezone(scribe_zone).isoformat()} RESOLVED customers notified\n"
    )
    expected = {
        "started": started,
        "detected": detected,
        "mitigated": base + dt.timedelta(minutes=end),
        "resolved": resolved,
    }
    return Incident(("\n".join(lines) + "\n", pager, scribe), expected)


def test_generated_incidents(answer: Path) -> None:
    rng = random.Random(9_111)  # noqa: S311 - test data, not secrets; a fixed seed repeats the same incidents
    for number in range(150):
        incident = generated(rng)
        got = timeline(answer, *incident.logs)
        wrong = {k: f"{got.get(k)} (want {v})" for k, v in incident.expected.items() if got.get(k) != v}
        assert not wrong, f"generated incident {number}: {wrong}"
