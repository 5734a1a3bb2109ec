"""Macros for the Backend Skills site (mkdocs-macros `module_name: macros`).

Only `define_env` is used, so the module stays portable to Zensical. It loads and validates
every data file and every lesson's front matter before any page renders, and fails the build
with one message listing each problem by file, line and field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from macros import hiring, print_edition, progress, render, topics_page
from macros.catalog import Catalog
from macros.catalog_cache import load_catalog_once
from macros.errors import SourceError

GENERATED_DIR = Path(".cache/generated")


def define_env(env: Any) -> None:
    root = Path(env.conf["config_file_path"]).parent
    try:
        catalog = load_catalog_once(root, Path(env.conf["docs_dir"]))
    except SourceError as error:
        raise PluginError(error.report()) from None

    generated = root / GENERATED_DIR
    generated.mkdir(parents=True, exist_ok=True)
    abbreviations = generated / "abbreviations.md"
    text = render.abbreviations(catalog)
    # Written only when it changes: `make serve` re-renders every page whose snippets changed.
    if not abbreviations.exists() or abbreviations.read_text(encoding="utf-8") != text:
        abbreviations.write_text(text, encoding="utf-8")
    env.conf["extra"]["lesson_index"] = _lesson_index(catalog, env.conf["use_directory_urls"])

    def url_for(target: str) -> str:
        page_url = env.page.url if getattr(env, "page", None) else ""
        return get_relative_url(_url(target, env.conf["use_directory_urls"]), page_url)

    env.macro(lambda name, columns=None: render.comparison_table(catalog, name, columns), "comparison_table")
    env.macro(lambda name, lesson=None: render.checklist(catalog, name, url_for, lesson), "checklist")
    env.macro(lambda area: render.lesson_list(catalog, area, url_for), "lesson_list")
    env.macro(lambda: render.area_cards(catalog, url_for), "area_cards")
    env.macro(lambda: render.glossary(catalog, url_for), "glossary")
    env.macro(lambda: topics_page.topics_index(catalog, url_for), "topics_index")
    env.macro(lambda area, level=None: hiring.skills_matrix(catalog, area, url_for, level), "skills_matrix")
    env.macro(lambda area: hiring.self_assessment(catalog, area), "self_assessment")
    env.macro(lambda area, level=None: hiring.question_bank(catalog, area, url_for, level), "question_bank")
    env.macro(lambda: hiring.question_counts(catalog), "question_counts")
    env.macro(lambda: progress.progress_overview(catalog, url_for), "progress_overview")
    env.macro(progress.transfer_controls, "progress_transfer")
    env.macro(lambda area: progress.next_lessons(catalog, area, url_for), "next_lessons")
    env.macro(lambda: progress.path_list(catalog, url_for), "path_list")
    env.macro(lambda name: progress.learning_path(catalog, name, url_for), "learning_path")
    env.macro(lambda area=None: print_edition.table_of_contents(catalog, area), "print_contents")
    env.macro(lambda area=None: print_edition.print_edition(catalog, area), "print_edition")
    env.macro(lambda: print_edition.area_editions(catalog, url_for), "print_areas")
    env.variables["catalog"] = catalog


def _url(target: str, directory_urls: bool) -> str:
    """URL of a page named by its docs path without `.md`: `security/index` -> `security/`."""
    if target.endswith("/index") or target == "index":
        return target[: -len("index")]
    return f"{target}/" if directory_urls else f"{target}.html"


def _lesson_index(catalog: Catalog, directory_urls: bool) -> dict[str, dict[str, str]]:
    """Titles and site-root URLs of lessons, for the theme's lesson header (prerequisite links)."""
    return {
        ref: {"title": lesson.meta.title, "url": _url(ref, directory_urls)} for ref, lesson in catalog.lessons.items()
    }
