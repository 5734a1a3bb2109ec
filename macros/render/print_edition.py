"""The print edition: every lesson, in navigation order, on one page; and one page per skill area.

The whole edition is one page to print or save as PDF, but it is megabytes of HTML: too much to open on a
phone (Lighthouse mobile: first paint after the whole page downloads). Each area's part is also a page
of its own (docs/print/<area>.md), quick to open and read offline.

The edition is assembled from the HTML each lesson already rendered for its own page. Converting every
lesson's Markdown a second time for this page was half of the whole build; now each lesson is converted
once. Two steps:

1. The `print_edition` macro lays out the skeleton while the print page renders: an h2 per skill area and,
   per lesson, an anchored h3 title, its facts and objectives (escaped front matter) and an empty slot.
2. After every page is converted, `fill_slots` (called from the `on_env` hook in macros/mkdocs_plugin/plugin.py) puts
   each lesson's HTML into its slot, rewritten for its new place:
   - headings move down two levels (the edition's h1 > area h2 > lesson h3 sit above them), and the
     lesson's own h1 is dropped (the h3 title replaces it);
   - ids are prefixed with the lesson's anchor, since every lesson has a "why-it-matters", and so is every
     reference to them (`href="#…"`, `for`, `aria-*`, SVG `url(#…)` and `<style>` selectors);
   - a link to another lesson points at that lesson's part of this page (at the same heading, when the
     link names one); other relative links and images are re-pointed from the print page's URL;
   - code blocks lose their copy buttons, and the page loses the scripts lessons carry: the print page
     runs no script;
   - folded blocks (self-check answers, hints, solutions) print open, and progress checkboxes are left out.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable, Mapping

from macros.core.html import tag, text_html
from macros.model.catalog import Catalog
from macros.model.lessons import Lesson
from macros.model.schema import LEVEL_LABELS

# The empty element the skeleton leaves for a lesson's HTML.
_SLOT = re.compile(r'<div class="bs-print-slot" data-print-lesson="(?P<ref>[a-z0-9-]+/[a-z0-9-]+)"></div>')

_HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")
_FIRST_H1 = re.compile(r"<h1\b[^>]*>.*?</h1>\s*", re.S)
_COPY_BUTTONS = re.compile(r'<nav class="md-code__nav bs-code-actions"[^>]*>.*?</nav>', re.S)
# Scripts a lesson's page carries (the SQL runner, macros/mkdocs_plugin/plugin.py): the edition runs none.
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.S)
# Paper cannot click: folded answers, hints and solutions print open, and controls that need a script to mean
# anything (the checkboxes that track progress) are left out.
_CLOSED_DETAILS = re.compile(r"<details\b(?![^>]*\sopen\b)")
_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>\s*')
_PROGRESS_TOGGLE = re.compile(r'<p class="bs-progress-toggle"[^>]*>.*?</p>\s*', re.S)
# Attribute names start after a space (or `xlink:`), never inside a longer name such as `data-id` or in text
# such as `<code>href="…"`. The character before the name is matched (group `pre`), not looked behind at: a
# pattern that starts with a look-behind is tried at every position of the edition's megabytes, 4 times slower.
# Every attribute that holds an id or refers to one, in one pattern, so the edition is read once for all of
# them: `id` and `for`, the aria attributes that hold a list of ids, and `name`, by which tabbed blocks group
# their radio buttons (a group must not be shared with another lesson's tabs).
_ID_ATTRIBUTE = re.compile(
    r'(?P<pre>[\s:])(?P<name>id|for|aria-labelledby|aria-describedby|aria-controls|aria-owns|name)="(?P<value>[^"]+)"'
)
_ID_LISTS = {"aria-labelledby", "aria-describedby", "aria-controls", "aria-owns"}
_TAB_GROUP = "__tabbed_"
_URL_ATTRIBUTE = re.compile(r'(?P<pre>[\s:])(?P<name>href|src|data-clipboard-target)="(?P<value>[^"]*)"')
_SVG_REFERENCE = re.compile(r"url\(#([^)\s]+)\)")
_STYLE_BLOCK = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.S)
_CSS_ID = re.compile(r"#([A-Za-z_][\w-]*)")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.I)


def lesson_anchor(ref: str) -> str:
    return "lesson-" + ref.replace("/", "-")


class UnknownArea(KeyError):
    """A print page asked for an area with no lessons; the message lists the areas that have some."""

    def __str__(self) -> str:
        return str(self.args[0])


def _lessons_by_area(catalog: Catalog, area: str | None = None) -> list[tuple[str, str, list[Lesson]]]:
    grouped = []
    for skill_area in catalog.skills.areas:
        lessons = [lesson for lesson in catalog.lessons.values() if lesson.area == skill_area.id]
        if lessons:
            grouped.append((skill_area.id, skill_area.title, lessons))
    if area is None:
        return grouped
    chosen = [group for group in grouped if group[0] == area]
    if not chosen:
        known = ", ".join(group[0] for group in grouped)
        raise UnknownArea(f"no lessons in area '{area}' for a print page (areas with lessons: {known})")
    return chosen


def area_ids(catalog: Catalog) -> list[str]:
    """The areas that have lessons, each with its own print page."""
    return [area_id for area_id, _, _ in _lessons_by_area(catalog)]


def table_of_contents(catalog: Catalog, area: str | None = None) -> str:
    items = []
    for area_id, area_title, lessons in _lessons_by_area(catalog, area):
        links = "".join(
            tag("li", tag("a", text_html(lesson.meta.title), href=f"#{lesson_anchor(lesson.ref)}"))
            for lesson in lessons
        )
        items.append(tag("li", tag("a", text_html(area_title), href=f"#area-{area_id}") + tag("ul", links)))
    return tag("nav", tag("ul", "".join(items)), class_="bs-print-contents", aria_label="Contents")


def area_editions(catalog: Catalog, url_for: Callable[[str], str]) -> str:
    """Links to each area's print page."""
    items = [
        tag("li", tag("a", text_html(title), href=url_for(f"print/{area_id}")))
        for area_id, title, _ in _lessons_by_area(catalog)
    ]
    return tag("ul", "".join(items), class_="bs-print-areas")


