"""Acceptance check: PriceQuotes honors the caller's context, ends when every supplier has answered, and
leaks no goroutine. Each test runs one Go test from check_test.go against the answer with `go test`."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises.languages.toolchains import go_test

CHECK = Path(__file__).with_name("check_test.go")


@pytest.mark.starter_passes
def test_keeps_the_answers_that_arrive_in_time(answer: Path, tmp_path: Path) -> None:
    go_test(answer, CHECK, tmp_path, "TestKeepsTheAnswersThatArriveInTime")


def test_a_failed_supplier_does_not_hold_up_the_answer(answer: Path, tmp_path: Path) -> None:
    go_test(answer, CHECK, tmp_path, "TestAFailedSupplierDoesNotHoldUpTheAnswer")


def test_cancelling_the_caller_stops_the_suppliers(answer: Path, tmp_path: Path) -> None:
    go_test(answer, CHECK, tmp_path, "TestCancellingTheCallerStopsTheSuppliers")


def test_late_suppliers_do_not_leak_goroutines(answer: Path, tmp_path: Path) -> None:
    go_test(answer, CHECK, tmp_path, "TestLateSuppliersDoNotLeakGoroutines")
