"""`make capstones`: grade every reference and broken variant, then print the one summary line.

python -m capstones.harness [--jobs N] [CAPSTONE_ID ...]   # all capstones by default, 2 services at a time

The last line is exactly `capstones: N, references passed: R/R, defects caught: D/D`; the exit status is
non-zero unless every reference passed and every defect was caught.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from capstones.grader.catalog import discover
from capstones.harness.matrix import Case, CaseResult, cases, grade_case
from capstones.harness.services import Servers, own_servers


def summary_line(capstone_count: int, results: list[CaseResult]) -> str:
    references = [r for r in results if r.case.defect is None]
    defects = [r for r in results if r.case.defect is not None]
    passed = sum(r.ok for r in references)
    caught = sum(r.ok for r in defects)
    return (
        f"capstones: {capstone_count}, references passed: {passed}/{len(references)}, "
        f"defects caught: {caught}/{len(defects)}"
    )


def run_one(case: Case, servers: Servers) -> CaseResult:
    started = time.perf_counter()
    try:
        result = grade_case(case, servers)
    except RuntimeError as error:  # the service did not build or start: not a pass, and not the grader's fault
        print(f"ERROR  {case.id}: {error}", flush=True)
        return CaseResult(case, None, False, str(error))  # type: ignore[arg-type]
    mark = "ok    " if result.ok else "FAILED"
    print(f"{mark} {case.id} ({time.perf_counter() - started:.1f} s): {result.verdict}", flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m capstones.harness", description=__doc__.splitlines()[0])
    parser.add_argument("capstones", nargs="*", help="capstone ids (default: every capstones/*/capstone.yml)")
    parser.add_argument("--jobs", type=int, default=2, help="services graded at the same time (default 2)")
    args = parser.parse_args(argv)
    capstones = [c for c in discover() if not args.capstones or c.id in args.capstones]
    services = {service for capstone in capstones for service in capstone.services}
    started = time.perf_counter()
    with own_servers(services) as servers, ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda case: run_one(case, servers), cases(capstones)))
    print(f"graded {len(results)} services in {time.perf_counter() - started:.0f} s")
    print(summary_line(len(capstones), results))
    return 0 if results and all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
