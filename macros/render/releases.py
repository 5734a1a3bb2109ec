"""The release macros: version, support and end-of-life facts in a page's words, from data/releases/.

Each answers for the build date (macros/model/releases.py), so a page that says "the current LTS is
{{ release("nodejs", "lts") }}" stays true from one month to the next without an edit. Inline macros return
plain text, escaped for Markdown; `supported_releases` returns a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from macros.core.html import link, md_text, tag, text_html
from macros.model.catalog import Catalog
from macros.model.releases import (
    ReleaseLookupError,
    build_date,
    is_lts,
    milestone_date,
    select,
    status_text,
    supported,
)
from macros.model.schema import ReleaseCell, ReleaseProduct
from macros.render.common import pick


def release(catalog: Catalog, product: str, which: str = "current") -> str:
    """A release cycle's name: `release("python", "current")` is `3.14` while 3.14 is the newest supported."""
    return md_text(select(_product(catalog, product), which, build_date()).cycle)


def release_status(catalog: Catalog, product: str, which: str) -> str:
    """Where a cycle stands: `end of life since 2026-10-27`, `supported until 2030-10-31`."""
    on = build_date()
    return md_text(status_text(select(_product(catalog, product), which, on), on))


def release_date(catalog: Catalog, product: str, which: str, event: str = "eol") -> str:
    """A cycle's date for one event (released, lts, active_support, eol, extended_support), as YYYY-MM-DD."""
    chosen = select(_product(catalog, product), which, build_date())
    return md_text(milestone_date(chosen, event).isoformat())


def supported_releases(catalog: Catalog, products: str | Sequence[str]) -> str:
    """A table of the releases of one or more products that are supported on the build date."""
    on = build_date()
    chosen = [_product(catalog, name) for name in ([products] if isinstance(products, str) else products)]
    head = "".join(
        tag("th", label, scope="col") for label in ("Product", "Release", "Released", "Long-term support", "Status")
    )
    rows = []
    for product in chosen:
        for cycle in supported(product, on):
            lts = "yes" if is_lts(cycle, on) else "no"
            cells = (product.title, cycle.cycle, cycle.released.isoformat(), lts, status_text(cycle, on))
            rows.append(tag("tr", "".join(tag("td", text_html(cell)) for cell in cells)))
    snapshots = sorted({p.snapshot for p in chosen})
    caption = tag(
        "caption",
        text_html(f"Supported releases on {on.isoformat()}")
        + tag("span", _sources(chosen, snapshots), class_="bs-caption__text"),
    )
    body = tag("table", caption + tag("thead", tag("tr", head)) + tag("tbody", "\n".join(rows)))
    return tag("div", body, class_="bs-comparison bs-releases")


def release_cell(cell: ReleaseCell, product: ReleaseProduct, shown: int = 2) -> str:
    """A comparison cell's versions: the releases supported on the build date (or only the LTS lines), newest
    first, each with where it stands (`26 LTS, supported until 2029-04-30`), then the cell's note and the
    snapshot it comes from."""
    on = build_date()
    if not cell.lts_only:
        select(product, "current", on)  # refuses a snapshot that a newer release has overtaken, as `release` does
    cycles = [c for c in supported(product, on) if is_lts(c, on) or not cell.lts_only]
    if not cycles:
        kind = "long-term support release" if cell.lts_only else "release"
        raise ReleaseLookupError(f"{product.title} has no {kind} that is supported on {on.isoformat()}")
    # Terse, since a table has many cells to a row: `3.14 until 2030-10-31`, `24 LTS in maintenance until ...`.
    named = [
        f"{c.cycle}{' LTS' if is_lts(c, on) else ''} {status_text(c, on).removeprefix('supported ')}"
        for c in cycles[:shown]
    ]
    if len(cycles) > shown:
        named.append(f"and {len(cycles) - shown} older")
    text = text_html("; ".join(named))
    if cell.note:
        text += ". " + text_html(cell.note)
    source = link("source", product.source.url, class_="bs-cell-source", title=product.source.title)
    dated = tag("span", text_html(f"(data of {product.snapshot.isoformat()})"), class_="bs-cell-date")
    return f"{text} {dated} {tag('sup', source)}"


def _sources(products: list[ReleaseProduct], snapshots: list[dt.date]) -> str:
    dated = ", ".join(day.isoformat() for day in snapshots)
    links = ", ".join(link(product.source.title, product.source.url) for product in products)
    return f"From {links} (snapshot of {text_html(dated)})."


def _product(catalog: Catalog, name: str) -> ReleaseProduct:
    return pick("release snapshot", catalog.releases, name)
