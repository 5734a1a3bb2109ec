"""Shared by the Node.js checks: one tsc build per answer per session."""

from __future__ import annotations

import pytest

from exercises.languages.toolchains import TypeScriptBuilds


@pytest.fixture(scope="session")
def typescript_build(tmp_path_factory: pytest.TempPathFactory) -> TypeScriptBuilds:
    return TypeScriptBuilds(tmp_path_factory.mktemp("ts-answers"))
