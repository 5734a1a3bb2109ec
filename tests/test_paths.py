"""Learning paths: every path in data/ has its page, and its roadmap is drawn safely and legibly from the data."""

from __future__ import annotations

import html as markup
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.core.urls import UrlFor, page_url, relative_url
from macros.model.catalog import Catalog
from macros.model.schema import LearningPath, PathStep
from macros.render.progress import (
    FONT_SIZE,
    MARK_ROOM,
    PAD_X,
    ROADMAP_WIDTH,
    branches,
    continue_box,
    learning_path,
    roadmap,
    text_width,
    wrap,
)
from macros.site.load import load_catalog
from tests.conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT)


def url_from_path_page(name: str) -> UrlFor:
    return lambda target: relative_url(page_url(target, True), page_url(f"paths/{name}", True))


def drawn(catalog: Catalog, name: str) -> ET.Element:
    """The roadmap's HTML (well-formed: every element closed, every attribute quoted) as a tree."""
    return ET.fromstring(roadmap(catalog, catalog.paths[name], url_from_path_page(name)))  # noqa: S314 (our output)


def boxes(tree: ET.Element) -> list[ET.Element]:
    return [g for g in tree.iter(f"{SVG}g") if g.get("data-roadmap-box")]


def test_every_path_has_a_page_that_renders_it(catalog: Catalog) -> None:
    assert len(catalog.paths) >= 3
    for path_id in catalog.paths:
        page = ROOT / "docs" / "paths" / f"{path_id}.md"
        assert page.exists(), f"data/paths/{path_id}.yml has no page docs/paths/{path_id}.md"
        assert f'learning_path("{path_id}")' in page.read_text(encoding="utf-8")
    pages = {p.stem for p in (ROOT / "docs" / "paths").glob("*.md")} - {"index"}
    assert pages == set(catalog.paths)


def test_roadmap_has_one_link_per_step_to_its_lesson_on_the_path(catalog: Catalog) -> None:
    for path in catalog.paths.values():
        tree = drawn(catalog, path.id)
        links = list(tree.iter("a"))
        assert [a.get("data-roadmap-lesson") for a in links] == [step.lesson for step in path.steps]
        assert [g.get("data-roadmap-box") for g in boxes(tree)] == [step.lesson for step in path.steps]
        assert not list(tree.iter(f"{SVG}a"))  # no SVG link: Material's instant navigation throws on those
        for number, (a, step) in enumerate(zip(links, path.steps, strict=True), 1):
            assert a.get("href") == f"../../{step.lesson}/?path={path.id}"
            title = catalog.lessons[step.lesson].meta.title.replace("`", "")
            assert "".join(a.itertext()) == f"{number}. {title}"
        # The drawing is hidden from assistive technology, which reads the list of links instead.
        svg = tree.find(f".//{SVG}svg")
        assert svg is not None and svg.get("aria-hidden") == "true"


def test_each_link_lies_over_its_box(catalog: Catalog) -> None:
    for path in catalog.paths.values():
        tree = drawn(catalog, path.id)
        svg = tree.find(f".//{SVG}svg")
        assert svg is not None
        _, _, width, height = (float(n) for n in svg.get("viewBox", "").split())
        items = [li for li in tree.iter("li")]
        for item, box in zip(items, boxes(tree), strict=True):
            place = dict(part.split(":") for part in (item.get("style") or "").split(";"))
            rect = box.find(f"{SVG}rect")
            assert rect is not None
            expected = {
                "left": float(rect.get("x", 0)) / width,
                "top": float(rect.get("y", 0)) / height,
                "width": float(rect.get("width", 0)) / width,
                "height": float(rect.get("height", 0)) / height,
            }
            for key, share in expected.items():
                assert abs(float(place[key].rstrip("%")) / 100 - share) < 1e-4, (path.id, key)


def test_roadmap_draws_every_prerequisite_once(catalog: Catalog) -> None:
    for path in catalog.paths.values():
        tree = drawn(catalog, path.id)
        heads = tree.find(f".//{SVG}path[@class='bs-roadmap__head']")
        arrows = len(re.findall(r"M", heads.get("d", ""))) if heads is not None else 0
        assert arrows == sum(len(step.requires) for step in path.steps), path.id


def test_gutter_lines_on_one_track_never_overlap(catalog: Catalog) -> None:
    for path in catalog.paths.values():
        found = branches(path)
        assert sorted(t for b in found for t in b.targets) == sorted(
            j
            for j, step in enumerate(path.steps)
            for ref in step.requires
            if [s.lesson for s in path.steps].index(ref) != j - 1
        )
        for a in found:
            for b in found:
                if a is not b and a.track == b.track:
                    assert a.targets[-1] < b.source or b.targets[-1] < a.source, (path.id, a, b)


