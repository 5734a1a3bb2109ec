"""python -m capstones.grader --capstone <id> --url <base> [--restart-command CMD] [--json F] [--html F] [--summary F]

Exit status 0 only when every check passed (a check not run, such as the restart without a command, is not a pass).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from capstones.grader import catalog
from capstones.grader.grading import grade
from capstones.grader.html_report import write_html
from capstones.grader.markdown_report import render_markdown
from capstones.grader.model import Status
from capstones.grader.ready import wait_until_ready
from capstones.grader.report import build_report, write_json


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m capstones.grader", description=__doc__.splitlines()[0])
    parser.add_argument("--capstone", required=True, help="capstone id, e.g. tasks-api")
    parser.add_argument("--url", required=True, help="base URL of the running service")
    parser.add_argument(
        "--restart-command",
        help="shell command that restarts the service (e.g. 'docker compose restart app'); without it the "
        "restart check is reported as not run",
    )
    parser.add_argument("--json", type=Path, help="write the JSON report here")
    parser.add_argument("--html", type=Path, help="write the HTML report here")
    parser.add_argument("--summary", type=Path, help="write a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)")
    parser.add_argument("--wait", type=float, default=60.0, help="seconds to wait for the service to answer")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        capstone = catalog.find(args.capstone)
    except KeyError as error:
        print(error.args[0], file=sys.stderr)
        return 2
    try:
        wait_until_ready(args.url, capstone.ready_path, timeout_s=args.wait)
    except TimeoutError as error:
        print(f"the service is not answering: {error}", file=sys.stderr)
        return 2

    restart = None
    if args.restart_command:

        def restart() -> None:
            # The learner's own command, given on their command line: running it through the shell is the point.
            subprocess.run(args.restart_command, shell=True, check=True)  # noqa: S602
            wait_until_ready(args.url, capstone.ready_path, timeout_s=args.wait)

    run = grade(capstone.suite(), args.url, budgets=capstone.budgets, restart=restart)
    report = build_report(run, capstone_title=capstone.title)
    if args.json:
        write_json(report, args.json)
    if args.html:
        write_html(report, args.html)
    if args.summary:
        with args.summary.open("a", encoding="utf-8") as summary_file:  # the job summary file is appended to
            summary_file.write(render_markdown(report))
    for outcome in run.outcomes:
        line = f"{outcome.status.value:8} {outcome.check_id}"
        if outcome.status is Status.FAILED:
            line += f": expected {outcome.expected}" + (f"; got {outcome.got}" if outcome.got else "")
        print(line)
    summary = report["summary"]
    print(
        f"{capstone.id}: {summary['passed']}/{summary['total']} passed, {summary['failed']} failed, "
        f"{summary['not run']} not run in {run.seconds} s"
    )
    return 0 if run.passed else 1


if __name__ == "__main__":
    sys.exit(main())
