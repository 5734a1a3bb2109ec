"""SQL exercises: the stored expected results are what PostgreSQL returns for each reference solution."""

from __future__ import annotations

import re

import pytest

from macros.render import sql_exercises
from macros.site.load import load_catalog
from tests.conftest import ROOT


def test_every_exercise_has_an_expected_result_for_its_current_solution() -> None:
    catalog = load_catalog(ROOT, ROOT / "docs")
    expected = sql_exercises.load_expected(ROOT)
    assert len(catalog.exercises) >= 10
    for exercise in catalog.exercises.values():
        result = sql_exercises.expected_for(expected, exercise)
        assert result["columns"] and result["rows"], exercise.id
    assert set(expected) == set(catalog.exercises), "expected.json lists exercises that no longer exist"


def test_a_changed_solution_without_a_new_expected_result_is_reported() -> None:
    catalog = load_catalog(ROOT, ROOT / "docs")
    exercise = next(iter(catalog.exercises.values()))
    changed = exercise.model_copy(update={"solution": exercise.solution + " -- changed"})
    with pytest.raises(sql_exercises.ExpectedResultMissing, match=re.escape("python -m tools.sql_exercises")):
        sql_exercises.expected_for(sql_exercises.load_expected(ROOT), changed)


@pytest.mark.postgres
def test_stored_expected_results_are_what_postgresql_returns_now(postgres_admin_url: str) -> None:
    from tools import sql_exercises as generator

    stored = (ROOT / sql_exercises.EXPECTED_FILE).read_text(encoding="utf-8")
    assert generator.render(generator.compute(postgres_admin_url)) == stored, (
        "data/exercises/expected.json is stale: run `python -m tools.sql_exercises` and commit it"
    )
