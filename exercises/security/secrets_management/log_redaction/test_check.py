"""Acceptance check: through the configured handler, no password or bearer token survives, whether logged on
`shop`, on a child logger, or inside a traceback; hosts and exception types stay readable."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from exercises import load_module

DB_PASS = "Pr0d-Db-9f27c4e1"  # noqa: S105 - made up for the check
DB_URL = f"postgresql://shop:{DB_PASS}@db.internal:5432/shop"
BEARER = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzaG9wIn0.c2lnbmF0dXJl"


@pytest.fixture(autouse=True)
def clean_shop_loggers() -> Iterator[None]:
    """Each run starts from loggers without handlers or filters, and leaves them that way."""

    def reset() -> None:
        for name in ("shop", "shop.db", "shop.http", "shop.http.client"):
            logger = logging.getLogger(name)
            logger.handlers.clear()
            logger.filters.clear()
            logger.propagate = True

    reset()
    yield
    reset()


def configured(answer: Path) -> io.StringIO:
    stream = io.StringIO()
    load_module(answer).configure_logging(stream)
    return stream


@pytest.mark.starter_passes
def test_the_top_logger_is_redacted(answer: Path) -> None:
    stream = configured(answer)
    logging.getLogger("shop").info("connecting to %s", DB_URL)
    assert DB_PASS not in stream.getvalue()
    assert "db.internal" in stream.getvalue(), "redact the secret, keep the rest of the message"


def test_a_child_loggers_message_is_redacted(answer: Path) -> None:
    stream = configured(answer)
    logging.getLogger("shop.http.client").info("GET /v1/orders Authorization: Bearer %s", BEARER)
    logging.getLogger("shop.db").warning("retrying %s", DB_URL)
    output = stream.getvalue()
    assert BEARER not in output and DB_PASS not in output, f"a child logger's record went out unredacted:\n{output}"
    assert "GET /v1/orders" in output


def test_a_traceback_is_redacted(answer: Path) -> None:
    stream = configured(answer)
    try:
        raise ConnectionRefusedError(f"could not connect to {DB_URL}")
    except ConnectionRefusedError:
        logging.getLogger("shop.db").exception("database unavailable")
    output = stream.getvalue()
    assert DB_PASS not in output, f"the traceback carried the password:\n{output}"
    assert "ConnectionRefusedError" in output and "db.internal" in output, "keep the traceback useful"
