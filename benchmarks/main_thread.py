"""Main-thread cost of built pages on a phone-sized viewport, to compare two builds on a busy machine.

    .venv/bin/python benchmarks/main_thread.py SITE [SITE ...] --page tags/ --page print/security/ --runs 4

Lighthouse's blocking time is noisy when other work shares the CPU. For each page and site (runs
interleaved, so both see the same conditions) this prints:

- long tasks reported by a `longtask` PerformanceObserver with Chromium's CPU slowed 4x (CDP
  Emulation.setCPUThrottlingRate), summed as TBT is: the time past 50 ms of each task after first paint;
- an estimate from a trace without throttling that ignores waiting for the CPU: the sum over main-thread
  tasks of max(0, 4 x the task's thread CPU time - 50 ms), which is how Lighthouse's simulation scales
  tasks;
- first contentful paint (4x CPU, no network throttling) and the number of elements.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import serve  # noqa: E402  (gzip, like the host; several sites at once)
from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
OBSERVE = """window.__longTasks = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
}).observe({type: 'longtask', buffered: true});"""
SETTLE_MS = 4000  # after load: Material mounts its components and observers


def throttled(browser: Any, url: str) -> dict[str, float]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.add_init_script(OBSERVE)
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="load", timeout=300_000)
    page.wait_for_timeout(SETTLE_MS)
    result = page.evaluate(
        """() => ({tasks: window.__longTasks, elements: document.getElementsByTagName('*').length,
                  fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime})"""
    )
    context.close()
    blocking = sum(max(0.0, duration - 50) for start, duration in result["tasks"] if start >= result["fcp"])
    return {"tbt": blocking, "fcp": result["fcp"], "elements": result["elements"]}


def traced(browser: Any, url: str, trace: Path) -> float:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    browser.start_tracing(
        page=page, path=str(trace), categories=["devtools.timeline", "disabled-by-default-devtools.timeline"]
    )
    page.goto(url, wait_until="load", timeout=300_000)
    page.wait_for_timeout(SETTLE_MS)
    browser.stop_tracing()
    context.close()
    events = json.loads(trace.read_text(encoding="utf-8"))
    events = events["traceEvents"] if isinstance(events, dict) else events
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    cpu = [e.get("tdur", 0) / 1000 for e in events if e.get("name") == "RunTask" and (e["pid"], e["tid"]) in main]
    return sum(max(0.0, 4 * ms - 50) for ms in cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--page", action="append", required=True)
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as scratch:
        bases = [stack.enter_context(serve(site.resolve())) for site in args.sites]
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        print("| Page | Site | TBT 4x (median ms) | All runs | Trace estimate (median ms) | FCP 4x (ms) | Elements |")
        print("|---|---|---|---|---|---|---|")
        for path in args.page:
            runs: dict[Path, list[tuple[dict[str, float], float]]] = {site: [] for site in args.sites}
            for _ in range(args.runs):
                for site, base in zip(args.sites, bases, strict=True):
                    runs[site].append(
                        (throttled(browser, base + path), traced(browser, base + path, Path(scratch) / "t"))
                    )
            for site, results in runs.items():
                tbt = [round(r["tbt"]) for r, _ in results]
                estimate = statistics.median(e for _, e in results)
                fcp = statistics.median(r["fcp"] for r, _ in results)
                cells = [f"/{path}", site, statistics.median(tbt), tbt, round(estimate), round(fcp)]
                print("| " + " | ".join(map(str, [*cells, results[0][0]["elements"]])) + " |", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
