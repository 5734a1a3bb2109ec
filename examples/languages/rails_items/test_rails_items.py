"""The Rails files are syntax-checked with `ruby -c`; Rails itself is not installed on the test machine."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_tool

HERE = Path(__file__).parent


@pytest.mark.parametrize("source", ["items_controller.rb", "routes.rb", "item.rb"])
def test_ruby_syntax_is_valid(source: str) -> None:
    ruby = require_tool(shutil.which("ruby"), "Ruby interpreter (Debian package ruby)")
    result = subprocess.run([ruby, "-c", str(HERE / source)], capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Syntax OK" in result.stdout
