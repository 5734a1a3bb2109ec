"""Failures that name a file and line become GitHub annotations in the documented workflow-command syntax."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.annotations import Annotation, located, summary
from tests.conftest import ROOT


def test_the_command_escapes_as_github_documents() -> None:
    """Message: % CR LF; properties also : and , (actions/toolkit, command.ts escapeData / escapeProperty)."""
    annotation = Annotation("docs/a,b:c.md", 7, "title: x, y", "100% wrong\r\nsecond line: a, b")
    assert annotation.command() == (
        "::error file=docs/a%2Cb%3Ac.md,line=7,title=title%3A x%2C y::100%25 wrong%0D%0Asecond line: a, b"
    )


FAILURE = """\
E   AssertionError: 3 problems in the curriculum sources:
E     docs/security/sql-injection.md:4: level: 'Beginner' is not allowed: use one of 'beginner', 'intermediate'
E     data/glossary/security.yml:12: terms[3].term: required field is missing
E     docs/security/sql-injection.md:4: level: 'Beginner' is not allowed: use one of 'beginner', 'intermediate'
docs/apis/rest-design.md:88:1: MD022: Headings should be surrounded by blank lines
docs/apis/graphql.md:12: colour -> color
tests/test_lessons.py:44: AssertionError
docs/no-such-file.md:3: level: wrong
WARNING -  Doc file 'apis/graphql.md' contains a link 'rest-design.md#no-such-anchor', \
but the doc 'apis/rest-design.md' does not contain an anchor '#no-such-anchor'.
.venv/lib/python3.11/site-packages/x.py:3: in run
"""


def test_located_lines_in_contributed_files_become_annotations() -> None:
    assert located(FAILURE) == [
        Annotation(
            "docs/security/sql-injection.md",
            4,
            "level",
            "'Beginner' is not allowed: use one of 'beginner', 'intermediate'",
        ),
        Annotation("data/glossary/security.yml", 12, "terms[3].term", "required field is missing"),
        Annotation("docs/apis/rest-design.md", 88, "MD022", "Headings should be surrounded by blank lines"),
        Annotation("docs/apis/graphql.md", 12, "check", "colour -> color"),
        Annotation(
            "docs/apis/graphql.md",
            1,
            "link",
            "A link 'rest-design.md#no-such-anchor', but the doc "
            "'apis/rest-design.md' does not contain an anchor '#no-such-anchor'.",
        ),
    ]


def test_the_summary_is_a_table_that_survives_any_message() -> None:
    text = summary([Annotation("docs/x.md", 3, "title", "a | b <script> c")])
    assert "| `docs/x.md:3` | title | a \\| b &lt;script> c |" in text


FAILING_TEST = """
def test_fails():
    raise AssertionError("1 problem:\\n  docs/security/sql-injection.md:2: title: too long")
"""


@pytest.mark.parametrize("on_github", [True, False])
def test_on_github_a_failure_writes_annotations_and_a_summary(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, on_github: bool
) -> None:
    pytester.makepyfile(test_x=FAILING_TEST)
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    monkeypatch.setenv("GITHUB_ACTIONS", "true" if on_github else "false")
    result = pytester.runpytest_subprocess("-p", "tests.annotations", "-p", "no:cacheprovider")
    command = "::error file=docs/security/sql-injection.md,line=2,title=title::too long"
    if on_github:
        result.stdout.fnmatch_lines([command])
        assert "| `docs/security/sql-injection.md:2` | title | too long |" in summary_file.read_text()
    else:
        assert command not in result.stdout.str()
        assert not summary_file.exists()
