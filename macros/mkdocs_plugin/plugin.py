"""The Backend Skills MkDocs plugin: the one place the build meets MkDocs.

Registered by entry point (`backend-skills` in pyproject.toml) and listed in mkdocs.yml before `macros`,
so every source is checked before a page renders. Each event hands its work to the packages below and
turns their errors into PluginError, which MkDocs reports in one line. Public events and attributes only.
"""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from macros.core.errors import BuildError, SourceError
from macros.core.urls import project_root, relative_url
from macros.mkdocs_plugin.reuse import ConversionReuse
from macros.render import code_blocks, print_edition, sql_practice
from macros.render.diagrams import MODE_VARIABLE, Diagrams, Renderer
from macros.search import pagefind
from macros.search.records import SearchRecords
from macros.site.load import load_for_build

log = logging.getLogger("mkdocs.plugins.backend_skills")

# Templates whose pages run none of Material's script (see overrides/print.html).
WITHOUT_THEME_SCRIPT = {"print.html"}
DIAGRAM_PREVIEW_SCRIPT = "assets/javascripts/diagram-preview.js"


class BackendSkillsConfig(Config):
    # Where the drawn SVG of every mermaid diagram is kept, relative to mkdocs.yml (macros/render/diagrams.py).
    diagrams_dir = config_options.Type(str, default="diagrams")


class BackendSkillsPlugin(BasePlugin[BackendSkillsConfig]):
    def __init__(self) -> None:
        # "build" or "serve", from the command; `make diagrams` sets "refresh" in the environment.
        self.mode = "build"
        self.renderer: Renderer | None = None  # `make serve` keeps one browser for drawing diagrams
        self.diagrams: Diagrams | None = None
        self.records: SearchRecords | None = None  # set by on_config: a build starts with the catalog
        self.built: list[tuple[str, str, str, str]] = []  # (src_uri, url, title, HTML) of each page built
        self.datasets: dict[str, sql_practice.Dataset] = {}
        self.indexing = pagefind.IndexBehind()  # `make serve`: the index written behind each rebuild
        self.frozen = False
        self.reuse: ConversionReuse | None = None  # `make serve`: conversions kept from the last rebuild

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.mode = os.environ.get(MODE_VARIABLE) or ("serve" if command == "serve" else "build")
        if self.mode == "serve":
            self.reuse = ConversionReuse()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.indexing.stop()  # a save's rebuild replaces the index still being written behind the last one
        root = project_root(config)
        try:
            catalog = load_for_build(root, Path(config.docs_dir))
        except SourceError as error:
            raise PluginError(error.report()) from None
        # Freshness warnings (a release due to reach end of life within 60 days, an old snapshot) are
        # reported at info level: under --strict a warning would fail the build before the fact is stale.
        for warning in catalog.freshness.warnings if catalog.freshness else ():
            log.info("freshness: %s", warning)
        self.records = SearchRecords(catalog)
        self.built = []
        config.extra["search_filters"] = self.records.filters()
        if self.mode == "serve" and self.renderer is None:
            self.renderer = Renderer()  # kept open between rebuilds, closed when serve stops
        self.diagrams = Diagrams(self.mode, root / self.config.diagrams_dir, self.renderer)
        return config

    @event_priority(100)  # before the other plugins allocate their pages
    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Once per process, leave what is loaded by now (libraries, theme, catalog) out of garbage collection:
        the collector went through all of it at each full collection, about a second of a cold build. A
        build makes many short-lived objects and few cycles, so collections come less often too."""
        if not self.frozen:
            self.frozen = True
            gc.freeze()
            gc.set_threshold(20_000, 20, 20)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Publish each runnable SQL dataset's files at `assets/practice/<name>/`."""
        self.datasets = sql_practice.datasets(project_root(config))
        for dataset in self.datasets.values():
            for name, path in dataset.files().items():
                uri = f"{sql_practice.SITE_FOLDER}/{dataset.name}/{name}"
                files.append(File.generated(config, uri, abs_src_path=str(path)))
        if self.reuse is not None:
            self.reuse.start(config, files)
        return files

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.diagrams is not None
        preview = relative_url(DIAGRAM_PREVIEW_SCRIPT, page.url)
        try:
            html = code_blocks.prepare_code_blocks(self.diagrams.page(html, page.file.src_uri, preview))
        except BuildError as error:
            raise PluginError(str(error)) from None
        return self._with_sql_runner(html, page)

    def _with_sql_runner(self, html: str, page: Page) -> str:
        """Fail on a runnable block whose dataset does not exist; add the runner script only to pages with
        something to run, inside the content, so Material's instant navigation runs it on each swap."""
        if not sql_practice.NEEDS_RUNNER.search(html):
            return html
        errors = sql_practice.dataset_errors(html, self.datasets)
        if errors:
            raise PluginError(f"{page.file.src_uri}: " + "; ".join(errors))
        src = relative_url(sql_practice.RUNNER_SCRIPT, page.url)
        return html + f'\n<script defer src="{src}" data-sql-runner></script>\n'

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        """A page whose front matter hides its table of contents carries none in its HTML: Material only
        hides it, and its script still watches every entry (on /tags/, 550 elements checked on every load)."""
        if "toc" in (page.meta.get("hide") or []):
            page.toc = TableOfContents([])
        return context

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Fill the print edition's slots with the lessons' HTML, now that every page has been converted."""
        # The theme's templates are compiled to Python on every build; kept in .cache/, keyed by each
        # template's source by Jinja itself, an edited template is compiled again.
        templates = project_root(config) / ".cache" / "templates"
        templates.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(templates))
        for file in files.documentation_pages():
            page = file.page
            if page is None or not page.content:
                continue
            lessons = {}
            for ref in print_edition.lesson_refs_in(page.content):
                lesson = files.get_file_from_path(f"{ref}.md")
                assert lesson is not None and lesson.page is not None and lesson.page.content is not None
                lessons[ref] = (lesson.url, lesson.page.content)
            if lessons:
                page.content = print_edition.fill_slots(page.content, file.url, lessons)
            if page.meta.get("template") in WITHOUT_THEME_SCRIPT:
                page.content = code_blocks.focus_wide_code_blocks(page.content)
        return env

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.built.append((page.file.src_uri, page.url, page.title or "", output))
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        assert self.diagrams is not None
        try:
            removed = self.diagrams.finish()
        except BuildError as error:
            raise PluginError(str(error)) from None
        if self.diagrams.drawn or removed:
            drawn, folder = len(self.diagrams.drawn), self.config.diagrams_dir
            log.info("%s/: %d diagram(s) drawn (commit them), %d unused removed", folder, drawn, len(removed))
        records, built, self.built = self.records, self.built, []
        assert records is not None
        records.write_box_files(Path(config.site_dir), built)
        output = Path(config.site_dir) / pagefind.OUTPUT

        def all_records() -> list[str]:
            return [record for page in built for record in records.for_page(*page)]

        if self.mode == "serve":
            self.indexing.start(all_records, output)
            return
        try:
            pagefind.write_index(all_records(), output)
        except BuildError as error:
            raise PluginError(str(error)) from None

    def on_shutdown(self) -> None:
        self.indexing.wait()
        if self.renderer is not None:
            self.renderer.close()
