"""Normal forms, made checkable: functional dependencies tested against rows, and a BCNF decomposition.

Everything here uses SQLite, because normalisation is about the logical schema, not a particular server.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

Row = dict[str, object]

# --8<-- [start:flat]
# One spreadsheet-like table for course enrolments. Every fact about a course or a teacher is repeated on
# every enrolment row, so (student, course) is the key but many columns depend on only part of it.
FLAT_ENROLMENTS: list[Row] = [
    {"student": "s1", "student_name": "Ada", "course": "db101", "course_title": "Databases", "teacher": "Codd",
     "teacher_room": "B12", "grade": "A"},
    {"student": "s1", "student_name": "Ada", "course": "net201", "course_title": "Networks", "teacher": "Cerf",
     "teacher_room": "C03", "grade": "B"},
    {"student": "s2", "student_name": "Grace", "course": "db101", "course_title": "Databases", "teacher": "Codd",
     "teacher_room": "B12", "grade": "B"},
    {"student": "s3", "student_name": "Linus", "course": "db101", "course_title": "Databases", "teacher": "Codd",
     "teacher_room": "B12", "grade": "C"},
]  # fmt: skip
# --8<-- [end:flat]


# --8<-- [start:fd]
def holds(rows: Iterable[Row], determinant: Sequence[str], dependent: Sequence[str]) -> bool:
    """True if the functional dependency determinant -> dependent holds in these rows.

    It holds when no two rows agree on the determinant but disagree on the dependent. Data can only
    refute a dependency; whether it *should* hold is a business rule you have to ask about.
    """
    seen: dict[tuple[object, ...], tuple[object, ...]] = {}
    for row in rows:
        key = tuple(row[c] for c in determinant)
        value = tuple(row[c] for c in dependent)
        if seen.setdefault(key, value) != value:
            return False
    return True


def closure(attributes: set[str], dependencies: list[tuple[frozenset[str], frozenset[str]]]) -> set[str]:
    """Every attribute the given ones determine, following the dependencies transitively."""
    result = set(attributes)
    changed = True
    while changed:
        changed = False
        for left, right in dependencies:
            if left <= result and not right <= result:
                result |= right
                changed = True
    return result


def bcnf_violations(
    columns: set[str], dependencies: list[tuple[frozenset[str], frozenset[str]]]
) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Dependencies X -> Y whose X is not a superkey: each one is a fact stored more than once."""
    return [
        (left, right)
        for left, right in dependencies
        if not right <= left and closure(set(left), dependencies) < columns
    ]


# --8<-- [end:fd]

# The business rules for the enrolment data, as functional dependencies.
RULES: list[tuple[frozenset[str], frozenset[str]]] = [
    (frozenset({"student"}), frozenset({"student_name"})),
    (frozenset({"course"}), frozenset({"course_title", "teacher"})),
    (frozenset({"teacher"}), frozenset({"teacher_room"})),
    (frozenset({"student", "course"}), frozenset({"grade"})),
]


# --8<-- [start:schema]
NORMALISED_SCHEMA = """
CREATE TABLE students (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE teachers (name TEXT PRIMARY KEY, room TEXT NOT NULL);
CREATE TABLE courses (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL UNIQUE,
    teacher TEXT NOT NULL REFERENCES teachers(name)
);
CREATE TABLE enrolments (
    student TEXT NOT NULL REFERENCES students(id),
    course TEXT NOT NULL REFERENCES courses(id),
    grade TEXT CHECK (grade IN ('A', 'B', 'C', 'D', 'F')),
    PRIMARY KEY (student, course)
);
"""
# --8<-- [end:schema]


def load_normalised(rows: Iterable[Row]) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")  # SQLite leaves foreign keys off unless asked, per connection
    conn.executescript(NORMALISED_SCHEMA)
    for r in rows:
        conn.execute("INSERT OR IGNORE INTO students VALUES (?, ?)", (r["student"], r["student_name"]))
        conn.execute("INSERT OR IGNORE INTO teachers VALUES (?, ?)", (r["teacher"], r["teacher_room"]))
        conn.execute("INSERT OR IGNORE INTO courses VALUES (?, ?, ?)", (r["course"], r["course_title"], r["teacher"]))
        conn.execute("INSERT INTO enrolments VALUES (?, ?, ?)", (r["student"], r["course"], r["grade"]))
    conn.commit()
    return conn


# --8<-- [start:anomaly]
def move_teacher_in_flat_table(rows: list[Row], teacher: str, room: str, only_first: bool) -> set[object]:
    """Update anomaly: an application that updates one row leaves the teacher in two rooms at once."""
    for row in rows:
        if row["teacher"] == teacher:
            row["teacher_room"] = room
            if only_first:
                break
    return {row["teacher_room"] for row in rows if row["teacher"] == teacher}


# --8<-- [end:anomaly]


# --8<-- [start:view]
REPORT_VIEW = """
CREATE VIEW enrolment_report AS
SELECT e.student, s.name AS student_name, e.course, c.title AS course_title,
       c.teacher, t.room AS teacher_room, e.grade
FROM enrolments AS e
JOIN students AS s ON s.id = e.student
JOIN courses AS c ON c.id = e.course
JOIN teachers AS t ON t.name = c.teacher
"""
# --8<-- [end:view]
