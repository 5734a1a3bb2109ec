"""The schema of every data file in `data/`, in one place.

Each file kind is a pydantic model with unknown fields forbidden. Checks that need more than one
field (a row must fill every column, ids must be unique) live in `cross_checks`, which return
(location, message) pairs so the loader can point at the right line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from macros.core.plain_text import Text, Title, plain_text
from macros.core.yaml_source import Location

Problem = tuple[Location, str]

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
# A lesson is named by its path under docs/ without `.md`: `security/sql-injection`.
LessonRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$")]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"'`]+$")]


def not_in_the_future(value: dt.date) -> dt.date:
    # A day of slack: a reviewer ahead of UTC may already be on the next day.
    today = dt.datetime.now(dt.UTC).date()
    if value > today + dt.timedelta(days=1):
        raise ValueError(
            f"{value.isoformat()} is in the future (today is {today.isoformat()}): use the date you checked"
        )
    return value


ReviewDate = Annotated[dt.date, AfterValidator(not_in_the_future)]
Icon = Annotated[str, StringConstraints(pattern=r"^(material|octicons|fontawesome/(brands|regular|solid))/[a-z0-9-]+$")]
Level = Literal["beginner", "intermediate", "advanced"]
# How a lesson's level reads on a page, in the search filters and in the print edition.
LEVEL_LABELS: dict[str, str] = {"beginner": "Beginner", "intermediate": "Intermediate", "advanced": "Advanced"}


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
    title: Title
    lessons: list[LessonRef] = Field(default_factory=list)
    levels: LevelBehaviours | None = None


class Area(Model):
    id: Slug
    title: Title
    summary: Text
    icon: Icon
    group: Literal["foundations", "core", "scale", "guide"]
    topics: list[Topic] = Field(min_length=1)

    def cross_checks(self) -> Iterable[Problem]:
        return _duplicates(
            (t.id for t in self.topics), (("topics", i, "id") for i in range(len(self.topics))), "topic id"
        )


class SkillsFile(Model):
    last_reviewed: ReviewDate
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
    title: Title
    description: Text
    last_reviewed: ReviewDate
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


class ReleaseCell(Model):
    """A cell whose versions come from data/releases/<release>.yml: the releases supported on the build date,
    newest first, each with where it stands, so a "current version" column cannot go stale by itself."""

    release: Slug  # a snapshot's id (its file name)
    lts_only: bool = False  # only the long-term support lines (Java: the releases teams run in production)
    note: Text | None = None  # what the data cannot say: "free-threaded build supported since 3.14"


Cell = Text | SourcedCell | ReleaseCell


class Row(Model):
    name: Text
    cells: dict[str, Cell]
    sources: list[Source] = Field(min_length=1)
    last_reviewed: ReviewDate


class Comparison(Model):
    id: Slug
    title: Title
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

    @property
    def anchor(self) -> str:
        """The id of the term's entry on the glossary page."""
        text = (self.abbr or self.term).lower()
        return "".join(ch if ch.isalnum() else "-" for ch in text).strip("-")


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
    last_reviewed: ReviewDate
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
    title: Title
    description: Text
    audience: Text
    last_reviewed: ReviewDate
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


# ---- search/*.yml: what readers type that the lessons do not say --------------------------------

# A word as readers type it, symbols included: `SSL/TLS`, `C#`, `N+1`, `401 vs 403`.
SearchWords = Annotated[str, StringConstraints(min_length=1, max_length=80, strip_whitespace=True, pattern=r"^[^<>]+$")]
# The stem both spellings share up to where they differ: `normalis` / `normaliz`.
SpellingStem = Annotated[str, StringConstraints(pattern=r"^[a-z]{3,}$")]


class Synonym(Model):
    """Words that should find a lesson, or one section of it, although its text does not use them."""

    terms: list[SearchWords] = Field(min_length=1)
    lesson: LessonRef
    section: Slug | None = None  # a heading's anchor on that lesson


class SearchVocabulary(Model):
    synonyms: list[Synonym] = Field(default_factory=list)
    # British and US stems: a page with a word starting with one is also found by the other.
    spellings: list[tuple[SpellingStem, SpellingStem]] = Field(default_factory=list)

    def cross_checks(self) -> Iterable[Problem]:
        yield from _duplicates(
            (pair[0] for pair in self.spellings), (("spellings", i, 0) for i in range(len(self.spellings))), "spelling"
        )


# ---- topics.yml: the topic inventory ---------------------------------------------------------

# A lesson section: `security/sql-injection#bound-parameters-keep-data-out-of-the-sql-text`.
SectionRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+#[A-Za-z0-9_-]+$")]


def name_words(text: str) -> str:
    """A name as words: case and punctuation do not count (`SSL/TLS` and `ssl tls` are one name)."""
    return " ".join(re.findall(r"[a-z0-9]+", text.casefold()))


