"""Time-zone behavior the lesson describes, with the IANA database that zoneinfo reads."""

from __future__ import annotations

from datetime import UTC, datetime

from examples.databases.schema_design.timezones import exists, is_ambiguous, show, to_utc


def test_one_stored_instant_shows_as_each_readers_wall_clock():
    instant = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert show(instant, "Europe/Berlin") == "2026-07-01 14:00 CEST"
    assert show(instant, "America/New_York") == "2026-07-01 08:00 EDT"
    assert show(instant, "Asia/Kolkata") == "2026-07-01 17:30 IST"  # codespell:ignore


def test_the_same_wall_clock_time_is_a_different_utc_offset_in_winter_and_summer():
    assert to_utc(datetime(2026, 1, 15, 9, 0), "Europe/Berlin").hour == 8
    assert to_utc(datetime(2026, 7, 15, 9, 0), "Europe/Berlin").hour == 7


def test_half_past_two_does_not_exist_in_berlin_when_clocks_spring_forward():
    assert not exists(datetime(2026, 3, 29, 2, 30), "Europe/Berlin")
    assert exists(datetime(2026, 3, 29, 3, 30), "Europe/Berlin")


def test_half_past_two_happens_twice_in_berlin_when_clocks_fall_back():
    assert is_ambiguous(datetime(2026, 10, 25, 2, 30), "Europe/Berlin")
    assert not is_ambiguous(datetime(2026, 10, 25, 4, 30), "Europe/Berlin")
