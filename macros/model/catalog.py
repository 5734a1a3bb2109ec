"""Load and cross-check everything the site is generated from: data files and lesson front matter.

`read_catalog` reads and cross-checks the data; `macros.site.load.load_catalog` adds the pages' contract
and raises one `SourceError` listing every problem found.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from macros.core.errors import SourceError, SourceProblem, field_path
from macros.core.source_text import read_source
from macros.core.validation import problems_from_validation
from macros.core.yaml_source import LineMap, line_for, load_yaml
from macros.model.exercises import ExerciseCheck, lesson_folder, read_exercise_checks
from macros.model.freshness import FreshnessReport
from macros.model.lessons import Lesson, Section, lesson_sections, load_lessons
from macros.model.schema import (
    DATASETS,
    Checklist,
    Comparison,
    GlossaryFile,
    LearningPath,
    Model,
    ProductFamily,
    QuestionBank,
    ReleaseCell,
    ReleaseProduct,
    Review,
    RfcIndex,
    SearchVocabulary,
    SkillsFile,
    SqlExercise,
    SqlExerciseSet,
    Synonym,
    Term,
    TopicInventory,
    name_key,
)


@dataclass
class Catalog:
    skills: SkillsFile
    lessons: dict[str, Lesson]
    checklists: dict[str, Checklist] = field(default_factory=dict)
    comparisons: dict[str, Comparison] = field(default_factory=dict)
    glossary: list[Term] = field(default_factory=list)
    questions: dict[str, QuestionBank] = field(default_factory=dict)
    paths: dict[str, LearningPath] = field(default_factory=dict)
    synonyms: list[Synonym] = field(default_factory=list)
    spellings: list[tuple[str, str]] = field(default_factory=list)
    topics: TopicInventory | None = None
    # The lesson section behind each `area/lesson#anchor` the topics name, for the A-Z page.
    topic_sections: dict[str, Section] = field(default_factory=dict)
    exercises: dict[str, SqlExercise] = field(default_factory=dict)
    # The expert review behind each reviewed lesson's date, by lesson.
    reviews: dict[str, Review] = field(default_factory=dict)
    # The red-first checks in exercises/, by id (`area/lesson/exercise`).
    exercise_checks: dict[str, ExerciseCheck] = field(default_factory=dict)
    # Release snapshots from endoflife.date, by product id, and the status of the cited RFCs.
    releases: dict[str, ReleaseProduct] = field(default_factory=dict)
    rfcs: RfcIndex | None = None
    # The freshness check's findings (macros/model/freshness.py), set when the sources are loaded.
    freshness: FreshnessReport | None = None
    # The product families of the products page, by id, and the lesson section behind each `area/lesson#anchor`
    # they name.
    products: dict[str, ProductFamily] = field(default_factory=dict)
    product_sections: dict[str, Section] = field(default_factory=dict)


@dataclass(frozen=True)
class _Loaded:
    source: str
    model: Model
    lines: LineMap


def read_catalog(root: Path, docs_dir: Path | None = None) -> tuple[Catalog, list[SourceProblem]]:
    """The catalog and every problem found in the data and the lessons' front matter. The pages' own
    contract is checked a layer up (macros/site/load.py), where the macros it checks calls against live."""
    root = root.resolve()
    docs_dir = (docs_dir or root / "docs").resolve()
    problems: list[SourceProblem] = []
    loaded: dict[str, list[_Loaded]] = {pattern: [] for pattern in DATASETS}
    read: set[Path] = set()
    for pattern, model in DATASETS.items():
        for path in sorted((root / "data").glob(pattern)):
            read.add(path)
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
    problems.extend(_stray_data_files(root, read | {root / "data" / name for name in GENERATED_DATA}))
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
    banks: dict[str, list[_Loaded]] = {}
    for item in loaded["questions/*.yml"]:
        banks.setdefault(item.model.area, []).append(item)  # type: ignore[attr-defined]
    for area_id, items in banks.items():
        if len(items) > 1:
            files = ", ".join(bank.source for bank in items)
            problems.extend(
                SourceProblem(
                    bank.source,
                    line_for(bank.lines, ("area",)),
                    "area",
                    f"area '{area_id}' has a question bank in each of {files}: keep one file per area",
                )
                for bank in items
            )
        catalog.questions[area_id] = items[0].model  # type: ignore[assignment]
    for item in loaded["paths/*.yml"]:
        catalog.paths[item.model.id] = item.model  # type: ignore[attr-defined]
    for item in loaded["search/*.yml"]:
        catalog.synonyms.extend(item.model.synonyms)  # type: ignore[attr-defined]
        catalog.spellings.extend(item.model.spellings)  # type: ignore[attr-defined]
        problems.extend(_synonym_section_problems(item, lessons, docs_dir))
    for item in loaded["topics.yml"]:
        catalog.topics = item.model  # type: ignore[assignment]
        known = {area.id for area in skills.areas}
        problems.extend(_topic_problems(item, known, lessons, docs_dir, lesson_problems, catalog.topic_sections))
    for item in loaded["exercises/*.yml"]:
        for index, exercise in enumerate(item.model.exercises):  # type: ignore[attr-defined]
            if exercise.id in catalog.exercises:
                loc = ("exercises", index, "id")
                message = f"exercise id '{exercise.id}' is already used by another exercise"
                problems.append(SourceProblem(item.source, line_for(item.lines, loc), field_path(loc), message))
            catalog.exercises[exercise.id] = exercise

    for item in loaded["reviews/*/*.yml"]:
        problems.extend(_review_problems(item, lessons))
        catalog.reviews[item.model.lesson] = item.model  # type: ignore[attr-defined]
    for item in loaded["releases/*.yml"]:
        catalog.releases[item.model.id] = item.model  # type: ignore[attr-defined]
    for item in loaded["standards/rfcs.yml"]:
        catalog.rfcs = item.model  # type: ignore[assignment]
    for item in loaded["products/*.yml"]:
        catalog.products[item.model.id] = item.model  # type: ignore[attr-defined]
    problems.extend(_release_cell_problems(loaded["comparisons/*.yml"], catalog.releases))
    problems.extend(
        _product_problems(loaded["products/*.yml"], lessons, docs_dir, lesson_problems, catalog.product_sections)
    )

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
                line = line_for(lesson.lines, ("prerequisites", index))
                problems.append(SourceProblem(lesson.source, line, f"prerequisites[{index}]", f"no lesson '{ref}'"))
    problems.extend(_prerequisite_cycles(lessons))
    checks, check_problems = read_exercise_checks(root)
    catalog.exercise_checks.update(checks)
    problems.extend(check_problems)
    problems.extend(_exercise_check_problems(lessons, checks))
    return catalog, problems


def _review_problems(item: _Loaded, lessons: dict[str, Lesson]) -> list[SourceProblem]:
    """A review is filed under its lesson's path, and the lesson's last_reviewed is the review's date."""
    review: Review = item.model  # type: ignore[assignment]
    expected = f"data/reviews/{review.lesson}.yml"
    if item.source != expected:
        line = line_for(item.lines, ("lesson",))
        return [SourceProblem(item.source, line, "lesson", f"a review of '{review.lesson}' belongs in {expected}")]
    lesson = lessons.get(review.lesson)
    if lesson is None or lesson.meta.last_reviewed == review.reviewed:
        return []  # a missing lesson is reported with the other lesson references
    message = (
        f"is {lesson.meta.last_reviewed.isoformat()}, but the review in {item.source} is dated "
        f"{review.reviewed.isoformat()}: a lesson's date is the date of its last review"
    )
    return [SourceProblem(lesson.source, line_for(lesson.lines, ("last_reviewed",)), "last_reviewed", message)]


