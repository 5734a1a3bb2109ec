"""Load and cross-check everything the site is generated from: data files and lesson front matter.

`load_catalog` is the single entry point: the build, the data CLI and the tests all call it, and it
raises one `SourceError` listing every problem found.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from macros.errors import SourceError, SourceProblem, field_path
from macros.lessons import Lesson, Section, lesson_sections, load_lessons
from macros.schema import (
    DATASETS,
    Checklist,
    Comparison,
    GlossaryFile,
    LearningPath,
    Model,
    QuestionBank,
    SkillsFile,
    Term,
    TopicInventory,
    name_key,
)
from macros.validation import problems_from_validation
from macros.yaml_source import LineMap, line_for, load_yaml


@dataclass
class Catalog:
    skills: SkillsFile
    lessons: dict[str, Lesson]
    checklists: dict[str, Checklist] = field(default_factory=dict)
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    glossary: list[Term] = field(default_factory=list)
    questions: dict[str, QuestionBank] = field(default_factory=dict)
    paths: dict[str, LearningPath] = field(default_factory=dict)
    topics: TopicInventory | None = None
    # The lesson section behind each `area/lesson#anchor` the topics name, for the A-Z page.
    topic_sections: dict[str, Section] = field(default_factory=dict)


@dataclass
class _Loaded:
    source: str
    model: Model
    lines: LineMap


def load_catalog(root: Path, docs_dir: Path | None = None) -> Catalog:
    root = root.resolve()
    docs_dir = (docs_dir or root / "docs").resolve()
    problems: list[SourceProblem] = []
    loaded: dict[str, list[_Loaded]] = {pattern: [] for pattern in DATASETS}
    for pattern, model in DATASETS.items():
        for path in sorted((root / "data").glob(pattern)):
            source = str(path.relative_to(root))
            try:
                item = _load_file(path, source, model)
            except SourceError as error:
                problems.extend(error.problems)
                continue
            loaded[pattern].append(item)
            if hasattr(item.model, "id") and item.model.id != path.stem:
                problems.append(
                    SourceProblem(
                        source, line_for(item.lines, ("id",)), "id", f"must match the file name '{path.stem}'"
                    )
                )
    if not loaded["skills.yml"]:
        problems.append(
            SourceProblem("data/skills.yml", 1, "(file)", "missing or invalid: the skill areas are defined here")
        )
        raise SourceError(problems)
    skills_item = loaded["skills.yml"][0]
    skills: SkillsFile = skills_item.model  # type: ignore[assignment]
    lessons, lesson_problems = load_lessons(root, docs_dir, [area.id for area in skills.areas])
    problems.extend(lesson_problems)

    catalog = Catalog(skills=skills, lessons=lessons)
    for item in loaded["checklists/*.yml"]:
        catalog.checklists[item.model.id] = item.model  # type: ignore[attr-defined]
    for item in loaded["comparisons/*.yml"]:
        catalog.comparisons[item.model.id] = item.model  # type: ignore[attr-defined]
    for item in loaded["glossary/*.yml"]:
        catalog.glossary.extend(item.model.terms)  # type: ignore[attr-defined]
    for item in loaded["questions/*.yml"]:
        catalog.questions[item.model.area] = item.model  # type: ignore[attr-defined]
    for item in loaded["paths/*.yml"]:
        catalog.paths[item.model.id] = item.model  # type: ignore[attr-defined]
    for item in loaded["topics.yml"]:
        catalog.topics = item.model  # type: ignore[assignment]
        known = {area.id for area in skills.areas}
        problems.extend(_topic_problems(item, known, lessons, docs_dir, lesson_problems, catalog.topic_sections))

    known_areas = {area.id for area in skills.areas}
    for items in loaded.values():
        for item in items:
            for loc, ref in _lesson_refs(item.model):
                if ref not in lessons and not _area_has_problem(ref, lesson_problems):
                    problems.append(
                        SourceProblem(
                            item.source,
                            line_for(item.lines, loc),
                            field_path(loc),
                            f"no lesson '{ref}' (expected docs/{ref}.md)",
                        )
                    )
            if isinstance(item.model, QuestionBank) and item.model.area not in known_areas:
                problems.append(
                    SourceProblem(
                        item.source, line_for(item.lines, ("area",)), "area", f"unknown area '{item.model.area}'"
                    )
                )
    problems.extend(_glossary_duplicates(loaded["glossary/*.yml"]))
    for lesson in lessons.values():
        for index, ref in enumerate(lesson.meta.prerequisites):
            if ref not in lessons:
                problems.append(SourceProblem(lesson.source, 2, f"prerequisites[{index}]", f"no lesson '{ref}'"))
    if problems:
        raise SourceError(problems)
    return catalog


def _load_file(path: Path, source: str, model: type[Model]) -> _Loaded:
    data, lines = load_yaml(path.read_text(encoding="utf-8"), source)
    if not isinstance(data, dict):
        raise SourceError([SourceProblem(source, 1, "(document)", "must be a mapping of fields")])
    try:
        instance = model.model_validate(data)
    except ValidationError as error:
        raise SourceError(problems_from_validation(error, lines, source)) from None
    cross = [
        SourceProblem(source, line_for(lines, loc), field_path(loc), message)
        for loc, message in instance.cross_checks()
    ]
    if cross:
        raise SourceError(cross)
    return _Loaded(source, instance, lines)


def _lesson_refs(model: Model) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every lesson reference in a data file, with its location."""
    if isinstance(model, SkillsFile):
        for a, area in enumerate(model.areas):
            for t, topic in enumerate(area.topics):
                for n, ref in enumerate(topic.lessons):
                    yield ("areas", a, "topics", t, "lessons", n), ref
    elif isinstance(model, Checklist):
        for i, entry in enumerate(model.items):
            if entry.lesson:
                yield ("items", i, "lesson"), entry.lesson
    elif isinstance(model, GlossaryFile):
        for i, term in enumerate(model.terms):
            if term.lesson:
                yield ("terms", i, "lesson"), term.lesson
    elif isinstance(model, QuestionBank):
        for q, question in enumerate(model.questions):
            for n, ref in enumerate(question.lessons):
                yield ("questions", q, "lessons", n), ref
    elif isinstance(model, LearningPath):
        for s, step in enumerate(model.steps):
            yield ("steps", s, "lesson"), step.lesson


