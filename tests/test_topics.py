"""The topic inventory: its size, how headings name topics, anchors as the build makes them, the A-Z page,
and interview questions that point at lessons."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
import yaml

from macros.model.catalog import Catalog
from macros.model.lessons import Section, lesson_sections, sections
from macros.model.schema import InventorySource, InventoryTopic, TopicInventory, name_key
from macros.render import topics_page
from macros.site.load import load_catalog
from tests.conftest import ROOT
from tests.site_audit import parse

PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT)


def test_the_inventory_has_at_least_250_topics(catalog: Catalog) -> None:
    assert catalog.topics is not None
    assert len(catalog.topics.topics) >= 250


def test_every_topic_section_was_checked_against_its_heading(catalog: Catalog) -> None:
    # The loader records a section only after the anchor exists and its heading names the topic.
    assert catalog.topics is not None
    for topic in catalog.topics.topics:
        for target in topic.sections:
            section = catalog.topic_sections[target]
            assert section.level in (2, 3), target
            names = [f" {name_key(name)} " for name in topic.names()]
            assert any(name in f" {name_key(section.text)} " for name in names), (topic.id, section.text)


@pytest.mark.parametrize(
    ("name", "heading", "names_it"),
    [
        ("back-pressure", "Bulkheads, back-pressure and load shedding", True),
        ("CDN", "CDNs and shared caches", True),
        ("B-tree indexes", "B-tree indexes and what they can serve", True),
        ("hash index", "Partial, covering, expression, GIN and hash indexes", True),
        ("HTTP/2", "HTTP/1.1, HTTP/2 and HTTP/3", True),
        ("N+1 problem", "The N+1 problem, measured", True),
        ("functional dependency", "Functional dependencies: the tool behind every normal form", True),
        ("SSL/TLS", "What TLS 1.3 gives you", False),  # every word of the name must be there
        ("API", "Rapid prototyping", False),  # words, not substrings
        ("Go", "Goroutines: blocking code that scales", False),
    ],
)
def test_a_heading_names_a_topic_by_whole_words_ignoring_case_punctuation_and_plurals(
    name: str, heading: str, names_it: bool
) -> None:
    assert (f" {name_key(name)} " in f" {name_key(heading)} ") is names_it


def test_sections_honor_explicit_ids_and_number_repeated_headings() -> None:
    body = (
        "# Title\n\n## Checklist\n\n```md\n## Not a heading\n```\n\n### Checklist\n\n## `net/http` basics {#custom}\n"
    )
    assert [(s.level, s.anchor) for s in sections(body, 5)] == [
        (1, "title"),
        (2, "checklist"),
        (3, "checklist_1"),
        (2, "custom"),
    ]
    assert sections(body, 5)[3] == Section(2, "net/http basics", "custom", 15)


def test_mkdocs_uses_toc_default_slugify() -> None:
    # lessons.sections() renders headings with toc's default slugify; a custom one in mkdocs.yml would
    # change every anchor. The built-HTML test below would catch it too; this names the cause.
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda _loader, _suffix, _node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)  # noqa: S506
    toc = next(e["toc"] for e in config["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    assert not {"slugify", "separator"} & set(toc)


class _Headings(HTMLParser):
    """(level, id) of every heading inside the page's article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._depth = 0  # open <article> elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._depth += 1
        elif self._depth and re.fullmatch(r"h[1-6]", tag):
            self.found.append((int(tag[1]), dict(attrs).get("id") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._depth -= 1


def test_anchors_match_the_ids_in_the_built_html_for_every_lesson_heading(built_site: Path, catalog: Catalog) -> None:
    assert len(catalog.lessons) >= 50
    for ref in catalog.lessons:
        parser = _Headings()
        parser.feed((built_site / ref / "index.html").read_text(encoding="utf-8"))
        expected = [(s.level, s.anchor) for s in lesson_sections(ROOT / "docs" / f"{ref}.md")]
        assert parser.found == expected, ref


def test_the_a_to_z_page_lists_every_topic_with_links_that_resolve(built_site: Path, catalog: Catalog) -> None:
    assert catalog.topics is not None
    page = built_site / "topics" / "index.html"
    html = page.read_text(encoding="utf-8")
    for topic in catalog.topics.topics:
        match = re.search(rf'<li id="topic-{re.escape(topic.id)}" class="bs-topic">(.*?)</ul></li>', html, re.S)
        assert match, f"topic {topic.id} is not on the A-Z page"
        hrefs = re.findall(r'href="([^"]+)"', match.group(1))
        assert len(hrefs) == len(topic.sections), topic.id
        for href, target in zip(hrefs, topic.sections, strict=True):
            path, fragment = urldefrag(href)
            ref, anchor = target.split("#")
            resolved = (page.parent / unquote(path) / "index.html").resolve()
            assert resolved == (built_site / ref / "index.html").resolve(), href
            assert fragment == anchor and anchor in parse(resolved).ids, href
    letters = re.findall(r'<h2 id="letter-([a-z]+)"', html)
    assert letters == sorted(letters) and "a" in letters


def test_the_a_to_z_page_is_linked_from_the_nav(built_site: Path) -> None:
    glossary = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./topics/"', glossary)


def test_every_string_on_the_a_to_z_page_is_escaped(catalog: Catalog) -> None:
    fields = {
        "last_reviewed": dt.date(2026, 1, 1),
        "sources": [{"title": PAYLOAD}],
        "topics": [
            {
                "id": "evil",
                "title": PAYLOAD,
                "aliases": [f"alias {PAYLOAD}"],
                "area": "security",
                "level": "beginner",
                "sections": ["security/sql-injection#proving-it-with-tests"],
            }
        ],
    }
    # Plain text may say `<script>` (the schema accepts it); the page shows it as text. Built here without
    # validation, so the page is tested even on what the schema would refuse.
    topic = InventoryTopic.model_construct(**fields["topics"][0])  # type: ignore[arg-type]
    source = InventorySource.model_construct(title=PAYLOAD, url=None)
    inventory = TopicInventory.model_construct(last_reviewed=fields["last_reviewed"], sources=[source], topics=[topic])
    hostile = Catalog(skills=catalog.skills, lessons=catalog.lessons, topics=inventory)
    html = topics_page.topics_index(hostile, lambda target: target)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "## 0-9 {#letter-other}" in html  # a title starting with a symbol gets its own group


def test_every_interview_question_links_at_least_one_lesson(catalog: Catalog) -> None:
    unlinked = [
        f"{area}: {question.id}"
        for area, bank in catalog.questions.items()
        for question in bank.questions
        if not question.lessons
    ]
    assert not unlinked, f"interview questions that link no lesson: {unlinked}"
