"""Reader features in a real browser: progress kept across reloads and instant navigation, export and
import, the palette, the mobile drawer, learning-path diagrams and the print edition."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser import chromium, serve, show_palette
from tests.site_audit import site_base_path

pytestmark = pytest.mark.browser

STORAGE_KEY = "backend-skills:progress:v1"
LESSON = "security/sql-injection/"


@pytest.fixture(scope="module")
def site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    """One server and one browser for the module; each test starts from an empty localStorage."""
    with serve(built_site, site_base_path()) as base, chromium(tmp_path_factory.mktemp("browser")) as context:
        yield base, context


@pytest.fixture
def page(site: tuple[str, Any]) -> Iterator[Any]:
    base, context = site
    page = context.new_page()
    page.goto(base, wait_until="networkidle")
    page.evaluate("localStorage.clear()")
    yield page
    page.close()


def stored(page: Any) -> dict[str, Any]:
    raw = page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
    return json.loads(raw) if raw else {}


def test_home_has_no_console_errors_and_no_foreign_requests(site: tuple[str, Any]) -> None:
    base, context = site
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    origin = urlsplit(base).netloc
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc not in {origin, ""} else None)
    page.goto(base, wait_until="networkidle")
    page.goto(base + "paths/", wait_until="networkidle")
    assert errors == []
    assert foreign == []
    page.close()


def test_checklist_tick_survives_reload_and_instant_navigation(site: tuple[str, Any], page: Any) -> None:
    base, _ = site
    page.goto(base + "checklists/", wait_until="networkidle")
    first = page.locator("ul.bs-checklist input[data-progress-key]").first
    key = first.get_attribute("data-progress-key")
    first.check()
    assert key in stored(page)["done"]

    page.reload(wait_until="networkidle")
    assert page.locator(f'input[data-progress-key="{key}"]').is_checked()

    # Instant navigation swaps the content without a page load: go away and back through links.
    page.locator('a[href$="glossary/"]').first.click()
    page.wait_for_url("**/glossary/")
    page.locator('a[href$="checklists/"]').first.click()
    page.wait_for_url("**/checklists/")
    assert page.locator(f'input[data-progress-key="{key}"]').is_checked()

    page.goto(base + "progress/", wait_until="networkidle")
    security = page.locator('[data-progress-area="security"] [data-progress-text]')
    assert security.inner_text().startswith("1 of ")


def test_marking_a_lesson_done_shows_on_its_area_page(site: tuple[str, Any], page: Any) -> None:
    base, _ = site
    page.goto(base + LESSON, wait_until="networkidle")
    toggle = page.get_by_label("Mark this lesson as done")
    assert toggle.is_visible()
    toggle.check()
    page.goto(base + "security/", wait_until="networkidle")
    item = page.locator('li[data-progress-lesson="security/sql-injection"]')
    assert "bs-done" in (item.get_attribute("class") or "")
    assert item.locator(".bs-done-badge").inner_text() == "Done"


def test_export_then_import_round_trips(site: tuple[str, Any], page: Any, tmp_path: Path) -> None:
    base, _ = site
    page.goto(base + "checklists/", wait_until="networkidle")
    boxes = page.locator("ul.bs-checklist input[data-progress-key]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    before = stored(page)["done"]

    page.goto(base + "progress/", wait_until="networkidle")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "backend-skills-progress" and data["done"] == before

    page.evaluate("localStorage.clear()")
    page.reload(wait_until="networkidle")
    page.locator("input[data-progress-import]").set_input_files(str(exported))
    status = page.locator("[data-progress-status]")
    status.filter(has_text="Imported 2").wait_for()
    assert stored(page)["done"] == before


@pytest.mark.parametrize(
    "content",
    [
        "not json at all",
        '{"format": "something-else", "version": 1, "done": {}}',
        '{"format": "backend-skills-progress", "version": 1, "done": {"<script>": "x"}}',
    ],
    ids=["not-json", "wrong-format", "bad-key"],
)
def test_a_corrupt_import_is_rejected_and_keeps_progress(site: tuple[str, Any], page: Any, content: str) -> None:
    base, _ = site
    page.goto(base + "checklists/", wait_until="networkidle")
    page.locator("ul.bs-checklist input[data-progress-key]").first.check()
    before = stored(page)
    page.goto(base + "progress/", wait_until="networkidle")
    page.locator("input[data-progress-import]").set_input_files(
        {"name": "progress.json", "mimeType": "application/json", "buffer": content.encode()}
    )
    status = page.locator("[data-progress-status]")
    status.filter(has_text="Import failed").wait_for()
    assert "bs-status--error" in (status.get_attribute("class") or "")
    assert stored(page) == before


PALETTE_TOGGLE = "form[data-bs-palette] label:visible"


def palette_state(page: Any) -> dict[str, str]:
    """The palette on <body>, the colour scheme the browser was told, and the toolbar colour vs the header's."""
    return page.evaluate(
        """() => {
          const hex = (rgb) =>
            "#" + rgb.match(/\\d+/g).slice(0, 3).map((c) => (+c).toString(16).padStart(2, "0")).join("");
          return {
            scheme: document.body.getAttribute("data-md-color-scheme"),
            colorScheme: document.querySelector("meta[name=color-scheme]").content,
            themeColor: document.querySelector("meta[name=theme-color]").content,
            header: hex(getComputedStyle(document.querySelector(".md-header")).backgroundColor),
          };
        }"""
    )