def name_key(text: str) -> str:
    """`name_words` with each word made singular, for matching a name inside a heading."""
    return " ".join(_singular(word) for word in name_words(text).split())


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"  # dependencies, queries, proxies
    if word.endswith(("xes", "sses")):
        return word[:-2]  # indexes, classes
    if len(word) > 2 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]  # caches, tokens (applied to both sides, so `status` stays comparable)
    return word


class InventoryTopic(Model):
    """One topic a learner expects, and the lesson sections (h2 or h3) that teach it."""

    id: Slug
    title: Text
    aliases: list[Text] = Field(default_factory=list)
    area: Slug
    level: Level
    sections: list[SectionRef] = Field(min_length=1)

    def names(self) -> list[str]:
        return [self.title, *self.aliases]


class InventorySource(Model):
    """A primary inventory the topics were drawn from; `url` is absent for an unpublished document."""

    title: Text
    url: HttpsUrl | None = None


class TopicInventory(Model):
    last_reviewed: dt.date
    sources: list[InventorySource] = Field(min_length=1)
    topics: list[InventoryTopic] = Field(min_length=1)

    def cross_checks(self) -> Iterable[Problem]:
        yield from _duplicates(
            (t.id for t in self.topics), (("topics", i, "id") for i in range(len(self.topics))), "topic id"
        )
        # Every title and alias names one topic only, so search and the A-Z page never send a
        # reader to two places for the same word.
        owner: dict[str, tuple[int, str]] = {}
        for index, topic in enumerate(self.topics):
            for n, name in enumerate(topic.names()):
                loc = ("topics", index, "title") if n == 0 else ("topics", index, "aliases", n - 1)
                key = name_words(name)
                if key in owner:
                    other, other_name = owner[key]
                    if other == index:
                        yield loc, f"'{name}' repeats '{other_name}' of this topic"
                    else:
                        yield loc, f"'{name}' is already a name of topic '{self.topics[other].id}'"
                else:
                    owner[key] = (index, name)


# ---- exercises/*.yml: SQL exercises checked in the page (macros/render/sql_exercises.py) ------------------

DatasetName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(/[a-z0-9_]+)+$")]
SqlText = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
TableName = Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]*$")]


class StateCheck(Model):
    """What the reader's SQL left behind. After their statements, and after their session ends (an open
    transaction is rolled back, as when a connection closes), `query` runs statement by statement; each
    statement must give what it gives after the reference solution: the same rows, or an error with the
    same SQLSTATE (so an INSERT here can test a constraint the reader had to add)."""

    kind: Literal["state"]
    requires: Text  # what the check asks, in the reader's words: listed under "Done when" and shown on failure
    query: SqlText


class FaultCheck(Model):
    """The same as a state check, on a fresh copy of the data where `fault` ran first (a trigger that makes
    one of the reader's statements fail, say). The reader's statements run one at a time, as an application
    in autocommit mode sends them, and the ones after a failure still run: only work the reader wrapped in
    one transaction (or one statement) is undone as a whole."""

    kind: Literal["fault"]
    requires: Text
    fault: SqlText
    query: SqlText


class PlanCheck(Model):
    """How much work the reader's last statement does: EXPLAIN (ANALYZE, FORMAT JSON) of it, after the
    statements before it, may read at most this many rows of each named table (the rows every scan node on
    the table returned plus the rows its filter removed, over all its loops)."""

    kind: Literal["plan"]
    requires: Text
    max_rows_read: dict[TableName, Annotated[int, Field(ge=1)]] = Field(min_length=1)


SqlCheck = Annotated[StateCheck | FaultCheck | PlanCheck, Field(discriminator="kind")]


class SqlExercise(Model):
    """One exercise: the reader's last result must have the rows `solution` returns on a real PostgreSQL
    server, and every check must give what it gives for the solution. Red-first: the tests fail when the
    starter passes (tests/test_sql_exercises.py)."""

    id: Slug
    title: Text
    task: Text
    dataset: DatasetName  # a folder under examples/ with schema.sql and seed.sql
    setup: SqlText | None = None  # this exercise's own rows on top of the dataset, shown to the reader
    starter: SqlText
    solution: SqlText
    ordered: bool  # true: the rows must come back in the solution's order; false: any order passes
    hints: list[Text] = Field(min_length=1)  # shown folded, in order, before the reference solution
    checks: list[SqlCheck] = Field(default_factory=list)

    def fingerprint(self) -> str:
        """A digest of everything the expected results depend on (not the texts a reader is shown), so a
        stored result computed for another version of the exercise is caught."""
        checks = [check.model_dump(exclude={"requires"}) for check in self.checks]
        source = [self.dataset, self.setup, self.solution, self.ordered, checks]
        return hashlib.sha256(json.dumps(source, sort_keys=True).encode()).hexdigest()


