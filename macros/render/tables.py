"""Render catalog data as HTML for pages. Pages call these through the documented macros (registry.py)."""

from __future__ import annotations

from collections.abc import Sequence

from macros.core.html import link, tag, text_html
from macros.core.theme import icon
from macros.core.urls import UrlFor
from macros.model.catalog import Catalog
from macros.model.lessons import Lesson
from macros.model.schema import LEVEL_LABELS, ChecklistItem, Comparison, ReleaseCell, SourcedCell, StandardRefs
from macros.render.common import UnknownName, pick, source_links
from macros.render.releases import release_cell

REF_LABELS = {
    "owasp_top10_2021": "OWASP Top 10 2021",
    "owasp_top10_2025": "OWASP Top 10 2025",
    "owasp_api_2023": "OWASP API Top 10 2023",
    "asvs_5": "ASVS 5.0",
    "cwe": "CWE",
}


# ---- comparison tables -----------------------------------------------------------------------


def comparison_table(catalog: Catalog, name: str, columns: Sequence[str] | None = None) -> str:
    table: Comparison = pick("comparison", catalog.comparisons, name)
    chosen = [c for c in table.columns if columns is None or c.key in columns]
    if columns is not None:
        unknown = set(columns) - {c.key for c in table.columns}
        if unknown:
            raise UnknownName(f"comparison '{name}' has no column(s) {', '.join(sorted(unknown))}")
    head = tag("th", "Option", scope="col") + "".join(tag("th", text_html(c.label), scope="col") for c in chosen)
    head += tag("th", "Sources", scope="col")
    rows = []
    for row in table.rows:
        cells = [tag("th", text_html(row.name), scope="row")]
        for column in chosen:
            cells.append(tag("td", _cell(catalog, row.cells[column.key])))
        reviewed = tag("p", f"Reviewed {text_html(row.last_reviewed.isoformat())}", class_="bs-reviewed")
        cells.append(tag("td", source_links(row.sources) + reviewed))
        rows.append(tag("tr", "".join(cells)))
    caption = tag(
        "caption", text_html(table.title) + tag("span", text_html(table.description), class_="bs-caption__text")
    )
    body = tag("table", caption + tag("thead", tag("tr", head)) + tag("tbody", "\n".join(rows)))
    return tag("div", body, class_="bs-comparison", data_comparison=table.id)


def _cell(catalog: Catalog, cell: str | SourcedCell | ReleaseCell) -> str:
    if isinstance(cell, ReleaseCell):
        return release_cell(cell, catalog.releases[cell.release])
    if isinstance(cell, SourcedCell):
        note = link("source", cell.source.url, class_="bs-cell-source", title=cell.source.title)
        return f"{text_html(cell.text)} {tag('sup', note)}"
    return text_html(cell)


# ---- checklists ------------------------------------------------------------------------------


def checklist(catalog: Catalog, name: str, url_for: UrlFor, lesson: str | None = None) -> str:
    data = pick("checklist", catalog.checklists, name)
    items = [item for item in data.items if lesson is None or item.lesson == lesson]
    if not items:
        raise UnknownName(f"checklist '{name}' has no items for lesson '{lesson}'")
    rendered = "\n".join(_checklist_item(data.id, item, url_for, show_lesson=lesson is None) for item in items)
    return tag("ul", rendered, class_="bs-checklist", data_checklist=data.id)


def _checklist_item(checklist_id: str, item: ChecklistItem, url_for: UrlFor, show_lesson: bool) -> str:
    key = f"checklist:{checklist_id}:{item.id}"
    box = tag("input", "", type="checkbox", data_progress_key=key).replace("></input>", ">")
    label = tag("label", box + " " + tag("span", text_html(item.text)))
    details = []
    if item.why:
        details.append(tag("p", text_html(item.why)))
    if item.evidence:
        details.append(tag("p", tag("strong", "Evidence to ask for: ") + text_html(item.evidence)))
    refs = _refs(item.refs)
    if refs:
        details.append(tag("p", refs, class_="bs-refs"))
    if show_lesson and item.lesson:
        details.append(tag("p", "Taught in " + link("the lesson", url_for(item.lesson))))
    details.append(source_links(item.sources))
    body = "".join(details)
    return tag("li", label + (tag("div", body, class_="bs-checklist__detail") if body else ""), data_item=item.id)


