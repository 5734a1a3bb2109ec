"""The Rust versions: the std-only server compiles with rustc (edition 2024) and is probed; the ownership
example runs, and the use-after-move example is rejected by the compiler."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from examples.languages.harness import check_items_contract, free_port, running_server
from tests.conftest import require_tool

HERE = Path(__file__).parent


def _rustc(source: str, out: Path) -> subprocess.CompletedProcess[str]:
    rustc = require_tool(shutil.which("rustc"), "Rust compiler (rustc)")
    return subprocess.run(  # noqa: S603
        [rustc, "--edition", "2024", "-o", str(out), str(HERE / source)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def server_binary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rust-bin") / "items"
    result = _rustc("main.rs", out)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr
    return out


def test_rust_server_meets_the_contract(server_binary: Path) -> None:
    port = free_port()
    with running_server([str(server_binary)], port) as base_url:
        check_items_contract(base_url)
        # The client controls the path: backslashes in it must not break the JSON problem document.
        odd = httpx.get(f'{base_url}/items/a"b\\c', timeout=5.0)
        assert odd.status_code == 404
        assert odd.json()["detail"] == "No item with id a%22b\\c"  # httpx percent-encodes the quote


def test_ownership_example_compiles_and_runs(tmp_path: Path) -> None:
    result = _rustc("ownership.rs", tmp_path / "ownership")
    assert result.returncode == 0, result.stderr
    run = subprocess.run([str(tmp_path / "ownership")], capture_output=True, text=True, check=True)  # noqa: S603
    assert run.stdout.split() == ["8", "ADA", "2"]


def test_use_after_move_is_a_compile_error(tmp_path: Path) -> None:
    result = _rustc("moved_value.rs", tmp_path / "moved")
    assert result.returncode != 0
    assert "E0382" in result.stderr
