"""Shared by the Java checks: one javac build per answer per session, and the server running it."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from examples.languages.harness import free_port, running_server
from exercises.languages.toolchains import compile_java, java

MAIN_CLASS = {"problem_details": "OrdersServer", "json_escaping": "ItemsServer"}


@pytest.fixture(scope="session")
def java_classes(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    built: dict[Path, Path] = {}

    def build(answer: Path) -> Path:
        if answer not in built:
            main_class = MAIN_CLASS[answer.parent.name]
            built[answer] = compile_java(answer, tmp_path_factory.mktemp("java-answer"), main_class)
        return built[answer]

    return build


@pytest.fixture
def java_server(java_classes: Callable[[Path], Path]) -> Callable[[Path], AbstractContextManager[str]]:
    def start(answer: Path) -> AbstractContextManager[str]:
        command = [java(), "-cp", str(java_classes(answer)), MAIN_CLASS[answer.parent.name]]
        return running_server(command, free_port(), timeout=30.0)

    return start
