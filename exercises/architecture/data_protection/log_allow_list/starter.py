"""Exercise: customer emails in the log platform, despite the redacting filter.

Symptom: a search of the log platform for "@" found thousands of customer emails and some phone numbers from the
last month: in a `user_email` field someone passed in `extra`, in messages from `shop.payments`, and in the
traceback of a unique-key error. The redacting filter has been installed on the `shop` logger all along.

Diagnose it with the check (`make exercise ID=architecture/data_protection/log_allow_list`): which records does a
filter on the `shop` logger see, and which fields does the formatter write? Then turn the safety net into a
design: the formatter writes JSON with a fixed set of keys, copies only the `extra` fields in `ALLOWED_FIELDS`
and drops any other, and redacts the message and the traceback; install the redaction where every record of
every `shop.*` logger passes. Keep `configure_logging(stream, name)` as the entry point.
"""

from __future__ import annotations

import json
import logging
from typing import TextIO

from examples.architecture.data_protection.privacy import RedactingFilter

# The extra fields a log line may carry. Identifiers of people appear only as pseudonyms.
ALLOWED_FIELDS = frozenset({"order_id", "request_id", "status", "duration_ms", "user_pseudonym"})

# Attributes every LogRecord has; anything else on a record came from `extra`.
RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"level": record.levelname, "logger": record.name, "message": record.getMessage()}
        line.update({key: value for key, value in vars(record).items() if key not in RECORD_ATTRIBUTES})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def configure_logging(stream: TextIO, name: str = "shop") -> logging.Logger:
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.addFilter(RedactingFilter())
    return logger
