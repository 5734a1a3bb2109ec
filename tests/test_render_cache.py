"""The caches builds and `make serve` rely on: what they restore, what invalidates them, that nothing goes stale.

tests/test_build.py compares a cold build of the whole site with a cached one, byte for byte.
"""

from __future__ import annotations

import inspect
import json
import pickle
import re
import subprocess
from pathlib import Path

import pytest

from macros import catalog_cache, render_cache, search_index
from macros.errors import SourceError
from tests.conftest import MKDOCS, build_env, copy_project, run_build


def test_the_render_cache_restores_everything_page_render_sets() -> None:
    # MkDocs' Page.render sets these attributes; a release that sets another one must fail here, or a page
    # restored from the cache would miss it.
    assigned = set(re.findall(r"self\.(\w+) = ", inspect.getsource(render_cache._original)))
    assert assigned == {*render_cache.RENDERED, "links_to_anchors"}


def _small_site(root: Path) -> Path:
    """Two pages, a snippet and the render cache hook: a site that builds in about a second."""
    (root / "docs").mkdir(parents=True)
    (root / "examples").mkdir()
    (root / "examples" / "hello.py").write_text('print("hello")\n', encoding="utf-8")
    (root / "docs" / "index.md").write_text(
        '# Home\n\n## Part one\n\nSee [the other page](other.md#details).\n\n```python\n--8<-- "hello.py"\n```\n',
        encoding="utf-8",
    )
    (root / "docs" / "other.md").write_text("# Other\n\n## Details\n\nLinks to [a page](missing.md).\n")
    (root / "mkdocs.yml").write_text(
        "site_name: Small\n"
        f"hooks:\n  - {Path(render_cache.__file__).resolve()}\n"
        "markdown_extensions:\n  - toc:\n      permalink: true\n"
        "  - pymdownx.snippets:\n      base_path: [examples]\n  - pymdownx.superfences\n",
        encoding="utf-8",
    )
    return root


