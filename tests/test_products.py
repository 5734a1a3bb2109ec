"""The products page: data/products/ holds every product the page promises, the schema and the loader refuse
what would mislead (a license kind without its SPDX expression, two sentences where one is asked, a lesson or
section that does not exist, one anchor for two products), every string renders as text, and the built page has
one section per product, with the product's id as its anchor and its own search record."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html as html_module
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag

import markdown
import pytest
from pydantic import ValidationError

from macros.core.errors import SourceProblem
from macros.model.catalog import Catalog, read_catalog
from macros.model.schema import Product, ProductFamily, ProductLicense
from macros.render.products import product_map
from macros.search.records import SearchRecords
from tests.conftest import ROOT
from tests.site_audit import parse

PAYLOAD = "<script>alert(1)</script>"
SOURCE = {"title": f"Source {PAYLOAD}", "url": "https://example.com/?a=1&b=2"}
# The products issue 30 asks for by name, by their ids (the anchors of their sections).
PROMISED = {
    "postgresql", "mysql", "mariadb", "sql-server", "oracle-database", "sqlite", "mongodb", "couchdb",
    "cassandra", "scylladb", "dynamodb", "redis", "valkey", "memcached", "neo4j", "amazon-neptune",
    "elasticsearch", "opensearch", "solr", "meilisearch", "rabbitmq", "kafka", "nats", "redis-streams", "pulsar",
    "docker", "podman", "containerd", "lxc", "kubernetes", "nomad", "nginx", "apache-httpd", "caddy", "haproxy",
    "envoy", "traefik", "iis",
}  # fmt: skip


@pytest.fixture(scope="module")
def loaded() -> tuple[Catalog, list[SourceProblem]]:
    # read_catalog, not load_catalog: these tests are about the data, whatever state other pages are in.
    return read_catalog(ROOT)


@pytest.fixture(scope="module")
def catalog(loaded: tuple[Catalog, list[SourceProblem]]) -> Catalog:
    return loaded[0]


def _products(catalog: Catalog) -> list[Product]:
    return [product for family in catalog.products.values() for product in family.products]


def test_the_product_data_loads_without_a_problem(loaded: tuple[Catalog, list[SourceProblem]]) -> None:
    catalog, problems = loaded
    assert [str(p) for p in problems if p.file.startswith("data/products/")] == []
    assert len(catalog.products) >= 10


def test_every_promised_product_has_a_section_of_its_own(catalog: Catalog) -> None:
    ids = [product.id for product in _products(catalog)]
    assert PROMISED - set(ids) == set()
    assert len(ids) == len(set(ids))


def test_every_section_a_product_names_was_found_in_its_lesson(catalog: Catalog) -> None:
    targets = [family.lesson for family in catalog.products.values()]
    targets += [product.lesson for product in _products(catalog) if product.lesson]
    for target in targets:
        ref, _, anchor = target.partition("#")
        assert ref in catalog.lessons, target
        if anchor:
            section = catalog.product_sections[target]
            assert section.anchor == anchor and section.level in (2, 3), target


def test_source_available_licenses_name_their_terms_and_dates(catalog: Catalog) -> None:
    # The changes readers most need dated: Redis 7.4 and 8, Elasticsearch's two moves.
    by_id = {product.id: product for product in _products(catalog)}
    redis = by_id["redis"].license
    assert redis.spdx is not None and {"AGPL-3.0-only", "SSPL-1.0", "LicenseRef-RSALv2"} <= set(redis.spdx.split())
    assert [(c.date.year, c.version) for c in redis.changes] == [(2024, "7.4"), (2025, "8.0")]
    elastic = by_id["elasticsearch"].license
    assert [c.date.year for c in elastic.changes] == [2021, 2024] and "AGPL-3.0-only" in (elastic.spdx or "")
    for product in _products(catalog):
        if product.license.kind == "source available":
            assert product.license.spdx and product.license.changes, f"{product.id}: say what and since when"


def _license(**fields: Any) -> dict[str, Any]:
    return {"kind": "open source", "spdx": "Apache-2.0", "terms": "Apache 2.0.", **fields}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"spdx": None}, "has an SPDX expression"),
        ({"kind": "proprietary"}, "has no SPDX expression"),
        ({"kind": "cloud service"}, "has no SPDX expression"),
        (
            {"changes": [{"date": "2025-05-01", "change": "Later."}, {"date": "2024-03-20", "change": "Earlier."}]},
            "oldest first",
        ),
    ],
)
def test_a_license_that_contradicts_itself_is_refused(fields: dict[str, Any], message: str) -> None:
    problems = list(ProductLicense.model_validate(_license(**fields)).cross_checks())
    assert [text for _loc, text in problems if message in text], problems


@pytest.mark.parametrize(
    "spdx",
    ["Apache-2.0", "MIT OR Apache-2.0", "AGPL-3.0-only OR SSPL-1.0 OR LicenseRef-RSALv2", "(MIT AND BSD-2-Clause)"],
)
def test_an_spdx_expression_is_accepted(spdx: str) -> None:
    assert list(ProductLicense.model_validate(_license(spdx=spdx)).cross_checks()) == []


@pytest.mark.parametrize("spdx", ["Apache 2.0", "MIT or Apache-2.0", "(MIT AND BSD-2-Clause", "GPLv2+ <script>"])
def test_an_spdx_expression_that_is_not_one_is_refused(spdx: str) -> None:
    with pytest.raises(ValidationError, match="must be an SPDX license expression"):
        ProductLicense.model_validate(_license(spdx=spdx))


def _product(**fields: Any) -> dict[str, Any]:
    return {
        "id": "demo",
        "name": "Demo",
        "what": "A database for the tests.",
        "pick_when": "Pick it in tests, e.g. this one.",
        "license": _license(),
        "sources": [SOURCE],
        "last_reviewed": dt.date(2026, 1, 1),
        **fields,
    }


@pytest.mark.parametrize(
    ("what", "message"),
    [
        ("A database. It is fast.", "a second one starts at 'It is fast.'"),
        ("A database without a full stop", "ending with a full stop"),
        ("A database\nover two lines.", "one sentence on one line"),
    ],
)
def test_what_and_when_are_one_sentence_each(what: str, message: str) -> None:
    assert Product.model_validate(_product()).pick_when.endswith("this one.")  # a lower-case word after `e.g.`
    with pytest.raises(ValidationError, match=re.escape(message)):
        Product.model_validate(_product(what=what))


def test_a_product_named_twice_is_refused() -> None:
    problems = list(Product.model_validate(_product(also=["DEMO"])).cross_checks())
    assert (("also", 0), "duplicate name 'demo'") in problems


def _family_file(lesson: str, product_lesson: str) -> str:
    return f"""id: lost-family
