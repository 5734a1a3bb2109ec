"""The dead-links issue's body from lychee's JSON report: `python -m tools.dead_links REPORT [--date D]`.

The monthly workflow (.github/workflows/freshness.yml) runs lychee over every external link in docs/ and
data/ and keeps one open issue listing what failed: this turns lychee's `--format json` output into that
issue's Markdown, one table row per dead link with the file and line that holds it. Timeouts are listed apart:
a slow server is not yet a dead link. Prints nothing when every link answered, so the workflow knows to
close the issue instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

TITLE = "Dead links in lessons and data"
LABEL = "dead-links"


def rows(report: dict[str, Any], section: str) -> list[tuple[str, str, str]]:
    """(url, status, where) of every link in one section of the report (`error_map`, `timeout_map`)."""
    found = []
    for source, links in sorted(report.get(section, {}).items()):
        for entry in links:
            status = entry.get("status", {})
            text = str(status.get("code") or status.get("text") or "failed")
            line = entry.get("span", {}).get("line")
            found.append((str(entry.get("url", "")), text, f"{source}:{line}" if line else source))
    return sorted(found, key=lambda row: (row[2], row[0]))


def issue_body(report: dict[str, Any], day: dt.date) -> str | None:
    dead, slow = rows(report, "error_map"), rows(report, "timeout_map")
    if not dead and not slow:
        return None
    out = [
        f"lychee checked {report.get('total', 0)} external links on {day.isoformat()} "
        f"({report.get('cached', 0)} answered from its cache): {len(dead)} failed, {len(slow)} timed out.",
        "",
        "Fix or replace each link in the file and line given, or explain in a comment why it stays.",
        "",
    ]
    for heading, found in (("Failed", dead), ("Timed out (checked again next month)", slow)):
        if found:
            out += [f"## {heading}", "", "| Link | Status | Where |", "| --- | --- | --- |"]
            out += [f"| <{_cell(url)}> | {_cell(status)} | `{_cell(where)}` |" for url, status, where in found]
            out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    # A pipe would end the table cell; a backtick or angle bracket would end the code span or autolink.
    return text.replace("|", "%7C").replace("`", "'").replace(">", "%3E").replace("<", "%3C")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.dead_links", description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="lychee's --format json output")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.datetime.now(dt.UTC).date())
    args = parser.parse_args(argv)
    body = issue_body(json.loads(args.report.read_text(encoding="utf-8")), args.date)
    sys.stdout.write(body or "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
