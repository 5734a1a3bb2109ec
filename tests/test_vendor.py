"""Assets copied from the npm registry match the locked package versions."""

from __future__ import annotations

import json

from tests.conftest import ROOT


def test_vendored_mermaid_matches_locked_package() -> None:
    vendored = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
    installed = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    version = lock["packages"]["node_modules/mermaid"]["version"]
    installed_version = json.loads((ROOT / "node_modules" / "mermaid" / "package.json").read_text())["version"]
    assert installed_version == version
    assert vendored.read_bytes() == installed.read_bytes(), (
        f"docs/assets/vendor/mermaid/mermaid.min.js is not mermaid {version}: copy it from node_modules"
    )
