"""Learning paths: every path in data/ has its page, and its diagram is built safely from the data."""

from __future__ import annotations

from pathlib import Path

from macros.render.progress import _mermaid_label, mermaid_graph
from macros.site.load import load_catalog
from tests.conftest import ROOT


def test_every_path_has_a_page_that_renders_it() -> None:
    catalog = load_catalog(ROOT)
    assert len(catalog.paths) >= 3
    for path_id in catalog.paths:
        page = ROOT / "docs" / "paths" / f"{path_id}.md"
        assert page.exists(), f"data/paths/{path_id}.yml has no page docs/paths/{path_id}.md"
        assert f'learning_path("{path_id}")' in page.read_text(encoding="utf-8")
    pages = {p.stem for p in (ROOT / "docs" / "paths").glob("*.md")} - {"index"}
    assert pages == set(catalog.paths)


def test_diagram_has_one_node_per_step_and_one_edge_per_prerequisite() -> None:
    catalog = load_catalog(ROOT)
    for path in catalog.paths.values():
        diagram = mermaid_graph(catalog, path.id)
        assert diagram.count('["') == len(path.steps)
        assert diagram.count(" --> ") == sum(len(step.requires) for step in path.steps)


def test_labels_cannot_break_out_of_the_diagram() -> None:
    label = _mermaid_label('Say "hi" <script>#1</script>')
    assert '"' not in label and "<" not in label and ">" not in label
    assert label.startswith("Say #quot;hi#quot; #lt;script#gt;#35;1")


def test_built_path_page_lists_steps_in_order(built_site: Path) -> None:
    catalog = load_catalog(ROOT)
    path = catalog.paths["api-developer"]
    html = (built_site / "paths" / "api-developer" / "index.html").read_text(encoding="utf-8")
    positions = [html.index(f'data-progress-lesson="{step.lesson}"') for step in path.steps]
    assert positions == sorted(positions)
    assert '<div class="bs-diagram" data-search-exclude><svg' in html  # drawn at build time, out of search
    assert "Prerequisites between the lessons of the path API developer</title>" in html
