"""Reader progress and learning paths: the HTML that `progress.js` fills in from the browser's storage.

Item keys are shared with the rest of the site: `lesson:<area>/<slug>` (the lesson header's "done" box),
`checklist:<checklist>:<item>` (render.checklist) and `skill:<area>:<topic>:<level>` (hiring.self_assessment).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from macros.core.html import link, plain, tag, text_html
from macros.core.urls import UrlFor
from macros.model.catalog import Catalog
from macros.model.schema import LearningPath
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
    """Each learning path, then each skill area with lessons or a checklist: totals that read without JavaScript,
    bars and a "continue" link that the script fills in."""
    parts = []
    if catalog.paths:
        parts.append(tag("h2", "Learning paths", id="progress-paths"))
        for path in catalog.paths.values():
            heading = tag("h3", link(path.title, url_for(f"paths/{path.id}")), id=f"progress-path-{path.id}")
            facts = tag("p", f"{len(path.steps)} lessons, for {text_html(path.audience)}")
            body = heading + facts + _summary(path_keys(path), f"Progress on the path {path.title}")
            body += continue_box(catalog, path, url_for)
            parts.append(tag("section", body, data_progress_path=path.id))
        parts.append(tag("h2", "Skill areas", id="progress-areas"))
    level = "h3" if catalog.paths else "h2"
    for area in catalog.skills.areas:
        keys = area_keys(catalog, area.id)
        if not keys:
            continue
        lessons = sum(1 for key in keys if key.startswith("lesson:"))
        items = len(keys) - lessons
        heading = tag(level, link(area.title, url_for(f"{area.id}/index")), id=f"progress-{area.id}")
        facts = tag(
            "p", f"{lessons} lesson{'s' if lessons != 1 else ''}, {items} checklist item{'s' if items != 1 else ''}"
        )
        parts.append(
            tag("section", heading + facts + _summary(keys, f"Progress in {area.title}"), data_progress_area=area.id)
        )
    return "\n".join(parts)


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
#
# A lesson opened from a path carries `?path=<id>` in its URL. Without JavaScript the parameter does nothing
# and the lesson reads as it does from its area. progress.js reads it, and finds the path's steps in the
# definitions that the pages below put in `data-bs-paths` (kept in the browser once seen): the lesson then says
# where it is on the path, and its "Next" and "Mark complete and continue" follow the path.


def path_keys(path: LearningPath) -> list[str]:
    return [f"lesson:{step.lesson}" for step in path.steps]


def path_link(url: str, path: LearningPath) -> str:
    """A lesson's URL as opened from a path."""
    return f"{url}?path={path.id}"