def _exercise_check_problems(lessons: dict[str, Lesson], checks: dict[str, ExerciseCheck]) -> list[SourceProblem]:
    """Each check is called by one exercise of its own lesson, and every call names a check that exists."""
    problems: list[SourceProblem] = []
    called: dict[str, str] = {}
    for lesson in lessons.values():
        for item in lesson.exercises:
            for check_id in item.checks:
                where = f"exercise {item.number}"
                if check_id not in checks:
                    message = f"no exercise check '{check_id}' (expected exercises/{check_id}/test_check.py)"
                    problems.append(SourceProblem(lesson.source, item.line, where, message))
                elif checks[check_id].lesson_folder != lesson_folder(lesson.ref):
                    message = (
                        f"'{check_id}' belongs to another lesson: this lesson's checks live in "
                        f"exercises/{lesson_folder(lesson.ref)}/"
                    )
                    problems.append(SourceProblem(lesson.source, item.line, where, message))
                elif check_id in called:
                    message = f"'{check_id}' is already the check of {called[check_id]}"
                    problems.append(SourceProblem(lesson.source, item.line, where, message))
                called.setdefault(check_id, f"{lesson.source}, exercise {item.number}")
    problems.extend(
        SourceProblem(check.check, 1, "lesson", f'no exercise calls exercise_check("{check_id}")')
        for check_id, check in checks.items()
        if check_id not in called
    )
    return problems


def _load_file(path: Path, source: str, model: type[Model]) -> _Loaded:
    return _validated(read_source(path, source), source, model)


@functools.lru_cache(maxsize=512)  # by the file's text (see lessons.BY_TEXT); models are frozen
def _validated(text: str, source: str, model: type[Model]) -> _Loaded:
    data, lines = load_yaml(text, source)
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
    elif isinstance(model, SearchVocabulary):
        for i, synonym in enumerate(model.synonyms):
            yield ("synonyms", i, "lesson"), synonym.lesson
    elif isinstance(model, (SqlExerciseSet, Review)):
        yield ("lesson",), model.lesson