def print_edition(catalog: Catalog, area: str | None = None) -> str:
    """The skeleton: area and lesson headings with each lesson's facts, and a slot for its body."""
    parts = []
    for area_id, area_title, lessons in _lessons_by_area(catalog, area):
        parts.append(tag("h2", text_html(area_title), id=f"area-{area_id}"))
        parts.extend(_lesson_skeleton(lesson) for lesson in lessons)
    return tag("div", "\n".join(parts), class_="bs-print-edition")


def _lesson_skeleton(lesson: Lesson) -> str:
    meta = lesson.meta
    facts = f"{LEVEL_LABELS[meta.level]} · {meta.time} min · reviewed {meta.last_reviewed.isoformat()}"
    objectives = "".join(tag("li", text_html(objective)) for objective in meta.objectives)
    return tag(
        "section",
        tag("h3", text_html(meta.title), id=lesson_anchor(lesson.ref))
        + tag("p", tag("em", text_html(facts)))
        + tag("p", tag("strong", "You will be able to"))
        + tag("ul", objectives)
        + tag("div", "", class_="bs-print-slot", data_print_lesson=lesson.ref),
        class_="bs-print-lesson",
    )


def lesson_refs_in(html: str) -> list[str]:
    """The lessons whose slots a rendered page holds (none, except on the print edition)."""
    return [match["ref"] for match in _SLOT.finditer(html)]


def fill_slots(edition_html: str, edition_url: str, lessons: Mapping[str, tuple[str, str]]) -> str:
    """Put each lesson's rendered HTML into its slot.

    `lessons` maps a lesson ref to (its page URL, its rendered HTML); URLs are site-relative, as MkDocs
    gives them (`security/sql-injection/`), and so is `edition_url`.
    """
    lesson_urls = tuple(sorted((posixpath.normpath(url), ref) for ref, (url, _) in lessons.items()))

    def fill(match: re.Match[str]) -> str:
        ref = match["ref"]
        url, html = lessons[ref]
        return _relocate(html, lesson_anchor(ref), url, edition_url, lesson_urls)

    return _SLOT.sub(fill, edition_html)


