"""Acceptance check: the rule finds a secret wherever ENV and ARG can hold one (any pair, a credential in a URL
value) and leaves alone the variables that only say where a secret is."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from exercises import load_module

HEADER = "FROM python:3.13-slim-trixie\nWORKDIR /app\n"


def findings(answer: Path, *lines: str) -> list[str]:
    return load_module(answer).secret_findings(HEADER + "".join(line + "\n" for line in lines))


def word(rng: random.Random, size: int = 10) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(size))


@pytest.mark.starter_passes
@pytest.mark.parametrize("line", ["ENV DB_PASSWORD=hunter2", "ARG NPM_TOKEN", "ENV PGPASSWORD hunter2"])
def test_a_secret_name_is_found(answer: Path, line: str) -> None:
    found = findings(answer, line)
    assert len(found) == 1 and "line 3" in found[0], found


def test_a_secret_in_any_pair_of_an_env_is_found(answer: Path) -> None:
    found = findings(answer, "ENV APP_ENV=production LOG_LEVEL=info DB_PASSWORD=hunter2")
    assert len(found) == 1 and "line 3" in found[0], "ENV sets several variables at once; check every pair"


def test_a_credential_inside_a_url_is_found_whatever_the_name(answer: Path) -> None:
    rng = random.Random(7)  # noqa: S311 - test data, not keys; a fixed seed gives the same cases every run
    for scheme, name in [
        ("postgresql", "DATABASE_URL"),
        ("redis", "CACHE"),
        ("https", "PIP_INDEX_URL"),
        ("amqp", "BROKER"),
    ]:
        line = f"ENV {name}={scheme}://{word(rng, 6)}:{word(rng)}@{word(rng, 8).lower()}.internal:5432/app"
        assert len(findings(answer, line)) == 1, f"missed the password in {line}"
    line = f"ARG INDEX=https://__token__:{word(rng, 24)}@pypi.example.com/simple"
    assert len(findings(answer, line)) == 1, f"missed the token in an ARG default: {line}"


def test_where_a_secret_lives_is_not_a_secret(answer: Path) -> None:
    harmless = [
        "ENV DB_PASSWORD_FILE=/run/secrets/db_password",  # what the platform mounts: the recommended pattern
        "ENV TOKEN_URL=https://auth.example.com/oauth2/token",
        "ENV SECRETS_DIR=/run/secrets",
    ]
    for line in harmless:
        assert findings(answer, line) == [], f"{line} holds no secret; a rule that cries wolf gets switched off"


@pytest.mark.starter_passes
@pytest.mark.parametrize(
    "line",
    ["ENV PIP_INDEX_URL=https://pypi.org/simple", "ARG PYTHON_VERSION=3.13", "ENV PATH=/opt/venv/bin:$PATH"],
)
def test_ordinary_settings_pass(answer: Path, line: str) -> None:
    assert findings(answer, line) == []


@pytest.mark.starter_passes
def test_every_finding_names_its_line(answer: Path) -> None:
    found = findings(answer, "ARG NPM_TOKEN", "RUN echo build", "ENV API_KEY=abc123")
    assert [message.split(":")[0] for message in found] == ["line 3", "line 5"]
