"""The site builds strictly, offline, with no warnings, and builds the same twice."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.conftest import ROOT, copy_project, run_build


def test_strict_build_has_no_warnings(built_site: Path) -> None:
    log = (built_site / ".build-log").read_text(encoding="utf-8")
    assert "WARNING" not in log, log
    assert (built_site / "index.html").exists()
    assert (built_site / "security" / "sql-injection" / "index.html").exists()


def test_every_lesson_and_area_page_is_built(built_site: Path) -> None:
    from macros.site.load import load_catalog

    catalog = load_catalog(ROOT)
    for ref in catalog.lessons:
        assert (built_site / ref / "index.html").exists(), ref
    for area in catalog.skills.areas:
        assert (built_site / area.id / "index.html").exists(), area.id


# Pagefind numbers pages in the order its parallel walk of the staged pages reaches them, so the files
# that name pages by number differ from build to build, and with them their hashed names and even how many
# chunks the word index takes: the word index, the page metadata, the filter files and the entry file that
# names them all. They are compared as "present"; what they find is pinned by tests/test_search.py. Every
# other file of the index (each result's fragment, Pagefind's script and wasm) and of the site must be the
# same to the byte.
_PAGEFIND_ORDERED = ("pagefind/index/", "pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def _digest(site: Path) -> dict[str, str]:
    digests = {}
    for path in sorted(site.rglob("*")):
        name = str(path.relative_to(site))
        if not path.is_file() or path.name == ".build-log":
            continue
        if name.startswith(_PAGEFIND_ORDERED) and not name.endswith(".js"):
            digests[name.split("_")[0]] = "ordered by Pagefind's walk"
            continue
        digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def _assert_same(first: Path, second: Path, what: str) -> None:
    first_digest, second_digest = _digest(first), _digest(second)
    only_first, only_second = first_digest.keys() - second_digest.keys(), second_digest.keys() - first_digest.keys()
    assert not (only_first or only_second), f"files in only one of {what}: {sorted(only_first)}, {sorted(only_second)}"
    changed = [name for name in first_digest if first_digest[name] != second_digest[name]]
    assert changed == [], f"files differ between {what}: {changed[:10]}"


def test_build_is_reproducible_and_a_build_with_a_cache_equals_a_cold_one(built_site: Path, tmp_path: Path) -> None:
    # The first build left the compiled templates in .cache/, so this one is warm.
    warm = tmp_path / "warm"
    result = run_build(ROOT, warm)
    assert result.returncode == 0, result.stderr
    _assert_same(built_site, warm, "two builds")
    # A copy of the sources has no .cache/ at all.
    cold_project = copy_project(tmp_path / "cold-project")
    assert not (cold_project / ".cache").exists()
    cold = tmp_path / "cold"
    result = run_build(cold_project, cold)
    assert result.returncode == 0, result.stderr
    _assert_same(cold, warm, "a cold build and a cached one")


def test_a_warning_or_a_macro_error_on_a_page_is_reported_once_and_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    last = project / "docs" / "web-foundations" / "web-servers-and-reverse-proxies.md"
    text = last.read_text(encoding="utf-8")
    last.write_text(text.replace("\n## ", "\nSee [the missing page](missing-page.md).\n\n## ", 1), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert output.count("contains a link 'missing-page.md'") == 1, output[-3000:]
    assert "Aborted with 1 warnings" in output
    # A macro that fails there stops the build with its page and line, once.
    last.write_text(text.replace("\n## ", '\n{{ checklist("no-such-checklist") }}\n\n## ', 1), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert output.count("no-such-checklist") == 1, output[-3000:]
