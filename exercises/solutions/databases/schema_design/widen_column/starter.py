"""Reference solution: expand and contract inside one table, without ever rewriting it.

ALTER COLUMN ... TYPE bigint rewrites every row under ACCESS EXCLUSIVE, because integer and bigint are stored
differently. Instead: add a bigint column (catalog only), keep it in step with a trigger for rows the
application writes meanwhile, copy the old rows in small batches, prove NOT NULL with a CHECK validated under
a lock that lets writes through, then swap the names in one short transaction. The application keeps using
the name total_cents throughout, so no application release has to pair with any step.
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg

Step = str | Callable[[psycopg.Connection], None]

BATCH = 1_000


def backfill(conn: psycopg.Connection) -> None:
    """Copy the old values a thousand rows at a time; each UPDATE commits on its own."""
    while True:
        copied = conn.execute(
            """
            UPDATE orders SET total_cents_big = total_cents
            WHERE id IN (SELECT id FROM orders WHERE total_cents_big IS NULL ORDER BY id LIMIT %s)
            """,
            (BATCH,),
        ).rowcount
        if copied == 0:
            return


STEPS: list[Step] = [
    # Expand: a catalog-only change.
    "ALTER TABLE orders ADD COLUMN total_cents_big bigint",
    # Rows the application writes from now on fill both columns.
    """
    CREATE FUNCTION orders_copy_total() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.total_cents_big := NEW.total_cents;
        RETURN NEW;
    END $$;
    CREATE TRIGGER orders_copy_total BEFORE INSERT OR UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_copy_total();
    """,
    backfill,
    # NOT NULL proven without scanning under ACCESS EXCLUSIVE: the scan runs under SHARE UPDATE EXCLUSIVE.
    "ALTER TABLE orders ADD CONSTRAINT total_cents_big_not_null CHECK (total_cents_big IS NOT NULL) NOT VALID",
    "ALTER TABLE orders VALIDATE CONSTRAINT total_cents_big_not_null",
    # Contract and switch, in one short transaction: every statement here only changes the catalog.
    """
    BEGIN;
    SET LOCAL lock_timeout = '5s';
    ALTER TABLE orders ALTER COLUMN total_cents_big SET NOT NULL;
    DROP TRIGGER orders_copy_total ON orders;
    DROP FUNCTION orders_copy_total();
    ALTER TABLE orders DROP COLUMN total_cents;
    ALTER TABLE orders RENAME COLUMN total_cents_big TO total_cents;
    ALTER TABLE orders DROP CONSTRAINT total_cents_big_not_null;
    COMMIT;
    """,
]
