"""`make capstones`: grade every reference and broken variant, then print the one summary line.

The last line is exactly `capstones: N, references passed: R/R, defects caught: D/D`; the exit status is
non-zero unless every reference passed and every defect was caught.
"""

from __future__ import annotations

import sys
import time

from capstones.grader.catalog import discover
from capstones.harness.matrix import CaseResult, cases, grade_case
from capstones.harness.services import own_servers


def summary_line(capstone_count: int, results: list[CaseResult]) -> str:
    references = [r for r in results if r.case.defect is None]
    defects = [r for r in results if r.case.defect is not None]
    passed = sum(r.ok for r in references)
    caught = sum(r.ok for r in defects)
    return (
        f"capstones: {capstone_count}, references passed: {passed}/{len(references)}, "
        f"defects caught: {caught}/{len(defects)}"
    )


def main() -> int:
    capstones = discover()
    services = {service for capstone in capstones for service in capstone.services}
    results: list[CaseResult] = []
    with own_servers(services) as servers:
        for case in cases(capstones):
            started = time.perf_counter()
            try:
                result = grade_case(case, servers)
            except RuntimeError as error:
                print(f"ERROR  {case.id}: {error}", flush=True)
                results.append(CaseResult(case, None, False, str(error)))  # type: ignore[arg-type]
                continue
            results.append(result)
            mark = "ok    " if result.ok else "FAILED"
            print(f"{mark} {case.id} ({time.perf_counter() - started:.1f} s): {result.verdict}", flush=True)
    line = summary_line(len(capstones), results)
    print(line)
    ok = all(r.ok for r in results) and bool(results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
