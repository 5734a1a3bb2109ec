"""The lesson contract (spec section 3): front matter fields and the fixed section order.

Every Markdown file directly inside a skill area's folder, except its `index.md`, is a lesson.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import markdown
from pydantic import AfterValidator, Field, StringConstraints, ValidationError

from macros.core.errors import SourceError, SourceProblem
from macros.core.plain_text import Text, Title, plain_text
from macros.core.source_text import read_source
from macros.core.validation import problems_from_validation
from macros.core.yaml_source import LineMap, load_yaml
from macros.model.schema import LessonRef, Level, Model, ReviewDate, Slug
from macros.model.template_leftovers import TEMPLATE, leftover_problems

FIRST_SECTION = "Why it matters"
LAST_SECTIONS = ("Exercises", "Self-check", "Common pitfalls", "Further reading")

_ITEM = re.compile(r"^(\d+)\. ")
_CHECK_CALL = re.compile(r"""\{\{\s*exercise_check\(\s*["']([^"']+)["']\s*\)\s*\}\}""")
_RUBRIC = re.compile(r"""^\s*\?\?\?\+?\s+\w+\s+"[^"]*\brubric\b[^"]*"\s*$""", re.I | re.M)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*#*\s*$")


class SearchSettings(Model):
    exclude: bool = False
    boost: float | None = None


class PageMeta(Model):
    """Front matter every page may have. Only settings MkDocs, Material and the macros plugin understand:
    any other key would become a template variable of the page."""

    title: Title | None = None
    description: Annotated[
        str, StringConstraints(min_length=20, max_length=200, pattern=r"^[^\n]+[.!?]$"), AfterValidator(plain_text)
    ]
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] | None = None
    render_macros: bool | None = None
    search: SearchSettings | None = None
    template: Literal["print.html"] | None = None


class LessonMeta(PageMeta):
    title: Title
    level: Level
    time: Annotated[int, Field(ge=5, le=600)]
    tags: list[Slug] = Field(min_length=1)
    prerequisites: list[LessonRef]
    objectives: list[Text] = Field(min_length=3, max_length=6)
    last_reviewed: ReviewDate


@dataclass(frozen=True)
class Lesson:
    ref: str  # `security/sql-injection`
    source: str  # `docs/security/sql-injection.md`, for messages
    meta: LessonMeta
    lines: LineMap  # where each front matter field is, for messages about it
    exercises: tuple[ExerciseItem, ...] = ()

    @property
    def area(self) -> str:
        return self.ref.split("/", 1)[0]


@dataclass(frozen=True)
class ExerciseItem:
    number: int
    line: int  # in the lesson file
    checks: tuple[str, ...]  # the exercise_check ids it calls
    rubric: bool  # has a Rubric block with a weak and a strong answer

    @property
    def red_first(self) -> bool:
        return bool(self.checks)


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Return (front matter, body, body's first line) or None when the file has none."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    if end == -1:
        return None
    front = text[4 : end + 1]
    body = text[end + 5 :]
    return front, body, front.count("\n") + 3


# Pure functions of a file's text, remembered by it: `make serve` loads the catalog again when a save
# changes a title or a data file, and then only the files whose text changed are parsed and checked anew.
BY_TEXT = 1024


# A page's lines are read for fences by the lesson contract, the page contract, citations and statements,
# and its comment-free text by three of them: each is worked out once per text.
@functools.lru_cache(maxsize=BY_TEXT)
def fenced_lines(text: str) -> tuple[tuple[str, bool], ...]:
    """Each line with whether it belongs to fenced code (the fence lines themselves included)."""
    fence: str | None = None
    lines = []
    for line in text.splitlines():
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker.startswith(fence[0]) and len(marker) >= len(fence):
                fence = None
            lines.append((line, True))
        else:
            lines.append((line, fence is not None))
    return tuple(lines)


@functools.lru_cache(maxsize=BY_TEXT)
def without_comments(body: str) -> str:
    """`body` with every HTML comment outside fenced code blanked, lines kept where they were.

    Python-Markdown drops comments, so a section written only inside one is not on the page."""
    out = []
    in_comment = False
    for line, is_code in fenced_lines(body):
        if is_code and not in_comment:
            out.append(line)
            continue
        visible = ""
        rest = line
        while rest:
            if in_comment:
                end = rest.find("-->")
                if end == -1:
                    rest = ""
                else:
                    in_comment, rest = False, rest[end + 3 :]
            else:
                start = rest.find("<!--")
                if start == -1:
                    visible, rest = visible + rest, ""
                else:
                    visible, in_comment, rest = visible + rest[:start], True, rest[start + 4 :]
        out.append(visible)
    return "\n".join(out)


def headings(body: str, first_line: int) -> list[tuple[int, str, int]]:
    """(level, text, line) of every heading outside fenced code and HTML comments."""
    found = []
    for number, (line, is_code) in enumerate(fenced_lines(without_comments(body)), start=first_line):
        if not is_code:
            match = _HEADING.match(line)
            if match:
                found.append((len(match.group(1)), match.group(2), number))
    return found


@dataclass(frozen=True)
class Section:
    """A heading as the built page shows it: plain text and the id its permalink points at."""

    level: int
    text: str
    anchor: str
    line: int


# The Markdown extensions that decide a heading's id: toc makes it (with its default slugify, as
# mkdocs.yml configures it; tests/test_topics.py pins that) and attr_list lets `{#id}` override it.
_ANCHOR_EXTENSIONS = ("toc", "attr_list")


def sections(body: str, first_line: int) -> list[Section]:
    """Every heading outside fenced code, with the anchor the build gives it.

    Only the heading lines are rendered, in order, so inline markup (`code`, links, entities) is
    reduced to text and repeated headings get `_1`, `_2` suffixes exactly as on the page.
    """
    return list(_sections(body, first_line))


@functools.lru_cache(maxsize=BY_TEXT)
def _sections(body: str, first_line: int) -> tuple[Section, ...]:
    found = headings(body, first_line)
    lines = body.splitlines()
    source = []
    for _level, _text, number in found:
        match = _HEADING.match(lines[number - first_line])
        assert match is not None  # `headings` matched this very line
        source.append(f"{match.group(1)} {match.group(2)} {match.group(3) or ''}".rstrip())
    converter = _anchor_converter()
    converter.reset().convert("\n\n".join(source))
    tokens = list(_flatten(converter.toc_tokens))  # type: ignore[attr-defined]
    return tuple(
        Section(level, html.unescape(token["name"]), token["id"], number)
        for (level, _text, number), token in zip(found, tokens, strict=True)
    )


@functools.cache  # one converter, reset before each use: making one took longer than converting the headings
def _anchor_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(_ANCHOR_EXTENSIONS))


def _flatten(tokens: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for token in tokens:
        yield token
        yield from _flatten(token["children"])


def lesson_sections(path: Path) -> list[Section]:
    """The headings of a lesson file (front matter skipped), with their anchors."""
    parts = split_front_matter(path.read_text(encoding="utf-8"))
    if parts is None:
        return []
    _front, body, body_line = parts
    return sections(body, body_line)


def section_text(body: str, title: str) -> str:
    """The text under `## title`, up to the next h2."""
    match = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", body, re.M | re.S)
    return match.group(1) if match else ""


def check_body(body: str, first_line: int, source: str) -> list[SourceProblem]:
    problems: list[SourceProblem] = []
    body = without_comments(body)
    found = headings(body, first_line)
    h1 = [h for h in found if h[0] == 1]
    if len(h1) != 1:
        problems.append(
            SourceProblem(source, first_line, "body", f"needs exactly one '# Title' heading, found {len(h1)}")
        )
    h2 = [(text, line) for level, text, line in found if level == 2]
    titles = [text for text, _ in h2]
    expected_tail = list(LAST_SECTIONS)
    anchor_line = h1[0][2] if h1 else first_line
    for name in (FIRST_SECTION, *LAST_SECTIONS):
        if name not in titles:
            problems.append(SourceProblem(source, anchor_line, f"section '{name}'", f"missing: add '## {name}'"))
    if problems:
        return problems
    if titles[0] != FIRST_SECTION:
        problems.append(SourceProblem(source, h2[0][1], "sections", f"the first section must be '## {FIRST_SECTION}'"))
    if titles[-4:] != expected_tail:
        line = h2[-4][1]
        problems.append(
            SourceProblem(
                source,
                line,
                "sections",
                f"the last sections must be {', '.join(expected_tail)} in that order; found {', '.join(titles[-4:])}",
            )
        )
    if len(titles) < 6:
        problems.append(
            SourceProblem(
                source,
                h2[0][1],
                "sections",
                f"needs at least one core-concept section between '{FIRST_SECTION}' and 'Exercises'",
            )
        )
    line_of = dict(h2)
    problems.extend(exercise_layout_problems(body, first_line, source))
    problems.extend(
        SourceProblem(
            source,
            item.line,
            f"exercise {item.number}",
            'needs a check that only the skill passes (`{{ exercise_check("area/lesson/exercise") }}`, see '
            "exercises/) or, when no code can judge it, a '??? example \"Rubric\"' block with a weak and a "
            "strong answer",
        )
        for item in exercise_items(body, first_line)
        if not item.red_first and not item.rubric
    )
    if "acceptance criteria" not in section_text(body, "Exercises").lower():
        problems.append(
            SourceProblem(
                source,
                line_of["Exercises"],
                "section 'Exercises'",
                "each exercise needs acceptance criteria (write 'Acceptance criteria')",
            )
        )
    if not re.search(r"^\s*\?\?\?\+? question", section_text(body, "Self-check"), re.M):
        problems.append(
            SourceProblem(
                source,
                line_of["Self-check"],
                "section 'Self-check'",
                "put each answer in a collapsible '??? question' block",
            )
        )
    if "](https://" not in section_text(body, "Further reading"):
        problems.append(
            SourceProblem(
                source,
                line_of["Further reading"],
                "section 'Further reading'",
                "link at least one primary source over https",
            )
        )
    return problems


def _exercise_lines(body: str, first_line: int) -> list[tuple[int, int, list[tuple[int, str]]]]:
    """(item number, its line, [(line, text) of the item]) for the numbered items of `## Exercises`."""
    items: list[tuple[int, int, list[tuple[int, str]]]] = []
    inside = False
    for number, (line, is_code) in enumerate(fenced_lines(without_comments(body)), start=first_line):
        if not is_code and line.startswith("## "):
            inside = line.strip() == "## Exercises"
            continue
        if not inside:
            continue
        if not is_code and line.startswith("### "):
            inside = False  # a subsection (the in-page SQL exercises) ends the list
            continue
        match = _ITEM.match(line) if not is_code else None
        if match:
            items.append((int(match.group(1)), number, [(number, line)]))
        elif items:
            items[-1][2].append((number, line))
    return items


def exercise_items(body: str, first_line: int) -> tuple[ExerciseItem, ...]:
    """The numbered items of `## Exercises` (top level only), with what each carries."""
    return tuple(
        _item(number, line, "\n".join(text for _, text in lines))
        for number, line, lines in _exercise_lines(body, first_line)
    )


def exercise_layout_problems(body: str, first_line: int, source: str) -> list[SourceProblem]:
    """A check call or a rubric after a blank line stays inside its exercise only when indented 4 spaces:
    Python-Markdown ends the list item otherwise, and the next exercise starts a new list at 1."""
    problems = []
    for number, _line, lines in _exercise_lines(body, first_line):
        for line, text in lines[1:]:
            stripped = text.lstrip(" ")
            starts_block = _CHECK_CALL.match(stripped) or _RUBRIC.match(text)
            if starts_block and 0 < len(text) - len(stripped) < 4:
                message = "indent it 4 spaces to keep it inside the exercise (the list restarts otherwise)"
                problems.append(SourceProblem(source, line, f"exercise {number}", message))
    return problems


def _item(number: int, line: int, text: str) -> ExerciseItem:
    rubric = _RUBRIC.search(text)
    after = text[rubric.end() :].lower() if rubric else ""
    return ExerciseItem(
        number=number,
        line=line,
        checks=tuple(_CHECK_CALL.findall(text)),
        rubric=bool(rubric) and "weak answer" in after and "strong answer" in after,
    )


def load_lesson(path: Path, ref: str, source: str, template: str = "") -> Lesson:
    """`template` is the text of templates/lesson.md: what is left of it in the lesson is refused."""
    return _lesson(read_source(path, source), ref, source, template)


@functools.lru_cache(maxsize=BY_TEXT)  # a Lesson is frozen, so every catalog may share it
def _lesson(text: str, ref: str, source: str, template: str) -> Lesson:
    parts = split_front_matter(text)
    if parts is None:
        raise SourceError([front_matter_problem(text, source, "a lesson")])
    front, body, body_line = parts
    data, lines = load_yaml(front, source, first_line=2)
    problems = check_body(body, body_line, source)
    if template:
        problems.extend(leftover_problems(text, source, template, (FIRST_SECTION, *LAST_SECTIONS)))
    if not isinstance(data, dict):
        problems.insert(0, SourceProblem(source, 2, "front matter", "must be a mapping of fields"))
        raise SourceError(problems)
    try:
        meta = LessonMeta.model_validate(data)
    except ValidationError as error:
        problems[:0] = problems_from_validation(error, lines, source)
        raise SourceError(problems) from None
    if problems:
        raise SourceError(problems)
    return Lesson(ref=ref, source=source, meta=meta, lines=lines, exercises=exercise_items(body, body_line))


def front_matter_problem(text: str, source: str, what: str) -> SourceProblem:
    if text.startswith("---\n"):
        return SourceProblem(source, 1, "front matter", "not closed: end it with a line that is only '---'")
    return SourceProblem(source, 1, "front matter", f"missing: {what} starts with a '---' block")


def nav_entries(nav_file: Path, source: str) -> list[Any]:
    """The `nav` list of a `.nav.yml`. awesome-nav reads the file itself, so it is read here first with
    the safe loader and its limits."""
    nav, _ = load_yaml(read_source(nav_file, source), source) if nav_file.exists() else (None, None)
    if nav is None:
        return []
    if not isinstance(nav, dict) or not isinstance(nav.get("nav", []), list):
        raise SourceError([SourceProblem(source, 1, "nav", "must be a mapping with a 'nav' list")])
    return nav.get("nav", [])


def nav_order(area_dir: Path, source: str) -> list[str]:
    """File names in the order the area's `.nav.yml` lists them (awesome-nav is the one source of order)."""
    order = []
    for entry in nav_entries(area_dir / ".nav.yml", source):
        if isinstance(entry, str):
            order.append(entry)
        elif isinstance(entry, dict):
            order.extend(v for v in entry.values() if isinstance(v, str))
    return order


def load_lessons(root: Path, docs_dir: Path, area_ids: list[str]) -> tuple[dict[str, Lesson], list[SourceProblem]]:
    lessons: dict[str, Lesson] = {}
    problems: list[SourceProblem] = []
    template_path = root / TEMPLATE
    template = read_source(template_path, TEMPLATE) if template_path.is_file() else ""
    for area in area_ids:
        area_dir = docs_dir / area
        if not (area_dir / "index.md").exists():
            problems.append(
                SourceProblem("data/skills.yml", 1, f"area '{area}'", f"no {area_dir.relative_to(root)}/index.md")
            )
            continue
        try:
            order = nav_order(area_dir, str((area_dir / ".nav.yml").relative_to(root)))
        except SourceError as error:
            problems.extend(error.problems)
            continue
        files = sorted(
            area_dir.glob("*.md"), key=lambda p: (order.index(p.name) if p.name in order else len(order), p.name)
        )
        for path in files:
            if path.name == "index.md":
                continue
            ref = f"{area}/{path.stem}"
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem):
                problems.append(
                    SourceProblem(
                        str(path.relative_to(root)),
                        1,
                        "(file)",
                        "a lesson's file name is lowercase words joined by '-'",
                    )
                )
                continue
            try:
                lessons[ref] = load_lesson(path, ref, str(path.relative_to(root)), template)
            except SourceError as error:
                problems.extend(error.problems)
    return lessons, problems
