"""Acceptance check: after the load's statements, the planner estimates the customers of a city in a country
within a factor of two of the real count, for several cities; the data is untouched."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from examples.databases.fast_sql.pg_plans import explain

pytestmark = pytest.mark.postgres

COUNTRIES = 50
CITIES_PER_COUNTRY = 20
CUSTOMERS = 100_000
REPORT = "SELECT id FROM customers WHERE country = %s AND city = %s"


def load(url: str) -> psycopg.Connection:
    """100,000 customers spread evenly over 1,000 cities, 20 in each of 50 countries. Autovacuum is off for the
    table, so only the answer's statements collect statistics."""
    conn = psycopg.connect(url, autocommit=True)
    conn.execute(
        "CREATE TABLE customers (id bigint PRIMARY KEY, country text NOT NULL, city text NOT NULL)"
        " WITH (autovacuum_enabled = off)"
    )
    conn.execute(
        """
        INSERT INTO customers
        SELECT g,
               'C' || (g %% %(countries)s),
               'C' || (g %% %(countries)s) || '-city-' || (g / %(countries)s %% %(cities)s)
        FROM generate_series(1, %(customers)s) AS g
        """,
        {"countries": COUNTRIES, "cities": CITIES_PER_COUNTRY, "customers": CUSTOMERS},
    )
    return conn


def run_answer(conn: psycopg.Connection, answer: Path) -> None:
    conn.execute(answer.read_text(encoding="utf-8"))


def estimate_and_actual(conn: psycopg.Connection, country: str, city: str) -> tuple[float, float]:
    top = explain(conn, REPORT, (country, city), analyze=True)["Plan"]
    return top["Plan Rows"], top["Actual Rows"]


@pytest.mark.parametrize(("country", "city"), [("C7", "C7-city-3"), ("C0", "C0-city-0"), ("C42", "C42-city-19")])
def test_the_estimate_for_a_city_is_within_a_factor_of_two(answer: Path, postgres_url: str, country: str, city: str):
    with load(postgres_url) as conn:
        run_answer(conn, answer)
        estimated, actual = estimate_and_actual(conn, country, city)
        assert actual == CUSTOMERS / (COUNTRIES * CITIES_PER_COUNTRY)  # the data is what the check loaded
        assert actual / 2 <= estimated <= actual * 2, (
            f"the planner expects {estimated:.0f} customers in {city}, {country}; there are {actual:.0f}. "
            "Compare the estimate for each condition alone with the estimate for both."
        )


@pytest.mark.starter_passes
def test_the_data_and_the_table_are_unchanged(answer: Path, postgres_url: str) -> None:
    with load(postgres_url) as conn:
        run_answer(conn, answer)
        assert conn.execute(
            "SELECT count(*), count(DISTINCT city), count(DISTINCT country) FROM customers"
        ).fetchone() == (
            CUSTOMERS,
            COUNTRIES * CITIES_PER_COUNTRY,
            COUNTRIES,
        )
        columns = conn.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = 'customers' ORDER BY ordinal_position"
        ).fetchall()
        assert [name for (name,) in columns] == ["id", "country", "city"]


@pytest.mark.starter_passes
def test_a_single_condition_is_estimated_well(answer: Path, postgres_url: str) -> None:
    """One condition alone never needed more than ANALYZE: the fix must not break it."""
    with load(postgres_url) as conn:
        run_answer(conn, answer)
        top = explain(conn, "SELECT id FROM customers WHERE country = %s", ("C7",), analyze=True)["Plan"]
        assert top["Actual Rows"] / 2 <= top["Plan Rows"] <= top["Actual Rows"] * 2
