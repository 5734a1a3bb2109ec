"""Reader progress and learning paths: the HTML that `progress.js` fills in from the browser's storage.

Item keys are shared with the rest of the site: `lesson:<area>/<slug>` (the lesson header's "done" box),
`checklist:<checklist>:<item>` (render.checklist) and `skill:<area>:<topic>:<level>` (hiring.self_assessment).
"""

from __future__ import annotations

import json

from macros.core.html import link, plain, tag, text_html
from macros.core.urls import UrlFor
from macros.model.catalog import Catalog
from macros.render.common import UnknownName, pick
from macros.render.hiring import LEVELS


def area_keys(catalog: Catalog, area: str) -> list[str]:
    """Everything a reader can tick in one area: its lessons, then the items of its checklist."""
    keys = [f"lesson:{ref}" for ref, lesson in catalog.lessons.items() if lesson.area == area]
    checklist = catalog.checklists.get(area)
    if checklist is not None:
        keys += [f"checklist:{checklist.id}:{item.id}" for item in checklist.items]
    return keys


def _summary(keys: list[str], label: str) -> str:
    """A progress bar that only appears once the script has counted what is done."""
    text = tag("span", f"0 of {len(keys)} done", data_progress_text="")
    bar = tag("progress", "", max=str(len(keys)), value="0", aria_label=label)
    return tag("div", tag("p", text) + bar, class_="bs-progress", data_progress_keys=json.dumps(keys), hidden="")


def progress_overview(catalog: Catalog, url_for: UrlFor) -> str:
    """One section per skill area with lessons or a checklist, with totals that read without JavaScript."""
    sections = []
    for area in catalog.skills.areas:
        keys = area_keys(catalog, area.id)
        if not keys:
            continue
        lessons = sum(1 for key in keys if key.startswith("lesson:"))
        items = len(keys) - lessons
        heading = tag("h2", link(area.title, url_for(f"{area.id}/index")), id=f"progress-{area.id}")
        facts = tag(
            "p", f"{lessons} lesson{'s' if lessons != 1 else ''}, {items} checklist item{'s' if items != 1 else ''}"
        )
        sections.append(
            tag("section", heading + facts + _summary(keys, f"Progress in {area.title}"), data_progress_area=area.id)
        )
    return "\n".join(sections)


def transfer_controls() -> str:
    """Export and import buttons; hidden until the script that makes them work has loaded."""
    export = tag("button", "Export progress", type="button", class_="md-button", data_progress_export="")
    field = tag("input", "", type="file", accept="application/json,.json", data_progress_import="").replace(
        "></input>", ">"
    )
    upload = tag("label", "Import progress from a file " + field, class_="bs-import")
    status = tag("p", "", role="status", aria_live="polite", class_="bs-status", data_progress_status="")
    controls = tag(
        "div", tag("p", export) + tag("p", upload) + status, class_="bs-transfer", data_progress_js="", hidden=""
    )
    note = tag(
        "p",
        "Progress is kept in this browser with JavaScript; without it this page lists what there is to do.",
        class_="bs-note",
        data_progress_nojs="",
    )
    return controls + note


def next_lessons(catalog: Catalog, area: str, url_for: UrlFor) -> str:
    """Lessons to read next, chosen in the browser from the levels the reader ticked in `area`."""
    data = pick("area", {a.id: a for a in catalog.skills.areas}, area)
    topics = []
    for topic in data.topics:
        lessons = [
            {"ref": ref, "title": catalog.lessons[ref].meta.title, "url": url_for(ref)}
            for ref in topic.lessons
            if ref in catalog.lessons
        ]
        if lessons:
            levels = [f"skill:{data.id}:{topic.id}:{level}" for level in LEVELS]
            topics.append({"title": topic.title, "levels": levels, "lessons": lessons})
    if not topics:
        return tag("p", "No lessons are mapped to this area's topics yet.", class_="bs-empty")
    fallback = tag(
        "ul",
        "".join(
            tag("li", link(t["lessons"][0]["title"], t["lessons"][0]["url"]) + f" ({text_html(t['title'])})")
            for t in topics
        ),
    )
    return tag("div", fallback, class_="bs-suggest", data_progress_suggest=json.dumps(topics))


# ---- learning paths --------------------------------------------------------------------------


def path_list(catalog: Catalog, url_for: UrlFor) -> str:
    if not catalog.paths:
        return tag("p", "No learning paths yet.", class_="bs-empty")
    items = []
    for path in catalog.paths.values():
        facts = f"{len(path.steps)} lessons · for {path.audience}"
        body = (
            link(path.title, url_for(f"paths/{path.id}"))
            + " "
            + tag("span", text_html(facts), class_="bs-lesson-facts")
        )
        items.append(tag("li", body + tag("p", text_html(path.description))))
    return tag("ul", "\n".join(items), class_="bs-lessons")


def learning_path(catalog: Catalog, name: str, url_for: UrlFor) -> str:
    """The path's prerequisite graph as a mermaid diagram, then its steps as an ordered list."""
    path = pick("learning path", catalog.paths, name)
    steps = []
    keys = []
    for step in path.steps:
        lesson = catalog.lessons[step.lesson]
        keys.append(f"lesson:{step.lesson}")
        needs = ""
        if step.requires:
            names = ", ".join(text_html(catalog.lessons[ref].meta.title) for ref in step.requires)
            needs = tag("p", f"After: {names}", class_="bs-lesson-facts")
        why = tag("p", text_html(step.why)) if step.why else ""
        facts = tag("span", text_html(f"{lesson.meta.time} min"), class_="bs-lesson-facts")
        steps.append(
            tag(
                "li",
                link(lesson.meta.title, url_for(step.lesson)) + " " + facts + why + needs,
                data_progress_lesson=step.lesson,
            )
        )
    summary = _summary(keys, f"Progress on the path {path.title}")
    listing = tag("ol", "\n".join(steps), class_="bs-lessons bs-path")
    reviewed = tag("p", f"Reviewed {text_html(path.last_reviewed.isoformat())}", class_="bs-reviewed")
    return summary + "\n\n" + mermaid_graph(catalog, name) + "\n\n" + listing + reviewed


def mermaid_graph(catalog: Catalog, name: str) -> str:
    """A Markdown mermaid fence: one node per step, one edge per prerequisite."""
    path = pick("learning path", catalog.paths, name)
    node = {step.lesson: f"s{index}" for index, step in enumerate(path.steps)}
    title = " ".join(_mermaid_label(path.title).split())
    lines = [
        "```mermaid",
        "graph TD",
        # The drawing's text alternative; the ordered list after it gives each step's prerequisites.
        f"  accTitle: Prerequisites between the lessons of the path {title}",
        "  accDescr: Each lesson is drawn below the lessons it builds on. The list that follows gives the same"
        " order and names each lesson's prerequisites.",
    ]
    for step in path.steps:
        lines.append(f'  {node[step.lesson]}["{_mermaid_label(catalog.lessons[step.lesson].meta.title)}"]')
    for step in path.steps:
        for required in step.requires:
            lines.append(f"  {node[required]} --> {node[step.lesson]}")
    lines.append("```")
    return "\n".join(lines)


def _mermaid_label(text: str) -> str:
    # Mermaid entity codes keep quotes and angle brackets from ending the label or becoming markup.
    replacements = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "`": "#96;"}
    return "".join(replacements.get(ch, ch) for ch in plain(text))  # a diagram shows no inline code


__all__ = ["UnknownName", "area_keys", "learning_path", "next_lessons", "path_list", "progress_overview"]