def _area_has_problem(ref: str, lesson_problems: list[SourceProblem]) -> bool:
    # A lesson that failed its own contract is already reported; do not report every reference to it too.
    return any(problem.file.endswith(f"{ref}.md") for problem in lesson_problems)


def _glossary_duplicates(files: list[_Loaded]) -> list[SourceProblem]:
    """A name (term or abbreviation) is defined once, and no two entries share an anchor on the glossary page.

    Terms and abbreviations share one namespace: a term "API" and another entry's abbreviation "API"
    would both be `#term-api`, and hovering the abbreviation would explain the wrong one."""
    seen: dict[str, str] = {}
    anchors: dict[str, str] = {}
    problems = []
    for item in files:
        for index, term in enumerate(item.model.terms):  # type: ignore[attr-defined]
            here = f"{item.source}:{line_for(item.lines, ('terms', index))}"
            names = {term.term.lower(): "term", (term.abbr or "").lower(): "abbr"}
            duplicate = False
            for key, what in names.items():
                if not key:
                    continue
                if key in seen:
                    duplicate = True
                    problems.append(
                        SourceProblem(
                            item.source,
                            line_for(item.lines, ("terms", index, what)),
                            f"terms[{index}].{what}",
                            f"'{key}' is already defined at {seen[key]}",
                        )
                    )
                else:
                    seen[key] = here
            if term.anchor in anchors and not duplicate:
                problems.append(
                    SourceProblem(
                        item.source,
                        line_for(item.lines, ("terms", index)),
                        f"terms[{index}]",
                        f"its anchor #term-{term.anchor} is already used by the entry at {anchors[term.anchor]}",
                    )
                )
            anchors.setdefault(term.anchor, here)
    return problems


# Data written by a tool rather than by hand, and read by its own module: the SQL exercises' expected
# results, computed on PostgreSQL by `python -m tools.sql_exercises` and read by macros/render/sql_exercises.py.
GENERATED_DATA = ("exercises/expected.json",)


def _stray_data_files(root: Path, read: set[Path]) -> list[SourceProblem]:
    """Every file under data/ is read by the build; anything else would be silently ignored."""
    patterns = ", ".join(f"data/{pattern}" for pattern in DATASETS)
    return [
        SourceProblem(
            str(path.relative_to(root)),
            1,
            "(file)",
            f"not read by the build: data files are {patterns} (rename it to .yml or move it out of data/)",
        )
        for path in sorted((root / "data").rglob("*"))
        if (path.is_file() or path.is_symlink()) and path not in read
    ]


def _prerequisite_cycles(lessons: dict[str, Lesson]) -> list[SourceProblem]:
    """Lessons whose prerequisites lead back to themselves: no reader could ever start them."""
    problems = []
    state: dict[str, int] = {}  # 1 while on the current path, 2 once every path from it is explored

    def visit(ref: str, path: list[str]) -> None:
        state[ref] = 1
        lesson = lessons[ref]
        for index, required in enumerate(lesson.meta.prerequisites):
            if required not in lessons:
                continue
            if state.get(required) == 1:
                start = path[path.index(required) :] if required in path else []  # [] when it requires itself
                cycle = " -> ".join([*start, ref, required])
                line = line_for(lesson.lines, ("prerequisites", index))
                problems.append(SourceProblem(lesson.source, line, f"prerequisites[{index}]", f"a cycle: {cycle}"))
            elif required not in state:
                visit(required, [*path, ref])
        state[ref] = 2

    for ref in lessons:
        if ref not in state:
            visit(ref, [])
    return problems


def _synonym_section_problems(item: _Loaded, lessons: dict[str, Lesson], docs_dir: Path) -> Iterator[SourceProblem]:
    """A synonym aimed at one section names an h1-h3 anchor that exists (a renamed heading moves it)."""
    anchors: dict[str, set[str]] = {}
    for index, synonym in enumerate(item.model.synonyms):  # type: ignore[attr-defined]
        if synonym.section is None or synonym.lesson not in lessons:
            continue  # a missing lesson is reported with the other lesson references
        if synonym.lesson not in anchors:
            found = lesson_sections(docs_dir / f"{synonym.lesson}.md")
            anchors[synonym.lesson] = {section.anchor for section in found if section.level <= 3}
        if synonym.section not in anchors[synonym.lesson]:
            near = difflib.get_close_matches(synonym.section, sorted(anchors[synonym.lesson]), n=1)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            loc = ("synonyms", index, "section")
            yield SourceProblem(
                item.source,
                line_for(item.lines, loc),
                field_path(loc),
                f"no heading with anchor '#{synonym.section}' in docs/{synonym.lesson}.md{hint}",
            )


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
            found: dict[str, Section] = {}  # the section, once it exists; recorded only if it names the topic
            message = _section_problem(target, lessons, docs_dir, lesson_problems, sections_of, found)
            if message:
                yield problem(loc, message)
            section = found.get(target)
            if section is None:  # reported just now, or with its lesson's area
                continue
            ref = target.partition("#")[0]
            heading = f" {name_key(section.text)} "
            if not any(key and f" {key} " in heading for key in keys):
                yield problem(
                    loc,
                    f"the heading '{section.text}' (docs/{ref}.md:{section.line}) does not name the topic: "
                    "it must contain the title or one of the aliases",
                )
            else:
                resolved[target] = section


