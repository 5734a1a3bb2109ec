"""A short Markdown summary for a CI job summary ($GITHUB_STEP_SUMMARY): counts, every check's result, and
for each failure what was expected and what came back. Text from the service is escaped: GitHub renders
Markdown and some HTML in summaries."""

from __future__ import annotations

import re
from html import escape
from typing import Any

STATUS_MARK = {"passed": "passed", "failed": "**FAILED**", "not run": "not run"}


def cell(text: str) -> str:
    """Safe inside a table cell: HTML escaped, Markdown punctuation and pipes neutralized, one line."""
    text = escape(" ".join(str(text).split()), quote=False)
    return re.sub(r"([\\`*_\[\]|~!])", r"\\\1", text)


def render_markdown(report: dict[str, Any]) -> str:
    summary = report["summary"]
    lines = [
        f"## {cell(report['capstone']['title'])}: {summary['passed']} of {summary['total']} checks passed",
        "",
        f"{summary['failed']} failed, {summary['not run']} not run. Download the HTML report for the full exchanges.",
        "",
        "| Check | Result | What it verifies |",
        "| --- | --- | --- |",
    ]
    lines += [f"| `{c['id']}` | {STATUS_MARK[c['status']]} | {cell(c['title'])} |" for c in report["checks"]]
    failures = [c for c in report["checks"] if c["failure"]]
    if failures:
        lines += ["", "### What failed", ""]
    for check in failures:
        failure = check["failure"]
        exchange = failure["exchange"] or {}
        request = exchange.get("request") or {}
        response = exchange.get("response") or {}
        sent = f"{request.get('method', '')} {request.get('url', '')}".strip()
        lessons = ", ".join(f"[{cell(lesson['path'])}]({lesson['url']})" for lesson in check["lessons"])
        lines.append(f"- `{check['id']}`: expected {cell(failure['expected'] or '')}")
        if failure["got"]:
            lines.append(f"  - got: {cell(failure['got'])}")
        if sent:
            lines.append(f"  - sent: {cell(sent)}; status back: {cell(str(response.get('status', 'no response')))}")
        lines.append(f"  - taught in: {lessons}")
    return "\n".join(lines) + "\n"
