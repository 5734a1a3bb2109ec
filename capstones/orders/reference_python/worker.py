"""The payment worker: takes due jobs from the outbox table, charges, retries with backoff, stops cleanly."""

from __future__ import annotations

import random
import threading

from . import payments
from .db import Pool

POLL_S = 0.05
MAX_ATTEMPTS = 5
BASE_DELAY_S = 0.2


def backoff_s(attempts: int) -> float:
    """Exponential backoff with equal jitter: half the doubled delay is fixed, half random."""
    ceiling = BASE_DELAY_S * 2 ** (attempts - 1)
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 (jitter, not a secret)


class PaymentWorker:
    def __init__(self, pool: Pool, payment_url: str) -> None:
        self._pool = pool
        self._payment_url = payment_url
        self._stopping = threading.Event()
        # Not a daemon: the process waits for it, so a charge in flight is finished and recorded.
        self._thread = threading.Thread(target=self._run, name="payment-worker")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Ask the loop to stop after the job in hand, and wait for it."""
        self._stopping.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stopping.is_set():
            if not self.process_one():
                self._stopping.wait(POLL_S)

    def process_one(self) -> bool:
        """Charge one due job; False when none was due."""
        with self._pool.transaction() as conn:
            # SKIP LOCKED: a second worker takes the next job instead of waiting for this one.
            job = conn.execute(
                "SELECT j.order_id, j.attempts, o.amount_cents FROM payment_jobs j JOIN orders o ON o.id = j.order_id"
                " WHERE NOT j.done AND j.available_at <= now()"
                " ORDER BY j.available_at LIMIT 1 FOR UPDATE OF j SKIP LOCKED"
            ).fetchone()
            if job is None:
                return False
            # The row stays locked during the call, so no other worker charges the same order meanwhile.
            result = payments.charge(self._payment_url, str(job["order_id"]), job["amount_cents"])
            attempts = job["attempts"] + 1
            if result.charge_id is not None:
                conn.execute(
                    "UPDATE orders SET status = 'paid', payment_id = %s WHERE id = %s",
                    (result.charge_id, job["order_id"]),
                )
                conn.execute(
                    "UPDATE payment_jobs SET done = true, attempts = %s WHERE order_id = %s",
                    (attempts, job["order_id"]),
                )
            elif result.retryable and attempts < MAX_ATTEMPTS:
                # clock_timestamp(), not now(): now() is when this transaction began, before the call, and
                # would shorten the delay by however long the provider took to fail.
                conn.execute(
                    "UPDATE payment_jobs SET attempts = %s,"
                    " available_at = clock_timestamp() + make_interval(secs => %s) WHERE order_id = %s",
                    (attempts, backoff_s(attempts), job["order_id"]),
                )
            else:
                conn.execute("UPDATE orders SET status = 'payment_failed' WHERE id = %s", (job["order_id"],))
                conn.execute(
                    "UPDATE payment_jobs SET done = true, attempts = %s WHERE order_id = %s",
                    (attempts, job["order_id"]),
                )
            return True