def test_branches_share_tracks_when_they_can() -> None:
    steps = [PathStep.model_construct(lesson=f"a/s{i}", requires=[]) for i in range(6)]
    steps[2] = PathStep.model_construct(lesson="a/s2", requires=["a/s0"])
    steps[5] = PathStep.model_construct(lesson="a/s5", requires=["a/s3"])
    steps[4] = PathStep.model_construct(lesson="a/s4", requires=["a/s1"])
    path = LearningPath.model_construct(id="p", steps=steps)
    found = {b.source: b for b in branches(path)}
    assert found[0].track == 0 and found[0].targets == (2,)
    assert found[1].track == 1  # rows 1 to 4 overlap rows 0 to 2
    assert found[3].track == 0  # rows 3 to 5 start below the end of row 0's line


def test_labels_fit_their_boxes_at_the_widest_font(catalog: Catalog) -> None:
    for path in catalog.paths.values():
        tree = drawn(catalog, path.id)
        svg = tree.find(f".//{SVG}svg")
        assert svg is not None
        assert svg.get("viewBox", "").startswith(f"0 0 {ROADMAP_WIDTH} ")
        assert svg.get("font-size") == str(FONT_SIZE)
        for box in boxes(tree):
            rect = box.find(f"{SVG}rect")
            assert rect is not None
            right = float(rect.get("x", 0)) + float(rect.get("width", 0)) - PAD_X - MARK_ROOM
            assert float(rect.get("x", 0)) + float(rect.get("width", 0)) <= ROADMAP_WIDTH
            for span in box.iter(f"{SVG}tspan"):
                line = span.text or ""
                assert float(span.get("x", 0)) + text_width(line) <= right or " " not in line, line


def test_wrap_keeps_words_whole_and_lines_within_the_width() -> None:
    lines = wrap("Authentication schemes: Basic, API keys, OAuth tokens and more", 180)
    assert " ".join(lines) == "Authentication schemes: Basic, API keys, OAuth tokens and more"
    assert all(text_width(line) <= 180 for line in lines) and len(lines) >= 3
    assert wrap("Supercalifragilistic", 50) == ["Supercalifragilistic"]  # too long, but never split


def test_roadmap_text_is_escaped(catalog: Catalog) -> None:
    path = catalog.paths["api-developer"]
    title = path.title
    try:
        object.__setattr__(path, "title", "<script>alert(1)</script> & co")
        html = roadmap(catalog, path, url_from_path_page(path.id))
        box = continue_box(catalog, path, url_from_path_page(path.id))
    finally:
        object.__setattr__(path, "title", title)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
    data = re.search(r'data-bs-paths="([^"]*)"', box)
    assert data is not None and "<script>" not in data[1]
    assert json.loads(markup.unescape(data[1]))[0]["title"] == "<script>alert(1)</script> & co"


def test_path_page_carries_its_steps_for_the_script(catalog: Catalog) -> None:
    html = learning_path(catalog, "security-minded", url_from_path_page("security-minded"))
    data = re.search(r'data-bs-continue="security-minded" data-bs-paths="([^"]*)"', html)
    assert data is not None
    [path] = json.loads(markup.unescape(data[1]))
    assert path["url"] == "./" and [s["ref"] for s in path["steps"]] == [
        step.lesson for step in catalog.paths["security-minded"].steps
    ]
    assert path["steps"][0]["url"] == "../../web-foundations/how-a-request-travels/"


def test_built_path_page_lists_steps_in_order(built_site: Path, catalog: Catalog) -> None:
    path = catalog.paths["api-developer"]
    html = (built_site / "paths" / "api-developer" / "index.html").read_text(encoding="utf-8")
    positions = [html.index(f'data-progress-lesson="{step.lesson}"') for step in path.steps]
    assert positions == sorted(positions)
    assert '<div class="bs-diagram bs-roadmap" data-search-exclude="">' in html  # drawn at build time, out of search
    assert 'class="bs-roadmap__map" role="group" aria-labelledby="roadmap-api-developer"' in html
    assert '<p class="bs-roadmap__caption" id="roadmap-api-developer">Roadmap of the path API developer:' in html
    # Without scripts the path starts with its first lesson, opened on the path.
    first = path.steps[0].lesson
    assert f'<a href="../../{first}/?path=api-developer" data-bs-continue-link="">' in html
