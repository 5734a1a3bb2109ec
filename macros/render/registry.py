"""The documented macros: the only template calls a page may contain.

One table serves three jobs: `define_env` registers these functions with mkdocs-macros, the page contract
(`macros/guard/contract.py`) accepts a call only when its name is here and its arguments bind to the function's
parameters, and the check runs every call once at load time so a wrong name or column is reported with
the page's file and line before anything renders. Adding a macro means adding it here and to the table in
docs/contributing/index.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from macros.core.html import md_text
from macros.core.urls import UrlFor
from macros.model.catalog import Catalog
from macros.render import exercises, hiring, progress, releases, review_dates, sql_exercises, tables, topics_page
from macros.render.print_edition import area_editions, table_of_contents
from macros.render.products import product_map

Macro = Callable[..., str]


def page_macros(
    catalog: Catalog,
    url_for: UrlFor,
    print_edition: Callable[[str | None], str],
    expected: Mapping[str, dict[str, Any]],
) -> dict[str, Macro]:
    """`expected` holds the SQL exercises' expected results (data/exercises/expected.json)."""

    def per_area(section: Callable[[str], str]) -> str:
        # One section per skill area that teaches (the hiring guide is an area of its own).
        return "\n\n".join(
            f"## {md_text(area.title)}\n\n{section(area.id)}" for area in catalog.skills.areas if area.group != "guide"
        )

    def comparison_table(name: str, columns: list[str] | None = None) -> str:
        return tables.comparison_table(catalog, name, columns)

    def checklist(name: str, lesson: str | None = None) -> str:
        return tables.checklist(catalog, name, url_for, lesson)

    def lesson_list(area: str) -> str:
        return tables.lesson_list(catalog, area, url_for)

    def skills_matrix(area: str, level: str | None = None) -> str:
        return hiring.skills_matrix(catalog, area, url_for, level)

    def question_bank(area: str, level: str | None = None) -> str:
        return hiring.question_bank(catalog, area, url_for, level)

    def self_assessment(area: str) -> str:
        return hiring.self_assessment(catalog, area)

    def next_lessons(area: str) -> str:
        return progress.next_lessons(catalog, area, url_for)

    def learning_path(name: str) -> str:
        return progress.learning_path(catalog, name, url_for)

    def sql_exercise(exercise_id: str) -> str:
        return sql_exercises.sql_exercise(catalog, dict(expected), exercise_id)

    def release(product: str, which: str = "current") -> str:
        return releases.release(catalog, product, which)

    def release_status(product: str, which: str) -> str:
        return releases.release_status(catalog, product, which)

    def release_date(product: str, which: str, event: str = "eol") -> str:
        return releases.release_date(catalog, product, which, event)

    def supported_releases(products: str | list[str]) -> str:
        return releases.supported_releases(catalog, products)

    def self_assessments() -> str:
        return per_area(lambda area: f"{self_assessment(area)}\n\n**Read next:**\n\n{next_lessons(area)}")

    return {
        "comparison_table": comparison_table,
        "checklist": checklist,
        "lesson_list": lesson_list,
        "area_cards": lambda: tables.area_cards(catalog, url_for),
        "glossary": lambda: tables.glossary(catalog, url_for),
        "topics_index": lambda: topics_page.topics_index(catalog, url_for),
        "product_map": lambda: product_map(catalog, url_for),
        "skills_matrix": skills_matrix,
        "skills_matrices": lambda: per_area(skills_matrix),
        "self_assessment": self_assessment,
        "self_assessments": self_assessments,
        "question_bank": question_bank,
        "question_banks": lambda: per_area(question_bank),
        "question_counts": lambda: hiring.question_counts(catalog),
        "progress_overview": lambda: progress.progress_overview(catalog, url_for),
        "progress_transfer": progress.transfer_controls,
        "next_lessons": next_lessons,
        "path_list": lambda: progress.path_list(catalog, url_for),
        "learning_path": learning_path,
        "print_contents": lambda area=None: table_of_contents(catalog, area),
        "print_edition": lambda area=None: print_edition(area),
        "print_areas": lambda: area_editions(catalog, url_for),
        "sql_exercise": sql_exercise,
        "exercise_check": lambda exercise_id: exercises.exercise_check(catalog, exercise_id),
        "sql_injection_form": sql_exercises.injection_form,
        "release": release,
        "release_status": release_status,
        "release_date": release_date,
        "supported_releases": supported_releases,
        "review_dates": lambda: review_dates.review_dates(catalog, url_for),
    }
