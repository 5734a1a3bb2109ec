"""cProfile finds the quadratic loop, and after the fix it is gone from the top of the profile."""

from __future__ import annotations

import pstats

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