# Each lesson is placed in the whole edition and in its area's: the first part of the work is the same for
# both, and in `make serve` a lesson that did not change comes back the same from one rebuild to the next.
@functools.lru_cache(maxsize=1024)
def _relocate(html: str, anchor: str, page_url: str, edition_url: str, lesson_urls: tuple[tuple[str, str], ...]) -> str:
    html, prefixed = _with_prefixed_ids(html, anchor)
    rewrite = _url_rewriter(prefixed, page_url, edition_url, dict(lesson_urls))
    return _URL_ATTRIBUTE.sub(lambda m: _attribute(m, rewrite(m["value"])), html)


@functools.lru_cache(maxsize=512)
def _with_prefixed_ids(html: str, anchor: str) -> tuple[str, Callable[[str], str]]:
    """The lesson's HTML with its title, copy buttons and scripts gone, headings two levels down, and every
    id (and each reference to one) prefixed with the lesson's anchor, so that lessons side by side on one
    page cannot collide."""

    def prefixed(element_id: str) -> str:
        return f"{anchor}--{element_id}"

    html = _FIRST_H1.sub("", html, count=1)
    html = _COPY_BUTTONS.sub("", html)
    html = _SCRIPT.sub("", html)
    html = _CLOSED_DETAILS.sub("<details open", html)
    html = _PROGRESS_TOGGLE.sub("", _CHECKBOX.sub("", html))
    html = _HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}", html)
    ids: set[str] = set()

    def with_prefixed_id(match: re.Match[str]) -> str:
        name, value = match["name"], match["value"]
        if name == "id":
            ids.add(value)
        elif name in _ID_LISTS:
            return _attribute(match, " ".join(prefixed(item) for item in value.split()))
        elif name == "name" and not value.startswith(_TAB_GROUP):
            return match[0]
        return _attribute(match, prefixed(value))

    html = _ID_ATTRIBUTE.sub(with_prefixed_id, html)
    html = _SVG_REFERENCE.sub(lambda m: f"url(#{prefixed(m[1])})" if m[1] in ids else m[0], html)
    html = _STYLE_BLOCK.sub(
        lambda m: m[1] + _CSS_ID.sub(lambda i: f"#{prefixed(i[1])}" if i[1] in ids else i[0], m[2]) + m[3], html
    )
    return html, prefixed


def _attribute(match: re.Match[str], value: str) -> str:
    """An attribute matched by one of the patterns above, with a new value."""
    return f'{match["pre"]}{match["name"]}="{value}"'


def _directory(url: str) -> str:
    """The folder a relative link on the page at `url` starts from (`a/b/` -> `a/b`, `a/b.html` -> `a`)."""
    folder = url.rstrip("/") if url.endswith("/") else posixpath.dirname(url)
    return folder or "."


def _url_rewriter(
    prefixed: Callable[[str], str], page_url: str, edition_url: str, lesson_urls: Mapping[str, str]
) -> Callable[[str], str]:
    edition_dir, page_dir = _directory(edition_url), _directory(page_url)

    def rewrite(value: str) -> str:
        if value.startswith("#"):
            # A fragment within the lesson (its own heading, a footnote, a code block for the copy button).
            target, _, rest = value[1:].partition(" ")
            return f"#{prefixed(target)}" + (f" {rest}" if rest else "")
        if not value or _EXTERNAL.match(value):
            return value
        path, hash_mark, fragment = value.partition("#")
        resolved = posixpath.normpath(posixpath.join(page_dir, path))
        ref = lesson_urls.get(resolved)
        if ref is not None:
            anchor = lesson_anchor(ref)
            return f"#{anchor}--{fragment}" if fragment else f"#{anchor}"
        relative = posixpath.relpath(resolved, edition_dir)
        if path.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return relative + hash_mark + fragment

    return rewrite