def _build(root: Path) -> tuple[str, str]:
    """The home page's HTML and the build's log."""
    result = subprocess.run(
        [*MKDOCS, "build"], cwd=root, env=build_env(), capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    return (root / "site" / "index.html").read_text(encoding="utf-8"), result.stderr


def _mark_cached_home(root: Path) -> None:
    """Change the home page's HTML in the cache: a build that reuses the cache shows the change."""
    cache = json.loads((root / render_cache.CACHE_FILE).read_text(encoding="utf-8"))
    cache["index.md"]["content"] = cache["index.md"]["content"].replace("Part one", "Cached part one")
    (root / render_cache.CACHE_FILE).write_text(json.dumps(cache), encoding="utf-8")


def test_a_page_is_converted_again_when_anything_its_html_depends_on_changes(tmp_path: Path) -> None:
    root = _small_site(tmp_path)
    first, _ = _build(root)
    assert set(json.loads((root / render_cache.CACHE_FILE).read_text(encoding="utf-8"))) == {"index.md"}
    # Nothing changed: the page is restored, the same to the byte, table of contents included.
    again, _ = _build(root)
    assert again == first and 'href="#part-one"' in again
    _mark_cached_home(root)
    assert "Cached part one" in _build(root)[0]

    def edit(path: str, old: str, new: str) -> None:
        file = root / path
        file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    # Each input, changed in turn, converts the page again (the mark is gone), and the new HTML is kept.
    changes = [
        ("the page's Markdown", lambda: edit("docs/index.md", "## Part one", "## Part one\n\nMore.")),
        ("a file snippets include", lambda: edit("examples/hello.py", "hello", "changed")),
        ("an extension's setting", lambda: edit("mkdocs.yml", "permalink: true", "permalink: false")),
        ("the set of files", lambda: (root / "docs" / "new.md").write_text("# New\n", encoding="utf-8")),
        ("the URL scheme", lambda: edit("mkdocs.yml", "Small\n", "Small\nuse_directory_urls: false\n")),
    ]
    for name, change in changes:
        _mark_cached_home(root)
        change()
        html, _ = _build(root)
        assert "Cached part one" not in html and "Part one" in html, name
    assert "changed" in html and 'class="headerlink"' not in html and 'href="other.html#details"' in html
    _mark_cached_home(root)
    assert "Cached part one" in _build(root)[0]  # and with nothing changed, the cache is used again


def test_a_page_that_logged_a_warning_logs_it_on_every_build(tmp_path: Path) -> None:
    root = _small_site(tmp_path)
    for _ in range(2):
        _, log = _build(root)
        assert "'other.md' contains a link 'missing.md'" in log
    (root / "docs" / "missing.md").write_text("# Found\n", encoding="utf-8")
    _, log = _build(root)
    assert "missing.md" not in log
    assert set(json.loads((root / render_cache.CACHE_FILE).read_text(encoding="utf-8"))) == {
        "index.md",
        "missing.md",
        "other.md",
    }


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    root = _small_site(tmp_path)
    first, _ = _build(root)
    (root / render_cache.CACHE_FILE).write_text("{not json", encoding="utf-8")
    assert _build(root)[0] == first


def test_the_catalog_is_reloaded_only_when_its_sources_change(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    docs = root / "docs"
    first = catalog_cache.load_catalog_once(root, docs)
    lesson = docs / "security" / "sql-injection.md"
    text = lesson.read_text(encoding="utf-8")

    # A sentence in a lesson's body: the same catalog object.
    lesson.write_text(text.replace("\n## Why it matters\n", "\nA new sentence.\n\n## Why it matters\n", 1))
    assert catalog_cache.load_catalog_once(root, docs) is first

    # Its title in the front matter: a new catalog with the new title.
    lesson.write_text(re.sub(r"^title: .*$", "title: Injection, renamed", text, count=1, flags=re.M))
    renamed = catalog_cache.load_catalog_once(root, docs)
    assert renamed is not first
    assert renamed.lessons["security/sql-injection"].meta.title == "Injection, renamed"

    # A renamed heading that a topic points at is reported at once: headings are what the catalog reads.
    lesson.write_text(text.replace("## Identifiers need an allow-list", "## Identifiers, allow-listed", 1))
    with pytest.raises(SourceError, match="identifiers-need-an-allow-list"):
        catalog_cache.load_catalog_once(root, docs)

    # A body that breaks the lesson contract is reported at once, not hidden by the cache.
    lesson.write_text(text.replace("\n## Self-check\n", "\n## Self check\n", 1))
    with pytest.raises(SourceError, match="Self-check"):
        catalog_cache.load_catalog_once(root, docs)

    # So is markup the contract forbids, in a lesson or in any other page.
    lesson.write_text(text.replace("\n## Why it matters\n", "\n<script>alert(1)</script>\n\n## Why it matters\n", 1))
    with pytest.raises(SourceError, match="<script> is not allowed"):
        catalog_cache.load_catalog_once(root, docs)
    lesson.write_text(text)
    glossary_page = docs / "glossary.md"
    page_text = glossary_page.read_text(encoding="utf-8")
    glossary_page.write_text(page_text + '\nA <b onclick="x()">bold</b> word.\n', encoding="utf-8")
    with pytest.raises(SourceError, match="'onclick'"):
        catalog_cache.load_catalog_once(root, docs)
    glossary_page.write_text(page_text, encoding="utf-8")

    # A data file: a new catalog.
    lesson.write_text(text)
    restored = catalog_cache.load_catalog_once(root, docs)
    glossary = root / "data" / "glossary" / "security.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("definition: ", "definition: Changed. ", 1))
    assert catalog_cache.load_catalog_once(root, docs) is not restored


def test_a_kept_catalog_is_used_only_while_every_input_is_the_same(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    docs = root / "docs"

    def load_in_a_new_process() -> object:
        catalog_cache._loaded.clear()  # what a new `mkdocs build` starts with
        return catalog_cache.load_catalog_once(root, docs)

    def mark_kept_catalog() -> None:
        key, kept = pickle.loads((root / catalog_cache.CACHE_FILE).read_bytes())  # noqa: S301 - our own file
        object.__setattr__(kept.lessons["security/sql-injection"].meta, "title", "Marked in the kept catalog")
        (root / catalog_cache.CACHE_FILE).write_bytes(pickle.dumps((key, kept)))

    def title() -> str:
        return load_in_a_new_process().lessons["security/sql-injection"].meta.title  # type: ignore[attr-defined]

    load_in_a_new_process()
    mark_kept_catalog()
    assert title() == "Marked in the kept catalog"  # reused, not loaded again
    # Each change below loads from the sources again (the mark is gone), and that catalog is kept next.
    additions = {  # file: text added at its end
        "docs/security/sql-injection.md": "\nOne more sentence in the last section.\n",
        "data/glossary/security.yml": "\n# a comment\n",
        "examples/security/sql_injection/fixed.py": "\n# a comment\n",
    }
    for file, addition in additions.items():
        mark_kept_catalog()
        path = root / file
        path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")
        assert title() != "Marked in the kept catalog", file
    # A damaged file is no catalog: it loads from the sources.
    (root / catalog_cache.CACHE_FILE).write_bytes(b"not a pickle")
    assert title() != "Marked in the kept catalog"
    # A catalog with problems is never kept: the error comes on every load.
    lesson = docs / "security" / "sql-injection.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("\n## Self-check\n", "\n## Self check\n", 1))
    for _ in range(2):
        with pytest.raises(SourceError, match="Self-check"):
            load_in_a_new_process()


def test_the_search_bundle_is_reused_only_for_the_same_records(tmp_path: Path) -> None:
    stage, cache = tmp_path / "stage", tmp_path / "cache"
    stage.mkdir()

    def record(name: str, words: str) -> None:
        body = f'<span data-pagefind-meta="url[data-value]" data-value="/{name}/"></span><h1>{words}</h1>'
        (stage / f"{name}.html").write_text(search_index._document(body), encoding="utf-8")

    def files(folder: Path) -> dict[str, bytes]:
        return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}

    record("r1", "Parameterized queries stop injection")
    record("r2", "Rate limiting with token buckets")
    assert search_index.write_index(stage, tmp_path / "first", cache) is False
    assert search_index.write_index(stage, tmp_path / "second", cache) is True
    assert files(tmp_path / "second") == files(tmp_path / "first")
    # One word of one record changes: Pagefind indexes again, and the new bundle has the new word.
    record("r2", "Rate limiting with leaky buckets")
    assert search_index.write_index(stage, tmp_path / "third", cache) is False
    assert files(tmp_path / "third") != files(tmp_path / "first")
    # Only the most recently used bundles stay.
    for extra in range(search_index.KEEP_INDEXES + 1):
        record("r3", f"Extra record {extra}")
        search_index.write_index(stage, tmp_path / f"extra{extra}", cache)
    assert len(list(cache.iterdir())) == search_index.KEEP_INDEXES


def test_a_kept_print_edition_is_used_only_while_its_lessons_are_the_same(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    kept = root / ".cache" / "print-edition.json"

    def build() -> str:
        result = run_build(root, site)
        assert result.returncode == 0, result.stderr[-2000:]
        return (site / "print" / "security" / "index.html").read_text(encoding="utf-8")

    def mark() -> None:
        stored = json.loads(kept.read_text(encoding="utf-8"))
        key, html = stored["print/security.md"]
        stored["print/security.md"] = [key, html.replace("</h1>", " (marked in the cache)</h1>", 1)]
        kept.write_text(json.dumps(stored), encoding="utf-8")

    build()
    mark()
    assert "(marked in the cache)" in build()  # reused
    mark()
    lesson = root / "docs" / "security" / "sql-injection.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("\n## Why it matters\n", "\nA new sentence.\n\n## Why it matters\n", 1))
    edition = build()
    assert "(marked in the cache)" not in edition and "A new sentence." in edition


def test_kept_macro_renders_are_used_only_while_the_catalog_inputs_are_the_same(tmp_path: Path) -> None:
    import macros

    root = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    kept = root / macros.RENDERS_FILE

    def build() -> str:
        result = run_build(root, site)
        assert result.returncode == 0, result.stderr[-2000:]
        return (site / "glossary" / "index.html").read_text(encoding="utf-8")

    def mark() -> None:
        stored = json.loads(kept.read_text(encoding="utf-8"))
        key, rendered, held = stored["pages"]["glossary.md"]
        stored["pages"]["glossary.md"] = [key, rendered + "\n\nMarked in the kept renders.\n", held]
        kept.write_text(json.dumps(stored), encoding="utf-8")

    build()
    mark()
    assert "Marked in the kept renders." in build()  # reused: the next process rendered no macro
    # A data file changes the catalog's inputs: every page is rendered again, and that is kept.
    mark()
    glossary = root / "data" / "glossary" / "security.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("definition: ", "definition: Kept. ", 1))
    page = build()
    assert "Marked in the kept renders." not in page and "Kept. " in page
    mark()
    assert "Marked in the kept renders." in build()
    # So does a file in a snippet folder, which the catalog checks pages against.
    mark()
    example = root / "examples" / "security" / "sql_injection" / "fixed.py"
    example.write_text(example.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "Marked in the kept renders." not in build()
    # A damaged file is no cache: an entry of the wrong shape is ignored, the page rendered again.
    stored = json.loads(kept.read_text(encoding="utf-8"))
    stored["pages"]["glossary.md"] = 7
    kept.write_text(json.dumps(stored), encoding="utf-8")
    assert "Kept. " in build()


def test_a_context_value_that_cannot_be_compared_renders_the_page_every_time() -> None:
    from types import SimpleNamespace

    from macros import template_cache

    page = SimpleNamespace(
        previous_page=None, next_page=None, parent=None, file=SimpleNamespace(src_uri="a.md"), url="a/",
        canonical_url="", edit_url="", title="A", content="<p>A</p>", toc=[], meta={"tags": ["x"]},
    )  # fmt: skip
    template_cache._state["site"] = "a site"
    site = {"config": {"extra": {}, "theme": {"features": []}}, "nav": SimpleNamespace(items=[], homepage=None)}

    def key(**extra: object) -> str | None:
        return template_cache._page_key("main.html", {"page": page, **site, **extra})

    assert key(listing=["a", {"b": 1}]) == key(listing=["a", {"b": 1}])  # plain data: by value
    assert key(listing=["a"]) != key(listing=["b"])
    first, second = object(), object()  # both alive, so their addresses differ
    assert key(handle=first) != key(handle=second)  # shown only by address: never equal to another
    looped: dict[str, object] = {}
    looped["self"] = looped
    assert key(looped=looped) is None  # cannot be hashed at all: rendered


def test_a_build_reads_the_catalog_once_and_fingerprints_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs build` (hooks.py on_startup: read_once): a second plugin's load is the first one's catalog,
    and no page's contract verdicts are worked out to fingerprint sources that cannot change meanwhile."""
    root = copy_project(tmp_path / "project")
    monkeypatch.setattr(catalog_cache, "_loaded", {})
    monkeypatch.setattr(catalog_cache, "_watching", True)
    catalog_cache.read_once()

    def no_fingerprint(*args: object) -> str:
        raise AssertionError("fingerprinted in a build")

    monkeypatch.setattr(catalog_cache, "sources_fingerprint", no_fingerprint)
    first, key = catalog_cache.load_catalog_and_key(root, root / "docs")
    second, again = catalog_cache.load_catalog_and_key(root, root / "docs")
    assert second is first and key is not None and again is None
