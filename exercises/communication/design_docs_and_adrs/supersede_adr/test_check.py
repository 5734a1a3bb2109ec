"""Acceptance check: ADR-0012 is a complete, accepted ADR that supersedes ADR-0007 and says what changed,
and ADR-0007 is the original record again, with only its status moved on to point at its successor.

The answer is ADR-0012 (the starter); ADR-0007 is the file beside it, `0007-use-outbox-for-order-events.md`.
The original ADR-0007 is the lesson's example (the version in the repository's history).
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path

import pytest

from labs.communication_lab.doclint import ADR_STATUS, lint_file, sections

ROOT = Path(__file__).resolve().parents[4]
ORIGINAL_0007 = ROOT / "examples/communication/design_docs/adr-0007-use-outbox-for-order-events.md"
SNIPPET_MARK = re.compile(r"^<!-- --8<-- .* -->\n", re.M)
DATE = re.compile(r"^\s*[-*]?\s*Date:\s*(\d{4}-\d{2}-\d{2})\s*$", re.M)
SUPERSEDES = re.compile(r"^\s*[-*]?\s*Supersedes:\s*(.+?)\s*$", re.M)


def adr_0007(answer: Path) -> Path:
    return answer.with_name("0007-use-outbox-for-order-events.md")


def text(path: Path) -> str:
    return SNIPPET_MARK.sub("", path.read_text(encoding="utf-8"))


def status(markdown: str) -> str:
    found = ADR_STATUS.search(markdown)
    return found.group("status") if found else ""


def body(markdown: str, name: str) -> str:
    found = sections(markdown)[1].get(name)
    return " ".join(found.body.split()) if found else ""


def test_adr_0012_passes_doclint_strictly(answer: Path) -> None:
    findings = lint_file(answer)
    assert findings == [], "doclint --strict would fail:\n" + "\n".join(str(f) for f in findings)


def test_adr_0012_is_accepted_and_supersedes_adr_0007(answer: Path) -> None:
    markdown = text(answer)
    assert status(markdown) == "Accepted", "only an accepted decision replaces another (a proposal replaces nothing)"
    supersedes = SUPERSEDES.search(markdown)
    assert supersedes and supersedes.group(1) == "ADR-0007", "add a `Supersedes: ADR-0007` line beside the status"


def test_adr_0012_context_starts_from_adr_0007(answer: Path) -> None:
    markdown = text(answer)
    context = body(markdown, "context")
    assert "ADR-0007" in context, "the context says what ADR-0007 decided and what has changed since"
    assert re.search(r"\d", context), "state the forces as facts: what was measured or what happened, with numbers"
    alternatives = next((b for t, b in _sections(markdown) if t.startswith(("alternatives", "options"))), "")
    assert re.search(r"\bpoll", alternatives, re.I), (
        "keeping the polling relay (perhaps tuned) is an alternative: say why it lost"
    )


def test_adr_0007_keeps_its_reasoning(answer: Path) -> None:
    original, current = text(ORIGINAL_0007), text(adr_0007(answer))
    assert sections(current)[0] and sections(current)[0][0] == sections(original)[0][0], (
        "ADR-0007's title must be its original one: an accepted ADR is never rewritten"
    )
    for name in ("context", "decision", "alternatives considered", "consequences"):
        assert body(current, name) == body(original, name), (
            f"ADR-0007's {name} section differs from the record the team accepted; restore it (git history has it) "
            "and put the new decision in ADR-0012"
        )


def test_adr_0007_points_to_its_successor(answer: Path) -> None:
    current = text(adr_0007(answer))
    assert status(current) == "Superseded by ADR-0012", (
        f"ADR-0007's status says {status(current)!r}: readers must learn from it that ADR-0012 replaced it"
    )
    expected = text(ORIGINAL_0007).replace("- Status: Accepted", "- Status: Superseded by ADR-0012")
    changed = list(difflib.unified_diff(_lines(expected), _lines(current), "expected", "yours", lineterm="", n=0))
    assert not changed, "the status line is the only line of ADR-0007 that changes:\n" + "\n".join(changed)


@pytest.mark.starter_passes
def test_adr_0012_is_dated_after_adr_0007(answer: Path) -> None:
    dates = [DATE.search(text(path)) for path in (ORIGINAL_0007, answer)]
    assert all(dates), "both ADRs carry a `Date: YYYY-MM-DD` line"
    earlier, later = (date.fromisoformat(d.group(1)) for d in dates if d)
    assert later >= earlier


def _sections(markdown: str) -> list[tuple[str, str]]:
    return [(title, " ".join(s.body.split())) for title, s in sections(markdown)[1].items()]


def _lines(markdown: str) -> list[str]:
    return [line.rstrip() for line in markdown.strip().splitlines()]
