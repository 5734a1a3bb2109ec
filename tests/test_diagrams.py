"""Diagrams drawn at build time: the committed cache, the sanitizer, the palette and the build's rules."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from macros.render.diagram_svg import UnsafeDiagram, prepare, scoped_css, themed
from macros.render.diagrams import (
    BUNDLE,
    CACHE,
    CHROMIUM,
    MERMAID_VERSION,
    REFRESH,
    DiagramError,
    Diagrams,
    Renderer,
    cache_path,
    diagram_key,
    diagram_sources,
)
from tests.conftest import ROOT, require_tool, run_build

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" id="d1" width="100%"'
    ' style="max-width: 200px;" viewBox="0 0 200 50.5" aria-roledescription="flowchart-v2">'
    "<style>#d1{fill:#333;}#d1 .node rect{fill:#eee;stroke:#999;}body{display:none}"
    "#d1 .x{background:url(https://evil.example/x.png)}@import url(https://evil.example/a.css);</style>"
    '<g id="L_A_B_0"><path marker-end="url(#d1_arrow)" onclick="alert(1)" fill="#fff"/></g>'
    '<marker id="d1_arrow"><path d="M0 0"/></marker>'
    '<script>alert(1)</script><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'
    '<a xlink:href="https://evil.example"><text>Step &lt;one&gt;</text></a>'
    '<use xlink:href="https://evil.example/sprite.svg#x"/></svg>'
)


def test_mermaid_version_is_the_pinned_and_vendored_one() -> None:
    # The version is part of every cache key: bumping mermaid in package.json means bumping it here
    # (and re-drawing every diagram with `make diagrams`).
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["devDependencies"]["mermaid"] == MERMAID_VERSION
    assert f'"{MERMAID_VERSION}"' in BUNDLE.read_text(encoding="utf-8")


def test_every_diagram_has_its_cached_svg_and_the_cache_holds_nothing_else() -> None:
    sources = diagram_sources(ROOT)
    assert len(sources) >= 20  # lesson diagrams (learning paths are drawn by macros/render/progress.py)
    missing = [where for where, source in sources if not cache_path(diagram_key(source)).exists()]
    assert not missing, f"diagrams with no up-to-date SVG in diagrams/: {missing}. Run `{REFRESH}` and commit."
    used = {diagram_key(source) for _, source in sources}
    unused = sorted(path.name for path in CACHE.glob("*.svg") if path.stem not in used)
    assert not unused, f"SVG in diagrams/ that no page uses: {unused}. Run `{REFRESH}` to remove them."


def test_a_diagram_key_changes_with_the_source_but_not_with_indentation() -> None:
    assert diagram_key("graph TD\n  a --> b\n") == diagram_key("    graph TD\n      a --> b")
    assert diagram_key("graph TD\n  a --> b") != diagram_key("graph TD\n  a --> c")


def test_sanitizer_keeps_drawing_and_drops_everything_that_runs_or_reaches_out() -> None:
    html = prepare(SVG, "flowchart LR\n  A --> B", "diagram-x").html
    for unsafe in ("<script", "alert", "foreignObject", "evil.example", "onclick", "display:none", "@import", "<a "):
        assert unsafe not in html, unsafe
    assert "<text>Step &lt;one&gt;</text>" in html  # text kept, still escaped
    assert "#diagram-x .node rect{fill:var(--md-code-bg-color);stroke:var(--md-default-fg-color--light);}" in html
    assert 'marker-end="url(#diagram-x-arrow)"' in html and 'id="diagram-x-arrow"' in html
    assert 'id="diagram-x-L_A_B_0"' in html  # every id carries the diagram's prefix


def test_svg_is_labelled_and_its_box_reserved() -> None:
    diagram = prepare(SVG, "flowchart LR\n  A --> B", "diagram-x")
    assert diagram.title == "Flowchart" and diagram.description == "Step <one>."
    root = re.match(r"<svg [^>]*>", diagram.html)
    assert root is not None
    assert 'role="img"' in root[0] and 'aria-labelledby="diagram-x-title diagram-x-desc"' in root[0]
    assert 'width="200"' in root[0] and 'height="50"' in root[0] and "max-width" not in root[0]
    assert "aria-roledescription" not in root[0]
    assert '<title id="diagram-x-title">Flowchart</title><desc id="diagram-x-desc">Step &lt;one&gt;.</desc>' in (
        diagram.html
    )


def test_authors_title_and_description_are_used_and_escaped() -> None:
    given = '<title id="t">A <b>bold</b> &amp; title</title><desc>Why &lt;it&gt; matters</desc>'
    diagram = prepare(SVG.replace("<style>", given + "<style>"), "flowchart LR", "d")
    assert diagram.title == "A & title"  # markup inside is dropped, the text after it kept
    assert diagram.description == "Why <it> matters"
    assert '<title id="d-title">A &amp; title</title>' in diagram.html


def test_css_outside_the_diagram_is_dropped() -> None:
    css = '#d{fill:red}#d .a, body{color:red}#dx{fill:red}#d .b{content:"}"}@media print{body{x:y}}'
    assert scoped_css(css, "#d") == '#d{fill:red}#d .b{content:"}"}'


def test_greys_become_palette_variables_and_colours_stay() -> None:
    assert themed("fill:#000000;stroke:#999") == (
        "fill:var(--md-default-fg-color);stroke:var(--md-default-fg-color--light)"
    )
    assert themed("fill:white") == "fill:var(--md-default-bg-color)"
    assert themed("fill:#eee") == "fill:var(--md-code-bg-color)"
    assert themed("fill:#ff0000") == "fill:#ff0000"


def test_unreadable_cache_is_an_error() -> None:
    with pytest.raises(UnsafeDiagram):
        prepare("<svg", "graph TD", "d")
    with pytest.raises(UnsafeDiagram, match="entities"):
        prepare('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "graph", "d")
    with pytest.raises(UnsafeDiagram):
        prepare('<html xmlns="http://www.w3.org/2000/svg"/>', "graph TD", "d")


def test_build_fails_on_a_diagram_with_no_cached_svg_and_names_the_command(project_copy: Path) -> None:
    lesson = project_copy / "docs" / "web-foundations" / "cors.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("```mermaid\n", "```mermaid\n%% a new comment\n", 1),
        encoding="utf-8",
    )
    result = run_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "web-foundations/cors.md" in output and f"Run `{REFRESH}`" in output


def test_serve_without_a_browser_shows_the_source_with_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Renderer, "available", staticmethod(lambda: False))
    diagrams = Diagrams("serve", cache=tmp_path)
    html = diagrams.page('<pre class="mermaid"><code>graph TD\n  a --&gt; b</code></pre>', "x.md", "../p.js")
    assert "bs-diagram--pending" in html and REFRESH in html and "a --&gt; b" in html
    assert html.endswith('<script src="../p.js" data-diagram-preview></script>')
    build = Diagrams("build", cache=tmp_path)
    build.page('<pre class="mermaid"><code>graph TD</code></pre>', "x.md", "")
    with pytest.raises(DiagramError, match=r"(?s)x\.md: 'graph TD'.*" + re.escape(f"Run `{REFRESH}`")):
        build.finish()


def test_serve_draws_a_new_diagram_on_the_fly_into_the_cache(tmp_path: Path) -> None:
    require_tool(CHROMIUM, "Chromium (/usr/bin/chromium)")
    diagrams = Diagrams("refresh", cache=tmp_path)
    shutil.copy(next(CACHE.glob("*.svg")), tmp_path / "unused.svg")
    try:
        block = '<pre class="mermaid"><code>flowchart LR\n  a["&lt;b&gt;"] --&gt; b</code></pre>'
        html = diagrams.page(block, "x.md", "")
    finally:
        removed = diagrams.finish()
    assert removed == ["unused"]
    assert [path.stem for path in tmp_path.glob("*.svg")] == [diagram_key('flowchart LR\n  a["<b>"] --> b')]
    assert html.startswith('<div class="bs-diagram" data-search-exclude><svg') and "foreignObject" not in html
    assert "&lt;b&gt;</tspan>" in html  # the label is text, not markup
