"""The site builds strictly, offline, with no warnings, and builds the same twice."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.conftest import ROOT, run_build


def test_strict_build_has_no_warnings(built_site: Path) -> None:
    log = (built_site / ".build-log").read_text(encoding="utf-8")
    assert "WARNING" not in log, log
    assert (built_site / "index.html").exists()
    assert (built_site / "security" / "sql-injection" / "index.html").exists()


def test_every_lesson_and_area_page_is_built(built_site: Path) -> None:
    from macros.catalog import load_catalog

    catalog = load_catalog(ROOT)
    for ref in catalog.lessons:
        assert (built_site / ref / "index.html").exists(), ref
    for area in catalog.skills.areas:
        assert (built_site / area.id / "index.html").exists(), area.id


def _digest(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file() and path.name != ".build-log"
    }


def test_build_is_reproducible(built_site: Path, tmp_path: Path) -> None:
    second = tmp_path / "again"
    result = run_build(ROOT, second)
    assert result.returncode == 0, result.stderr
    first_digest, second_digest = _digest(built_site), _digest(second)
    assert first_digest.keys() == second_digest.keys()
    changed = [name for name in first_digest if first_digest[name] != second_digest[name]]
    assert changed == [], f"files differ between two builds: {changed[:10]}"