def _definitions(catalog: Catalog, paths: list[LearningPath], url_for: UrlFor) -> str:
    """The paths' steps for progress.js, as JSON: ids, plain-text titles and URLs relative to this page."""
    return json.dumps(
        [
            {
                "id": path.id,
                "title": plain(path.title),
                "url": url_for(f"paths/{path.id}"),
                "steps": [
                    {"ref": s.lesson, "title": plain(catalog.lessons[s.lesson].meta.title), "url": url_for(s.lesson)}
                    for s in path.steps
                ],
            }
            for path in paths
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def continue_box(catalog: Catalog, path: LearningPath, url_for: UrlFor) -> str:
    """Where to go on `path`: its first lesson, which the script changes to where the reader left off."""
    first = path.steps[0].lesson
    label = tag("p", "Start here", class_="bs-continue__label")
    target = link(catalog.lessons[first].meta.title, path_link(url_for(first), path), data_bs_continue_link="")
    facts = tag("p", f"Lesson 1 of {len(path.steps)}", class_="bs-lesson-facts", data_bs_continue_facts="")
    return tag(
        "div",
        label + tag("p", target) + facts,
        class_="bs-continue",
        data_bs_continue=path.id,
        data_bs_paths=_definitions(catalog, [path], url_for),
    )


def recent_box(catalog: Catalog, url_for: UrlFor) -> str:
    """The last lesson the reader opened: only the script knows it, so the box stays hidden without it."""
    label = tag("p", "Continue where you left off", class_="bs-continue__label")
    target = tag("a", "", href=url_for("index"), data_bs_continue_link="")
    facts = tag("p", "", class_="bs-lesson-facts", data_bs_continue_facts="")
    return tag(
        "div",
        label + tag("p", target) + facts,
        class_="bs-continue bs-continue--recent",
        data_bs_continue="",
        data_bs_paths=_definitions(catalog, list(catalog.paths.values()), url_for),
        hidden="",
    )


def path_list(catalog: Catalog, url_for: UrlFor) -> str:
    """Every path with its progress, after the reader's last lesson (home page and the paths page)."""
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
        first = path.steps[0].lesson
        start = tag(
            "p",
            "Starts with " + link(catalog.lessons[first].meta.title, path_link(url_for(first), path)),
            class_="bs-lesson-facts",
        )
        summary = _summary(path_keys(path), f"Progress on the path {path.title}")
        items.append(tag("li", body + tag("p", text_html(path.description)) + start + summary))
    return recent_box(catalog, url_for) + "\n" + tag("ul", "\n".join(items), class_="bs-lessons bs-path-list")


def learning_path(catalog: Catalog, name: str, url_for: UrlFor) -> str:
    """Progress and where to continue, the path as a roadmap of links, then its steps as an ordered list."""
    path = pick("learning path", catalog.paths, name)
    steps = []
    for step in path.steps:
        lesson = catalog.lessons[step.lesson]
        needs = ""
        if step.requires:
            names = ", ".join(text_html(catalog.lessons[ref].meta.title) for ref in step.requires)
            needs = tag("p", f"After: {names}", class_="bs-lesson-facts")
        why = tag("p", text_html(step.why)) if step.why else ""
        facts = tag("span", text_html(f"{lesson.meta.time} min"), class_="bs-lesson-facts")
        steps.append(
            tag(
                "li",
                link(lesson.meta.title, path_link(url_for(step.lesson), path)) + " " + facts + why + needs,
                data_progress_lesson=step.lesson,
            )
        )
    summary = _summary(path_keys(path), f"Progress on the path {path.title}")
    listing = tag("ol", "\n".join(steps), class_="bs-lessons bs-path")
    reviewed = tag("p", f"Reviewed {text_html(path.last_reviewed.isoformat())}", class_="bs-reviewed")
    parts = [summary, continue_box(catalog, path, url_for), roadmap(catalog, path, url_for), listing + reviewed]
    return "\n\n".join(parts)


# ---- the roadmap: a path drawn as SVG at build time ---------------------------------------------
#
# One box per step, top to bottom in reading order, so that the drawing keeps the column's width on a phone
# and its text stays at the size of the text around it (the CSS scales it between 20 and 24 em wide). A step
# that needs the one just above it gets an arrow between the two; other prerequisites run through a gutter
# on the left, one line per lesson that others need. Each box links to its lesson; progress.js marks the done
# ones. Drawn here rather than by mermaid: its layered layout puts siblings side by side, several boxes
# wide, and a phone then shrinks the text to a few pixels.

ROADMAP_WIDTH = 320
FONT_SIZE = 16
LINE_HEIGHT = 20
PAD_X, PAD_Y = 12, 10
MARK_ROOM = 22  # right of the label: the done mark
GAP = 26  # between two boxes: room for an arrow
TRACK = 10  # between two lines of the gutter
# Advance widths in em of DejaVu Sans, the widest face the theme's font stack falls back to (Linux): a label
# wrapped to these widths fits its box in every font of the stack. Other characters count as 1 em.
_WIDTHS = {
    ch: width
    for width, chars in (
        (0.28, "'ijl"), (0.30, "IJ"), (0.32, " ,."), (0.34, "/:;\\|"), (0.36, "f"), (0.37, "-"),
        (0.40, "()[]t"), (0.41, "!"), (0.42, "r"), (0.47, '"'), (0.51, "*_`"), (0.53, "sz"), (0.54, "?"),
        (0.56, "Lc"), (0.58, "Fk"), (0.60, "vxy"), (0.61, "P"), (0.62, "TYaeo"),
        (0.64, "0123456789$ESbdghnpqu{}"), (0.66, "K"), (0.69, "ABVXZ"), (0.70, "CR"), (0.74, "U"),
        (0.75, "N"), (0.76, "H"), (0.78, "DG"), (0.79, "&OQ"), (0.82, "w"), (0.84, "#+<=>^~"), (0.87, "M"),
        (0.95, "%"), (0.98, "m"), (0.99, "W"), (1.0, "@"),
    )
    for ch in chars
}  # fmt: skip


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return size * sum(_WIDTHS.get(ch, 1.0) for ch in text)


def wrap(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """Words in lines no wider than `width`; a word wider than a line gets a line of its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


@dataclass(frozen=True)
class Branch:
    """A lesson that steps further down need: a line of the gutter from it to the last of them."""

    source: int
    targets: tuple[int, ...]
    track: int  # 0 is the line nearest the boxes


def branches(path: LearningPath) -> list[Branch]:
    """Prerequisites other than the step just above, one line per required lesson, on as few lines as fit."""
    index = {step.lesson: i for i, step in enumerate(path.steps)}
    needed_by: dict[int, list[int]] = {}
    for j, step in enumerate(path.steps):
        for ref in step.requires:
            if index[ref] != j - 1:
                needed_by.setdefault(index[ref], []).append(j)
    ends: list[int] = []  # the last row each track reaches
    found = []
    for source in sorted(needed_by):
        targets = tuple(sorted(needed_by[source]))
        # A line may reuse a track only below the one before it: sharing a box's edge would join them.
        track = next((t for t, end in enumerate(ends) if end < source), len(ends))
        if track == len(ends):
            ends.append(targets[-1])
        else:
            ends[track] = targets[-1]
        found.append(Branch(source, targets, track))
    return found


@dataclass(frozen=True)
class _Box:
    top: float
    height: float
    lines: list[str]

    @property
    def into(self) -> float:  # where a line from the gutter enters
        return self.top + self.height / 2 - 5

    @property
    def out(self) -> float:  # where a line to the gutter leaves
        return self.top + self.height / 2 + 5


def _f(number: float) -> str:
    return f"{number:.1f}".removesuffix(".0")


def roadmap(catalog: Catalog, path: LearningPath, url_for: UrlFor) -> str:
    """The path drawn as SVG, with an ordered list of links laid over its boxes, and a caption on how to use it.

    The links are HTML, not SVG: crawlers and Material's instant navigation read an SVG link's href as an object
    (Material throws on it), and HTML links take focus, show it and read as a list of the path's lessons.
    """
    found = branches(path)
    tracks = 1 + max((b.track for b in found), default=-1)
    left = 2 + (10 + (tracks - 1) * TRACK if tracks else 0)
    width = ROADMAP_WIDTH - left - 2
    boxes: list[_Box] = []
    top = 2.0
    for number, step in enumerate(path.steps, 1):
        label = f"{number}. {plain(catalog.lessons[step.lesson].meta.title)}"
        lines = wrap(label, width - 2 * PAD_X - MARK_ROOM)
        boxes.append(_Box(top, len(lines) * LINE_HEIGHT + 2 * PAD_Y, lines))
        top += boxes[-1].height + GAP
    height = top - GAP + 2
    drawing = _edges(path, boxes, found, left, width) + "".join(
        _box(step.lesson, box, left, width) for step, box in zip(path.steps, boxes, strict=True)
    )
    # The drawing repeats the links' names: assistive technology reads the list instead.
    svg = tag(
        "svg",
        drawing,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {ROADMAP_WIDTH} {_f(height)}",
        width=str(ROADMAP_WIDTH),
        height=_f(height),
        class_="bs-diagram__svg bs-roadmap__svg",
        font_size=str(FONT_SIZE),
        aria_hidden="true",
        focusable="false",
    )
    links = tag(
        "ol",
        "".join(
            _link(catalog, path, number, step.lesson, box, left, width, height, url_for)
            for number, (step, box) in enumerate(zip(path.steps, boxes, strict=True), 1)
        ),
        class_="bs-roadmap__links",
    )
    caption_id = f"roadmap-{path.id}"
    caption = tag(
        "p",
        f"Roadmap of the path {text_html(path.title)}: each lesson below the ones it builds on (an arrow, or a line"
        " on the left, leads from a lesson to those that need it). Select a lesson to open it on this path;"
        " lessons you have marked as done are ticked.",
        class_="bs-roadmap__caption",
        id=caption_id,
    )
    drawn = tag("div", svg + links, class_="bs-roadmap__map", role="group", aria_labelledby=caption_id)
    return tag("div", caption + drawn, class_="bs-diagram bs-roadmap", data_search_exclude="")


def _box(ref: str, box: _Box, left: float, width: float) -> str:
    rect = tag(
        "rect",
        "",
        x=_f(left),
        y=_f(box.top),
        width=_f(width),
        height=_f(box.height),
        rx="4",
        class_="bs-roadmap__box",
        fill="#f5f5f5",
        stroke="#9e9e9e",
    )
    # A line's baseline sits about 0.35 em below the middle of its line box.
    first = box.top + PAD_Y + LINE_HEIGHT / 2 + 0.35 * FONT_SIZE
    spans = "".join(
        tag("tspan", text_html(line), x=_f(left + PAD_X), y=_f(first + i * LINE_HEIGHT))
        for i, line in enumerate(box.lines)
    )
    label = tag("text", spans, class_="bs-roadmap__label")
    mark = tag(
        "text", "✓", x=_f(left + width - PAD_X - 4), y=_f(first), class_="bs-roadmap__mark", text_anchor="middle"
    )
    return tag("g", rect + label + mark, class_="bs-roadmap__step", data_roadmap_box=ref)


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.3f}".rstrip("0").rstrip(".") + "%"


def _link(
    catalog: Catalog,
    path: LearningPath,
    number: int,
    ref: str,
    box: _Box,
    left: float,
    width: float,
    height: float,
    url: UrlFor,
) -> str:
    """A list item over the box of step `number`, in percentages of the drawing: it fits at any scale."""
    place = (
        f"left:{_percent(left, ROADMAP_WIDTH)};top:{_percent(box.top, height)};"
        f"width:{_percent(width, ROADMAP_WIDTH)};height:{_percent(box.height, height)}"
    )
    name = tag("span", text_html(f"{number}. {plain(catalog.lessons[ref].meta.title)}"))
    state = tag("span", "", data_roadmap_state="")
    target = tag(
        "a",
        tag("span", name + state, class_="bs-visually-hidden"),
        href=path_link(url(ref), path),
        class_="bs-roadmap__node",
        data_roadmap_lesson=ref,
    )
    return tag("li", target, style=place)


def _edges(path: LearningPath, boxes: list[_Box], found: list[Branch], left: float, width: float) -> str:
    """Arrows between a step and the next that needs it; gutter lines for the other prerequisites."""
    index = {step.lesson: i for i, step in enumerate(path.steps)}
    middle = left + width / 2
    drawn: list[str] = []
    heads: list[str] = []
    for j, step in enumerate(path.steps):
        if j and any(index[ref] == j - 1 for ref in step.requires):
            start, end = boxes[j - 1].top + boxes[j - 1].height, boxes[j].top - 1
            drawn.append(_line(f"M{_f(middle)} {_f(start)}V{_f(end - 5)}"))
            heads.append(_arrow_down(middle, end))
    # Inner lines first: a line further out crosses them with its horizontal strokes, each drawn over a wider
    # band of the background, so that it bridges a line it crosses instead of seeming to join it.
    for branch in sorted(found, key=lambda b: b.track):
        x = left - 10 - branch.track * TRACK
        source, last = boxes[branch.source], boxes[branch.targets[-1]]
        rows = [source.out] + [boxes[t].into for t in branch.targets]
        ends = [left] + [left - 6] * len(branch.targets)
        halo = "".join(f"M{_f(x + 2)} {_f(y)}H{_f(end)}" for y, end in zip(rows, ends, strict=True))
        line = f"M{_f(x)} {_f(source.out)}V{_f(last.into)}" + "".join(
            f"M{_f(x)} {_f(y)}H{_f(end)}" for y, end in zip(rows, ends, strict=True)
        )
        drawn.append(tag("path", "", d=halo, class_="bs-roadmap__halo", fill="none", stroke="#fff", stroke_width="5"))
        drawn.append(_line(line))
        heads.extend(_arrow_right(left - 1, boxes[t].into) for t in branch.targets)
    arrows = tag("path", "", d="".join(heads), class_="bs-roadmap__head", fill="#757575") if heads else ""
    return tag("g", "".join(drawn) + arrows, class_="bs-roadmap__edges", aria_hidden="true")


def _line(d: str) -> str:
    return tag("path", "", d=d, class_="bs-roadmap__edge", fill="none", stroke="#757575", stroke_width="1.5")


def _arrow_down(x: float, tip: float) -> str:
    return f"M{_f(x)} {_f(tip)}l-4.5 -7h9z"


def _arrow_right(tip: float, y: float) -> str:
    return f"M{_f(tip)} {_f(y)}l-7 -4.5v9z"


__all__ = [
    "UnknownName",
    "area_keys",
    "branches",
    "continue_box",
    "learning_path",
    "next_lessons",
    "path_keys",
    "path_list",
    "progress_overview",
    "roadmap",
]
