"""`make serve`: a page whose conversion inputs did not change since the last rebuild is not converted again.

Converting Markdown was 3 of a rebuild's 5 seconds, and a save changes one page's Markdown or none. MkDocs
lets a plugin give a file its own Page subclass in `on_files` (Material's blog does); `ReusablePage.render`
reuses the last conversion while its key holds: the page's Markdown after macros, its URL, every file's
URL (links resolve against them), the Markdown settings (the glossary's abbreviations among them) and the
bytes of each file it includes. A conversion that warned is never kept, so strict mode fails again on
every rebuild until the cause is fixed. A build converts each page once and keeps nothing.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from macros.core.memo import ContentMemo, digest
from macros.core.urls import project_root
from macros.guard.contract import SNIPPET_DIR, snippet_targets
from macros.model.lessons import nav_entries

_WARNING_LOGGERS = ("mkdocs", "")  # MkDocs' own (links, anchors) and the root (Markdown extensions)


@dataclass(frozen=True)
class Conversion:  # what Page.render sets, by MkDocs' public attributes
    content: str
    toc: TableOfContents
    present_anchor_ids: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the target's src_uri


class ConversionReuse:
    """The conversions of the last rebuild, and the inputs every page of this rebuild shares."""

    def __init__(self) -> None:
        self.memo: ContentMemo[Conversion] = ContentMemo()
        self.shared, self.root = "", Path()

    def start(self, config: MkDocsConfig, files: Files) -> None:
        """Give each page a ReusablePage, except pages that a `.nav.yml` names with a title of its own:
        MkDocs keeps a page a plugin made and would drop that title."""
        self.shared = digest(
            sorted((file.src_uri, file.url) for file in files),
            config.markdown_extensions,
            config.mdx_configs,
            config.use_directory_urls,
            str(config.validation),
        )
        self.root = project_root(config)
        titled = titled_in_nav(Path(config.docs_dir))
        for file in files.documentation_pages():
            if file.page is None and file.src_uri not in titled:
                ReusablePage(None, file, config, reuse=self)


class ReusablePage(Page):
    def __init__(self, title: str | None, file: File, config: MkDocsConfig, *, reuse: ConversionReuse) -> None:
        super().__init__(title, file, config)
        self.reuse = reuse

    def render(self, config: MkDocsConfig, files: Files) -> None:
        assert self.markdown is not None
        if "title" not in self.meta:  # its title would come from the conversion itself: convert it
            super().render(config, files)
            return
        key = digest(self.reuse.shared, self.file.url, self.markdown, _snippets(self.markdown, self.reuse.root))
        kept = self.reuse.memo.get(self.file.src_uri, key)
        if kept is not None and _restore(self, kept, files):
            return
        warnings = _WarningCount()
        with warnings.watching():
            super().render(config, files)
        if not warnings.count:
            self.reuse.memo.put(self.file.src_uri, key, _conversion(self))


def _conversion(page: Page) -> Conversion:
    assert page.content is not None
    links = page.links_to_anchors
    # Copied in and out: other plugins change a page's table of contents in place (Material's tags
    # listing adds an entry per tag), and a kept one must be as the conversion left it.
    return Conversion(
        page.content,
        copy.deepcopy(page.toc),
        frozenset(page.present_anchor_ids or ()),
        None if links is None else {target.src_uri: dict(anchors) for target, anchors in links.items()},
    )


def _restore(page: Page, kept: Conversion, files: Files) -> bool:
    links = None
    if kept.links_to_anchors is not None:
        targets = {src_uri: files.get_file_from_path(src_uri) for src_uri in kept.links_to_anchors}
        if None in targets.values():
            return False
        links = {targets[src_uri]: dict(anchors) for src_uri, anchors in kept.links_to_anchors.items()}
    page.content = kept.content
    page.toc = copy.deepcopy(kept.toc)
    page.present_anchor_ids = set(kept.present_anchor_ids)
    page.links_to_anchors = links  # type: ignore[assignment]
    return True


def _snippets(markdown: str, root: Path, depth: int = 0) -> list[tuple[str, str]]:
    """(target, digest of its bytes) of each file the page includes, and of the files those include."""
    found = []
    for _, target in snippet_targets(markdown):
        path = root / SNIPPET_DIR / target.split(":", 1)[0]
        text = path.read_bytes() if path.is_file() else b""
        found.append((target, hashlib.sha256(text).hexdigest()))
        if depth < 3 and b"--8<--" in text:
            found += _snippets(text.decode("utf-8", errors="replace"), root, depth + 1)
    return found


def titled_in_nav(docs_dir: Path) -> set[str]:
    """Pages (src_uri) that a `.nav.yml` lists under a title of its own (`- Skills matrix: guide/x.md`)."""
    titled = set()
    for nav_file in docs_dir.rglob(".nav.yml"):
        folder = nav_file.parent.relative_to(docs_dir).as_posix()
        for target in _titled_targets(nav_entries(nav_file, str(nav_file))):
            titled.add(target if folder == "." else f"{folder}/{target}")
    return titled


def _titled_targets(entries: list[Any]) -> Iterator[str]:
    for entry in entries:
        if isinstance(entry, dict):
            for value in entry.values():
                if isinstance(value, str) and value.endswith(".md"):
                    yield value
                elif isinstance(value, list):
                    yield from _titled_targets(value)


class _WarningCount(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        loggers = [logging.getLogger(name) for name in _WARNING_LOGGERS]
        for logger in loggers:
            logger.addHandler(self)
        try:
            yield
        finally:
            for logger in loggers:
                logger.removeHandler(self)