def test_dark_mode_choice_persists(site: tuple[str, Any], page: Any) -> None:
    base, _ = site
    page.goto(base + LESSON, wait_until="networkidle")
    before = palette_state(page)
    assert before["scheme"] == "default" and before["colorScheme"] == "light"
    page.locator(PALETTE_TOGGLE).click()
    toggled = palette_state(page)
    assert toggled["scheme"] == "slate" and toggled["colorScheme"] == "dark"
    page.reload(wait_until="networkidle")
    assert palette_state(page)["scheme"] == "slate"
    # Keyboard: Enter on the focused toggle switches back, as Material's toggle did.
    page.locator("form[data-bs-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert palette_state(page)["scheme"] == "default"


@pytest.mark.parametrize("system", ["light", "dark"])
def test_palette_follows_the_system_until_the_reader_chooses(site: tuple[str, Any], system: str) -> None:
    base, context = site
    page = context.new_page()
    page.emulate_media(color_scheme=system)
    page.goto(base + LESSON, wait_until="networkidle")
    page.evaluate("localStorage.clear()")
    page.reload(wait_until="networkidle")
    state = palette_state(page)
    assert state["scheme"] == {"light": "default", "dark": "slate"}[system]
    assert state["colorScheme"] == system
    # The static toolbar colour in overrides/main.html must match the header in either palette.
    assert state["themeColor"] == state["header"]
    other = {"light": "dark", "dark": "light"}[system]
    page.emulate_media(color_scheme=other)
    page.wait_for_function(f"document.querySelector('meta[name=color-scheme]').content === '{other}'")
    # Once the reader picks a palette, the system's setting no longer changes it.
    page.locator(PALETTE_TOGGLE).click()
    chosen = palette_state(page)["scheme"]
    page.emulate_media(color_scheme=system)
    page.wait_for_timeout(100)
    assert palette_state(page)["scheme"] == chosen
    page.close()


def test_mobile_viewport_uses_the_drawer(site: tuple[str, Any]) -> None:
    base, context = site
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + LESSON, wait_until="networkidle")
    primary = page.locator("nav.md-nav--primary").first
    assert not primary.is_visible() or primary.bounding_box()["x"] < 0  # off-canvas until opened
    page.get_by_role("button", name="Navigation").click()
    page.wait_for_timeout(400)  # the drawer slides in with a CSS transition
    box = primary.bounding_box()
    assert primary.is_visible() and box is not None and box["x"] >= 0
    assert page.locator("nav.md-nav--primary a", has_text="Security").first.is_visible()
    page.close()