def _refs(refs: StandardRefs) -> str:
    parts = []
    for field, label in REF_LABELS.items():
        values = getattr(refs, field)
        if values:
            ids = ", ".join(f"CWE-{v}" if field == "cwe" else str(v) for v in values)
            parts.append(tag("span", f"{text_html(label)}: {text_html(ids)}", class_="bs-ref"))
    return " ".join(parts)


# ---- lessons and areas -----------------------------------------------------------------------


def lesson_list(catalog: Catalog, area: str, url_for: UrlFor) -> str:
    pick("area", {a.id: a for a in catalog.skills.areas}, area)
    lessons = [lesson for lesson in catalog.lessons.values() if lesson.area == area]
    if not lessons:
        return tag("p", "No lessons yet in this area: see the contributing guide to propose one.", class_="bs-empty")
    listing = tag("ol", "\n".join(_lesson_item(lesson, url_for) for lesson in lessons), class_="bs-lessons")
    # Every area page lists its lessons with this macro: the one place that offers each area to take along.
    take_along = tag(
        "p",
        "Take this area with you: "
        + link("PDF and EPUB", url_for("downloads"))
        + ", or "
        + link("all its lessons on one page", url_for(f"print/{area}"))
        + " to print. Pages you open stay readable offline.",
        class_="bs-take-along",
    )
    return listing + "\n" + take_along


def _lesson_item(lesson: Lesson, url_for: UrlFor) -> str:
    meta = lesson.meta
    facts = f"{LEVEL_LABELS[meta.level]} · {meta.time} min"
    return tag(
        "li",
        link(meta.title, url_for(lesson.ref))
        + " "
        + tag("span", text_html(facts), class_="bs-lesson-facts")
        + tag("p", text_html(meta.description)),
        data_progress_lesson=lesson.ref,
    )


def area_cards(catalog: Catalog, url_for: UrlFor) -> str:
    cards = []
    for area in catalog.skills.areas:
        count = sum(1 for lesson in catalog.lessons.values() if lesson.area == area.id)
        title = tag("p", icon(area.icon) + " " + link(area.title, url_for(f"{area.id}/index")), class_="bs-card__title")
        facts = (
            tag("p", f"{count} lesson{'s' if count != 1 else ''}", class_="bs-card__facts")
            if area.group != "guide"
            else ""
        )
        cards.append(tag("li", title + tag("p", text_html(area.summary)) + facts))
    return tag("div", tag("ul", "\n".join(cards)), class_="grid cards")


# ---- glossary --------------------------------------------------------------------------------


def glossary(catalog: Catalog, url_for: UrlFor) -> str:
    entries = []
    for term in sorted(catalog.glossary, key=lambda t: (t.abbr or t.term).lower()):
        name = f"{term.abbr} ({term.term})" if term.abbr else term.term
        body = text_html(term.definition)
        if term.lesson:
            body += " " + link("Lesson", url_for(term.lesson))
        if term.sources:
            body += source_links(term.sources)
        entries.append(tag("dt", text_html(name), id=f"term-{term.anchor}") + tag("dd", body))
    return tag("dl", "\n".join(entries), class_="bs-glossary")


def abbreviations(catalog: Catalog) -> dict[str, str]:
    """The glossary's abbreviations and what they stand for: the `abbr` extension's glossary on every page."""
    return {
        term.abbr: term.term.replace("\n", " ")
        for term in sorted(catalog.glossary, key=lambda t: t.abbr or "")
        if term.abbr
    }