title: Lost
order: 99
summary: A family whose lessons are gone.
lesson: {lesson}
last_reviewed: 2026-01-01
products:
  - id: lost-db
    name: Lost DB
    what: A database whose lesson section was renamed.
    pick_when: Pick it never.
    license: {{kind: open source, spdx: MIT, terms: MIT.}}
    lesson: {product_lesson}
    sources: [{{title: A source, url: "https://example.com/"}}]
    last_reviewed: 2026-01-01
"""


def test_a_lesson_or_section_that_does_not_exist_fails_with_file_line_and_field(project_copy: Path) -> None:
    target = project_copy / "data" / "products" / "lost-family.yml"
    target.write_text(_family_file("databases/no-such-lesson", "databases/nosql#no-such-section"), encoding="utf-8")
    _catalog, problems = read_catalog(project_copy)
    found = {str(problem) for problem in problems if problem.file == "data/products/lost-family.yml"}
    assert any(
        line.startswith("data/products/lost-family.yml:5: lesson: no lesson 'databases/no-such-lesson'")
        for line in found
    ), found
    assert any(
        line.startswith("data/products/lost-family.yml:13: products[0].lesson: no h2 or h3 heading with anchor")
        for line in found
    ), found


def _hostile_family() -> ProductFamily:
    """A script in every field that takes text; with `markup_allowed`, character references and links too."""
    sentence = f"{PAYLOAD} &amp; [click](javascript:alert(2)) {{{{ 7 * 7 }}}}."
    return ProductFamily.model_validate(
        {
            "id": "evil-family",
            "title": PAYLOAD,
            "order": 1,
            "summary": sentence,
            "lesson": "databases/nosql#key-value-stores-redis",
            "last_reviewed": dt.date(2026, 1, 1),
            "products": [
                {
                    "id": "evil",
                    "name": PAYLOAD,
                    "also": [f"also {PAYLOAD}"],
                    "what": sentence,
                    "pick_when": sentence,
                    "license": {
                        "kind": "source available",
                        "spdx": "LicenseRef-Evil",
                        "terms": sentence,
                        "changes": [{"date": dt.date(2025, 1, 1), "version": PAYLOAD, "change": sentence}],
                    },
                    "lesson": "architecture/caching#redis-or-memcached",
                    "sources": [SOURCE],
                    "last_reviewed": dt.date(2026, 1, 1),
                }
            ],
        }
    )


@pytest.mark.usefixtures("markup_allowed")
def test_every_string_on_the_products_page_is_escaped(catalog: Catalog) -> None:
    hostile = dataclasses.replace(catalog, products={"evil-family": _hostile_family()})
    html = product_map(hostile, lambda ref: f"../{ref}/")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="https://example.com/?a=1&amp;b=2"' in html
    assert "javascript:" not in re.sub(r"\[click\]\(javascript:alert\(2\)\)", "", html)
    # The headings are Markdown: rendered as the page renders them, the payload is still text.
    page = markdown.markdown(html, extensions=["toc", "attr_list", "md_in_html"])
    assert "<script>" not in page and '<a href="javascript' not in page
    for tag, anchor in (("h3", "evil"), ("h2", "evil-family")):
        heading = re.search(rf'<{tag} id="{anchor}">(.*?)</{tag}>', page)
        assert heading, f"no <{tag} id={anchor}>"
        assert "<" not in heading.group(1) and html_module.unescape(heading.group(1)) == PAYLOAD


class _Sections(HTMLParser):
    """The article's h2 and h3 headings (id, text) and the links under each."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str, str]] = []
        self.links: dict[str, list[str]] = {}
        self._heading: list[str] | None = None
        self._level = 0
        self._id = ""
        self._in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article":
            self._in_article = True
        elif self._in_article and tag in ("h2", "h3"):
            self._heading, self._level, self._id = [], int(tag[1]), found.get("id") or ""
        elif self._in_article and tag == "a" and self._heading is None and self.headings:
            self.links.setdefault(self.headings[-1][1], []).append(found.get("href") or "")

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h2", "h3") and self._heading is not None:
            self.headings.append((self._level, self._id, "".join(self._heading).strip()))
            self._heading = None
        elif tag == "article":
            self._in_article = False