def test_learning_path_roadmap_is_drawn_before_any_script_and_reads_in_both_palettes(
    site: tuple[str, Any], built_site: Path
) -> None:
    base, context = site
    paths = sorted(p.parent.name for p in (built_site / "paths").glob("*/index.html"))
    assert len(paths) >= 3, paths
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base}paths/{paths[0]}/", wait_until="domcontentloaded")
    # Inline SVG drawn at build time: its box is known before any script runs, and it fits the column.
    svg = page.locator(".bs-roadmap svg").first
    box = svg.bounding_box()
    assert box is not None and box["height"] > 500 and box["width"] <= 390
    roadmap = page.get_by_role("group", name=re.compile("^Roadmap of the path"))
    assert roadmap.is_visible() and roadmap.get_by_role("link").count() >= 10
    label = svg.locator("text.bs-roadmap__label").first
    frame = svg.locator("rect.bs-roadmap__box").first
    colours = {}
    for scheme in ("default", "slate"):
        show_palette(page, scheme)
        colours[scheme] = label.evaluate(
            """(node, frame) => [getComputedStyle(node).fill, getComputedStyle(frame).fill,
                getComputedStyle(document.body).backgroundColor]""",
            frame.element_handle(),
        )
    # Label and box colours follow the palette: dark text on a light box, light text on a dark box.
    assert colours["default"][0] != colours["slate"][0]
    assert _luminance(colours["default"][0]) < 0.45 < 0.8 < _luminance(colours["default"][1])
    assert _luminance(colours["slate"][0]) > 0.55 > 0.3 > _luminance(colours["slate"][1])
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "mermaid" in url]
    page.close()


def _luminance(css_colour: str) -> float:
    red, green, blue = (int(n) for n in re.findall(r"[\d.]+", css_colour)[:3])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_skills_matrix_tables_are_laid_out_as_they_near_the_screen(site: tuple[str, Any]) -> None:
    # extra.css: each area's table is laid out only near the screen (content-visibility), which cut most of
    # this page's main-thread time on a phone. Every table must still show in full once scrolled to.
    base, context = site
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "hiring/guide/skills-matrix/", wait_until="load")
    regions = page.locator(".bs-skills-matrix")
    assert regions.count() >= 8
    assert regions.first.evaluate("node => getComputedStyle(node).contentVisibility") == "auto"
    last = regions.last
    last.scroll_into_view_if_needed()
    page.wait_for_timeout(200)  # the browser lays out newly visible content at the next frame
    table = last.locator("table")
    rows = last.locator("tbody tr").count()
    box = table.bounding_box()
    assert rows >= 2 and box is not None and box["height"] > 40 * rows  # not the reserved placeholder box
    assert last.locator("tbody th").first.is_visible()
    page.close()


def test_print_edition_holds_every_lesson_and_hides_navigation(site: tuple[str, Any], built_site: Path) -> None:
    base, context = site
    lessons = [p for p in built_site.glob("*/*/index.html") if 'class="bs-lesson-header"' in p.read_text("utf-8")]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(base + "print/", wait_until="load")
    sections = page.locator('h3[id^="lesson-"]')
    assert sections.count() == len(lessons)
    # Every diagram of every lesson is there as inline SVG, and the page runs no script at all.
    assert page.locator(".bs-diagram > svg[role=img]").count() >= 21
    assert page.locator("pre.mermaid").count() == 0 and page.locator("script[src]").count() == 0
    assert errors == []
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator("h1").count() == 1
    page.close()


def test_self_assessment_suggests_lessons_for_the_weakest_topics(site: tuple[str, Any], page: Any) -> None:
    base, _ = site
    page.goto(base + "progress/self-assessment/", wait_until="networkidle")
    area = page.locator("[data-progress-suggest]").first
    first = area.locator("ol > li > a").first
    before = first.inner_text()
    topics = json.loads(area.get_attribute("data-progress-suggest") or "[]")
    assert topics[0]["lessons"][0]["title"] == before  # nothing ticked: the first topic comes first
    # Tick every level of the first topic: its lessons drop behind the topics still unticked.
    for key in topics[0]["levels"]:
        page.locator(f'input[data-progress-key="{key}"]').check()
    after = area.locator("ol > li > a").first.inner_text()
    assert after != before
    assert after == topics[1]["lessons"][0]["title"]
    # A lesson marked done is never suggested.
    done = topics[1]["lessons"][0]
    page.evaluate(
        """([key, ref]) => {
            const state = JSON.parse(localStorage.getItem(key));
            state.done["lesson:" + ref] = new Date().toISOString();
            localStorage.setItem(key, JSON.stringify(state));
        }""",
        [STORAGE_KEY, done["ref"]],
    )
    page.reload(wait_until="networkidle")
    assert done["title"] not in page.locator("[data-progress-suggest]").first.locator("ol > li > a").all_inner_texts()


