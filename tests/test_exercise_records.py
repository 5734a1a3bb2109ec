"""What the build knows of exercises and reviews: which exercises have a red-first check or a rubric, that every
check has a starter and a solution and belongs to one exercise of its lesson, and that a lesson's date is its
review's."""

from __future__ import annotations

from pathlib import Path

from macros.model.catalog import read_catalog
from macros.model.exercises import read_exercise_checks
from macros.model.lessons import exercise_items, exercise_layout_problems

BODY = """# A lesson

## Exercises

1. **Checked.** Fix it.
   *Acceptance criteria:* the check passes.

    {{ exercise_check("web_foundations/http_caching/demo") }}

2. **Judged.** Write it.
   *Acceptance criteria:* a reader can act on it.

    ??? example "Rubric"
        **A weak answer** says little. **A strong answer** says what to do.

3. **Neither.** Do something.
   *Acceptance criteria:* it is done.

   ```text
   4. not an item: inside code
   ```

### Check your answer in the page

1. not an exercise item either

## Self-check
"""


def test_items_record_their_check_or_rubric_and_line() -> None:
    items = exercise_items(BODY, first_line=10)
    assert [(i.number, i.line, i.checks, i.rubric) for i in items] == [
        (1, 14, ("web_foundations/http_caching/demo",), False),
        (2, 19, (), True),
        (3, 25, (), False),
    ]


def test_a_rubric_needs_a_weak_and_a_strong_answer() -> None:
    body = BODY.replace("**A strong answer** says what to do.", "Say what to do.")
    assert [i.rubric for i in exercise_items(body, 1)] == [False, False, False]


def write(path: Path, text: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_check_needs_one_starter_a_solution_and_a_plain_name(tmp_path: Path) -> None:
    write(tmp_path / "exercises/apis/rest_design/good/test_check.py")
    write(tmp_path / "exercises/apis/rest_design/good/starter.py")
    write(tmp_path / "exercises/solutions/apis/rest_design/good/starter.py")
    write(tmp_path / "exercises/apis/rest_design/no_solution/test_check.py")
    write(tmp_path / "exercises/apis/rest_design/no_solution/starter.sql")
    write(tmp_path / "exercises/apis/rest_design/two/test_check.py")
    write(tmp_path / "exercises/apis/rest_design/two/starter.py")
    write(tmp_path / "exercises/apis/rest_design/two/starter.sql")
    write(tmp_path / "exercises/apis/rest_design/Bad-Name/test_check.py")
    write(tmp_path / "exercises/solutions/apis/rest_design/stray/test_check.py")  # solutions hold no checks
    checks, problems = read_exercise_checks(tmp_path)
    assert list(checks) == ["apis/rest_design/good"]
    assert checks["apis/rest_design/good"].solution == "exercises/solutions/apis/rest_design/good/starter.py"
    assert sorted(str(p) for p in problems) == [
        "exercises/apis/rest_design/Bad-Name/test_check.py:1: folder: exercise folders are named with lowercase "
        "letters, digits and underscores only",
        "exercises/apis/rest_design/no_solution/test_check.py:1: solution: no reference solution: add "
        "exercises/solutions/apis/rest_design/no_solution/starter.sql",
        "exercises/apis/rest_design/two/test_check.py:1: starter: needs exactly one starter.<ext> beside it, found 2",
    ]


def problems_of(project: Path) -> str:
    _catalog, problems = read_catalog(project)
    return "\n".join(str(problem) for problem in problems)


def add_exercise_call(project: Path, lesson: str, check_id: str) -> int:
    """Add a call to the lesson's first exercise; return the exercise's line."""
    path = project / "docs" / f"{lesson}.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("\n1. ", text.index("## Exercises")) + 1
    end = text.index("\n", start)
    path.write_text(text[:end] + f'\n\n    {{{{ exercise_check("{check_id}") }}}}\n' + text[end:], encoding="utf-8")
    return text[:start].count("\n") + 1


def test_calls_name_a_check_of_their_own_lesson(project_copy: Path) -> None:
    line = add_exercise_call(project_copy, "apis/graphql", "apis/graphql/no_such_check")
    other = add_exercise_call(project_copy, "apis/rest-design", "web_foundations/http_caching/last_modified")
    report = problems_of(project_copy)
    assert (
        f"docs/apis/graphql.md:{line}: exercise 1: no exercise check 'apis/graphql/no_such_check' "
        "(expected exercises/apis/graphql/no_such_check/test_check.py)" in report
    )
    assert (
        f"docs/apis/rest-design.md:{other}: exercise 1: 'web_foundations/http_caching/last_modified' belongs to "
        "another lesson: this lesson's checks live in exercises/apis/rest_design/" in report
    )


def test_a_check_no_exercise_calls_is_reported(project_copy: Path) -> None:
    folder = project_copy / "exercises/apis/graphql/orphan"
    write(folder / "test_check.py")
    write(folder / "starter.py")
    write(project_copy / "exercises/solutions/apis/graphql/orphan/starter.py")
    assert (
        'exercises/apis/graphql/orphan/test_check.py:1: lesson: no exercise calls exercise_check("apis/graphql/orphan")'
        in problems_of(project_copy)
    )


REVIEW = """lesson: apis/graphql
reviewed: 2026-12-01
role: senior API engineer
sources:
  - title: GraphQL specification
    url: https://spec.graphql.org/
checked:
  - The N+1 example against the DataLoader docs.
"""


def test_a_review_dates_its_lesson(project_copy: Path) -> None:
    write(project_copy / "data/reviews/apis/graphql.yml", REVIEW)
    lines = (project_copy / "docs/apis/graphql.md").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("last_reviewed:"))
    report = problems_of(project_copy)
    assert f"docs/apis/graphql.md:{line}: last_reviewed: is " in report
    assert "but the review in data/reviews/apis/graphql.yml is dated 2026-12-01" in report


def test_a_review_is_filed_under_its_lesson(project_copy: Path) -> None:
    write(project_copy / "data/reviews/apis/wrong-name.yml", REVIEW)
    assert (
        "data/reviews/apis/wrong-name.yml:1: lesson: a review of 'apis/graphql' belongs in "
        "data/reviews/apis/graphql.yml" in problems_of(project_copy)
    )


def test_a_review_needs_sources_and_what_was_checked(project_copy: Path) -> None:
    write(project_copy / "data/reviews/apis/graphql.yml", REVIEW.split("sources:")[0])
    report = problems_of(project_copy)
    assert "data/reviews/apis/graphql.yml:1: sources: " in report
    assert "data/reviews/apis/graphql.yml:1: checked: " in report


def test_a_check_or_rubric_indented_3_spaces_would_end_the_list() -> None:
    """Python-Markdown ends a list item at a paragraph indented less than 4 spaces: the next exercise would be
    numbered 1 again."""
    assert exercise_layout_problems(BODY, 10, "x.md") == []
    shallow = BODY.replace('    {{ exercise_check("web_foundations', '   {{ exercise_check("web_foundations').replace(
        '    ??? example "Rubric"', '   ??? example "Rubric"'
    )
    assert [str(p) for p in exercise_layout_problems(shallow, 10, "x.md")] == [
        "x.md:17: exercise 1: indent it 4 spaces to keep it inside the exercise (the list restarts otherwise)",
        "x.md:22: exercise 2: indent it 4 spaces to keep it inside the exercise (the list restarts otherwise)",
    ]
