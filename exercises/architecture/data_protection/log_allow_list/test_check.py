"""Acceptance check: whatever `shop.*` logger writes, and whatever is passed in `extra`, the log lines are JSON with
only allow-listed fields, and neither messages nor tracebacks carry an email address."""

from __future__ import annotations

import io
import json
import logging
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from exercises import load_module

EMAIL = "ada.lovelace@example.com"
PHONE = "+44 7700 900123"


@pytest.fixture
def logs(answer: Path) -> Iterator[tuple[str, io.StringIO]]:
    """Logging configured by the answer under a name of its own, torn down afterwards."""
    module = load_module(answer)
    name, stream = f"shop-{uuid.uuid4().hex[:8]}", io.StringIO()
    logger = module.configure_logging(stream, name)
    logger.propagate = False  # keep the check's records out of pytest's own log capture
    try:
        yield name, stream
    finally:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        logger.filters.clear()


def lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_messages_from_child_loggers_are_redacted(logs: tuple[str, io.StringIO]) -> None:
    name, stream = logs
    logging.getLogger(f"{name}.payments").info("refund sent to %s", EMAIL)
    assert EMAIL not in stream.getvalue(), (
        f"a message from {name}.payments reached the log with the email in it: a filter on the {name} logger "
        "never sees records that propagate from its children, so redact where every record passes (the handler "
        "or its formatter)"
    )
    assert lines(stream)[0]["message"] == "refund sent to [email]"


def test_only_allow_listed_extra_fields_are_written(logs: tuple[str, io.StringIO]) -> None:
    name, stream = logs
    extra = {"user_email": EMAIL, "phone": PHONE, "order_id": "o-1", "duration_ms": 12}
    logging.getLogger(f"{name}.checkout").info("order placed", extra=extra)
    line = lines(stream)[0]
    assert line.get("order_id") == "o-1" and line.get("duration_ms") == 12, "allow-listed fields are kept"
    leaked = [key for key in ("user_email", "phone") if key in line]
    assert not leaked and PHONE not in stream.getvalue() and EMAIL not in stream.getvalue(), (
        f"fields outside ALLOWED_FIELDS were written ({leaked}): no pattern catches every phone number format, "
        "so write only the fields you have decided are safe"
    )


def test_tracebacks_are_redacted(logs: tuple[str, io.StringIO]) -> None:
    name, stream = logs
    try:
        raise ValueError(f'duplicate key value violates unique constraint "users_email_key": ({EMAIL})')
    except ValueError:
        logging.getLogger(f"{name}.signup").exception("signup failed")
    line = lines(stream)[0]
    assert "ValueError" in line.get("exception", ""), "keep the exception's type and frames: they are for debugging"
    assert EMAIL not in stream.getvalue(), "the traceback repeated the email from the database error: redact it too"


@pytest.mark.starter_passes
def test_every_line_is_json_with_level_logger_and_message(logs: tuple[str, io.StringIO]) -> None:
    name, stream = logs
    logging.getLogger(name).warning("stock low for %s", "desk-lamp")
    assert lines(stream) == [{"level": "WARNING", "logger": name, "message": "stock low for desk-lamp"}]
