"""Exercise: the redaction filter that missed the traceback.

Symptom: the lesson's RedactSecrets filter is installed, and its tests pass, yet the log aggregator holds the
production database password twice this week: once in the traceback of a failed connection logged by `shop.db`,
and once in a bearer token logged by the HTTP client wrapper in `shop.http.client`. Both loggers are children of
`shop`, where the filter is attached.

Diagnose it with the check (`make exercise ID=security/secrets_management/log_redaction`): it logs through the
configuration below the way the application does.

Fix: make the redaction apply to every record the handler writes, whichever `shop` logger produced it, including
exception tracebacks, while keeping the rest of each message (hosts, exception types) readable.
"""

import logging
from typing import TextIO

from examples.security.secrets_mgmt.config import RedactSecrets


def configure_logging(stream: TextIO) -> logging.Logger:
    """Send the application's logs (the `shop` logger and its children) to `stream`, redacted."""
    app = logging.getLogger("shop")
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    app.addHandler(handler)
    app.setLevel(logging.INFO)
    app.propagate = False
    app.addFilter(RedactSecrets())  # on the app's top logger, so it covers the app
    return app