def test_stylesheets_are_not_applied_twice(site: tuple[str, Any]) -> None:
    # Material's instant navigation rewrites relative URLs to absolute ones when it starts; a rewritten
    # stylesheet link makes Chrome restyle the whole page. overrides/main.html does that rewrite before the
    # first style pass, so Material's must find nothing left to change on any stylesheet link.
    base, context = site
    page = context.new_page()
    page.add_init_script(
        """window.__hrefChanges = [];
        new MutationObserver((records) => {
          for (const r of records) window.__hrefChanges.push({ rel: r.target.rel, state: document.readyState });
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ["href"] });"""
    )
    page.goto(base + LESSON, wait_until="networkidle")
    changes = page.evaluate("window.__hrefChanges.filter((c) => c.rel === 'stylesheet')")
    assert changes, "the observer saw no rewrite at all: the early rewrite in overrides/main.html is gone"
    assert {c["state"] for c in changes} == {"loading"}, changes
    page.close()


def test_copy_button_copies_the_code_block(site: tuple[str, Any]) -> None:
    # The buttons are written into the HTML by macros/render/code_blocks.py; Material's script does the copying.
    base, context = site
    origin = urlsplit(base)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=f"{origin.scheme}://{origin.netloc}")
    page = context.new_page()
    page.goto(base + LESSON, wait_until="networkidle")
    block = page.locator("div.highlight").first
    button = block.get_by_role("button", name="Copy to clipboard")
    assert page.get_by_role("navigation", name="Actions for code block 1").is_visible()
    button.click()
    page.locator(".md-dialog--active").filter(has_text="Copied to clipboard").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == block.locator("code").inner_text().strip()
    assert "SORT_COLUMNS" in copied or "SELECT" in copied
    page.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_dropped_token_spans_would_look_like_plain_code(site: tuple[str, Any], scheme: str) -> None:
    # macros/render/code_blocks.py unwraps Pygments' plain-name (n) and whitespace (w) spans because the theme gives
    # them the code's own colour and font. Put them back into a real code block and compare.
    base, context = site
    page = context.new_page()
    page.goto(base + LESSON, wait_until="networkidle")
    show_palette(page, scheme)
    assert page.locator("div.highlight code span.n, div.highlight code span.w").count() == 0
    looks = page.evaluate(
        """() => {
          const code = document.querySelector("div.highlight code");
          const style = (el) => { const s = getComputedStyle(el); return [s.color, s.fontWeight, s.fontStyle]; };
          const result = { code: style(code) };
          for (const token of ["n", "w"]) {
            const span = document.createElement("span");
            span.className = token;
            span.textContent = "x";
            code.append(span);
            result[token] = style(span);
          }
          return result;
        }"""
    )
    assert looks["n"] == looks["code"]
    assert looks["w"] == looks["code"]
    page.close()


_RECORD_SHIFTS = """
  window.__shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries())
      window.__shifts.push({
        value: entry.value,
        nodes: (entry.sources || []).map(s => s.node ? s.node.outerHTML.slice(0, 80) : ""),
      });
  }).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize(
    "path", [LESSON, "paths/api-developer/", "progress/", "security/", "", LESSON + "?path=security-minded"]
)
def test_what_the_scripts_reveal_moves_nothing_on_a_phone(site: tuple[str, Any], path: str) -> None:
    """CLS 0 (issue 22): the progress controls keep their place until progress.js reveals them; so does the line
    that says where a lesson opened from a path is (issue 31), though the path's steps are fetched first."""
    base, context = site
    page = context.new_page()
    page.set_viewport_size({"width": 412, "height": 823})
    page.add_init_script(_RECORD_SHIFTS)
    page.goto(base + path, wait_until="networkidle")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-progress-js], [data-progress-keys]')].every(e => !e.hidden)"
    )
    if "?path=" in path:
        page.locator("[data-bs-path-context]").filter(has_text="Lesson 3 of").wait_for()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shifts") == []
    assert page.evaluate("document.documentElement.classList.contains('bs-scripts')")
    page.close()
