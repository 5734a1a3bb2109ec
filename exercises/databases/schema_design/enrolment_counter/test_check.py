"""Acceptance check: after every enrollment, drop-out, course switch and grade change (written in plain SQL, as
any script could), each course's enrolment_count equals the number of its enrollments."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from examples.databases.schema_design.normalisation import FLAT_ENROLMENTS, load_normalised

COURSES = ("db101", "net201", "os301", "sec401")


def school(answer: Path) -> sqlite3.Connection:
    conn = load_normalised(FLAT_ENROLMENTS)
    conn.executemany(
        "INSERT INTO courses VALUES (?, ?, 'Codd')", [("os301", "Operating systems"), ("sec401", "Security")]
    )
    conn.executemany("INSERT INTO students VALUES (?, ?)", [(f"x{n}", f"Student {n}") for n in range(40)])
    conn.commit()
    conn.executescript(answer.read_text(encoding="utf-8"))
    return conn


def mismatches(conn: sqlite3.Connection) -> list[tuple[str, int, int]]:
    return conn.execute(
        """
        SELECT c.id, c.enrolment_count, (SELECT count(*) FROM enrolments AS e WHERE e.course = c.id) AS actual
        FROM courses AS c WHERE c.enrolment_count IS NOT (SELECT count(*) FROM enrolments AS e WHERE e.course = c.id)
        """
    ).fetchall()


def random_change(conn: sqlite3.Connection, rng: random.Random) -> str:
    enrolled = conn.execute("SELECT student, course FROM enrolments").fetchall()
    action = rng.choice(("enroll", "enroll", "drop", "switch", "grade")) if enrolled else "enroll"
    if action == "enroll":
        student, course = f"x{rng.randrange(40)}", rng.choice(COURSES)
        conn.execute("INSERT OR IGNORE INTO enrolments VALUES (?, ?, NULL)", (student, course))
        return f"{student} enrolled in {course}"
    student, course = rng.choice(enrolled)
    if action == "drop":
        conn.execute("DELETE FROM enrolments WHERE student = ? AND course = ?", (student, course))
        return f"{student} dropped {course}"
    if action == "switch":
        target = rng.choice([c for c in COURSES if c != course])
        conn.execute(
            "UPDATE OR IGNORE enrolments SET course = ? WHERE student = ? AND course = ?", (target, student, course)
        )
        return f"{student} switched from {course} to {target}"
    conn.execute("UPDATE enrolments SET grade = ? WHERE student = ? AND course = ?", ("B", student, course))
    return f"{student} got a grade in {course}"


@pytest.mark.starter_passes
def test_the_migration_counts_the_existing_enrollments(answer: Path) -> None:
    conn = school(answer)
    assert dict(conn.execute("SELECT id, enrolment_count FROM courses")) == {
        "db101": 3,
        "net201": 1,
        "os301": 0,
        "sec401": 0,
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_count_stays_right_through_every_kind_of_change(answer: Path, seed: int) -> None:
    conn = school(answer)
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret
    for step in range(300):
        change = random_change(conn, rng)
        conn.commit()
        wrong = mismatches(conn)
        assert not wrong, f"after change {step + 1} ({change}): (course, counter, actual) {wrong}"


def test_a_rolled_back_change_leaves_the_count_alone(answer: Path) -> None:
    conn = school(answer)
    with pytest.raises(sqlite3.IntegrityError), conn:
        conn.execute("DELETE FROM enrolments WHERE course = 'db101' AND student = 's1'")
        conn.execute("INSERT INTO enrolments VALUES ('nobody', 'db101', NULL)")  # no such student: rolls back
    assert not mismatches(conn)
    conn.execute("DELETE FROM enrolments WHERE course = 'net201'")
    assert not mismatches(conn), "a drop-out must lower the count"