class SqlExerciseSet(Model):
    lesson: LessonRef
    last_reviewed: dt.date
    exercises: list[SqlExercise] = Field(min_length=1)

    def cross_checks(self) -> Iterable[Problem]:
        ids = [e.id for e in self.exercises]
        return _duplicates(ids, (("exercises", i, "id") for i in range(len(ids))), "exercise id")


# Which model validates which files, by glob under data/.
# ---- reviews/<area>/<lesson>.yml: the expert review behind a lesson's last_reviewed date ----------------


class Review(Model):
    """One expert pass over one lesson: who it was done as, against which sources, what it checked and fixed."""

    lesson: LessonRef
    reviewed: ReviewDate
    role: Text  # the practitioner the reviewer acted as
    sources: list[Source] = Field(min_length=1)
    checked: list[Text] = Field(min_length=1)
    fixed: list[Text] = Field(default_factory=list)


# ---- releases/<product>.yml: release cycles from endoflife.date (tools/facts/refresh.py) ---------------------

# A release cycle as the product names it: `3.14`, `26`, `1.34`.
CycleName = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z.+-]*$", max_length=40)]
# A date, or true/false where the product gives none: `eol: false` is "no end announced", `eol: true` "ended,
# date not published".
Milestone = dt.date | bool


class ReleaseCycle(Model):
    """One release cycle, as endoflife.date records it."""

    cycle: CycleName
    codename: Title | None = None
    released: dt.date
    lts: Milestone = False  # true, or the date the cycle became (or becomes) a long-term support release
    active_support: Milestone | None = None  # end of active support (bug fixes); none: not tracked
    eol: Milestone  # end of life: no fixes at all after it
    extended_support: Milestone | None = None  # end of extended (often paid) support
    latest: Title | None = None  # the newest patch release, as the product writes it (`3.14.7`, `1.3.1 r.6`)

    def cross_checks(self) -> Iterable[Problem]:
        for name in ("lts", "active_support", "eol", "extended_support"):
            value = getattr(self, name)
            if isinstance(value, dt.date) and value < self.released:
                yield (name,), f"{value.isoformat()} is before the release date {self.released.isoformat()}"


class ReleaseProduct(Model):
    """A dated snapshot of one product's release cycles. `names` (how lessons name the product) and `note`
    are written by hand; a refresh rewrites everything else."""

    id: Slug  # endoflife.date's product id, and the file name
    title: Title
    names: list[Title] = Field(min_length=1)
    note: Text | None = None  # what the dates cannot say, such as a rolling release model
    snapshot: ReviewDate  # the date of the endoflife.date commit the data comes from
    source: Source
    data: HttpsUrl  # the product file at that commit
    policy: HttpsUrl | None = None
    releases: list[ReleaseCycle] = Field(min_length=1)

    def cross_checks(self) -> Iterable[Problem]:
        yield from _duplicates(
            (r.cycle for r in self.releases), (("releases", i, "cycle") for i in range(len(self.releases))), "cycle"
        )
        if self.source.url != f"https://endoflife.date/{self.id}":
            yield ("source", "url"), f"must be https://endoflife.date/{self.id}, the page the data comes from"
        for index, release in enumerate(self.releases):
            for loc, message in release.cross_checks():
                yield ("releases", index, *loc), message


# ---- standards/rfcs.yml: the status of the RFCs lessons cite, from the RFC Editor's index ------------------


class RfcStatus(Model):
    number: Annotated[int, Field(gt=0)]
    title: Text
    obsoleted_by: list[Annotated[int, Field(gt=0)]] = Field(default_factory=list)
    updated_by: list[Annotated[int, Field(gt=0)]] = Field(default_factory=list)


class RfcIndex(Model):
    snapshot: ReviewDate
    source: Source
    rfcs: list[RfcStatus] = Field(min_length=1)

    def cross_checks(self) -> Iterable[Problem]:
        numbers = [str(r.number) for r in self.rfcs]
        return _duplicates(numbers, (("rfcs", i, "number") for i in range(len(numbers))), "RFC")


DATASETS: dict[str, type[Model]] = {
    "skills.yml": SkillsFile,
    "checklists/*.yml": Checklist,
    "comparisons/*.yml": Comparison,
    "glossary/*.yml": GlossaryFile,
    "questions/*.yml": QuestionBank,
    "paths/*.yml": LearningPath,
    "search/*.yml": SearchVocabulary,
    "topics.yml": TopicInventory,
    "exercises/*.yml": SqlExerciseSet,
    "reviews/*/*.yml": Review,
    "releases/*.yml": ReleaseProduct,
    "standards/rfcs.yml": RfcIndex,
}


# ---- products/<family>.yml: the products a backend developer meets by name, one file per family ---------------

