"""The envelope numbers quoted in the design lesson, and the lesson's ADR passes the lab's linter."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from examples.communication.design_docs.capacity import LAUNCH, peak_requests_per_second, storage_gib
from labs.communication_lab.doclint import lint_file

HERE = Path(__file__).parent


# --8<-- [start:numbers]
def test_launch_numbers() -> None:
    assert peak_requests_per_second(LAUNCH) == pytest.approx(69.4, abs=0.1)
    assert storage_gib(LAUNCH) == pytest.approx(243.7, abs=0.1)


def test_a_flash_sale_changes_the_design_more_than_growth_does() -> None:
    flash = replace(LAUNCH, peak_to_average=50)
    doubled = replace(LAUNCH, orders_per_day=100_000)
    assert peak_requests_per_second(flash) > peak_requests_per_second(doubled)


# --8<-- [end:numbers]


def test_adr_is_clean_and_template_needs_filling() -> None:
    assert lint_file(HERE / "adr-0007-use-outbox-for-order-events.md") == []
    assert {f.rule for f in lint_file(HERE / "design-doc-template.md")} == {"design-placeholders"}


def test_a_filled_in_template_passes_strictly(tmp_path: Path) -> None:
    """The template has every section doclint asks for: filling the placeholders is all it needs."""
    template = (HERE / "design-doc-template.md").read_text(encoding="utf-8")
    filled = tmp_path / "design-export.md"
    filled.write_text(re.sub(r"<[a-z][a-z ,]*>", "filled in", template), encoding="utf-8")
    assert lint_file(filled) == []
