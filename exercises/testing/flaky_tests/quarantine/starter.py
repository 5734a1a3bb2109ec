"""The team's quarantine plugin: flaky tests listed in quarantine.yml stop blocking merges.

entries = {"tests/test_export.py::test_export_finishes":
           {"owner": "dana", "issue": "SHOP-812", "expires": "2026-12-20"}}
pytest.main([...], plugins=[Quarantine(entries, today=date.today())])
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest


class Quarantine:
    def __init__(self, entries: Mapping[str, Mapping[str, str]], today: date) -> None:
        self.entries = entries
        self.today = today

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        for item in items:
            if item.nodeid in self.entries:
                item.add_marker(pytest.mark.skip(reason="quarantined"))
