"""Build speed for `make bench`: full builds cold and warm, the cost of macros, stock Material on the same
Markdown, and how long `make serve` takes from saving a file to showing the change in Chromium.

"Cold" is a build with no `.cache/` (the state of a fresh clone or CI); "warm" reuses `.cache/` from the
build before it (a contributor's machine).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import build_env, start_serve
from tests.site_audit import site_base_path

RELOAD_RUNS = 5


def build(project: Path, site: Path, *, strict: bool = True, config: str = "mkdocs.yml") -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site), "-f", config]
    if strict:
        command.append("--strict")
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=build_env(), capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{result.stdout}\n{result.stderr}")
    return elapsed


def cold_and_warm(project: Path, site: Path, runs: int = 3, **kwargs: object) -> tuple[float, float]:
    """Best of `runs` cold builds (cache removed first) and best of `runs` warm ones."""
    cold = []
    for _ in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        cold.append(build(project, site, **kwargs))  # type: ignore[arg-type]
    warm = [build(project, site, **kwargs) for _ in range(runs)]  # type: ignore[arg-type]
    return min(cold), min(warm)


def without_macros(project: Path) -> str:
    """Write a config that builds the same pages with macro rendering off; return its file name."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    marker = "      on_undefined: strict\n"
    assert marker in config, "mkdocs.yml's macros settings moved: update benchmarks/build_speed.py"
    (project / "mkdocs-no-macros.yml").write_text(
        config.replace(marker, marker + "      render_by_default: false\n"), encoding="utf-8"
    )
    return "mkdocs-no-macros.yml"


def stock_material(project: Path) -> str:
    """A plain Material site over the same Markdown: our extensions, none of our macros, hooks or overrides.

    Pages keep their `{{ macro() }}` calls as text, which costs a stock build nothing; snippets resolve
    from the same folders, so lessons include the same code.
    """
    ours = (project / "mkdocs.yml").read_text(encoding="utf-8")
    extensions = re.search(r"^markdown_extensions:\n(?:(?:  |\n).*\n?)*", ours, re.M)
    assert extensions, "mkdocs.yml has no markdown_extensions block"
    block = re.sub(r"\n\s+auto_append: \[[^\]]*\]", "", extensions.group(0))
    # Pages that name our print template get Material's own page instead.
    (project / "stock-overrides").mkdir(exist_ok=True)
    (project / "stock-overrides" / "print.html").write_text('{% extends "main.html" %}\n', encoding="utf-8")
    stock = (
        "site_name: Stock Material\n"
        "theme:\n  name: material\n  font: false\n  custom_dir: stock-overrides\n"
        "plugins:\n  - search\n"
        "validation:\n  omitted_files: ignore\n  unrecognized_links: ignore\n  anchors: ignore\n" + block
    )
    (project / "mkdocs-stock.yml").write_text(stock, encoding="utf-8")
    yaml.safe_load(stock.replace("!!python/name:", ""))  # fails here, not in mkdocs, if the cut went wrong
    return "mkdocs-stock.yml"


# ---- edit to reload in `make serve` ---------------------------------------------------------


@contextlib.contextmanager
def serving(project: Path) -> Iterator[str]:
    process, port = start_serve(project)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped:\n{process.stderr.read() if process.stderr else ''}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.5)
        # mkdocs serve puts the site under site_url's path, as GitHub Pages does.
        yield f"http://127.0.0.1:{port}{site_base_path(project / 'mkdocs.yml')}"
    finally:
        process.terminate()
        process.wait(timeout=30)


Edit = tuple[str, str, str, Callable[[str, str], str]]  # name, file to edit, page that shows it, edit
# What a contributor saves: a lesson's text, a title that other pages show (nav, cross-links), a data file.
RELOAD_EDITS: list[Edit] = [
    (
        "lesson body",
        "docs/security/sql-injection.md",
        "security/sql-injection/",
        lambda text, marker: text.replace("\n## Why it matters\n", f"\n{marker}\n\n## Why it matters\n", 1),
    ),
    (
        "lesson title (nav, other pages)",
        "docs/security/sql-injection.md",
        "security/xss-prevention/",
        lambda text, marker: re.sub(r"^title: .*$", f"title: {marker}", text, count=1, flags=re.M),
    ),
    (
        "data file (glossary)",
        "data/glossary/security.yml",
        "glossary/",
        lambda text, marker: re.sub(r"(definition: )", rf"\g<1>{marker}. ", text, count=1),
    ),
]


def edit_to_reload(project: Path, edits: list[Edit]) -> dict[str, list[float]]:
    """For each edit, seconds from saving the file to Chromium showing the change, RELOAD_RUNS times.

    `edit(text, marker)` returns the file's new text with `marker` in it. The page must show the marker.
    """
    from playwright.sync_api import sync_playwright

    results: dict[str, list[float]] = {}
    with serving(project) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for name, file, page_path, edit in edits:
                path = project / file
                original = path.read_text(encoding="utf-8")
                page = browser.new_page()
                page.goto(base + page_path, wait_until="load")
                times = []
                try:
                    for run in range(RELOAD_RUNS):
                        marker = f"Reload marker {run} {os.getpid()}"
                        started = time.perf_counter()
                        path.write_text(edit(original, marker), encoding="utf-8")
                        page.wait_for_function(
                            "marker => document.body && document.body.innerText.includes(marker)",
                            arg=marker,
                            timeout=120_000,
                            polling=25,
                        )
                        times.append(time.perf_counter() - started)
                        time.sleep(1)  # let the server settle before the next save
                finally:
                    path.write_text(original, encoding="utf-8")
                    page.close()
                results[name] = times
        finally:
            browser.close()
    return results


