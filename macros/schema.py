"""The schema of every data file in `data/`, in one place.

Each file kind is a pydantic model with unknown fields forbidden. Checks that need more than one
field (a row must fill every column, ids must be unique) live in `cross_checks`, which return
(location, message) pairs so the loader can point at the right line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from macros.yaml_source import Location

Problem = tuple[Location, str]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
# A lesson is named by its path under docs/ without `.md`: `security/sql-injection`.
LessonRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"'`]+$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Icon = Annotated[str, StringConstraints(pattern=r"^(material|octicons|fontawesome/(brands|regular|solid))/[a-z0-9-]+$")]
Level = Literal["beginner", "intermediate", "advanced"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def cross_checks(self) -> Iterable[Problem]:
        return ()


class Source(Model):
    """A primary source: an RFC, a standard, official documentation."""

    title: Text
    url: HttpsUrl


def _duplicates(values: Iterable[str], loc_of: Iterable[Location], what: str) -> list[Problem]:
    values, locs = list(values), list(loc_of)
    counts = Counter(values)
    return [(loc, f"duplicate {what} '{value}'") for value, loc in zip(values, locs, strict=True) if counts[value] > 1]


# ---- skills.yml: the skill areas, their topics, and what each level looks like ----------------


class LevelBehaviours(Model):
    """Observable behaviours per level; shared by self-assessment and the hiring matrix."""

    junior: Text
    mid: Text
    senior: Text


class Topic(Model):
    id: Slug
    title: Text
    lessons: list[LessonRef] = Field(default_factory=list)
    levels: LevelBehaviours | None = None


class Area(Model):
    id: Slug
    title: Text
    summary: Text
    icon: Icon
    group: Literal["foundations", "core", "scale", "guide"]
    topics: list[Topic] = Field(min_length=1)

    def cross_checks(self) -> Iterable[Problem]:
        return _duplicates(
            (t.id for t in self.topics), (("topics", i, "id") for i in range(len(self.topics))), "topic id"
        )


class SkillsFile(Model):
    last_reviewed: dt.date
    areas: list[Area] = Field(min_length=1)

    def cross_checks(self) -> Iterable[Problem]:
        yield from _duplicates(
            (a.id for a in self.areas), (("areas", i, "id") for i in range(len(self.areas))), "area id"
        )
        for index, area in enumerate(self.areas):
            for loc, message in area.cross_checks():
                yield ("areas", index, *loc), message


# ---- checklists/*.yml ------------------------------------------------------------------------


class StandardRefs(Model):
    """Identifiers in the standards a checklist item maps to."""

    owasp_top10_2021: list[Annotated[str, StringConstraints(pattern=r"^A(0[1-9]|10):2021$")]] = []
    owasp_top10_2025: list[Annotated[str, StringConstraints(pattern=r"^A(0[1-9]|10):2025$")]] = []
    owasp_api_2023: list[Annotated[str, StringConstraints(pattern=r"^API([1-9]|10):2023$")]] = []
    asvs_5: list[Annotated[str, StringConstraints(pattern=r"^V?\d+\.\d+\.\d+$")]] = []
    cwe: list[Annotated[int, Field(gt=0)]] = []


class ChecklistItem(Model):
    id: Slug
    text: Text
    why: Text | None = None
    evidence: Text | None = None  # what to ask a team or agency to show
    lesson: LessonRef | None = None
    refs: StandardRefs = StandardRefs()
    sources: list[Source] = Field(default_factory=list)


class Checklist(Model):
    id: Slug
    title: Text
    description: Text
    last_reviewed: dt.date
    items: list[ChecklistItem] = Field(min_length=1)

    def cross_checks(self) -> Iterable[Problem]:
        return _duplicates((i.id for i in self.items), (("items", n, "id") for n in range(len(self.items))), "item id")


# ---- comparisons/*.yml -----------------------------------------------------------------------


class Column(Model):
    key: Slug
    label: Text


class SourcedCell(Model):
    text: Text
    source: Source


Cell = Text | SourcedCell


class Row(Model):
    name: Text
    cells: dict[str, Cell]
    sources: list[Source] = Field(min_length=1)
    last_reviewed: dt.date


class Comparison(Model):
    id: Slug
    title: Text
    description: Text
    columns: list[Column] = Field(min_length=1)
    rows: list[Row] = Field(min_length=2)

    def cross_checks(self) -> Iterable[Problem]:
        keys = [c.key for c in self.columns]
        yield from _duplicates(keys, (("columns", i, "key") for i in range(len(keys))), "column key")
        yield from _duplicates((r.name for r in self.rows), (("rows", i, "name") for i in range(len(self.rows))), "row")
        for index, row in enumerate(self.rows):
            for key in keys:
                if key not in row.cells:
                    yield ("rows", index, "cells"), f"missing a cell for column '{key}'"
            for key in row.cells:
                if key not in keys:
                    yield ("rows", index, "cells", key), f"no column '{key}' (columns: {', '.join(keys)})"


# ---- glossary/*.yml --------------------------------------------------------------------------

Abbreviation = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9+/.&-]*[A-Za-z0-9+]$")]


class Term(Model):
    term: Text
    abbr: Abbreviation | None = None
    definition: Text
    lesson: LessonRef | None = None
    sources: list[Source] = Field(default_factory=list)


class GlossaryFile(Model):
    terms: list[Term] = Field(min_length=1)


# ---- questions/*.yml: the interview question bank --------------------------------------------


class Question(Model):
    id: Slug
    question: Text
    level: Literal["junior", "mid", "senior"]
    strong_answer: list[Text] = Field(min_length=2)
    red_flags: list[Text] = Field(min_length=1)
    lessons: list[LessonRef] = Field(default_factory=list)


class QuestionBank(Model):
    area: Slug
    last_reviewed: dt.date
    questions: list[Question] = Field(min_length=1)

    def cross_checks(self) -> Iterable[Problem]:
        ids = [q.id for q in self.questions]
        return _duplicates(ids, (("questions", i, "id") for i in range(len(ids))), "question id")


# ---- paths/*.yml: learning paths -------------------------------------------------------------


class PathStep(Model):
    lesson: LessonRef
    requires: list[LessonRef] = Field(default_factory=list)
    why: Text | None = None


class LearningPath(Model):
    id: Slug
    title: Text
    description: Text
    audience: Text
    last_reviewed: dt.date
    steps: list[PathStep] = Field(min_length=2)

    def cross_checks(self) -> Iterable[Problem]:
        lessons = [s.lesson for s in self.steps]
        yield from _duplicates(lessons, (("steps", i, "lesson") for i in range(len(lessons))), "step")
        position = {lesson: i for i, lesson in enumerate(lessons)}
        for index, step in enumerate(self.steps):
            for n, required in enumerate(step.requires):
                if required not in position:
                    yield ("steps", index, "requires", n), f"'{required}' is not a step of this path"
                elif position[required] >= index:
                    # Steps are listed in reading order, so an edge pointing forward is a cycle or a misorder.
                    yield ("steps", index, "requires", n), f"'{required}' comes after this step (cycle or wrong order)"


# ---- exercises/*.yml: SQL exercises checked in the page (macros/sql_exercises.py) ------------------

DatasetName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(/[a-z0-9_]+)+$")]
SqlText = Annotated[str, StringConstraints(min_length=1, max_length=4000)]


class SqlExercise(Model):
    """One exercise: the reader's query must return what `solution` returns on a real PostgreSQL server."""

    id: Slug
    title: Text
    task: Text
    dataset: DatasetName  # a folder under examples/ with schema.sql and seed.sql
    starter: SqlText
    solution: SqlText
    ordered: bool  # true: the rows must come back in the solution's order; false: any order passes


class SqlExerciseSet(Model):
    lesson: LessonRef
    last_reviewed: dt.date
    exercises: list[SqlExercise] = Field(min_length=1)

    def cross_checks(self) -> Iterable[Problem]:
        ids = [e.id for e in self.exercises]
        return _duplicates(ids, (("exercises", i, "id") for i in range(len(ids))), "exercise id")


# Which model validates which files, by glob under data/.
DATASETS: dict[str, type[Model]] = {
    "skills.yml": SkillsFile,
    "checklists/*.yml": Checklist,
    "comparisons/*.yml": Comparison,
    "glossary/*.yml": GlossaryFile,
    "questions/*.yml": QuestionBank,
    "paths/*.yml": LearningPath,
    "exercises/*.yml": SqlExerciseSet,
}
