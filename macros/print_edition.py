"""The print edition: every lesson, in navigation order, as one Markdown page.

Each lesson's source is included with its headings moved down one level (the edition has one h1) and its
links rewritten for the print page: a link to another lesson becomes a link to that lesson's section of
the edition, any other link to a docs page is re-pointed relative to the print page. The page's own
Markdown pipeline then handles snippets, admonitions and abbreviations as it does for the lesson itself.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path

from macros.catalog import Catalog
from macros.errors import SourceError, SourceProblem, describe_error, template_line
from macros.html import md_text
from macros.lessons import Lesson, fenced_lines, split_front_matter
from macros.source_text import read_source

# Inline Markdown links and images whose target is a relative .md path, with an optional #fragment.
MD_LINK = re.compile(r"(!?\[[^\]]*\]\()([^)\s#]+\.md)(#[^)\s]*)?(\s+\"[^\"]*\")?\)")

Render = Callable[[str], str]  # runs a lesson's macros (mkdocs-macros' Jinja environment)


def lesson_anchor(ref: str) -> str:
    return "lesson-" + ref.replace("/", "-")


def print_edition(catalog: Catalog, docs_dir: Path, render_macros: Render, page_dir: str) -> str:
    parts = []
    for area in catalog.skills.areas:
        lessons = [lesson for lesson in catalog.lessons.values() if lesson.area == area.id]
        if not lessons:
            continue
        parts.append(f"## {md_text(area.title)} {{#area-{area.id}}}\n")
        parts.extend(_lesson_section(lesson, catalog, docs_dir, render_macros, page_dir) for lesson in lessons)
    return "\n\n".join(parts)


def table_of_contents(catalog: Catalog) -> str:
    lines = []
    for area in catalog.skills.areas:
        lessons = [lesson for lesson in catalog.lessons.values() if lesson.area == area.id]
        if lessons:
            lines.append(f"- [{md_text(area.title)}](#area-{area.id})")
            lines.extend(f"    - [{md_text(lesson.meta.title)}](#{lesson_anchor(lesson.ref)})" for lesson in lessons)
    return "\n".join(lines)


def _lesson_section(lesson: Lesson, catalog: Catalog, docs_dir: Path, render_macros: Render, page_dir: str) -> str:
    text = read_source(docs_dir / f"{lesson.ref}.md", lesson.source)
    split = split_front_matter(text)
    body, body_line = (split[1], split[2]) if split else (text, 1)
    # A lesson that turned macros off (to show Jinja-like code) is included as written.
    rendered = body if lesson.meta.render_macros is False else _render(lesson, body, body_line, render_macros)
    lesson_dir = posixpath.dirname(lesson.ref)
    rewritten = _rewrite_links(rendered, lesson_dir, page_dir, set(catalog.lessons))
    demoted = _demote_headings(rewritten, lesson)
    objectives = "\n".join(f"- {md_text(objective)}" for objective in lesson.meta.objectives)
    facts = f"*{lesson.meta.level.capitalize()} · {lesson.meta.time} min · reviewed {lesson.meta.last_reviewed}*"
    return f"{demoted[0]}\n\n{facts}\n\n**You will be able to**\n\n{objectives}\n\n{demoted[1]}"


def _render(lesson: Lesson, body: str, body_line: int, render_macros: Render) -> str:
    """The lesson's macros, run for this page; an error names the lesson and the call's line, not print.md."""
    try:
        return render_macros(body)
    except SourceError:
        raise
    except Exception as error:
        line = body_line + (template_line(error) or 1) - 1
        raise SourceError([SourceProblem(lesson.source, line, "macro", describe_error(error))]) from None


def _rewrite_links(text: str, lesson_dir: str, page_dir: str, lesson_refs: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        opening, target, fragment, title = match.group(1), match.group(2), match.group(3) or "", match.group(4) or ""
        if "://" in target or target.startswith("/"):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(lesson_dir, target))
        ref = resolved[: -len(".md")]
        if ref in lesson_refs and not opening.startswith("!"):
            # The whole lesson is on this page: point at its section (a fragment inside it may not be unique).
            return f"{opening}#{lesson_anchor(ref)}{title})"
        return f"{opening}{posixpath.relpath(resolved, page_dir or '.')}{fragment}{title})"

    # Links may wrap across lines, so substitute over whole runs of prose, leaving fenced code alone.
    out: list[str] = []
    prose: list[str] = []
    for line, is_code in fenced_lines(text):
        if not is_code:
            prose.append(line)
            continue
        if prose:
            out.append(MD_LINK.sub(replace, "\n".join(prose)))
            prose = []
        out.append(line)
    if prose:
        out.append(MD_LINK.sub(replace, "\n".join(prose)))
    return "\n".join(out)


def _demote_headings(text: str, lesson: Lesson) -> tuple[str, str]:
    """(the lesson's title heading with its anchor, the rest of the body), every heading one level down."""
    title = f"### {md_text(lesson.meta.title)} {{#{lesson_anchor(lesson.ref)}}}"
    out = []
    dropped_h1 = False
    for line, is_code in fenced_lines(text):
        if not is_code and line.startswith("#"):
            if not dropped_h1 and line.startswith("# "):
                dropped_h1 = True  # replaced by the anchored title above
                continue
            if re.match(r"#{1,4} ", line):
                line = "##" + line
        out.append(line)
    return title, "\n".join(out)
