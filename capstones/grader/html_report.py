"""The HTML report: one self-contained page (inline CSS, no scripts), every value from the service escaped."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from capstones.grader.model import Group

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
.passed{color:#0a6b2d}.failed{color:#a1121b}.not-run{color:#6b5200}
pre{background:#f5f5f5;padding:.6rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all;font-size:13px}
details{margin:.4rem 0 1rem}summary{cursor:pointer;font-weight:600}dt{font-weight:600}
@media (prefers-color-scheme:dark){body{background:#121212;color:#e6e6e6}pre{background:#1f1f1f}
.passed{color:#5fd38a}.failed{color:#ff8a8f}.not-run{color:#e8c65a}th,td{border-color:#333}}
"""


def _status_class(status: str) -> str:
    return status.replace(" ", "-")


def _message(message: dict[str, Any] | None, *, request: bool) -> str:
    if message is None:
        return "<p>No response: the connection failed.</p>"
    first = f"{message['method']} {message['url']}" if request else f"Status {message['status']}"
    headers = "\n".join(f"{name}: {value}" for name, value in message["headers"])
    body = message["body"] + ("\n… (truncated)" if message["body_truncated"] else "")
    text = first + "\n" + headers + ("\n\n" + body if body else "")
    return f"<pre>{escape(text)}</pre>"


def _failure(check: dict[str, Any]) -> str:
    failure = check["failure"]
    parts = [f"<dl><dt>Expected</dt><dd>{escape(failure['expected'] or '')}</dd>"]
    if failure["got"]:
        parts.append(f"<dt>Got</dt><dd>{escape(failure['got'])}</dd>")
    parts.append("</dl>")
    exchange = failure["exchange"]
    if exchange:
        parts.append("<p>What the grader sent:</p>" + _message(exchange["request"], request=True))
        if exchange["error"]:
            parts.append(f"<p>Error: {escape(exchange['error'])}</p>")
        parts.append("<p>What came back:</p>" + _message(exchange["response"], request=False))
    lessons = ", ".join(
        f'<a href="{escape(lesson["url"])}">{escape(lesson["path"])}</a>' for lesson in check["lessons"]
    )
    parts.append(f"<p>Where this is taught: {lessons}</p>")
    return "".join(parts)


def _check_row(check: dict[str, Any]) -> str:
    status = check["status"]
    evidence = ", ".join(f"{escape(e['row'])} ({escape(e['level'])})" for e in check["evidence"])
    metrics = ", ".join(f"{escape(str(k))} {escape(str(v))}" for k, v in check["metrics"].items())
    row = (
        f"<tr><td><code>{escape(check['id'])}</code></td><td>{escape(check['title'])}"
        + (f"<br><small>{metrics}</small>" if metrics else "")
        + (f"<br><small>{escape(check['reason'])}</small>" if check["reason"] else "")
        + f'</td><td class="{_status_class(status)}">{escape(status)}</td><td>{evidence}</td></tr>'
    )
    return row


def render_html(report: dict[str, Any]) -> str:
    summary = report["summary"]
    title = f"{report['capstone']['title']}: grader report"
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f"<p>Service at <code>{escape(report['url'])}</code>, graded {escape(report['started_at'])} "
        f"in {report['seconds']} s. <strong>{summary['passed']} of {summary['total']} checks passed</strong>, "
        f"{summary['failed']} failed, {summary['not run']} not run.</p>",
    ]
    if not report["restart_command_given"]:
        out.append("<p>The restart check was not run: no restart command was given. It does not count as passed.</p>")
    for group in Group:
        checks = [c for c in report["checks"] if c["group"] == group.value]
        if not checks:
            continue
        out.append(f"<h2>{escape(group.value.capitalize())}</h2>")
        out.append('<table><thead><tr><th scope="col">Check</th><th scope="col">What it verifies</th>')
        out.append('<th scope="col">Result</th><th scope="col">Evidence for</th></tr></thead><tbody>')
        out.extend(_check_row(check) for check in checks)
        out.append("</tbody></table>")
        for check in checks:
            if check["failure"]:
                out.append(f"<details open><summary>Why <code>{escape(check['id'])}</code> failed</summary>")
                out.append(_failure(check) + "</details>")
    out.append("<h2>Skills-matrix evidence</h2>")
    out.append("<p>A row and level count as evidenced only when every check bearing on them passed.</p>")
    out.append('<table><thead><tr><th scope="col">Row</th><th scope="col">Level</th>')
    out.append('<th scope="col">Evidenced</th><th scope="col">Checks</th></tr></thead><tbody>')
    for item in report["skills_evidence"]:
        verdict = "yes" if item["evidenced"] else "no"
        verdict_class = "passed" if item["evidenced"] else "failed"
        checks = ", ".join(item["checks_passed"] + item["checks_failed"] + item["checks_not_run"])
        out.append(
            f"<tr><td>{escape(item['row_title'])} <small>({escape(item['row'])})</small></td>"
            f"<td>{escape(item['level'])}</td><td class='{verdict_class}'>{verdict}</td>"
            f"<td><small>{escape(checks)}</small></td></tr>"
        )
    out.append("</tbody></table></main></body></html>")
    return "\n".join(out) + "\n"


def write_html(report: dict[str, Any], path: Path) -> None:
    path.write_text(render_html(report), encoding="utf-8")
