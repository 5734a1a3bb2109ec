"""`make serve` reuses a page's conversion only while every input of it is the same (macros/mkdocs_plugin/reuse.py).

tests/test_serve_rebuilds.py compares whole sites after real saves; these pin the pieces: the key follows
the files a page includes, a conversion that warned is converted again, and pages whose title comes from
`.nav.yml` are left to MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from macros.core.memo import ContentMemo, digest
from macros.guard.contract import prepare_snippet_root
from macros.mkdocs_plugin.reuse import ConversionReuse, ReusablePage, _snippets, titled_in_nav
from tests.conftest import ROOT, copy_project


def test_the_key_follows_the_bytes_of_every_included_file_and_what_it_includes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    prepare_snippet_root(project)
    outer = project / "examples" / "outer.md"
    inner = project / "examples" / "inner.py"
    outer.write_text('--8<-- "examples/inner.py"\n', encoding="utf-8")
    inner.write_text("print(1)\n", encoding="utf-8")
    page = '```\n--8<-- "examples/outer.md"\n```\n'
    before = digest(_snippets(page, project))
    inner.write_text("print(2)\n", encoding="utf-8")
    assert digest(_snippets(page, project)) != before, "a change two includes deep must change the key"
    assert digest(_snippets("no includes here", project)) == digest([])


def test_pages_titled_in_nav_are_found() -> None:
    titled = titled_in_nav(ROOT / "docs")
    assert "hiring/guide/skills-matrix.md" in titled
    assert "security/sql-injection.md" not in titled


def test_the_memo_keeps_one_entry_per_name_and_only_for_its_key() -> None:
    memo: ContentMemo[str] = ContentMemo()
    memo.put("page.md", "key-1", "first")
    assert memo.get("page.md", "key-1") == "first" and memo.get("page.md", "key-2") is None
    memo.put("page.md", "key-2", "second")
    assert memo.get("page.md", "key-1") is None, "an old entry is replaced, not kept beside the new one"


def test_digest_counts_an_object_by_its_type_and_settings() -> None:
    class Index:
        def __init__(self, name: str) -> None:
            self.name = name

    assert digest(Index("a")) == digest(Index("a")) != digest(Index("b"))


def test_a_conversion_that_warned_is_converted_again_and_warns_again(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / "reuse-probe.md").write_text(
        "---\ntitle: Probe\n---\n\n# Probe\n\nSee [nowhere](missing-page.md).\n", encoding="utf-8"
    )
    config = load_config(str(project / "mkdocs.yml"))
    files = get_files(config)
    reuse = ConversionReuse()
    reuse.start(config, files)
    file = files.get_file_from_path("reuse-probe.md")
    assert file is not None and isinstance(file.page, ReusablePage)
    warnings = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            warnings.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        for _ in range(2):
            file.page.read_source(config)
            file.page.render(config, files)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    assert sum("missing-page.md" in message for message in warnings) == 2, warnings


def test_a_clean_conversion_is_reused_while_its_inputs_stay_and_redone_when_one_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"))
    prepare_snippet_root(project)
    files = get_files(config)
    ConversionReuse().start(config, files)
    file = files.get_file_from_path("security/sql-injection.md")
    assert file is not None and isinstance(file.page, ReusablePage)
    page = file.page
    page.read_source(config)
    page.render(config, files)
    first = page.content
    page.read_source(config)
    page.render(config, files)
    assert page.content is first, "the same inputs: the kept conversion"
    page.markdown = (page.markdown or "") + "\n\nOne more sentence.\n"
    page.render(config, files)
    assert page.content is not first and "One more sentence." in (page.content or "")