# ---- Zensical, the successor of Material for MkDocs (a report, not a target) ----------------

ZENSICAL_VENV = Path(__file__).resolve().parent / ".zensical-venv"


def zensical_python() -> Path | None:
    """A virtual environment with Zensical and what the macros module imports, made on first use."""
    python = ZENSICAL_VENV / "bin" / "python"
    if not python.exists():
        created = subprocess.run([sys.executable, "-m", "venv", str(ZENSICAL_VENV)], capture_output=True, check=False)
        if created.returncode != 0:
            return None
    packages = ["zensical", "pymdown-extensions", "pydantic", "PyYAML", "MarkupSafe", "jinja2"]
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *packages], capture_output=True, text=True, check=False
    )
    return python if installed.returncode == 0 else None


def zensical_report(project: Path, ours: Path) -> dict[str, object]:
    """Build the same sources with Zensical; say how long it took and which pages differ from ours."""
    python = zensical_python()
    if python is None:
        return {"status": "Zensical did not install"}
    site = project / "site"
    started = time.perf_counter()
    result = subprocess.run(
        [str(python), "-m", "zensical", "build", "--clean"], cwd=project, capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or not site.exists():
        # The last line that says something (a traceback ends with the error, not with its ^^^ markers).
        lines = [line for line in (result.stderr or result.stdout).splitlines() if line.strip(" ~^")]
        return {"status": "build failed", "seconds": round(elapsed, 2), "error": (lines or ["(no output)"])[-1][:300]}
    ours_pages = {str(p.relative_to(ours)) for p in ours.rglob("index.html")}
    theirs_pages = {str(p.relative_to(site)) for p in site.rglob("index.html")}
    differ = {
        page: _first_difference(_article_text(ours / page), _article_text(site / page))
        for page in sorted(ours_pages & theirs_pages)
        if _article_text(ours / page) != _article_text(site / page)
    }
    return {
        "status": "built",
        "seconds": round(elapsed, 2),
        "pages": len(theirs_pages),
        "only_ours": sorted(ours_pages - theirs_pages),
        "only_zensical": sorted(theirs_pages - ours_pages),
        "text_differs": sorted(differ),
        # Why, page by page: where the article text first parts, ours then Zensical's.
        "differences": differ,
    }


def _first_difference(ours: str, theirs: str, context: int = 60) -> str:
    start = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b), min(len(ours), len(theirs)))
    cut = max(0, start - 20)
    return f"ours: ...{ours[cut : start + context]!r} / Zensical: ...{theirs[cut : start + context]!r}"


def _article_text(page: Path) -> str:
    html = page.read_text(encoding="utf-8", errors="replace")
    article = re.search(r"<article\b.*?</article>", html, re.S)
    text = re.sub(r"<[^>]+>", " ", article.group(0) if article else html)
    return " ".join(text.split())


# ---- the reference site: the OWASP Cheat Sheet Series, a plain Material site ------------------

# A checkout of https://github.com/OWASP/CheatSheetSeries (not committed): `git clone` it here, or name
# another folder in BENCH_REFERENCE_SITE. The cold build of ours is held to REFERENCE_RATIO times its
# time per page, both measured in the same run.
REFERENCE_CHECKOUT = Path(__file__).resolve().parent / ".reference" / "owasp-cheatsheets"
INDEX_PAGES = ("Index", "IndexASVS", "IndexMASVS", "IndexProactiveControls", "IndexTopTen")


def reference_checkout() -> Path | None:
    checkout = Path(os.environ.get("BENCH_REFERENCE_SITE") or REFERENCE_CHECKOUT)
    return checkout if (checkout / "mkdocs.yml").is_file() and (checkout / "cheatsheets").is_dir() else None


def reference_project(checkout: Path, work: Path) -> Path:
    """The Cheat Sheet Series laid out as its own site script lays it out (scripts/Generate_Site_mkDocs.sh),
    without the RSS feed and index regeneration that script runs first (their output is committed)."""
    project = work / "owasp"
    shutil.rmtree(project, ignore_errors=True)
    docs = project / "cheatsheets"
    shutil.copytree(checkout / "cheatsheets", docs / "cheatsheets")
    if (checkout / "assets").is_dir():
        shutil.copytree(checkout / "assets", docs / "assets")
    shutil.copy(checkout / "Preface.md", docs / "index.md")
    for name in INDEX_PAGES:
        if (checkout / f"{name}.md").is_file():
            target = "Glossary" if name == "Index" else name
            text = (checkout / f"{name}.md").read_text(encoding="utf-8").replace("Index.md", "Glossary.md")
            (docs / f"{target}.md").write_text(text, encoding="utf-8")
    (project / "custom_theme").mkdir()
    if (checkout / "scripts" / "404.html").is_file():
        shutil.copy(checkout / "scripts" / "404.html", project / "custom_theme" / "404.html")
    shutil.copy(checkout / "mkdocs.yml", project / "mkdocs.yml")
    return project


def cold_against_reference(
    project: Path, site: Path, checkout: Path, work: Path, runs: int = 3
) -> tuple[float, float, int]:
    """Best of `runs` cold builds of ours and of the reference site (which keeps nothing between builds),
    taken in turns so that the machine's drift during the run weighs on both alike; and the reference's
    page count."""
    reference = reference_project(checkout, work)
    ours, theirs = [], []
    for _ in range(runs):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        ours.append(build(project, site))
        theirs.append(build(reference, work / "owasp-site", strict=False))
    pages = sum(1 for _ in (reference / "cheatsheets").rglob("*.md"))
    return min(ours), min(theirs), pages
