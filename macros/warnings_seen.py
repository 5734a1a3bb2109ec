"""Whether a step logged a warning: a cached result of a step that warned is not kept, so the warning comes
again on the next build and `--strict` still fails on it."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator

# MkDocs' own logger does not pass records on to the root logger, where the extensions' records go.
_LOGGERS = ("mkdocs", "")


class WarningCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextlib.contextmanager
def counting_warnings() -> Iterator[WarningCount]:
    counter = WarningCount()
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    for logger in loggers:
        logger.addHandler(counter)
    try:
        yield counter
    finally:
        for logger in loggers:
            logger.removeHandler(counter)
