"""The products page: the products a backend developer meets by name, grouped by family, from data/products/.

Each family is an h2 and each product an h3 whose anchor is the product's id, written as Markdown headings so
the page's table of contents and permalinks list them and the search index makes each product its own record
(macros/search/records.py splits pages at h1-h3). Under each heading comes one HTML block. Every string from the
data or a lesson is escaped.
"""

from __future__ import annotations

from macros.core.html import esc, link, md_text, tag, text_html
from macros.core.urls import UrlFor
from macros.model.catalog import Catalog
from macros.model.schema import LicenseChange, Product, ProductFamily, ProductLicense
from macros.render.common import source_links

KIND_LABELS = {
    "open source": "Open source",
    "open core": "Open core",
    "source available": "Source available",
    "proprietary": "Proprietary",
    "cloud service": "Cloud service",
    "public domain": "Public domain",
}


def product_map(catalog: Catalog, url_for: UrlFor) -> str:
    """Every product family in its order, each with its products."""
    if not catalog.products:
        return tag("p", "No products yet: add data/products/<family>.yml.", class_="bs-empty")
    families = sorted(catalog.products.values(), key=lambda family: family.order)
    jump = "".join(
        tag("li", link(family.title, f"#{family.id}") + text_html(f" ({len(family.products)})")) for family in families
    )
    blocks = [tag("nav", tag("ul", jump), class_="bs-products__jump", aria_label="Product families")]
    for family in families:
        blocks.append(f"## {md_text(family.title)} {{#{family.id}}}")
        learn = "Learn the family: " + _lesson_link(catalog, family.lesson, url_for)
        learn = tag("p", learn, class_="bs-family__lesson")
        blocks.append(tag("div", tag("p", text_html(family.summary)) + learn, class_="bs-family"))
        for product in family.products:
            blocks.append(f"### {md_text(product.name)} {{#{product.id}}}")
            blocks.append(_product(catalog, family, product, url_for))
    return "\n\n".join(blocks) + "\n"


def _product(catalog: Catalog, family: ProductFamily, product: Product, url_for: UrlFor) -> str:
    facts = []
    if product.also:
        facts.append(("Also called", text_html(", ".join(product.also))))
    facts.append(("License", _license(product.license)))
    if product.license.changes:
        facts.append(("License changes", tag("ul", "".join(_change(change) for change in product.license.changes))))
    lessons = _lesson_link(catalog, family.lesson, url_for)
    if product.lesson and product.lesson != family.lesson:
        lessons = _lesson_link(catalog, product.lesson, url_for) + "; the family: " + lessons
    facts.append(("Learn it", lessons))
    rows = "".join(tag("dt", text_html(label)) + tag("dd", value) for label, value in facts)
    checked = f"Sources, checked {product.last_reviewed.isoformat()}:"
    sources = tag("p", text_html(checked), class_="bs-product__checked")
    body = (
        tag("p", text_html(product.what), class_="bs-product__what")
        + tag("p", text_html(product.pick_when), class_="bs-product__pick")
        + tag("dl", rows, class_="bs-product__facts")
        + sources
        + source_links(product.sources)
    )
    return tag("div", body, class_="bs-product", data_product=product.id)


def _license(terms: ProductLicense) -> str:
    label = tag("strong", text_html(KIND_LABELS[terms.kind]))
    spdx = f" ({tag('code', esc(terms.spdx))})" if terms.spdx else ""
    return f"{label}{spdx}. {text_html(terms.terms)}"


def _change(change: LicenseChange) -> str:
    when = change.date.isoformat() + (f", {change.version}" if change.version else "")
    return tag("li", tag("span", text_html(when), class_="bs-product__when") + ": " + text_html(change.change))


def _lesson_link(catalog: Catalog, target: str, url_for: UrlFor) -> str:
    """A link to a lesson, named by its title, or to one of its sections: `Joins, in SQL fundamentals`."""
    ref, _, anchor = target.partition("#")
    lesson = catalog.lessons.get(ref)
    text = lesson.meta.title if lesson else ref
    if anchor:
        section = catalog.product_sections.get(target)
        text = f"{section.text if section else anchor}, in {text}"
    return link(text, url_for(ref) + (f"#{anchor}" if anchor else ""))
