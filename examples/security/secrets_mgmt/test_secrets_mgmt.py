"""Secrets are loaded from files or the environment, stay out of logs, rotate cleanly and get caught by a scanner."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from examples.security.secrets_mgmt.config import MissingSecretError, RedactSecrets, Settings, read_secret
from examples.security.secrets_mgmt.rotation import WebhookSigner
from examples.security.secrets_mgmt.scanner import scan, shannon_entropy

DB_URL = "postgresql://app:s3cr3t-Pa55@db.internal:5432/shop"


# --8<-- [start:tests]
def test_mounted_file_wins_over_environment(tmp_path: Path):
    secret_file = tmp_path / "db_url"
    secret_file.write_text(DB_URL + "\n", encoding="utf-8")
    value = read_secret("DATABASE_URL", {"DATABASE_URL_FILE": str(secret_file), "DATABASE_URL": "stale"})
    assert value.get_secret_value() == DB_URL


def test_missing_secret_fails_at_start_up():
    with pytest.raises(MissingSecretError, match="WEBHOOK_SECRET"):
        Settings.from_env({"DATABASE_URL": DB_URL})


def test_secret_values_do_not_print():
    settings = Settings.from_env({"DATABASE_URL": DB_URL, "WEBHOOK_SECRET": "whsec-abc"})
    assert "s3cr3t" not in repr(settings) and "whsec" not in str(settings)


def test_log_filter_redacts_credentials(caplog: pytest.LogCaptureFixture):
    logger = logging.getLogger("example.secrets")
    logger.addFilter(RedactSecrets())
    with caplog.at_level(logging.INFO, logger="example.secrets"):
        logger.info("connecting to %s with Authorization: Bearer eyJhbGciOi.abc.def", DB_URL)
    assert "s3cr3t" not in caplog.text and "eyJhbGciOi" not in caplog.text
    assert "postgresql://app:[REDACTED]@db.internal" in caplog.text


# --8<-- [end:tests]


# --8<-- [start:rotation_tests]
def test_rotation_keeps_old_signatures_valid_until_finished():
    receiver = WebhookSigner(b"old-secret")
    old_sender = WebhookSigner(b"old-secret")
    receiver.rotate(b"new-secret")
    assert receiver.verify(b"{}", old_sender.sign(b"{}"))  # senders not yet updated still work
    assert receiver.verify(b"{}", WebhookSigner(b"new-secret").sign(b"{}"))
    receiver.finish_rotation()
    assert not receiver.verify(b"{}", old_sender.sign(b"{}"))  # the old secret is now useless


# --8<-- [end:rotation_tests]

LEAKY_FILE = """\
import os
AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
api_token = "q8Zr2Lx9Vt4Wm1Kp7Ys3Nd6Hf0Jb5Cg"
DATABASE = "postgresql://app:hunter22@db:5432/x"
greeting = "hello there, general kenobi"
password = os.environ["DB_PASSWORD"]
"""


def test_scanner_finds_the_leaks_and_ignores_the_rest():
    assert {(f.line, f.rule) for f in scan(LEAKY_FILE)} == {
        (2, "aws-access-key-id"),
        (3, "high-entropy-assignment"),
        (4, "password-in-url"),
    }


def test_entropy_separates_random_tokens_from_words():
    assert shannon_entropy("q8Zr2Lx9Vt4Wm1Kp7Ys3Nd6Hf0Jb5Cg") > 4.5 > shannon_entropy("passwordpassword")


def test_a_logger_filter_misses_child_loggers_and_tracebacks():
    # The limits the lesson names (and the last exercise fixes): a filter on a logger sees only records logged on
    # that logger, and it rewrites the message, not the traceback text the formatter adds later.
    stream = io.StringIO()
    parent = logging.getLogger("example.redaction")
    handler = logging.StreamHandler(stream)
    parent.addHandler(handler)
    parent.addFilter(RedactSecrets())
    parent.propagate = False
    try:
        logging.getLogger("example.redaction.child").warning("retrying %s", DB_URL)
        try:
            raise ConnectionError(DB_URL)
        except ConnectionError:
            parent.exception("database unavailable")
    finally:
        parent.removeHandler(handler)
        parent.filters.clear()
    first, _, rest = stream.getvalue().partition("\n")
    assert "s3cr3t" in first, "the child logger's record skipped the parent's filter"
    assert "database unavailable" in rest and "s3cr3t" in rest, "the traceback was not redacted"
