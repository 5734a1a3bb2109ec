"""doclint finds what the lab README promises, and passes the lesson's own documents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from labs.communication_lab.doclint import lint_file, main, sections

SAMPLES = Path(__file__).with_name("samples")
EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "communication"


def rules(path: Path) -> set[tuple[str, str]]:
    return {(f.severity, f.rule) for f in lint_file(path)}


def test_the_lessons_adr_and_contract_are_clean() -> None:
    assert lint_file(EXAMPLES / "design_docs" / "adr-0007-use-outbox-for-order-events.md") == []
    assert lint_file(EXAMPLES / "api_contracts" / "orders.openapi.yaml") == []


def test_an_unfilled_template_fails_on_its_placeholders() -> None:
    findings = lint_file(EXAMPLES / "design_docs" / "design-doc-template.md")
    assert {f.rule for f in findings} == {"design-placeholders"}
    assert [f.line for f in findings] == [2, 4, 5]


def test_weak_adr() -> None:
    found = rules(SAMPLES / "0003-cache.md")
    assert ("error", "adr-title") in found
    assert ("error", "adr-status") in found
    assert ("warning", "adr-decision-voice") in found
    assert ("warning", "adr-trade-offs") in found
    assert ("warning", "adr-alternatives") in found


def test_superseded_status_must_name_the_successor(tmp_path: Path) -> None:
    text = (EXAMPLES / "design_docs" / "adr-0007-use-outbox-for-order-events.md").read_text(encoding="utf-8")
    good, bad = tmp_path / "0007-a.md", tmp_path / "0007-b.md"
    good.write_text(text.replace("Status: Accepted", "Status: Superseded by ADR-0012"), encoding="utf-8")
    bad.write_text(text.replace("Status: Accepted", "Status: Superseded"), encoding="utf-8")
    assert lint_file(good) == []
    assert [f.rule for f in lint_file(bad)] == ["adr-status"]


def test_every_section_of_the_template_is_required(tmp_path: Path) -> None:
    template = (EXAMPLES / "design_docs" / "design-doc-template.md").read_text(encoding="utf-8")
    filled = re.sub(r"<[a-z][a-z ,]*>", "filled in", template)
    titles = re.findall(r"^## (.+)$", filled, re.M)
    assert len(titles) == 8
    for title in titles:
        without = tmp_path / "design-x.md"
        start = filled.index(f"## {title}")
        end = filled.find("\n## ", start + 1)
        without.write_text(filled[:start] + (filled[end + 1 :] if end >= 0 else ""), encoding="utf-8")
        assert [f.message for f in lint_file(without) if f.rule == "design-sections"] == [
            f"missing section '## {title.capitalize()}'"
        ], title


def test_weak_design_doc() -> None:
    findings = lint_file(SAMPLES / "design-search.md")
    missing = {f.message for f in findings if f.rule == "design-sections"}
    assert missing == {
        "missing section '## Non-goals'",
        "missing section '## Cross-cutting concerns'",
        "missing section '## Risks and open questions'",
        "missing section '## Rollout'",
    }
    assert any(f.rule == "design-alternatives" for f in findings)
    vague = [f for f in findings if f.rule == "design-measurable-goals"]
    assert len(vague) == 1 and "Search feels fast" in vague[0].message


def test_weak_openapi_contract() -> None:
    found = rules(SAMPLES / "bad.openapi.yaml")
    assert found == {
        ("error", "oas-operation-id"),
        ("error", "oas-path-params"),
        ("error", "oas-error-response"),
        ("error", "oas-success-response"),
        ("warning", "oas-summary"),
        ("warning", "oas-examples"),
        ("warning", "oas-problem-details"),
        ("warning", "oas-deprecation-note"),
    }


def test_sections_ignore_headings_inside_code_fences() -> None:
    _, found = sections("# T\n\n## Real\n\n```\n## Not a heading\n```\n")
    assert list(found) == ["real"]


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    adr = EXAMPLES / "design_docs" / "adr-0007-use-outbox-for-order-events.md"
    assert main([str(adr)]) == 0
    assert main([str(SAMPLES / "design-search.md")]) == 1
    assert main(["/nonexistent.md"]) == 2
    warnings_only = tmp_path / "0008-no-downside.md"
    text = adr.read_text(encoding="utf-8")
    warnings_only.write_text(text[: text.index("## Consequences")] + "## Consequences\n\nAll good.\n", encoding="utf-8")
    capsys.readouterr()
    assert main([str(warnings_only)]) == 0
    assert main(["--strict", str(warnings_only)]) == 1
    assert "warning [adr-trade-offs]" in capsys.readouterr().out
