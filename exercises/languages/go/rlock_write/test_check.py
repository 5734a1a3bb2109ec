"""Acceptance check: concurrent views are all counted, and the race detector finds nothing.

The check runs check_test.go against the answer with `go test -race`: a read lock lets many goroutines in
at once, so a write under it is a data race that the detector reports whether or not a view was lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises.languages.toolchains import go_test

CHECK = Path(__file__).with_name("check_test.go")


@pytest.mark.starter_passes
def test_views_of_product_pages(answer: Path, tmp_path: Path) -> None:
    go_test(answer, CHECK, tmp_path, "TestViewsOfProductPages")


def test_concurrent_views_are_counted_exactly_and_race_free(answer: Path, tmp_path: Path) -> None:
    go_test(answer, CHECK, tmp_path, "TestConcurrentViewsAreCountedExactly", race=True)
