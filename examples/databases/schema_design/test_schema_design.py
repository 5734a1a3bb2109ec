"""Normalisation and migration claims from the schema-design lesson."""

from __future__ import annotations

import copy
import sqlite3

import pytest

from examples.databases.schema_design import migrations as m
from examples.databases.schema_design.normalisation import (
    FLAT_ENROLMENTS,
    REPORT_VIEW,
    RULES,
    bcnf_violations,
    closure,
    holds,
    load_normalised,
    move_teacher_in_flat_table,
)

FLAT_COLUMNS = set(FLAT_ENROLMENTS[0])


def test_dependencies_hold_in_the_sample_data():
    assert holds(FLAT_ENROLMENTS, ["course"], ["teacher", "course_title"])
    assert holds(FLAT_ENROLMENTS, ["teacher"], ["teacher_room"])
    assert not holds(FLAT_ENROLMENTS, ["student"], ["grade"])  # a student has a grade per course


def test_student_and_course_form_the_key():
    assert closure({"student", "course"}, RULES) == FLAT_COLUMNS
    assert closure({"course"}, RULES) == {"course", "course_title", "teacher", "teacher_room"}


def test_flat_table_violates_bcnf_and_each_split_table_does_not():
    assert {tuple(sorted(left)) for left, _ in bcnf_violations(FLAT_COLUMNS, RULES)} == {
        ("student",),
        ("course",),
        ("teacher",),
    }
    tables = {
        "students": ({"student", "student_name"}, RULES[:1]),
        "courses": (
            {"course", "course_title", "teacher"},
            [(frozenset({"course"}), frozenset({"course_title", "teacher"}))],
        ),
        "teachers": ({"teacher", "teacher_room"}, [RULES[2]]),
        "enrolments": ({"student", "course", "grade"}, [RULES[3]]),
    }
    for columns, rules in tables.values():
        assert bcnf_violations(columns, rules) == []


def test_update_anomaly_in_the_flat_table():
    rows = copy.deepcopy(FLAT_ENROLMENTS)
    assert move_teacher_in_flat_table(rows, "Codd", "A01", only_first=True) == {"A01", "B12"}


def test_normalised_schema_stores_each_fact_once_and_the_view_rebuilds_the_report():
    conn = load_normalised(FLAT_ENROLMENTS)
    assert conn.execute("SELECT count(*) FROM teachers WHERE name = 'Codd'").fetchone() == (1,)
    conn.execute("UPDATE teachers SET room = 'A01' WHERE name = 'Codd'")
    conn.execute(REPORT_VIEW)
    rooms = {room for (room,) in conn.execute("SELECT teacher_room FROM enrolment_report WHERE teacher = 'Codd'")}
    assert rooms == {"A01"}
    assert conn.execute("SELECT count(*) FROM enrolment_report").fetchone() == (len(FLAT_ENROLMENTS),)


def test_constraints_reject_bad_data():
    conn = load_normalised(FLAT_ENROLMENTS)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        conn.execute("INSERT INTO enrolments VALUES ('nobody', 'db101', 'A')")
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("INSERT INTO enrolments VALUES ('s2', 'net201', 'Z')")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute("INSERT INTO enrolments VALUES ('s1', 'db101', 'B')")


# --8<-- [start:migration_test]
def test_every_step_of_expand_contract_keeps_the_live_app_versions_working():
    conn = sqlite3.connect(":memory:")
    m.create_v1(conn)
    m.expand(conn)
    m.app_v1_signup(conn, "old@example.com", "Old Client")  # v1 still deployed: must not break
    m.app_v2_signup(conn, "new@example.com", "New Client")  # v2 rolling out alongside it
    batches = m.backfill(conn, batch_size=2)
    assert batches == 2  # four rows lacked the new columns (v2's row already had them)
    assert conn.execute("SELECT count(*) FROM users WHERE given_name IS NULL").fetchone() == (0,)
    m.app_v3_signup(conn, "v3@example.com", "Third", "Version")
    assert m.app_v3_display_name(conn, "old@example.com") == "Old Client"
    assert m.app_v3_display_name(conn, "plato@example.com") == "Plato"
    m.contract(conn)
    assert "full_name" not in [c[1] for c in conn.execute("PRAGMA table_info(users)")]
    assert m.app_v3_display_name(conn, "v3@example.com") == "Third Version"


def test_new_code_that_skips_the_old_column_needs_its_not_null_relaxed_first():
    conn = sqlite3.connect(":memory:")
    m.create_v1(conn)
    conn.execute("ALTER TABLE users ADD COLUMN given_name TEXT")  # an expand step that forgot to relax NOT NULL
    conn.execute("ALTER TABLE users ADD COLUMN family_name TEXT")
    with pytest.raises(sqlite3.IntegrityError, match=r"NOT NULL constraint failed: users\.full_name"):
        m.app_v3_signup(conn, "v3@example.com", "Third", "Version")


def test_contracting_too_early_breaks_the_old_version():
    conn = sqlite3.connect(":memory:")
    m.create_v1(conn)
    m.expand(conn)
    m.contract(conn)
    with pytest.raises(sqlite3.OperationalError, match="full_name"):
        m.app_v1_signup(conn, "late@example.com", "Late Deploy")


# --8<-- [end:migration_test]
