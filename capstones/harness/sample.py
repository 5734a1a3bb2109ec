"""The sample report on the site: a real grading run of one broken variant, without a restart command, so that it
shows a failed check, a check not run and the evidence table. It lives in docs/assets/capstones/ because the
page guard allows only Markdown and images elsewhere under docs/.

python -m capstones.harness.sample   # regenerate after changing the checks or the report format
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from capstones.grader.catalog import ROOT, find
from capstones.grader.html_report import render_html
from capstones.grader.report import build_report
from capstones.harness.matrix import Case, grade_case
from capstones.harness.services import Servers, own_servers

SAMPLE_CAPSTONE = "tasks-api"
SAMPLE_DEFECT = "missing-ownership-check"
SAMPLE_JSON = ROOT / "docs" / "assets" / "capstones" / "sample-report.json"
SAMPLE_HTML = ROOT / "docs" / "assets" / "capstones" / "sample-report.html"
# The service ran on a random port; the sample shows the port the learner docs use.
SHOWN_URL = "http://127.0.0.1:8080"


def sample_case() -> Case:
    capstone = find(SAMPLE_CAPSTONE)
    defect = next(d for d in capstone.defects if d.name == SAMPLE_DEFECT)
    return Case(capstone, capstone.reference(defect.reference), defect)


def make_sample(servers: Servers) -> dict[str, Any]:
    case = sample_case()
    result = grade_case(case, servers, with_restart=False)
    report = build_report(result.run, capstone_title=case.capstone.title)
    text = json.dumps(report, ensure_ascii=False).replace(result.run.base_url, SHOWN_URL)
    text = text.replace(urlsplit(result.run.base_url).netloc, urlsplit(SHOWN_URL).netloc)  # the Host header
    return json.loads(text)


def write_sample(report: dict[str, Any], json_path: Path = SAMPLE_JSON, html_path: Path = SAMPLE_HTML) -> None:
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    html_path.write_text(render_html(report), encoding="utf-8")


def main() -> int:
    with own_servers(set(find(SAMPLE_CAPSTONE).services)) as servers:
        write_sample(make_sample(servers))
    print(f"wrote {SAMPLE_JSON.relative_to(ROOT)} and {SAMPLE_HTML.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
