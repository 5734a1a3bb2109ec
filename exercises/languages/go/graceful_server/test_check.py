"""Acceptance check: a deploy lets requests in flight finish within a grace period, and a client that never
finishes its headers is cut off. Each test runs one Go test from check_test.go against the answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises.languages.toolchains import go_test

CHECK = Path(__file__).with_name("check_test.go")


def test_a_request_in_flight_finishes_when_the_server_stops(answer: Path, tmp_path: Path) -> None:
    go_test(answer, CHECK, tmp_path, "TestARequestInFlightFinishesWhenTheServerStops")


@pytest.mark.starter_passes
def test_a_stuck_request_cannot_hold_the_stop_for_ever(answer: Path, tmp_path: Path) -> None:
    go_test(answer, CHECK, tmp_path, "TestAStuckRequestCannotHoldTheStopForEver")


def test_a_client_that_never_finishes_its_headers_is_cut_off(answer: Path, tmp_path: Path) -> None:
    go_test(answer, CHECK, tmp_path, "TestAClientThatNeverFinishesItsHeadersIsCutOff")
