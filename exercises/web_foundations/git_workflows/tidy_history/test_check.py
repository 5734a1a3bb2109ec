"""Acceptance check: the branch becomes exactly two commits on the base, feat(coupons) with code and tests and
then docs(coupons) with the documentation; both messages pass the lesson's linter; every commit compiles (so
bisect can test it); the final tree is byte for byte the branch's original tree; main is untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from examples.web_foundations.git_workflows.commit_lint import lint_commit_message
from examples.web_foundations.git_workflows.repo import Repo
from exercises import load_module

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CODE_V1 = "def apply(total: float, percent: int) -> float\n    return total * (1 - percent / 100)\n"  # missing ':'
CODE_V2 = CODE_V1.replace("-> float\n", "-> float:\n")
CODE_V3 = CODE_V2.replace("    return", "    percent = max(0, min(percent, 100))\n    return")
TESTS = "from coupons import apply\n\n\ndef test_ten_percent():\n    assert apply(50.0, 10) == 45.0\n"
DOCS = "# Coupons\n\nA coupon takes a percentage off the cart total, capped at 100.\n"


def messy_branch(path: Path) -> tuple[Repo, str, str]:
    repo = Repo(path)
    repo.git("init", "--quiet", "--initial-branch=main")
    base = repo.commit_file("README.md", "# Shop\n", "docs: add readme")
    repo.git("switch", "--quiet", "-c", "feature/coupons")
    repo.commit_file("coupons.py", CODE_V1, "wip")
    repo.commit_file("test_coupons.py", TESTS, "add coupon tests")
    repo.commit_file("coupons.py", CODE_V2, "fix typo")
    (path / "docs").mkdir()
    repo.commit_file("docs/coupons.md", DOCS, "docs")
    repo.commit_file("coupons.py", CODE_V3, "wip 2")
    return repo, base, repo.git("rev-parse", "HEAD^{tree}")


Tidied = tuple[Repo, str, str, list[str]]
_done: dict[Path, Tidied] = {}  # each answer is run once per session; the tests only read the result


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """The messy branch, built once (git is slow to start on a busy machine) and copied for each answer."""
    path = tmp_path_factory.mktemp("messy")
    _, base, tree = messy_branch(path)
    return path, base, tree


def tidied(answer: Path, template: tuple[Path, str, str], tmp_path_factory: pytest.TempPathFactory) -> Tidied:
    if answer not in _done:
        source, base, tree = template
        path = tmp_path_factory.mktemp("tidied") / "repo"
        shutil.copytree(source, path)
        repo = Repo(path)
        load_module(answer).clean_up(repo, base)
        commits = repo.git("rev-list", "--reverse", f"{base}..feature/coupons").split()
        _done[answer] = (repo, base, tree, commits)
    return _done[answer]


def test_two_commits_with_clean_messages(
    answer: Path, template: tuple[Path, str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    repo, _, _, commits = tidied(answer, template, tmp_path_factory)
    messages = [repo.git("log", "-1", "--format=%B", commit) for commit in commits]
    assert len(commits) == 2, f"the branch has {len(commits)} commits after the base: {messages}"
    for message in messages:
        assert lint_commit_message(message) == [], f"{message!r}: {lint_commit_message(message)}"
    assert messages[0].startswith("feat(coupons)") and messages[1].startswith("docs(coupons)")


def test_each_commit_holds_one_concern(
    answer: Path, template: tuple[Path, str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    repo, _, _, commits = tidied(answer, template, tmp_path_factory)
    assert len(commits) == 2
    changed = [set(repo.git("diff-tree", "--no-commit-id", "--name-only", "-r", c).split()) for c in commits]
    assert changed == [{"coupons.py", "test_coupons.py"}, {"docs/coupons.md"}]


@pytest.mark.starter_passes
def test_every_commit_compiles(
    answer: Path, template: tuple[Path, str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    repo, _, _, commits = tidied(answer, template, tmp_path_factory)
    assert commits
    for commit in commits:
        for name in ("coupons.py", "test_coupons.py"):
            source = repo.git("show", f"{commit}:{name}", check=False)
            if source:
                try:
                    compile(source + "\n", name, "exec")
                except SyntaxError as error:
                    pytest.fail(f"commit {commit[:8]}: {name} does not compile ({error.msg}); bisect would stop here")


@pytest.mark.starter_passes
def test_the_final_content_and_main_are_unchanged(
    answer: Path, template: tuple[Path, str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    repo, base, tree, _ = tidied(answer, template, tmp_path_factory)
    assert repo.git("rev-parse", "feature/coupons^{tree}") == tree, "the branch's final files must not change"
    assert repo.git("rev-parse", "main") == base
    assert repo.git("status", "--porcelain") == ""
