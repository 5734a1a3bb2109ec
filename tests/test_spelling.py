"""One house spelling, US English, in everything a reader sees (the checker lives in tests/spelling.py)."""

from __future__ import annotations

import pytest

from tests import spelling


def _found(text: str) -> list[str]:
    return [str(finding) for finding in spelling.check_text(text, "page.md")]


def test_prose_data_and_interface_strings_use_us_spelling() -> None:
    findings = spelling.check_repository()
    assert not findings, "British spellings (file:line: found -> US form):\n" + "\n".join(map(str, findings))


def test_the_checker_reads_the_places_readers_see() -> None:
    checked = {path.relative_to(spelling.ROOT).as_posix() for path in spelling.checked_files()}
    for expected in (
        "README.md",
        "mkdocs.yml",
        "docs/index.md",
        "data/skills.yml",
        "templates/lesson.md",
        "overrides/main.html",
        "docs/assets/javascripts/palette.js",
        "docs/assets/stylesheets/extra.css",
    ):
        assert expected in checked
    assert not any("/vendor/" in path for path in checked)


def test_listed_british_forms_are_reported_with_file_line_and_us_form() -> None:
    text = "Intro.\nThe catalogue's behaviour\nis our main defence; a Licence and a colour.\n"
    assert _found(text) == [
        "page.md:2: catalogue -> catalog",
        "page.md:2: behaviour -> behavior",
        "page.md:3: defence -> defense",
        "page.md:3: Licence -> License",
        "page.md:3: colour -> color",
    ]


@pytest.mark.parametrize(
    ("british", "us"),
    [
        ("anonymisation", "anonymization"),
        ("canonicalise", "canonicalize"),
        ("Pseudonymised", "Pseudonymized"),
        ("containerising", "containerizing"),
        ("paralyse", "paralyze"),
        ("enrolment", "enrollment"),
        ("artefacts", "artifacts"),
    ],
)
def test_word_families_no_list_covers_are_reported(british: str, us: str) -> None:
    assert _found(f"We {british} it.") == [f"page.md:1: {british} -> {us}"]


@pytest.mark.parametrize(
    "text",
    [
        "Exercises raise promises; otherwise the enterprise advertised precise analyses of crises.",
        "An imprecise estimate is still an estimate.",
        "MITRE keeps the CWE list.",
        "Run `normalise()` first.",
        "```python\ncolour = 'red'\n```",
        "See https://ico.org.uk/for-organisations/ and [the page](../specialised/).",
        "Included from examples/databases/schema_design/normalisation.py and catalogue.py.",
        '{{ comparison_table("sql-injection-defences") }}',
        "  - id: sql-nosql-judgement",
        '<a href="/organisation/">x</a>',
    ],
)
def test_code_urls_identifiers_and_english_in_both_spellings_are_left_alone(text: str) -> None:
    assert _found(text) == []


def test_quoted_titles_of_external_sources_keep_their_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spelling, "QUOTED_TITLES", ["Guide to Organisational Security"])
    assert _found("Read the Guide to Organisational Security, then organise.") == ["page.md:1: organise -> organize"]
