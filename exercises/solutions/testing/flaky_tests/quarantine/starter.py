"""The team's quarantine plugin: flaky tests listed in quarantine.yml stop blocking merges, for a while.

    entries = {"tests/test_export.py::test_export_finishes":
               {"owner": "dana", "issue": "SHOP-812", "expires": "2026-12-20"}}
    pytest.main([...], plugins=[Quarantine(entries, today=date.today())])

A quarantined test still runs, so its results keep coming (a fix shows as XPASS, a new kind of failure in its
traceback); it just cannot fail the build. Every entry names who fixes it, where, and until when; after that
date the test counts again, so a quarantine cannot quietly become a deletion.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest

REQUIRED = ("owner", "issue", "expires")


class Quarantine:
    def __init__(self, entries: Mapping[str, Mapping[str, str]], today: date) -> None:
        for test, entry in entries.items():
            missing = [field for field in REQUIRED if not entry.get(field)]
            if missing:
                raise pytest.UsageError(f"quarantine entry {test} lacks {', '.join(missing)}")
        self.entries = entries
        self.today = today

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        for item in items:
            entry = self.entries.get(item.nodeid)
            if entry is None or date.fromisoformat(entry["expires"]) < self.today:
                continue  # not quarantined, or the quarantine is over: the test counts
            reason = f"quarantined until {entry['expires']}: {entry['issue']}, owner {entry['owner']}"
            item.add_marker(pytest.mark.xfail(reason=reason, strict=False))  # runs; cannot fail the build
