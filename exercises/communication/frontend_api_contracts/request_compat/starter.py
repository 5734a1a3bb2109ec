"""The pull-request check that compares a contract change with the contract on main and lists what would
break clients. It checks operations, parameters and responses; request bodies pass unexamined."""

from __future__ import annotations

from examples.communication.api_contracts.breaking import breaking_changes as response_and_parameter_changes
from examples.communication.api_contracts.contract import Contract


def breaking_changes(old: Contract, new: Contract) -> list[str]:
    """Changes that can break a client written against `old`, one line each, most specific first."""
    return response_and_parameter_changes(old, new)
