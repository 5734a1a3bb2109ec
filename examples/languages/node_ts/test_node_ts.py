"""The TypeScript versions: type-checked with tsc, compiled, and the node:http server run and probed."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from examples.languages.harness import check_items_contract, free_port, running_server
from tests.conftest import ROOT, require_tool

HERE = Path(__file__).parent
TSC = ROOT / "node_modules" / ".bin" / "tsc"


def _tsc(*args: str) -> subprocess.CompletedProcess[str]:
    tsc = require_tool(str(TSC), "TypeScript compiler (npm ci)")
    return subprocess.run([tsc, *args], cwd=HERE, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("node-dist")
    result = _tsc("-p", "tsconfig.json", "--outDir", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.copy(HERE / "package.json", out / "package.json")  # "type": "module" for the emitted files
    return out


def test_strict_type_check_and_compile_pass(compiled: Path) -> None:
    # tsc exits non-zero on any type error, so a successful compile is the strict type check.
    assert {p.name for p in compiled.glob("*.js")} == {
        "items.js",
        "server.js",
        "main.js",
        "event-loop.js",
        "items.test.js",
        "server.test.js",
    }


def test_type_checker_catches_an_unchecked_route_parameter(tmp_path: Path) -> None:
    # With noUncheckedIndexedAccess a regex group is `string | undefined`; passing it on unchecked must fail.
    bad = tmp_path / "bad.ts"
    bad.write_text('import { parseItemId } from "./items.js";\nparseItemId(/x(y)/.exec("xy")![1]);\n')
    shutil.copy(HERE / "items.ts", tmp_path / "items.ts")
    tsc = require_tool(str(TSC), "TypeScript compiler (npm ci)")
    result = subprocess.run(  # noqa: S603
        [
            tsc,
            "--strict",
            "--noUncheckedIndexedAccess",
            "--module",
            "NodeNext",
            "--types",
            "node",
            "--skipLibCheck",
            "--noEmit",
            str(bad),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "TS2345" in result.stdout


def test_node_test_runner_passes_the_unit_tests(compiled: Path) -> None:
    # items.test: the boundary helpers; server.test: a rejecting store gives a 500 problem and the
    # process keeps serving, and an unknown route is a 404 problem.
    node = require_tool(shutil.which("node"), "Node.js")
    tests = [str(compiled / "items.test.js"), str(compiled / "server.test.js")]
    result = subprocess.run([node, "--test", *tests], capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# pass 4" in result.stdout


def test_node_http_server_meets_the_contract(compiled: Path) -> None:
    node = require_tool(shutil.which("node"), "Node.js")
    port = free_port()
    with running_server([node, str(compiled / "main.js")], port) as base_url:
        check_items_contract(base_url)


def test_blocking_code_delays_the_event_loop(compiled: Path) -> None:
    node = require_tool(shutil.which("node"), "Node.js")
    result = subprocess.run(  # noqa: S603
        [node, str(compiled / "event-loop.js")], capture_output=True, text=True, timeout=30, check=True
    )
    delays = json.loads(result.stdout)
    assert delays["quiet"] < 200
    assert delays["blocked"] >= 300  # the 10 ms timer waited for the busy loop to finish


def test_express_version_type_checks_and_meets_the_contract() -> None:
    require_tool(str(ROOT / "node_modules" / "@types" / "express" / "package.json"), "express and @types/express (npm)")
    node = require_tool(shutil.which("node"), "Node.js")
    # Emit under node_modules/.cache so that Node resolves `express` from the repository's node_modules.
    cache = ROOT / "node_modules" / ".cache"
    cache.mkdir(exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="express-", dir=cache))
    try:
        result = _tsc("-p", "tsconfig.express.json", "--outDir", str(out))
        assert result.returncode == 0, result.stdout + result.stderr
        shutil.copy(HERE / "package.json", out / "package.json")
        unit = subprocess.run(  # noqa: S603
            [node, "--test", str(out / "express.test.js")], capture_output=True, text=True, timeout=60, check=False
        )
        assert unit.returncode == 0, unit.stdout + unit.stderr
        assert "# pass 1" in unit.stdout  # the async handler's rejection became a 500 problem document
        port = free_port()
        with running_server([node, str(out / "express_main.js")], port) as base_url:
            check_items_contract(base_url)
    finally:
        shutil.rmtree(out, ignore_errors=True)
