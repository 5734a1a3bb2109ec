"""Acceptance check: no step rewrites orders, no transaction updates more than 5,000 rows, the application can
insert and read after every step, and at the end total_cents is a NOT NULL bigint with every order's total."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg import errors

from examples.databases.schema_design.pg_migrations import storage_file
from exercises import load_module
from exercises.databases.transactions.support import guarded

pytestmark = pytest.mark.postgres

ROWS = 20_000
MAX_ROWS_PER_TRANSACTION = 5_000


def setup(url: str) -> None:
    """20,000 orders, and an audit trigger (the check's own) that records how many rows each transaction updates."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            """
            CREATE TABLE orders (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                customer_id bigint NOT NULL,
                total_cents integer NOT NULL
            );
            INSERT INTO orders (customer_id, total_cents) SELECT g % 500, g * 100 FROM generate_series(1, 20000) AS g;
            CREATE TABLE check_updates (xact bigint, row_count bigint);
            CREATE FUNCTION check_count_updates() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO check_updates SELECT txid_current(), count(*) FROM updated;
                RETURN NULL;
            END $$;
            CREATE TRIGGER check_count_updates AFTER UPDATE ON orders
            REFERENCING NEW TABLE AS updated FOR EACH STATEMENT EXECUTE FUNCTION check_count_updates();
            """
        )


class LiveApp:
    """The deployed application: it inserts orders and reads their totals, by the name total_cents."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.written: dict[int, int] = {}

    def place_order(self, total: int) -> None:
        with psycopg.connect(guarded(self.url), autocommit=True) as conn:
            (order_id,) = conn.execute(
                "INSERT INTO orders (customer_id, total_cents) VALUES (1, %s) RETURNING id", (total,)
            ).fetchone()
            (read,) = conn.execute("SELECT total_cents FROM orders WHERE id = %s", (order_id,)).fetchone()
        assert read == total, f"the application wrote {total} and read back {read}"
        self.written[order_id] = total


def migrate(answer: Path, url: str, app: LiveApp) -> list[bool]:
    """Run every step, the application working after each; return, per step, whether it rewrote orders."""
    rewrote = []
    with psycopg.connect(guarded(url), autocommit=True) as conn:
        for number, step in enumerate(load_module(answer).STEPS, start=1):
            before = storage_file(conn, "orders")
            if callable(step):
                step(conn)
            else:
                conn.execute(step)
            rewrote.append(storage_file(conn, "orders") != before)
            app.place_order(1_000 + number)
    return rewrote


def test_no_step_rewrites_the_table(answer: Path, postgres_url: str) -> None:
    setup(postgres_url)
    rewrote = migrate(answer, postgres_url, LiveApp(postgres_url))
    assert not any(rewrote), (
        f"step {rewrote.index(True) + 1} rewrote orders: on the real table, that is minutes under a lock that "
        "blocks every read and write"
    )


@pytest.mark.starter_passes
def test_the_column_ends_as_a_not_null_bigint_with_every_total(answer: Path, postgres_url: str) -> None:
    setup(postgres_url)
    app = LiveApp(postgres_url)
    migrate(answer, postgres_url, app)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        kind = conn.execute(
            "SELECT data_type FROM information_schema.columns"
            " WHERE table_name = 'orders' AND column_name = 'total_cents'"
        ).fetchone()
        assert kind == ("bigint",), f"total_cents is {kind}, not bigint"
        totals = dict(conn.execute("SELECT id, total_cents FROM orders"))
        assert len(totals) == ROWS + len(app.written)
        assert all(totals[i] == i * 100 for i in range(1, ROWS + 1)), "an old order lost its total"
        assert all(totals[i] == total for i, total in app.written.items()), (
            "an order placed during the migration lost its total"
        )
        app.place_order(3_000_000_000)  # 30 million: more than an integer holds
        with pytest.raises(errors.NotNullViolation):
            conn.execute("INSERT INTO orders (customer_id, total_cents) VALUES (1, NULL)")


@pytest.mark.starter_passes
def test_no_transaction_updates_more_than_5000_rows(answer: Path, postgres_url: str) -> None:
    setup(postgres_url)
    migrate(answer, postgres_url, LiveApp(postgres_url))
    with psycopg.connect(postgres_url) as conn:
        biggest = conn.execute(
            "SELECT coalesce(max(n), 0) FROM (SELECT sum(row_count) AS n FROM check_updates GROUP BY xact) AS t"
        ).fetchone()[0]
    assert biggest <= MAX_ROWS_PER_TRANSACTION, (
        f"one transaction updated {biggest} rows: copy in batches, each committed on its own"
    )