# A lesson, or one of its h2 or h3 sections: `databases/nosql` or `databases/nosql#key-value-stores-redis`.
LessonOrSectionRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+(#[A-Za-z0-9_-]+)?$")]
# An SPDX license expression: identifiers from the SPDX list (`Apache-2.0`, `GPL-2.0-only`) or `LicenseRef-`
# ones for licenses the list lacks (`LicenseRef-RSALv2`), joined by AND, OR and WITH, with parentheses.
_SPDX_ID = r"\(*[A-Za-z0-9][A-Za-z0-9.+-]*\)*"
_SPDX_EXPRESSION = re.compile(rf"{_SPDX_ID}( (AND|OR|WITH) {_SPDX_ID})*")


def spdx_expression(value: str) -> str:
    if not _SPDX_EXPRESSION.fullmatch(value) or value.count("(") != value.count(")"):
        raise ValueError(
            "must be an SPDX license expression, such as `Apache-2.0` or `MIT OR Apache-2.0` "
            "(`LicenseRef-Name` for a license the SPDX list lacks)"
        )
    return value


SpdxExpression = Annotated[str, StringConstraints(max_length=200), AfterValidator(spdx_expression)]


def one_sentence(value: str) -> str:
    if "\n" in value or not value.endswith((".", "!", "?")):
        raise ValueError("must be one sentence on one line, ending with a full stop")
    # A full stop, then a capital: a second sentence has begun (`Pick it. It is fast.`).
    second = re.search(r"[.!?] +[A-Z]", value)
    if second:
        raise ValueError(f"must be one sentence: a second one starts at {value[second.start() + 1 :].strip()!r}")
    return value


# One sentence a reader takes in at a glance: what a product is, when to pick it.
Sentence = Annotated[
    str,
    StringConstraints(min_length=10, max_length=320, strip_whitespace=True),
    AfterValidator(plain_text),
    AfterValidator(one_sentence),
]
LicenseKind = Literal["open source", "open core", "source available", "proprietary", "cloud service", "public domain"]
# Kinds whose terms have an SPDX expression (a `LicenseRef-` one where the SPDX list has no identifier).
LICENSED_KINDS = {"open source", "open core", "source available"}


class LicenseChange(Model):
    """A dated change of terms, so a reader can tell which releases a license applies to."""

    date: dt.date  # the day the change was announced or made in the source, as `change` says
    version: Title | None = None  # the first release under the new terms, where the project names one
    change: Text


class ProductLicense(Model):
    kind: LicenseKind
    spdx: SpdxExpression | None = None  # none for proprietary software, services and public-domain code
    terms: Text  # the license in words: editions, which choice applies to what, what a restriction forbids
    changes: list[LicenseChange] = Field(default_factory=list)

    def cross_checks(self) -> Iterable[Problem]:
        if self.kind in LICENSED_KINDS and self.spdx is None:
            yield ("spdx",), f"a product that is {self.kind} has an SPDX expression (LicenseRef-... if unlisted)"
        if self.kind not in LICENSED_KINDS and self.spdx is not None:
            yield ("spdx",), f"a product that is {self.kind} has no SPDX expression: describe it in `terms`"
        dates = [change.date for change in self.changes]
        if dates != sorted(dates):
            yield ("changes",), "list the changes oldest first"


class Product(Model):
    id: Slug  # the anchor of the product's section on the products page
    name: Title
    also: list[Title] = Field(default_factory=list)  # other names readers use: `Postgres`, `MSSQL`
    what: Sentence
    pick_when: Sentence
    license: ProductLicense
    lesson: LessonOrSectionRef | None = None  # where this product is taught, when not at the family's lesson
    sources: list[Source] = Field(min_length=1)
    last_reviewed: ReviewDate

    def cross_checks(self) -> Iterable[Problem]:
        for loc, message in self.license.cross_checks():
            yield ("license", *loc), message
        yield from _duplicates(
            [name_words(name) for name in (self.name, *self.also)],
            [("name",), *(("also", i) for i in range(len(self.also)))],
            "name",
        )


class ProductFamily(Model):
    """A family of products (relational databases, message brokers) and the lesson that teaches it."""

    id: Slug  # the file name, and the anchor of the family's section
    title: Title
    order: Annotated[int, Field(ge=1)]  # the family's place on the page
    summary: Sentence
    lesson: LessonOrSectionRef
    last_reviewed: ReviewDate
    products: list[Product] = Field(min_length=1)

    def cross_checks(self) -> Iterable[Problem]:
        ids = [p.id for p in self.products]
        yield from _duplicates(ids, (("products", i, "id") for i in range(len(ids))), "product id")
        for index, product in enumerate(self.products):
            if product.id == self.id:
                yield ("products", index, "id"), f"'{product.id}' is the family's own anchor"
            for loc, message in product.cross_checks():
                yield ("products", index, *loc), message


DATASETS["products/*.yml"] = ProductFamily
