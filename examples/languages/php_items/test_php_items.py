"""The PHP versions: `php -l` on both files, and the plain-PHP API run on PHP's built-in server."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from examples.languages.harness import check_items_contract, free_port, running_server
from tests.conftest import require_tool

HERE = Path(__file__).parent


@pytest.mark.parametrize("source", ["index.php", "laravel_routes.php"])
def test_php_syntax_is_valid(source: str) -> None:
    php = require_tool(shutil.which("php"), "PHP command line (Debian package php-cli)")
    result = subprocess.run([php, "-l", str(HERE / source)], capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr


def test_php_server_meets_the_contract() -> None:
    php = require_tool(shutil.which("php"), "PHP command line (Debian package php-cli)")
    port = free_port()
    with running_server([php, "-S", f"127.0.0.1:{port}", str(HERE / "index.php")], port, cwd=HERE) as base_url:
        check_items_contract(base_url)
