"""Acceptance check: DEBUG means what it says, timeouts are finite and positive, every problem is reported in
one error, and no configuration value (SMTP_URL holds a password) appears in any message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from exercises import load_module

SECRET = "s3cr3t-Pa55"  # noqa: S105 - a test password that must not leak into messages
GOOD = {"SMTP_URL": f"smtps://mailer:{SECRET}@smtp.example.com:465", "SEND_TIMEOUT_SECONDS": "7.5", "BATCH_SIZE": "50"}


def load(answer: Path, **changes: str) -> Any:
    module = load_module(answer)
    return module, module.load_settings({**GOOD, **changes})


def problems(answer: Path, **changes: str) -> list[str]:
    module = load_module(answer)
    with pytest.raises(module.ConfigError) as caught:
        module.load_settings({**GOOD, **changes})
    return list(caught.value.problems)


@pytest.mark.parametrize("word", ["false", "False", "0", "no", "off"])
def test_debug_off_means_off(answer: Path, word: str) -> None:
    _, settings = load(answer, DEBUG=word)
    assert settings.debug is False, f"DEBUG={word} turned debug mode on"


@pytest.mark.starter_passes
def test_debug_on_and_default(answer: Path) -> None:
    assert load(answer, DEBUG="true")[1].debug is True
    assert load(answer)[1].debug is False


def test_a_debug_value_that_means_nothing_is_refused(answer: Path) -> None:
    assert any("DEBUG" in p for p in problems(answer, DEBUG="maybe"))


@pytest.mark.parametrize("raw", ["nan", "inf", "1e999", "0"])
def test_the_send_timeout_must_be_a_real_wait(answer: Path, raw: str) -> None:
    assert any("SEND_TIMEOUT_SECONDS" in p for p in problems(answer, SEND_TIMEOUT_SECONDS=raw)), (
        f"SEND_TIMEOUT_SECONDS={raw} was accepted"
    )


def test_every_problem_is_reported_at_once(answer: Path) -> None:
    found = problems(answer, SMTP_URL="http://mailer:x@host", DEBUG="maybe", SEND_TIMEOUT_SECONDS="nan", BATCH_SIZE="0")
    for name in ("SMTP_URL", "DEBUG", "SEND_TIMEOUT_SECONDS", "BATCH_SIZE"):
        assert sum(name in p for p in found) == 1, f"one problem for {name} in {found}"


def test_no_value_appears_in_any_message(answer: Path) -> None:
    module = load_module(answer)
    with pytest.raises(module.ConfigError) as caught:
        module.load_settings({"SMTP_URL": f"https://mailer:{SECRET}@smtp.example.com", "BATCH_SIZE": "lots"})
    text = str(caught.value) + " ".join(caught.value.problems)
    assert SECRET not in text and "lots" not in text, "configuration values (passwords among them) end up in logs"


@pytest.mark.starter_passes
def test_good_settings_load(answer: Path) -> None:
    _, settings = load(answer)
    assert (settings.send_timeout_seconds, settings.batch_size, settings.debug) == (7.5, 50, False)