def _area_has_problem(ref: str, lesson_problems: list[SourceProblem]) -> bool:
    # A lesson that failed its own contract is already reported; do not report every reference to it too.
    return any(problem.file.endswith(f"{ref}.md") for problem in lesson_problems)


def _glossary_duplicates(files: list[_Loaded]) -> list[SourceProblem]:
    seen: dict[str, str] = {}
    problems = []
    for item in files:
        for index, term in enumerate(item.model.terms):  # type: ignore[attr-defined]
            for key, what in ((term.term.lower(), "term"), ((term.abbr or "").lower(), "abbr")):
                if not key:
                    continue
                here = f"{item.source}:{line_for(item.lines, ('terms', index))}"
                if (what, key) in seen:
                    problems.append(
                        SourceProblem(
                            item.source,
                            line_for(item.lines, ("terms", index, what)),
                            f"terms[{index}].{what}",
                            f"already defined at {seen[(what, key)]}",
                        )
                    )
                else:
                    seen[(what, key)] = here
    return problems


def _topic_problems(
    item: _Loaded,
    known_areas: set[str],
    lessons: dict[str, Lesson],
    docs_dir: Path,
    lesson_problems: list[SourceProblem],
    resolved: dict[str, Section],
) -> Iterator[SourceProblem]:
    """Each topic's area exists, and each of its sections is an h2 or h3 whose heading names the topic.

    Sections that pass are recorded in `resolved`, keyed by the reference as written.
    """
    inventory: TopicInventory = item.model  # type: ignore[assignment]
    sections_of: dict[str, dict[str, Section]] = {}

    def problem(loc: tuple[str | int, ...], message: str) -> SourceProblem:
        return SourceProblem(item.source, line_for(item.lines, loc), field_path(loc), message)

    for t, topic in enumerate(inventory.topics):
        if topic.area not in known_areas:
            yield problem(("topics", t, "area"), f"unknown area '{topic.area}' (areas are listed in data/skills.yml)")
        keys = [name_key(name) for name in topic.names()]
        for n, target in enumerate(topic.sections):
            loc = ("topics", t, "sections", n)
            ref, anchor = target.split("#", 1)
            if ref not in lessons:
                if not _area_has_problem(ref, lesson_problems):
                    yield problem(loc, f"no lesson '{ref}' (expected docs/{ref}.md)")
                continue
            if ref not in sections_of:
                found = lesson_sections(docs_dir / f"{ref}.md")
                sections_of[ref] = {s.anchor: s for s in found if s.level in (2, 3)}
            section = sections_of[ref].get(anchor)
            if section is None:
                near = difflib.get_close_matches(anchor, list(sections_of[ref]), n=1)
                hint = f" (did you mean '#{near[0]}'?)" if near else ""
                yield problem(loc, f"no h2 or h3 heading with anchor '#{anchor}' in docs/{ref}.md{hint}")
                continue
            heading = f" {name_key(section.text)} "
            if not any(key and f" {key} " in heading for key in keys):
                yield problem(
                    loc,
                    f"the heading '{section.text}' (docs/{ref}.md:{section.line}) does not name the topic: "
                    "it must contain the title or one of the aliases",
                )
            else:
                resolved[target] = section
