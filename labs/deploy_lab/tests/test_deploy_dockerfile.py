"""The lab's Dockerfile passes the lesson's rules, and each rule catches the mistake it names."""

from __future__ import annotations

from pathlib import Path

import pytest

from labs.deploy_lab.checks.dockerlint import lint, parse, stages

LAB = Path(__file__).resolve().parent.parent
DOCKERFILE = (LAB / "Dockerfile").read_text(encoding="utf-8")

GOOD = """\
FROM python:3.13-slim AS build
RUN pip install --no-cache-dir uvicorn
FROM python:3.13-slim
USER 10001
HEALTHCHECK CMD ["true"]
CMD ["uvicorn", "app:app"]
"""


def test_lab_dockerfile_passes_every_rule() -> None:
    assert lint(DOCKERFILE) == []


def test_lab_dockerfile_structure() -> None:
    built = stages(parse(DOCKERFILE))
    assert [stage[0].args for stage in built] == [
        "python:3.13-slim-trixie AS builder",
        "python:3.13-slim-trixie AS runtime",
    ]
    runtime = built[-1]
    keywords = [i.keyword for i in runtime]
    # Dependencies are installed in the builder; only the venv and the code are copied in.
    assert not any(i.keyword == "RUN" and "pip install" in i.args for i in runtime)
    assert keywords.index("USER") < keywords.index("CMD")
    builder = built[0]
    copies = [i.args for i in builder if i.keyword == "COPY"]
    assert copies == ["requirements.txt ."]  # the cache-friendly order: dependencies before code


def test_dockerignore_starts_from_deny_all() -> None:
    lines = (LAB / ".dockerignore").read_text(encoding="utf-8").splitlines()
    rules = [line for line in lines if line and not line.startswith("#")]
    assert rules[0] == "*"
    assert "!service/" in rules


def test_continued_lines_are_joined() -> None:
    text = "FROM a:1\nRUN echo one \\\n    && echo two\n"
    assert parse(text)[1].args == "echo one && echo two"
    assert parse(text)[1].line == 2


def test_good_example_passes() -> None:
    assert lint(GOOD) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t: t.replace("FROM python:3.13-slim AS build\nRUN pip install --no-cache-dir uvicorn\n", ""),
            "multi-stage",
        ),
        (lambda t: t.replace("USER 10001\n", ""), "non-root USER"),
        (lambda t: t.replace("USER 10001", "USER root"), "non-root USER"),
        (lambda t: t.replace('HEALTHCHECK CMD ["true"]\n', ""), "HEALTHCHECK"),
        (lambda t: t.replace('CMD ["uvicorn", "app:app"]', "CMD uvicorn app:app"), "exec form"),
        (lambda t: t.replace("FROM python:3.13-slim\n", "FROM python:latest\n"), "':latest'"),
        (lambda t: t.replace("FROM python:3.13-slim\n", "FROM python\n"), "no tag or digest"),
        (lambda t: t + "ENV DB_PASSWORD=hunter2\n", "secrets in ENV/ARG"),
        (lambda t: t + "ADD https://example.com/tool.tgz /tmp/\n", "ADD from a URL"),
        (lambda t: t + "RUN apt-get update && apt-get install -y curl\n", "--no-install-recommends"),
    ],
)
def test_each_rule_catches_its_mistake(change: object, expected: str) -> None:
    broken = change(GOOD)  # type: ignore[operator]
    messages = lint(broken)
    assert any(expected in message for message in messages), messages


def test_digest_pinned_base_is_accepted() -> None:
    pinned = GOOD.replace("FROM python:3.13-slim\n", "FROM python@sha256:" + "a" * 64 + "\n")
    assert lint(pinned) == []
