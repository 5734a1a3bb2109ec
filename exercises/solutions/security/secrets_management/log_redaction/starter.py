"""A reference solution: the filter sits on the handler, which every record passes through, and it redacts the
traceback text as well as the message."""

import logging
from typing import TextIO

from examples.security.secrets_mgmt.config import RedactSecrets


class RedactSecretsEverywhere(RedactSecrets):
    """The lesson's filter, extended to the formatted traceback and stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        super().filter(record)
        if record.exc_info and not record.exc_text:
            # Format the traceback now, so the handler's formatter finds it cached and prints the redacted copy.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True

    def redact(self, text: str) -> str:
        for pattern in self.PATTERNS:
            text = pattern.sub(r"\1[REDACTED]\2" if pattern.groups == 2 else r"\1[REDACTED]", text)
        return text


def configure_logging(stream: TextIO) -> logging.Logger:
    app = logging.getLogger("shop")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    # A logger's filters see only records logged on that logger; a handler's filters see every record it writes,
    # including those propagated up from shop.db, shop.http.client and any other child.
    handler.addFilter(RedactSecretsEverywhere())
    app.addHandler(handler)
    app.setLevel(logging.INFO)
    app.propagate = False
    return app
