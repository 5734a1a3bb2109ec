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


def test_vendored_pglite_is_what_the_vendor_script_makes_from_the_locked_package() -> None:
    from tools import vendor_pglite

    assert vendor_pglite.installed_version() == vendor_pglite.locked_version(), "node_modules is stale: npm ci"
    expected = vendor_pglite.expected_files()
    vendored = {path.name: path.read_bytes() for path in vendor_pglite.TARGET.iterdir()}
    assert sorted(vendored) == sorted(expected), "run `python -m tools.vendor_pglite` after changing PGlite"
    for name, content in expected.items():
        assert vendored[name] == content, f"docs/assets/vendor/pglite/{name} differs: python -m tools.vendor_pglite"


def test_pglite_data_only_zeroes_the_files_named_as_never_opened() -> None:
    from tools import vendor_pglite

    original = (vendor_pglite.PACKAGE / "dist" / vendor_pglite.DATA).read_bytes()
    lean = vendor_pglite.lean_data()
    assert len(lean) == len(original)
    layout = vendor_pglite.data_layout()
    zeroed = [name for name, start, end in layout if lean[start:end] != original[start:end]]
    # The catalog bootstrap, time zones and dictionaries stay byte for byte.
    assert zeroed and all(vendor_pglite.NEVER_OPENED.match(name) for name in zeroed)
    for name in ("/pglite/share/postgresql/postgres.bki", "/pglite/lib/postgresql/plpgsql.so"):
        start, end = next((s, e) for n, s, e in layout if n == name)
        assert lean[start:end] == original[start:end] and any(original[start:end])
