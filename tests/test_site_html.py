"""The built HTML: no broken internal link or anchor, nothing loaded from another origin."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import escape

from macros.site.load import load_catalog
from tests.conftest import ROOT
from tests.site_audit import audit, is_other_origin, site_base_path


def test_no_broken_internal_links_or_anchors(built_site: Path) -> None:
    report = audit(built_site, site_base_path(), docs=ROOT / "docs")  # located at the source, for annotations
    assert report.pages >= 15
    assert report.broken == []


def test_no_page_loads_anything_from_another_origin(built_site: Path) -> None:
    report = audit(built_site, site_base_path())
    assert report.foreign_fetches == []


def test_external_links_are_https(built_site: Path) -> None:
    report = audit(built_site, site_base_path())
    # The only plain-http address allowed is the local preview server named in the contributing guide.
    local = ("http://127.0.0.1", "http://localhost")
    plain = sorted(url for url in report.external_links if url.startswith("http://") and not url.startswith(local))
    assert plain == []


def test_audit_catches_what_it_claims_to(tmp_path: Path) -> None:
    # The audit itself must be able to fail: a page with a dead link, a dead anchor and a CDN script.
    (tmp_path / "index.html").write_text(
        '<a href="missing/">x</a><a href="#nowhere">y</a><a id="here" href="#here">z</a>'
        '<script src="https://cdn.example.com/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.com/css">',
        encoding="utf-8",
    )
    report = audit(tmp_path)
    assert len(report.broken) == 2
    # With the sources at hand, a broken link is named at the line that wrote it.
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [the guide](missing/).\n", encoding="utf-8")
    located = audit(tmp_path, docs=docs).broken
    assert "docs/index.md:3: link: missing/ (" in located[0]
    assert len(report.foreign_fetches) == 2
    assert is_other_origin("https://a.example") and not is_other_origin("../x/")


def test_abbreviations_are_explained_on_lesson_pages(built_site: Path) -> None:
    html = (built_site / "security" / "sql-injection" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Open Worldwide Application Security Project">OWASP</abbr>' in html


def test_lesson_header_shows_objectives(built_site: Path) -> None:
    html = (built_site / "security" / "sql-injection" / "index.html").read_text(encoding="utf-8")
    header = html.split('<aside class="bs-lesson-header"', 1)[1].split("</aside>", 1)[0]
    meta = load_catalog(ROOT).lessons["security/sql-injection"].meta
    assert all(f"<li>{escape(objective)}</li>" in header for objective in meta.objectives)
    assert f"{meta.time} min" in header


def test_example_code_is_included_not_pasted(built_site: Path) -> None:
    html = (built_site / "security" / "sql-injection" / "index.html").read_text(encoding="utf-8")
    assert "SORT_COLUMNS" in html  # from examples/security/sql_injection/fixed.py
    assert "--8&lt;--" not in html and "--8<--" not in html  # snippet markers never leak


def test_no_page_can_load_mermaid(built_site: Path) -> None:
    # Diagrams are inline SVG drawn at build time; the bundle and the serve-only preview stay out of the site.
    assert not (built_site / "assets" / "vendor" / "mermaid").exists()
    assert not (built_site / "assets" / "javascripts" / "diagram-preview.js").exists()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "mermaid.min.js" not in html and "diagram-preview.js" not in html, page
        assert 'class="mermaid"' not in html, page  # Material would fetch mermaid from a CDN to draw it


def test_every_script_file_is_deferred(built_site: Path) -> None:
    # overrides/main.html defers Material's bundle and ours, so a page paints before they run. If a theme
    # upgrade changes the markup that template rewrites, this catches the bundle going back to blocking.
    pages = [built_site / "index.html", built_site / "security" / "sql-injection" / "index.html"]
    for page in pages:
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page.read_text(encoding="utf-8"))
        assert any("assets/javascripts/bundle." in tag for tag in tags), page
        assert [tag for tag in tags if " defer" not in tag] == [], page


def test_palette_toggle_is_ours_not_materials(built_site: Path) -> None:
    # Material's palette component restyles the whole page on every load; palette.js replaces it.
    html = (built_site / "security" / "sql-injection" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="palette"' not in html
    assert '<form class="md-header__option" data-bs-palette>' in html
    assert 'assets/javascripts/palette.js"' in html
    assert '<meta name="theme-color" content="#4051b5">' in html


def test_code_blocks_stay_out_of_the_search_index(built_site: Path) -> None:
    # macros/render/code_blocks.py marks code blocks and diagram sources data-search-exclude, which the search index
    # (macros/search/records.py) leaves out; tests/test_search.py reads the index to check code is not in it.
    html = (built_site / "security" / "sql-injection" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="language-python highlight" id="bs-code-\d+" data-search-exclude>', html)


def test_every_code_block_gets_a_copy_button(built_site: Path) -> None:
    # macros/render/code_blocks.py writes the buttons Material's content.code.copy would add on load (see the module).
    # The print edition runs no script that could copy, so its blocks have none (macros/render/print_edition.py).
    blocks = buttons = 0
    for page in built_site.rglob("index.html"):
        if "print" in page.relative_to(built_site).parts:
            assert 'data-md-type="copy"' not in page.read_text(encoding="utf-8")
            continue
        html = page.read_text(encoding="utf-8")
        blocks += len(re.findall(r'<div class="(?:language-[^"]+ )?highlight"', html))
        buttons += html.count('data-md-type="copy" data-clipboard-target="#bs-code-')
    assert blocks > 300
    assert buttons == blocks


def test_code_block_preparation() -> None:
    from macros.render.code_blocks import prepare_code_blocks

    html = (
        '<p>Use <code>execute</code>.</p><div class="language-c++ highlight"><pre><span></span><code>x</code></pre>'
        '</div><div class="highlight"><span class="filename">app.py</span><pre><code><span class="n">run</span>'
        '<span class="w"> </span><span class="p">(</span><span class="nf">y</span></code></pre></div>'
        '<pre class="mermaid"><code>flowchart LR</code></pre><div class="admonition highlight-note">z</div>'
    )
    prepared = prepare_code_blocks(html)
    assert prepared.count("data-search-exclude") == 2  # diagrams are macros/render/diagrams.py's job
    assert "<p>Use <code>execute</code>.</p>" in prepared and '<div class="admonition highlight-note">' in prepared
    assert (
        '<div class="language-c++ highlight" id="bs-code-1" data-search-exclude><pre><span></span>'
        '<nav class="md-code__nav bs-code-actions" aria-label="Actions for code block 1">'
        '<button type="button" class="md-code__button" title="Copy to clipboard" data-md-type="copy"'
        ' data-clipboard-target="#bs-code-1 code"></button></nav><code>x</code>'
    ) in prepared
    assert '<span class="filename">app.py</span><pre><nav' in prepared and prepared.count("<nav") == 2
    # Plain names and whitespace lose their spans; tokens with a colour of their own keep them.
    assert '<code>run <span class="p">(</span><span class="nf">y</span></code>' in prepared


def test_a_page_that_hides_its_table_of_contents_carries_none(built_site: Path) -> None:
    # Material only hides the contents of a page with `hide: [toc]`, and its script still watches every
    # entry; macros/mkdocs_plugin/plugin.py drops them. On /tags/ every tag is a heading: hundreds of entries, twice.
    tags = (built_site / "tags" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<h2 id="tag:', tags)) >= 100  # every tag keeps its heading and its lessons
    assert 'data-md-component="toc"' not in tags
    assert tags.count('class="md-nav__link"') < 60  # the site navigation only
    # A page that shows its contents keeps them, in the sidebar and in the navigation drawer.
    lesson = (built_site / "security" / "sql-injection" / "index.html").read_text(encoding="utf-8")
    assert lesson.count('data-md-component="toc"') == 2
