"""The lesson contract checker: a finished lesson passes, the template fails only on its placeholders, headings
inside code do not count."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from macros.core.errors import SourceError
from macros.core.validation import problems_from_validation
from macros.core.yaml_source import load_yaml
from macros.model.lessons import check_body, headings, load_lesson, split_front_matter
from macros.model.schema import Comparison
from macros.site.load import load_catalog
from tests.conftest import ROOT

SAMPLE = ROOT / "tests" / "fixtures" / "lesson.md"  # a finished lesson: what a contributor's looks like


def test_a_finished_lesson_meets_the_contract(project_copy: Path) -> None:
    shutil.copy(SAMPLE, project_copy / "docs" / "security" / "sample.md")
    catalog = load_catalog(project_copy)
    assert catalog.lessons["security/sample"].meta.level == "beginner"


def test_the_template_fails_only_on_its_placeholders(project_copy: Path) -> None:
    """Copied as it is, the template meets every rule of the contract but one: its placeholder text is left.
    Each placeholder is reported on its own line, the field named."""
    shutil.copy(ROOT / "templates" / "lesson.md", project_copy / "docs" / "security" / "from-template.md")
    with pytest.raises(SourceError) as raised:
        load_catalog(project_copy)
    mine = [p for p in raised.value.problems if p.file == "docs/security/from-template.md"]
    assert mine and all("is left from templates/lesson.md: replace it with your own" in p.message for p in mine)
    fields = {p.field for p in mine}
    assert {"title", "description", "tags", "objectives", "body"} <= fields
    template = (ROOT / "templates" / "lesson.md").read_text(encoding="utf-8").splitlines()
    for problem in mine:
        assert template[problem.line - 1].strip(), f"line {problem.line} is blank in the template"


@pytest.mark.parametrize(
    ("kind", "original", "left"),
    [
        ("title", "title: Retrying a failed request", "title: Your lesson title"),
        ("tags", "tags: [retries]", "tags: [retries, replace-me]"),
        (
            "objectives",
            "  - Explain which methods a client may safely send twice.",
            "  - Explain the core idea in your own words.",
        ),
        ("body", "## When a retry is safe", "## First core concept"),
        (
            "body",
            "A retry turns a brief failure into a success, or a brief overload into a long one.",
            "Say what goes wrong in real systems without this skill, and who feels it.",
        ),
        (
            "body",
            "- [RFC 9110, section 9.2.2: Idempotent Methods](https://www.rfc-editor.org/rfc/rfc9110#section-9.2.2)",
            "- [A primary source: an RFC, OWASP or official documentation](https://www.rfc-editor.org/rfc/rfc9110)",
        ),
    ],
)
def test_each_kind_of_leftover_is_found_at_its_line(kind: str, original: str, left: str, tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    line = text.splitlines().index(original) + 1
    path = tmp_path / "x.md"
    path.write_text(text.replace(original, left, 1), encoding="utf-8")
    template = (ROOT / "templates" / "lesson.md").read_text(encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_lesson(path, "security/x", "x.md", template)
    assert [(p.line, p.field) for p in raised.value.problems] == [(line, kind)]


def test_headings_in_fenced_code_are_ignored() -> None:
    body = "# Title\n\n```markdown\n## Not a section\n```\n\n~~~\n## Nor this\n~~~\n## Real\n"
    assert [text for _, text, _ in headings(body, 1)] == ["Title", "Real"]


def test_heading_attributes_are_stripped() -> None:
    assert headings("## Exercises { #practice }\n", 1) == [(2, "Exercises", 1)]


def test_front_matter_split_reports_body_line() -> None:
    front, body, line = split_front_matter("---\ntitle: x\n---\n# Body\n")  # type: ignore[misc]
    assert front == "title: x\n" and body == "# Body\n" and line == 4


def test_exercises_need_acceptance_criteria() -> None:
    body = (ROOT / "templates" / "lesson.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    broken = body.replace("*Acceptance criteria:*", "*Done when:*")
    problems = check_body(broken, 14, "x.md")
    assert [p.field for p in problems] == ["section 'Exercises'"]


def test_every_lesson_in_the_repository_meets_the_contract() -> None:
    catalog = load_catalog(ROOT)
    assert catalog.lessons, "no lessons found"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("level: beginner", "level: Beginner"),
            "x.md:4: level: 'Beginner' is not allowed: use one of 'beginner', 'intermediate' or 'advanced'",
        ),
        (("time: 30", "time: half an hour"), "x.md:5: time: must be a whole number (got 'half an hour')"),
        (("time: 30", "time: 3"), "x.md:5: time: Input should be greater than or equal to 5 (got 3)"),
        (("tags:", "tag:"), "x.md:6: tag: unknown field: did you mean 'tags'?"),
        (
            ("tags:", "labels:"),
            "x.md:6: labels: unknown field (check the spelling; allowed fields are listed in macros/model/schema.py)",
        ),
    ],
)
def test_one_mistake_gives_one_message(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    """Only the field that is wrong is reported, once, with the value found and what is allowed."""
    path = tmp_path / "x.md"
    path.write_text(SAMPLE.read_text(encoding="utf-8").replace(*change, 1), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_lesson(path, "security/x", "x.md")
    messages = [str(problem) for problem in raised.value.problems]
    if change[1].startswith("labels:"):  # no near spelling: the unknown field, and the field now missing
        assert sorted(messages) == sorted([expected, "x.md:2: tags: required field is missing"])
    else:
        assert messages == [expected]


def test_a_value_that_fits_no_member_of_a_union_is_one_message() -> None:
    """A comparison cell is text, or a mapping of text and its source. A mapping that lacks the source is one
    mistake: reported once, for the member the contributor meant, not once per member of the union."""
    text = (ROOT / "data" / "comparisons" / "http-versions.yml").read_text(encoding="utf-8")
    data, _ = load_yaml(text, "x.yml")
    first_key = next(iter(data["rows"][0]["cells"]))
    data["rows"][0]["cells"][first_key] = {"text": "A cell whose source was forgotten."}
    with pytest.raises(ValidationError) as raised:
        Comparison.model_validate(data)
    problems = problems_from_validation(raised.value, {}, "x.yml")
    assert [(p.field, p.message) for p in problems] == [
        (f"rows[0].cells.{first_key}.source", "required field is missing")
    ]


def test_an_exercise_needs_a_check_or_a_rubric(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    rubric = text.index('\n    ??? example "Rubric"')
    path = tmp_path / "x.md"
    path.write_text(text[:rubric] + text[text.index("\n## Self-check") :], encoding="utf-8")
    item = text.splitlines().index(next(line for line in text.splitlines() if line.startswith("1. ")))
    with pytest.raises(SourceError) as raised:
        load_lesson(path, "security/x", "x.md")
    assert [(p.line, p.field) for p in raised.value.problems] == [(item + 1, "exercise 1")]
    assert "exercise_check" in raised.value.problems[0].message and "Rubric" in raised.value.problems[0].message
