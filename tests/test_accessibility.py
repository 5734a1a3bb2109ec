"""axe-core (from the npm registry) on every built page, in Debian's Chromium: zero violations, and color
contrast checked again in the dark palette."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import chromium, serve, show_palette
from tests.conftest import ROOT
from tests.site_audit import site_base_path

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 A and AA plus axe's best practices: what Lighthouse's accessibility audit also draws on.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def built_pages(site: Path) -> list[str]:
    """Every page a reader can reach, as a path relative to the site root."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        relative = html.parent.relative_to(site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


@pytest.fixture(scope="module")
def axe_page(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    assert AXE.exists(), "axe-core is missing: run `npm ci` (make test does)"
    with serve(built_site, site_base_path()) as base, chromium(tmp_path_factory.mktemp("axe")) as context:
        page = context.new_page()
        yield base, page


def run_axe(page: Any, options: dict[str, Any], context: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """axe's violations on the page, or on part of it (`context`, axe's include/exclude selectors)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "([context, options]) => axe.run(context || document, options).then(result => result.violations)",
        [context, options],
    )


def describe(path: str, violations: list[dict[str, Any]]) -> list[str]:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"/{path}: {violation['id']} ({violation['impact']}) {violation['help']} at {targets}")
    return lines


# Every page of the site, so its time grows with the curriculum (about 400 s on a loaded 2-core machine):
# a deadline of its own, above the suite's default.
@pytest.mark.timeout(1200)
def test_every_page_has_zero_axe_violations_in_both_palettes(axe_page: tuple[str, Any], built_site: Path) -> None:
    base, page = axe_page
    pages = built_pages(built_site)
    assert len(pages) >= 15
    problems: list[str] = []
    for path in pages:
        page.goto(base + path, wait_until="load", timeout=90_000)
        problems += describe(path, run_axe(page, {"runOnly": {"type": "tag", "values": TAGS}}))
        # The dark palette is a different set of colors: check contrast there too.
        show_palette(page, "slate")
        dark = {"runOnly": ["color-contrast", "link-in-text-block"]}
        problems += describe(path + " (dark)", run_axe(page, dark))
    assert problems == [], "\n".join(problems)


def test_axe_reports_a_violation_it_should(axe_page: tuple[str, Any]) -> None:
    # The gate must be able to fail: an image without alt text and an unlabeled input.
    _, page = axe_page
    page.set_content('<html lang="en"><body><main><img src="x.png"><input type="text"></main></body></html>')
    found = {violation["id"] for violation in run_axe(page, {"runOnly": {"type": "tag", "values": TAGS}})}
    assert {"image-alt", "label"} <= found


def _open_widgets(page: Any, base: str, state: str) -> None:
    """Bring a page to a state with the reader features of issue 31 open, as a reader would."""
    if state == "path-lesson":
        page.goto(base + "paths/api-developer/", wait_until="networkidle")  # the path's steps, kept
        page.goto(base + "security/input-validation/?path=api-developer", wait_until="networkidle")
        page.locator("[data-bs-path-context]").filter(has_text="Lesson").wait_for()
        page.locator("abbr[role=button]").first.focus()  # its popover, with the glossary link
        page.locator("#bs-term-popover").wait_for()
    elif state == "drawer":
        page.goto(base + "security/sql-injection/", wait_until="networkidle")
        page.get_by_role("button", name="Navigation").focus()
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    elif state == "wide-table":
        page.goto(base + "languages/choosing-a-stack/", wait_until="networkidle")
        region = page.locator("[data-bs-scroll][role=region]").first
        region.focus()
        page.locator(".bs-scroll-mark").first.wait_for()
        page.locator("article p abbr").first.click()  # a tapped abbreviation's popover
        page.locator("#bs-term-popover").wait_for()
    elif state == "roadmap":
        page.goto(base + "security/sql-injection/?path=security-minded", wait_until="networkidle")
        page.get_by_label("Mark this lesson as done").check()
        page.goto(base + "paths/security-minded/", wait_until="networkidle")
        page.locator(".bs-roadmap a.bs-done").first.wait_for()
        page.locator(".bs-roadmap a").nth(1).focus()
    elif state == "home":
        page.goto(base + "security/sql-injection/?path=security-minded", wait_until="networkidle")
        page.goto(base, wait_until="networkidle")
        page.locator("[data-bs-continue]").first.wait_for()
    elif state == "progress":
        page.goto(base + "progress/", wait_until="networkidle")


@pytest.mark.parametrize(
    ("state", "width"),
    [
        ("path-lesson", 390),
        ("path-lesson", 1280),
        ("drawer", 390),
        ("wide-table", 390),
        ("roadmap", 390),
        ("roadmap", 1280),
        ("home", 1280),
        ("progress", 390),
    ],
)
def test_reader_features_have_zero_axe_violations_when_open_in_both_palettes(
    axe_page: tuple[str, Any], state: str, width: int
) -> None:
    base, page = axe_page
    page.set_viewport_size({"width": width, "height": 844 if width < 1000 else 900})
    page.goto(base, wait_until="load")
    page.evaluate("localStorage.clear()")
    _open_widgets(page, base, state)
    problems = describe(f"{state} at {width}", run_axe(page, {"runOnly": {"type": "tag", "values": TAGS}}))
    show_palette(page, "slate")
    dark = {"runOnly": ["color-contrast", "link-in-text-block"]}
    problems += describe(f"{state} at {width} (dark)", run_axe(page, dark))
    page.set_viewport_size({"width": 1280, "height": 720})
    assert problems == [], "\n".join(problems)
