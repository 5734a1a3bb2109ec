"""Render the hiring guide's data: the skills matrix (per level) and the interview question bank.

Both read the same catalog as the lessons: the matrix comes from `levels` in `data/skills.yml`, the
questions from `data/questions/<area>.yml`. Every string goes through `esc` (directly or via `tag`/`link`).
"""

from __future__ import annotations

from macros.core.html import link, tag, text_html
from macros.core.urls import UrlFor
from macros.model.catalog import Catalog
from macros.model.schema import Area, Question, Topic
from macros.render.common import UnknownName

LEVELS = ("junior", "mid", "senior")
LEVEL_LABELS = {"junior": "Junior", "mid": "Mid-level", "senior": "Senior"}


def _area(catalog: Catalog, area_id: str) -> Area:
    areas = {area.id: area for area in catalog.skills.areas}
    if area_id not in areas:
        raise UnknownName(f"no area '{area_id}' in data/skills.yml (known: {', '.join(sorted(areas))})")
    return areas[area_id]


def _check_level(level: str | None) -> None:
    if level is not None and level not in LEVELS:
        raise UnknownName(f"no level '{level}' (known: {', '.join(LEVELS)})")


def _lesson_links(catalog: Catalog, refs: list[str], url_for: UrlFor) -> str:
    items = [
        tag("li", link(catalog.lessons[ref].meta.title if ref in catalog.lessons else ref, url_for(ref)))
        for ref in refs
    ]
    return tag("ul", "".join(items), class_="bs-sources") if items else ""


# ---- skills matrix ---------------------------------------------------------------------------


def skills_matrix(catalog: Catalog, area: str, url_for: UrlFor, level: str | None = None) -> str:
    """One table for one area: a row per topic, a column per level (or only `level`), and its lessons."""
    data = _area(catalog, area)
    _check_level(level)
    levels = LEVELS if level is None else (level,)
    head = tag("th", "Topic", scope="col")
    head += "".join(tag("th", text_html(LEVEL_LABELS[name]), scope="col") for name in levels)
    head += tag("th", "Taught in", scope="col")
    rows = [_matrix_row(catalog, topic, levels, url_for) for topic in data.topics]
    caption = tag(
        "caption",
        text_html(data.title)
        + tag("span", "What each level looks like, as behaviours you can observe.", class_="bs-caption__text"),
    )
    table = tag("table", caption + tag("thead", tag("tr", head)) + tag("tbody", "\n".join(rows)))
    # Wide tables scroll sideways on small screens: a focusable, named region keeps that usable by keyboard.
    label = f"Skills matrix: {data.title}"
    return tag(
        "div", table, class_="bs-skills-matrix", data_skills_area=data.id, role="region", aria_label=label, tabindex="0"
    )


def _matrix_row(catalog: Catalog, topic: Topic, levels: tuple[str, ...], url_for: UrlFor) -> str:
    cells = [tag("th", text_html(topic.title), scope="row")]
    for name in levels:
        text = getattr(topic.levels, name) if topic.levels else "Not described yet."
        cells.append(tag("td", text_html(text)))
    lessons = _lesson_links(catalog, topic.lessons, url_for)
    cells.append(tag("td", lessons or text_html("Lessons to come.")))
    return tag("tr", "".join(cells), data_topic=topic.id)


def self_assessment(catalog: Catalog, area: str) -> str:
    """The same behaviours as a list a learner can tick off, one box per topic and level."""
    data = _area(catalog, area)
    items = []
    for topic in data.topics:
        if topic.levels is None:
            continue
        for name in LEVELS:
            key = f"skill:{data.id}:{topic.id}:{name}"
            box = tag("input", "", type="checkbox", data_progress_key=key).replace("></input>", ">")
            text = f"{topic.title} ({LEVEL_LABELS[name]}): {getattr(topic.levels, name)}"
            items.append(
                tag("li", tag("label", box + " " + tag("span", text_html(text))), data_item=f"{topic.id}-{name}")
            )
    if not items:
        return tag("p", "No level descriptions yet for this area.", class_="bs-empty")
    return tag("ul", "\n".join(items), class_="bs-checklist", data_checklist=f"skills-{data.id}")


# ---- question bank ---------------------------------------------------------------------------


def question_bank(catalog: Catalog, area: str, url_for: UrlFor, level: str | None = None) -> str:
    """Every question for an area (optionally one level), each folded: strong answer, red flags, lessons."""
    data = _area(catalog, area)
    _check_level(level)
    bank = catalog.questions.get(data.id)
    if bank is None:
        return tag("p", "No interview questions for this area yet.", class_="bs-empty")
    chosen = [q for q in bank.questions if level is None or q.level == level]
    if not chosen:
        return tag(
            "p", f"No {text_html(LEVEL_LABELS[level or 'mid']).lower()} questions for this area yet.", class_="bs-empty"
        )
    order = {name: i for i, name in enumerate(LEVELS)}
    chosen.sort(key=lambda q: order[q.level])
    rendered = "\n".join(_question(catalog, data.id, q, url_for) for q in chosen)
    reviewed = tag("p", f"Reviewed {text_html(bank.last_reviewed.isoformat())}", class_="bs-reviewed")
    return tag("div", rendered + reviewed, class_="bs-questions", data_questions=data.id)


def _question(catalog: Catalog, area: str, question: Question, url_for: UrlFor) -> str:
    summary = tag(
        "summary", f"{text_html(question.question)} " + tag("em", f"({text_html(LEVEL_LABELS[question.level])})")
    )
    body = tag("p", tag("strong", "A strong answer covers:"))
    body += tag("ul", "".join(tag("li", text_html(point)) for point in question.strong_answer))
    body += tag("p", tag("strong", "Red flags:"))
    body += tag("ul", "".join(tag("li", text_html(flag)) for flag in question.red_flags))
    lessons = _lesson_links(catalog, question.lessons, url_for)
    if lessons:
        body += tag("p", tag("strong", "Taught in:")) + lessons
    return tag("details", summary + body, class_="question", id=f"q-{area}-{question.id}", data_level=question.level)


def question_counts(catalog: Catalog) -> str:
    """A summary table: how many questions each area has at each level."""
    head = tag("th", "Area", scope="col") + "".join(tag("th", text_html(LEVEL_LABELS[n]), scope="col") for n in LEVELS)
    head += tag("th", "Total", scope="col")
    rows = []
    for area in catalog.skills.areas:
        bank = catalog.questions.get(area.id)
        if bank is None:
            continue
        counts = [sum(1 for q in bank.questions if q.level == name) for name in LEVELS]
        cells = tag("th", text_html(area.title), scope="row") + "".join(tag("td", str(c)) for c in counts)
        rows.append(tag("tr", cells + tag("td", str(sum(counts)))))
    caption = tag("caption", "Questions per area and level")
    table = tag("table", caption + tag("thead", tag("tr", head)) + tag("tbody", "\n".join(rows)))
    return tag("div", table, class_="bs-comparison")
