"""The Java version: compiled with javac (warnings are errors), run on the JVM and probed over loopback."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from examples.languages.harness import check_items_contract, free_port, running_server
from tests.conftest import require_tool

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def classes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    javac = require_tool(shutil.which("javac"), "Java compiler (a JDK, 17 or later)")
    out = tmp_path_factory.mktemp("java-classes")
    result = subprocess.run(  # noqa: S603
        [javac, "--release", "17", "-Xlint:all", "-Werror", "-d", str(out), str(HERE / "ItemsServer.java")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def test_java_server_compiles_to_a_record_and_a_server(classes: Path) -> None:
    assert {p.name for p in classes.glob("*.class")} >= {"ItemsServer.class", "ItemsServer$Item.class"}


def test_java_server_meets_the_contract(classes: Path) -> None:
    java = require_tool(shutil.which("java"), "Java runtime")
    port = free_port()
    with running_server([java, "-cp", str(classes), "ItemsServer"], port, timeout=30.0) as base_url:
        check_items_contract(base_url)


def test_items_answer_only_get_and_odd_ids_stay_valid_json(classes: Path) -> None:
    java = require_tool(shutil.which("java"), "Java runtime")
    port = free_port()
    with running_server([java, "-cp", str(classes), "ItemsServer"], port, timeout=30.0) as base_url:
        wrong_method = httpx.delete(f"{base_url}/items/1", timeout=5)
        odd_id = httpx.get(f"{base_url}/items/%22%5C%0A", timeout=5)  # the id is a quote, a backslash, a newline
    assert wrong_method.status_code == 405
    assert wrong_method.headers["allow"] == "GET"
    assert wrong_method.headers["content-type"] == "application/problem+json"
    assert odd_id.status_code == 404
    assert json.loads(odd_id.text)["detail"] == 'No item with id "\\\n'
