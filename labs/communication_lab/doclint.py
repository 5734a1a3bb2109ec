"""doclint: check ADRs, design docs and OpenAPI contracts for the things reviewers keep asking for.

Usage: python -m labs.communication_lab.doclint [--strict] FILE...

Exit status 0 when there are no errors (with --strict: no warnings either), 1 otherwise, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    severity: Severity
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity} [{self.rule}] {self.message}"


# ---- Markdown helpers -------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class Section:
    title: str
    line: int
    body: str


def sections(text: str) -> tuple[tuple[str, int] | None, dict[str, Section]]:
    """The H1 (title, line) and every H2 section by lower-cased title. Fenced code is skipped."""
    h1: tuple[str, int] | None = None
    found: dict[str, Section] = {}
    current: tuple[str, int] | None = None
    lines: list[str] = []
    in_fence = False

    def close() -> None:
        if current is not None:
            found[current[0].lower()] = Section(current[0], current[1], "\n".join(lines).strip())

    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match and len(match.group(1)) == 1 and h1 is None:
            h1 = (match.group(2), number)
        elif match and len(match.group(1)) == 2:
            close()
            current, lines = (match.group(2), number), []
        elif current is not None:
            lines.append(line)
    close()
    return h1, found


def _bullets(body: str) -> list[str]:
    return [line.strip()[2:] for line in body.splitlines() if line.strip().startswith(("- ", "* "))]


# ---- ADRs -------------------------------------------------------------------------------------

ADR_STATUS = re.compile(r"^\s*[-*]?\s*Status:\s*(?P<status>.+?)\s*$", re.M | re.I)
STATUSES = ("Proposed", "Accepted", "Rejected", "Deprecated")
SUPERSEDED = re.compile(r"^Superseded by ADR-\d{4}$")
TRADE_OFF_WORDS = re.compile(r"\b(negative|downside|cost|risk|trade-?off|slower|harder|later|worse|lose)\b", re.I)


def lint_adr(path: str, text: str) -> list[Finding]:
    out: list[Finding] = []
    h1, found = sections(text)
    if h1 is None or not re.match(r"^ADR-\d{4}: \S", h1[0]):
        out.append(Finding(path, h1[1] if h1 else 1, "error", "adr-title", "title must read 'ADR-NNNN: <decision>'"))
    status = ADR_STATUS.search(text)
    if status is None:
        out.append(Finding(path, 1, "error", "adr-status", "no 'Status:' line"))
    else:
        value = status.group("status")
        if value not in STATUSES and not SUPERSEDED.match(value):
            line = text[: status.start("status")].count("\n") + 1
            allowed = ", ".join(STATUSES) + " or 'Superseded by ADR-NNNN'"
            out.append(Finding(path, line, "error", "adr-status", f"status '{value}' is not one of {allowed}"))
    for name in ("context", "decision", "consequences"):
        if name not in found:
            out.append(Finding(path, 1, "error", "adr-sections", f"missing section '## {name.capitalize()}'"))
        elif not found[name].body:
            out.append(Finding(path, found[name].line, "error", "adr-sections", f"section '{name}' is empty"))
    if "decision" in found and found["decision"].body and "we will" not in found["decision"].body.lower():
        message = "state the decision actively: 'We will ...'"
        out.append(Finding(path, found["decision"].line, "warning", "adr-decision-voice", message))
    if (
        "consequences" in found
        and found["consequences"].body
        and not TRADE_OFF_WORDS.search(found["consequences"].body)
    ):
        message = "consequences list no downside; every real decision costs something"
        out.append(Finding(path, found["consequences"].line, "warning", "adr-trade-offs", message))
    if not any(title.startswith(("alternatives", "options")) for title in found):
        out.append(Finding(path, 1, "warning", "adr-alternatives", "no 'Alternatives considered' section"))
    return out


# ---- design docs ------------------------------------------------------------------------------

DESIGN_SECTIONS = (
    "context",
    "goals",
    "non-goals",
    "proposal",
    "alternatives considered",
    "cross-cutting concerns",
    "risks and open questions",
    "rollout",
)
PLACEHOLDER = re.compile(r"<[a-z][a-z ,]*>")


def lint_design_doc(path: str, text: str) -> list[Finding]:
    out: list[Finding] = []
    _, found = sections(text)
    for name in DESIGN_SECTIONS:
        if name not in found:
            out.append(Finding(path, 1, "error", "design-sections", f"missing section '## {name.capitalize()}'"))
    alternatives = found.get("alternatives considered")
    if alternatives is not None and len(_bullets(alternatives.body)) < 2:
        message = "list at least two alternatives (doing nothing counts)"
        out.append(Finding(path, alternatives.line, "error", "design-alternatives", message))
    goals = found.get("goals")
    if goals is not None:
        for goal in _bullets(goals.body):
            if not re.search(r"\d", goal):
                message = f"goal has no number to check it against: '{goal[:60]}'"
                out.append(Finding(path, goals.line, "warning", "design-measurable-goals", message))
    for number, line in enumerate(text.splitlines(), start=1):
        if "<!--" not in line and PLACEHOLDER.search(line):
            message = f"template placeholder left in: {PLACEHOLDER.search(line).group(0)}"  # type: ignore[union-attr]
            out.append(Finding(path, number, "error", "design-placeholders", message))
    return out


# ---- OpenAPI contracts ------------------------------------------------------------------------

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def _line_of(text: str, needle: str) -> int:
    index = text.find(needle)
    return text[:index].count("\n") + 1 if index >= 0 else 1


def lint_openapi(path: str, text: str, doc: dict[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    if not str(doc.get("openapi", "")).startswith("3."):
        out.append(Finding(path, _line_of(text, "openapi"), "error", "oas-version", "expected an OpenAPI 3.x document"))
    seen_ids: dict[str, str] = {}
    for route, item in (doc.get("paths") or {}).items():
        route_line = _line_of(text, route)
        shared = item.get("parameters", [])
        for method in (m for m in METHODS if m in item):
            op, where = item[method], f"{method.upper()} {route}"
            out += _operation_findings(path, route_line, where, route, op, shared, seen_ids)
    return out


def _operation_findings(
    path: str, line: int, where: str, route: str, op: dict[str, Any], shared: list[Any], seen_ids: dict[str, str]
) -> Iterable[Finding]:
    op_id = op.get("operationId")
    if not op_id:
        yield Finding(path, line, "error", "oas-operation-id", f"{where} has no operationId")
    elif op_id in seen_ids:
        yield Finding(
            path, line, "error", "oas-operation-id", f"{where} reuses operationId '{op_id}' of {seen_ids[op_id]}"
        )
    else:
        seen_ids[op_id] = where
    if not op.get("summary"):
        yield Finding(path, line, "warning", "oas-summary", f"{where} has no summary")
    params = [*shared, *op.get("parameters", [])]
    declared = {p.get("name") for p in params if p.get("in") == "path" and p.get("required") is True}
    for name in re.findall(r"{([^}]+)}", route):
        if name not in declared:
            yield Finding(
                path, line, "error", "oas-path-params", f"{where}: path parameter '{name}' not declared as required"
            )
    responses = {str(code): value for code, value in (op.get("responses") or {}).items()}
    if not any(code.startswith("2") for code in responses):
        yield Finding(path, line, "error", "oas-success-response", f"{where} documents no 2xx response")
    if not any(code.startswith("4") for code in responses):
        yield Finding(path, line, "error", "oas-error-response", f"{where} documents no 4xx response")
    for code, response in responses.items():
        content = response.get("content") or {}
        if code[0] in "45" and content and "application/problem+json" not in content:
            message = f"{where} {code}: errors should use application/problem+json (RFC 9457)"
            yield Finding(path, line, "warning", "oas-problem-details", message)
        for media_type, media in content.items():
            if "example" not in media and "examples" not in media:
                message = f"{where} {code} {media_type}: no example, so mocks and docs have nothing to show"
                yield Finding(path, line, "warning", "oas-examples", message)
    if op.get("deprecated") and not re.search(
        r"replac|instead|use ", f"{op.get('summary', '')} {op.get('description', '')}", re.I
    ):
        yield Finding(
            path, line, "warning", "oas-deprecation-note", f"{where} is deprecated but says not what replaces it"
        )


# ---- dispatch ---------------------------------------------------------------------------------


def lint_file(file: Path) -> list[Finding]:
    path, text = str(file), file.read_text(encoding="utf-8")
    if file.suffix in {".yaml", ".yml", ".json"}:
        try:
            doc = json.loads(text) if file.suffix == ".json" else yaml.safe_load(text)
        except (yaml.YAMLError, json.JSONDecodeError) as error:
            return [Finding(path, 1, "error", "parse", f"cannot parse: {error}".splitlines()[0])]
        if isinstance(doc, dict) and "openapi" in doc:
            return sorted(lint_openapi(path, text, doc))
        return [Finding(path, 1, "error", "kind", "not an OpenAPI document (no 'openapi' field)")]
    h1, found = sections(text)
    if re.match(r"^(adr-)?\d{4}-", file.name, re.I) or (h1 is not None and h1[0].startswith("ADR")):
        return sorted(lint_adr(path, text))
    if "goals" in found or (h1 is not None and h1[0].lower().startswith("design")):
        return sorted(lint_design_doc(path, text))
    return [
        Finding(
            path, 1, "error", "kind", "cannot tell what this is: name ADRs NNNN-title.md, start design docs '# Design'"
        )
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="doclint", description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    findings: list[Finding] = []
    for file in args.files:
        if not file.is_file():
            print(f"doclint: no such file: {file}", file=sys.stderr)
            return 2
        findings += lint_file(file)
    for finding in findings:
        print(finding)
    failing = [f for f in findings if f.severity == "error" or args.strict]
    print(f"{len(findings)} finding(s), {len(failing)} failing", file=sys.stderr)
    return 1 if failing else 0


if __name__ == "__main__":
    raise SystemExit(main())
