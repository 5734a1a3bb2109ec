"""Acceptance check: no request can crash the process, and every request gets an answer.

Each test sends all its requests to one server process that nothing restarts, so a crash shows up as a
refused connection, not hidden by a supervisor. Silencing the rejection with a process-wide
"unhandledRejection" listener keeps the process up but leaves the failed request hanging, which fails too.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from examples.languages.harness import free_port, running_server
from exercises.languages.toolchains import TypeScriptBuilds, node


def get(base_url: str, path: str) -> httpx.Response:
    try:
        return httpx.get(base_url + path, timeout=5)
    except httpx.TimeoutException:
        pytest.fail(f"GET {path} got no answer within 5 s: a request that fails must still be answered")
    except httpx.TransportError as error:
        pytest.fail(f"GET {path} lost its connection ({error!r}): the process crashed")


def test_a_corrupt_row_is_a_500_problem_and_the_process_lives_on(
    answer: Path, typescript_build: TypeScriptBuilds
) -> None:
    with running_server([node(), str(typescript_build(answer))], free_port()) as base_url:
        failed = get(base_url, "/items/13")
        assert failed.status_code == 500
        assert failed.headers["content-type"].startswith("application/problem+json")
        for _ in range(3):
            assert get(base_url, "/items/1").status_code == 200, "the process must keep serving after a failure"


def test_analytics_being_down_does_not_fail_reads_or_crash_the_process(
    answer: Path, typescript_build: TypeScriptBuilds, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANALYTICS_DOWN", "1")
    with running_server([node(), str(typescript_build(answer))], free_port()) as base_url:
        for _ in range(3):
            read = get(base_url, "/items/2")
            assert read.status_code == 200, "a view that could not be recorded must not fail the read"
            assert read.json() == {"id": 2, "name": "Mouse", "price_cents": 1999}
        assert get(base_url, "/health").status_code == 200


@pytest.mark.starter_passes
def test_unknown_items_are_404_problems(answer: Path, typescript_build: TypeScriptBuilds) -> None:
    with running_server([node(), str(typescript_build(answer))], free_port()) as base_url:
        missing = get(base_url, "/items/999")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
