"""Acceptance check: the report's count and list agree even when a doctor joins the rota between its two
queries, the rota change is not blocked by the report, and the next report sees the new doctor."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from exercises import load_module
from exercises.databases.transactions.support import guarded

pytestmark = pytest.mark.postgres


def rota(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE doctors (name text PRIMARY KEY, on_call boolean NOT NULL)")
        conn.execute("INSERT INTO doctors VALUES ('ana', true), ('ben', true), ('cy', false)")


ADD_DEE = "INSERT INTO doctors VALUES ('dee', true)"  # a row that starts to match: a phantom
ANA_SIGNS_OFF = "UPDATE doctors SET on_call = false WHERE name = 'ana'"  # a row that stops matching


class RotaChange:
    """Changes the rota, from another session, when the report calls it; the change must not wait."""

    def __init__(self, url: str, statement: str = ADD_DEE) -> None:
        self.url = url
        self.statement = statement
        self.error: Exception | None = None

    def __call__(self) -> None:
        try:
            with psycopg.connect(self.url, autocommit=True) as admin:
                admin.execute("SET lock_timeout = '2s'")
                admin.execute(self.statement)
        except psycopg.Error as error:  # reported by the test, not into the learner's code
            self.error = error


@pytest.mark.parametrize("change", [ADD_DEE, ANA_SIGNS_OFF], ids=["doctor-joins", "doctor-signs-off"])
def test_the_count_matches_the_names_listed(answer: Path, postgres_url: str, change: str) -> None:
    rota(postgres_url)
    rota_change = RotaChange(postgres_url, change)
    count, names = load_module(answer).on_call_report(guarded(postgres_url), rota_change)
    assert rota_change.error is None, f"the rota change waited for the report: {rota_change.error}"
    assert count == len(names), f"the page says {count} on call, then lists {names}"


@pytest.mark.starter_passes
def test_the_report_does_not_block_the_rota(answer: Path, postgres_url: str) -> None:
    rota(postgres_url)
    change = RotaChange(postgres_url)
    load_module(answer).on_call_report(guarded(postgres_url), change)
    assert change.error is None, f"adding a doctor waited for the report: {change.error}"


@pytest.mark.starter_passes
def test_the_next_report_sees_the_new_doctor(answer: Path, postgres_url: str) -> None:
    rota(postgres_url)
    report = load_module(answer).on_call_report
    report(guarded(postgres_url), RotaChange(postgres_url))
    assert report(guarded(postgres_url)) == (3, ["ana", "ben", "dee"])
