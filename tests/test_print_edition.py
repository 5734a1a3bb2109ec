"""The print edition puts each lesson's rendered HTML on one page: links, headings and ids rewritten."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from macros.render.print_edition import UnknownArea, area_ids, fill_slots, lesson_anchor, print_edition
from macros.site.load import load_catalog
from tests.conftest import ROOT

SLOT = '<div class="bs-print-slot" data-print-lesson="{ref}"></div>'
LESSON = """<h1 id="adrs">Design docs</h1>
<h2 id="why-it-matters">Why it matters</h2>
<p>See <a href="../../security/encryption-at-rest/#kms">keys</a>, <a href="../../security/encryption-at-rest/">the
lesson</a>, <a href="../">the area</a>, <a href="../../glossary/#term-adr">ADR</a>, <a href="#fn:1">1</a>
and <a href="https://example.org/a/">the web</a>.
In a URL attribute (<code>href="HERE"</code>) escaping is not enough.</p>
<h3 id="deeper">Deeper</h3><img src="../../assets/x.svg" alt="">
<div class="highlight" id="bs-code-1"><nav class="md-code__nav bs-code-actions" aria-label="Actions for code block 1">
<button data-clipboard-target="#bs-code-1 code"></button></nav>
<pre><code>&lt;h2 href=&quot;#x&quot;&gt;</code></pre></div>
<input id="__tabbed_1_1" name="__tabbed_1" type="radio"><label for="__tabbed_1_1">Python</label>
<svg id="d1" data-id="S" aria-labelledby="d1-title"><title id="d1-title">A</title><style>#d1 .node{fill:#fff}</style>
<path marker-end="url(#d1-arrow)"/><marker id="d1-arrow"/></svg>
<script defer src="../../assets/javascripts/sql-runner.js" data-sql-runner></script>"""
LESSONS = {
    "communication/design-docs-and-adrs": ("communication/design-docs-and-adrs/", LESSON),
    "security/encryption-at-rest": ("security/encryption-at-rest/", '<h1 id="t">T</h1><h2 id="kms">KMS</h2>'),
}


def _filled() -> str:
    slots = "".join(SLOT.format(ref=ref) for ref in LESSONS)
    return fill_slots(slots, "print/", LESSONS)


def test_links_to_lessons_point_inside_the_page_and_others_are_re_pointed() -> None:
    html = _filled()
    here, there = lesson_anchor("communication/design-docs-and-adrs"), lesson_anchor("security/encryption-at-rest")
    assert f'href="#{there}--kms"' in html
    assert f'href="#{there}"' in html
    assert 'href="../communication/"' in html
    assert 'href="../glossary/#term-adr"' in html
    assert f'href="#{here}--fn:1"' in html
    assert 'href="https://example.org/a/"' in html
    assert 'src="../assets/x.svg"' in html


def test_headings_move_down_two_levels_and_the_lesson_title_is_dropped() -> None:
    html = _filled()
    assert "<h1" not in html
    assert "<h4 " in html and "Why it matters</h4>" in html
    assert "<h5 " in html and "Deeper</h5>" in html


def test_ids_and_every_reference_to_them_are_prefixed_and_code_text_is_untouched() -> None:
    html = _filled()
    here = lesson_anchor("communication/design-docs-and-adrs")
    for expected in (
        f'id="{here}--why-it-matters"',
        f'id="{here}--__tabbed_1_1"',
        f'for="{here}--__tabbed_1_1"',
        f'name="{here}--__tabbed_1"',
        f'aria-labelledby="{here}--d1-title"',
        f"url(#{here}--d1-arrow)",
        f"#{here}--d1 .node{{fill:#fff}}",
    ):
        assert expected in html, expected
    assert "&lt;h2 href=&quot;#x&quot;&gt;" in html
    assert '(<code>href="HERE"</code>)' in html  # text that looks like an attribute is not a link to re-point
    assert 'data-id="S"' in html  # not an id: mermaid's own bookkeeping
    assert "bs-code-actions" not in html  # no script on the print page can copy
    assert "<script" not in html


def test_folded_blocks_print_open_and_progress_checkboxes_are_left_out() -> None:
    """Paper cannot click: every answer, hint and solution is printed, and no box waits for a tick."""
    lesson = (
        '<h1 id="t">T</h1><details class="question"><summary>Why?</summary><p>Because.</p></details>'
        '<details class="success" open><summary>Solution</summary><p>Done.</p></details>'
        '<ul><li><label><input type="checkbox" data-progress-key="checklist:x:y"> <span>Item</span></label></li></ul>'
        '<p class="bs-progress-toggle" data-progress-js hidden><label><input type="checkbox"> Mark</label></p>'
    )
    html = fill_slots(SLOT.format(ref="security/x"), "print/", {"security/x": ("security/x/", lesson)})
    assert re.findall(r"<details\b[^>]*>", html) == [
        '<details open class="question">',
        '<details class="success" open>',
    ]
    assert "checkbox" not in html and "bs-progress-toggle" not in html
    assert "<span>Item</span>" in html and "Because." in html


def test_skeleton_escapes_front_matter_text() -> None:
    catalog = load_catalog(ROOT)
    html = print_edition(catalog)
    assert html.count('class="bs-print-slot"') == len(catalog.lessons)
    assert "<script" not in html


def test_built_edition_has_every_lesson_once_and_every_link_lands(built_site: Path) -> None:
    catalog = load_catalog(ROOT)
    html = (built_site / "print" / "index.html").read_text(encoding="utf-8")
    for ref in catalog.lessons:
        assert html.count(f'id="{lesson_anchor(ref)}"') == 1, ref
    assert 'class="bs-print-slot"' not in html, "a slot was left empty"
    ids = Counter(re.findall(r'(?<![\w-])id="([^"]+)"', html))
    assert [element_id for element_id, count in ids.items() if count > 1] == []
    missing = {target for target in re.findall(r'href="#([^"]+)"', html) if target not in ids}
    assert missing == set()


def test_every_area_with_lessons_has_its_own_print_page() -> None:
    # The whole edition is too large to open on a phone; each area's part is a page of its own.
    catalog = load_catalog(ROOT)
    pages = sorted(path.stem for path in (ROOT / "docs" / "print").glob("*.md"))
    assert pages == sorted(area_ids(catalog)), "add or remove docs/print/<area>.md to match the areas"
    for area in pages:
        text = (ROOT / "docs" / "print" / f"{area}.md").read_text(encoding="utf-8")
        assert f'print_edition("{area}")' in text and "template: print.html" in text, area


def test_an_area_print_page_holds_only_its_lessons() -> None:
    catalog = load_catalog(ROOT)
    html = print_edition(catalog, "security")
    refs = set(re.findall(r'data-print-lesson="([^"]+)"', html))
    assert refs == {ref for ref, lesson in catalog.lessons.items() if lesson.area == "security"}
    with pytest.raises(UnknownArea, match="areas with lessons: web-foundations"):
        print_edition(catalog, "no-such-area")


def test_built_area_edition_links_other_areas_to_the_site(built_site: Path) -> None:
    catalog = load_catalog(ROOT)
    html = (built_site / "print" / "security" / "index.html").read_text(encoding="utf-8")
    security = [ref for ref, lesson in catalog.lessons.items() if lesson.area == "security"]
    for ref in security:
        assert html.count(f'id="{lesson_anchor(ref)}"') == 1, ref
    others = [ref for ref in catalog.lessons if ref not in security]
    assert not any(f'id="{lesson_anchor(ref)}"' in html for ref in others)
    assert 'class="bs-print-slot"' not in html
    ids = set(re.findall(r'(?<![\w-])id="([^"]+)"', html))
    assert {target for target in re.findall(r'href="#([^"]+)"', html) if target not in ids} == set()
    # A link to a lesson of another area is a relative link to that lesson's page, and it lands.
    folder = built_site / "print" / "security"
    relative = [href for href in re.findall(r'href="(\.\.[^"#]*)', html) if href.endswith("/")]
    assert relative and all((folder / href / "index.html").resolve().is_file() for href in relative)
    whole = (built_site / "print" / "index.html").read_text(encoding="utf-8")
    assert 'href="security/"' in whole  # the whole edition links each area's page