def _release_cell_problems(items: list[_Loaded], releases: dict[str, ReleaseProduct]) -> Iterator[SourceProblem]:
    """A comparison cell that takes its versions from a release snapshot names one that exists."""
    known = ", ".join(sorted(releases))
    for item in items:
        table: Comparison = item.model  # type: ignore[assignment]
        for index, row in enumerate(table.rows):
            for key, cell in row.cells.items():
                if isinstance(cell, ReleaseCell) and cell.release not in releases:
                    loc = ("rows", index, "cells", key, "release")
                    message = f"no release snapshot '{cell.release}' in data/releases/ (known: {known})"
                    yield SourceProblem(item.source, line_for(item.lines, loc), field_path(loc), message)


def _product_problems(
    items: list[_Loaded],
    lessons: dict[str, Lesson],
    docs_dir: Path,
    lesson_problems: list[SourceProblem],
    resolved: dict[str, Section],
) -> Iterator[SourceProblem]:
    """Each family's and product's lesson exists (and its h2 or h3 section, when one is named); product ids,
    which are anchors on one page, are unique across the families and differ from the families' anchors; and
    no two families claim the same place on the page.

    Sections that resolve are recorded in `resolved`, keyed by the reference as written.
    """
    family_ids = {item.model.id: item.source for item in items}  # type: ignore[attr-defined]
    places: dict[str, list[tuple[_Loaded, tuple[str | int, ...]]]] = {}
    orders: dict[int, list[_Loaded]] = {}
    sections_of: dict[str, dict[str, Section]] = {}
    for item in items:
        family: ProductFamily = item.model  # type: ignore[assignment]
        orders.setdefault(family.order, []).append(item)
        targets = [(("lesson",), family.lesson)]
        for index, product in enumerate(family.products):
            places.setdefault(product.id, []).append((item, ("products", index, "id")))
            if product.lesson:
                targets.append((("products", index, "lesson"), product.lesson))
        for loc, target in targets:
            message = _section_problem(target, lessons, docs_dir, lesson_problems, sections_of, resolved)
            if message:
                yield SourceProblem(item.source, line_for(item.lines, loc), field_path(loc), message)
    # Report a clash at every place it occurs: neither file is the one that is wrong.
    for product_id, found in places.items():
        for item, loc in found:
            others = sorted({other.source for other, _ in found if other is not item})
            if product_id in family_ids:
                message = f"'{product_id}' is the anchor of the family in {family_ids[product_id]}"
            elif others:
                message = f"'{product_id}' is also a product in {', '.join(others)}: anchors must be unique"
            else:
                continue  # twice in one file is the schema's duplicate check
            yield SourceProblem(item.source, line_for(item.lines, loc), field_path(loc), message)
    for order, claimants in orders.items():
        if len(claimants) > 1:
            files = ", ".join(item.source for item in claimants)
            for item in claimants:
                message = f"{order} is the order of each of {files}: give each family its own place"
                yield SourceProblem(item.source, line_for(item.lines, ("order",)), "order", message)


def _section_problem(
    target: str,
    lessons: dict[str, Lesson],
    docs_dir: Path,
    lesson_problems: list[SourceProblem],
    sections_of: dict[str, dict[str, Section]],
    resolved: dict[str, Section],
) -> str | None:
    """What is wrong with a reference to a lesson or one of its h2 or h3 sections, if anything."""
    ref, _, anchor = target.partition("#")
    if ref not in lessons:
        return None if _area_has_problem(ref, lesson_problems) else f"no lesson '{ref}' (expected docs/{ref}.md)"
    if not anchor:
        return None
    if ref not in sections_of:
        found = lesson_sections(docs_dir / f"{ref}.md")
        sections_of[ref] = {s.anchor: s for s in found if s.level in (2, 3)}
    section = sections_of[ref].get(anchor)
    if section is None:
        near = difflib.get_close_matches(anchor, list(sections_of[ref]), n=1)
        hint = f" (did you mean '#{near[0]}'?)" if near else ""
        return f"no h2 or h3 heading with anchor '#{anchor}' in docs/{ref}.md{hint}"
    resolved[target] = section
    return None