def test_the_built_page_has_a_section_per_product_with_its_anchor(built_site: Path, catalog: Catalog) -> None:
    page = built_site / "products" / "index.html"
    html = page.read_text(encoding="utf-8")
    parser = _Sections()
    parser.feed(html)
    expected = []
    for family in sorted(catalog.products.values(), key=lambda f: f.order):
        expected.append((2, family.id, family.title))
        expected.extend((3, product.id, product.name) for product in family.products)
    # Headings end with a permalink sign (¶); the text before it is the product's name.
    assert [(level, anchor, text.rstrip("¶").strip()) for level, anchor, text in parser.headings] == expected
    for product in _products(catalog):
        lessons = [href for href in parser.links.get(product.id, []) if not href.startswith(("https:", "#"))]
        assert lessons, f"{product.id} links no lesson"
        for href in lessons:
            path, fragment = urldefrag(href)
            target = (page.parent / unquote(path) / "index.html").resolve()
            assert target.is_file(), href
            assert not fragment or fragment in parse(target).ids, href


def test_each_product_is_its_own_search_record(built_site: Path, catalog: Catalog) -> None:
    html = (built_site / "products" / "index.html").read_text(encoding="utf-8")
    records = SearchRecords(catalog).for_page("products.md", "products/", "Products by name", html)
    urls = [re.search(r'data-pagefind-meta="url\[data-value\]" data-value="([^"]+)"', r) for r in records]
    found = {match.group(1) for match in urls if match}
    assert {f"products/#{product.id}" for product in _products(catalog)} <= found


def test_the_products_page_is_in_the_navigation(built_site: Path) -> None:
    glossary = (built_site / "glossary" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./products/"', glossary)
