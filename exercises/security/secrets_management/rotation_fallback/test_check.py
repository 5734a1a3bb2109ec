"""Acceptance check: the previous credential is tried only after the current one is refused; a network failure
propagates without a fallback; both refused raises CredentialRefused; no password reaches a log record, tracebacks
included; the log says which credential worked."""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from types import ModuleType

import pytest

from exercises import load_module

NEW_PASSWORD, OLD_PASSWORD = "n3w-Pa55-2026w49", "0ld-Pa55-2026w23"
CURRENT = f"postgresql://shop:{NEW_PASSWORD}@db.internal:5432/shop"
PREVIOUS = f"postgresql://shop:{OLD_PASSWORD}@db.internal:5432/shop"


class Database:
    """A fake server that knows one password, or cannot be reached at all; it records what was tried."""

    def __init__(self, module: ModuleType, password: str | None) -> None:
        self.module, self.password, self.tried = module, password, []

    def connect(self, url: str) -> object:
        self.tried.append(url)
        if self.password is None:
            raise ConnectionError("could not reach db.internal:5432 (timeout)")
        if f":{self.password}@" not in url:
            # Like a real adapter, the message carries the URL it was given.
            raise self.module.CredentialRefused(f"password authentication failed: {url}")
        return ("connection", url)


def run(answer: Path, password: str | None, previous: str | None = PREVIOUS) -> tuple[object, Database]:
    module = load_module(answer)
    database = Database(module, password)
    return module.connect_with_rotation(CURRENT, previous, database.connect), database


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")
    return "\n".join(formatter.format(record) for record in caplog.records)  # with tracebacks


@pytest.mark.starter_passes
def test_the_current_credential_is_used_when_it_works(answer: Path) -> None:
    connection, database = run(answer, NEW_PASSWORD)
    assert connection == ("connection", CURRENT) and database.tried == [CURRENT]


def test_a_refused_current_credential_falls_back_to_the_previous(
    answer: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    connection, database = run(answer, OLD_PASSWORD)
    assert connection == ("connection", PREVIOUS), "between the two rotation steps, the old password still works"
    assert database.tried == [CURRENT, PREVIOUS]
    assert "previous" in everything_logged(caplog).lower(), "log which credential worked, so step 3 knows when to go"


@pytest.mark.starter_passes
def test_an_unreachable_database_gets_no_fallback(answer: Path) -> None:
    module = load_module(answer)
    database = Database(module, None)
    with pytest.raises(ConnectionError):
        module.connect_with_rotation(CURRENT, PREVIOUS, database.connect)
    assert database.tried == [CURRENT], "a network failure is not fixed by another password; do not hide it"


@pytest.mark.starter_passes
def test_both_refused_raises_credential_refused(answer: Path) -> None:
    module = load_module(answer)
    database = Database(module, "a-third-password")
    with pytest.raises(module.CredentialRefused):
        module.connect_with_rotation(CURRENT, PREVIOUS, database.connect)


def assert_no_password_logged(answer: Path, caplog: pytest.LogCaptureFixture, password: str | None) -> None:
    caplog.set_level(logging.DEBUG)
    with contextlib.suppress(Exception):  # failing to connect is expected in some cases; the log is what counts
        run(answer, password)
    logged = everything_logged(caplog)
    assert NEW_PASSWORD not in logged and OLD_PASSWORD not in logged, f"a password reached the log:\n{logged}"


@pytest.mark.parametrize("password", [OLD_PASSWORD, "a-third-password", None])
def test_no_password_is_logged_when_something_fails(
    answer: Path, caplog: pytest.LogCaptureFixture, password: str | None
) -> None:
    assert_no_password_logged(answer, caplog, password)


@pytest.mark.starter_passes
def test_no_password_is_logged_when_all_goes_well(answer: Path, caplog: pytest.LogCaptureFixture) -> None:
    assert_no_password_logged(answer, caplog, NEW_PASSWORD)
