"""The lesson contract checker: the template passes, headings inside code do not count."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.core.errors import SourceError
from macros.model.lessons import check_body, headings, load_lesson, split_front_matter
from macros.site.load import load_catalog
from tests.conftest import ROOT


def test_template_meets_the_contract(project_copy: Path) -> None:
    shutil.copy(ROOT / "templates" / "lesson.md", project_copy / "docs" / "security" / "from-template.md")
    catalog = load_catalog(project_copy)
    assert catalog.lessons["security/from-template"].meta.level == "beginner"


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
    template = (ROOT / "templates" / "lesson.md").read_text(encoding="utf-8")
    path = tmp_path / "x.md"
    path.write_text(template.replace(*change, 1), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_lesson(path, "security/x", "x.md")
    messages = [str(problem) for problem in raised.value.problems]
    if change[1].startswith("labels:"):  # no near spelling: the unknown field, and the field now missing
        assert sorted(messages) == sorted([expected, "x.md:2: tags: required field is missing"])
    else:
        assert messages == [expected]
