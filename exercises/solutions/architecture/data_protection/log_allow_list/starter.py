"""A reference solution: an allow-list formatter on the handler, redacting message, values and traceback."""

from __future__ import annotations

import json
import logging
from typing import TextIO

from examples.architecture.data_protection.privacy import redact

# The extra fields a log line may carry. Identifiers of people appear only as pseudonyms.
ALLOWED_FIELDS = frozenset({"order_id", "request_id", "status", "duration_ms", "user_pseudonym"})

# Attributes every LogRecord has; anything else on a record came from `extra`.
RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Writes a fixed set of keys plus allow-listed extras. Every record a handler writes passes through its
    formatter, whichever logger created it, which a filter on one logger cannot promise."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        extras = {key: value for key, value in vars(record).items() if key not in RECORD_ATTRIBUTES}
        for key in sorted(extras.keys() & ALLOWED_FIELDS):
            value = extras[key]
            line[key] = redact(value) if isinstance(value, str) else value
        if dropped := sorted(extras.keys() - ALLOWED_FIELDS):
            line["dropped_fields"] = dropped  # the names only, so the mistake shows without the data
        if record.exc_info:
            line["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(line, default=str)


def configure_logging(stream: TextIO, name: str = "shop") -> logging.Logger:
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    return logger
