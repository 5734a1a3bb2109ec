"""cProfile finds the quadratic loop, and after the fix it is gone from the top of the profile."""

from __future__ import annotations

import cProfile
import pstats
import sys
import threading

import pytest

from examples.cloud_devops.profiling.profiler import hotspots, profile
from examples.cloud_devops.profiling.report import build_report, build_report_fast, sample_orders

ORDERS = sample_orders(6_000)


# --8<-- [start:find]
def test_the_profile_names_the_quadratic_function():
    top = hotspots(profile(build_report, ORDERS))
    assert top[0].function == "unique_customers"
    assert top[0].calls == 1  # one call, all its time spent in its own loop: not a call-count problem
    assert top[0].share > 0.5


def test_after_the_fix_the_hot_spot_is_gone_and_the_output_is_the_same():
    assert build_report_fast(ORDERS) == build_report(ORDERS)
    top = hotspots(profile(build_report_fast, ORDERS))
    assert "unique_customers" not in {spot.function for spot in top}
    assert top[0].function != "unique_customers_fast"


# --8<-- [end:find]


def test_calls_are_counted_per_function():
    by_name = {spot.function: spot for spot in hotspots(profile(build_report, ORDERS), limit=50)}
    assert by_name["format_line"].calls == len(ORDERS)


def test_the_stats_can_be_printed_like_the_command_line_tool(capsys):
    stats = profile(build_report, ORDERS[:100])
    stats.sort_stats(pstats.SortKey.CUMULATIVE).print_stats(3)
    assert "build_report" in capsys.readouterr().out


def worker_only() -> int:
    """Runs only in the worker thread below, so the profile shows whether cProfile saw that thread."""
    return sum(range(50_000))


def start_a_worker_and_wait() -> None:
    worker = threading.Thread(target=worker_only)
    worker.start()
    worker.join()


# --8<-- [start:threads]
def test_which_threads_cprofile_sees():
    seen = {spot.function for spot in hotspots(profile(start_a_worker_and_wait), limit=100)}
    # Up to 3.11 cProfile hooked sys.setprofile, which covers only the thread that enabled it. Since 3.12 it
    # registers sys.monitoring callbacks (PEP 669), which fire in every thread of the interpreter.
    assert ("worker_only" in seen) is (sys.version_info >= (3, 12))


def test_since_3_12_only_one_cprofile_can_run_at_a_time():
    first, second = cProfile.Profile(), cProfile.Profile()
    first.enable()
    try:
        if sys.version_info >= (3, 12):
            with pytest.raises(ValueError, match="Another profiling tool is already active"):
                second.enable()
        else:
            second.enable()  # each thread had its own sys.setprofile hook
            second.disable()
    finally:
        first.disable()


# --8<-- [end:threads]
