"""Real git, in a temporary directory: what merge, rebase and squash do to history."""

import shutil

import pytest

from examples.web_foundations.git_workflows.commit_lint import is_breaking, lint_commit_message
from examples.web_foundations.git_workflows.repo import (
    diverged_repo,
    merge_feature,
    rebase_feature,
    squash_feature,
)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


# --8<-- [start:history]
def test_merge_keeps_the_branch_and_adds_a_two_parent_commit(tmp_path):
    repo = diverged_repo(tmp_path)
    feature_tip = repo.git("rev-parse", "feature/cart")
    merge_feature(repo)
    assert len(repo.parents("HEAD")) == 2  # the merge commit joins two lines of history
    assert repo.git("rev-parse", "HEAD^2") == feature_tip  # original feature commits are kept unchanged


def test_rebase_rewrites_feature_commits_into_a_straight_line(tmp_path):
    repo = diverged_repo(tmp_path)
    old_tip = repo.git("rev-parse", "feature/cart")
    rebase_feature(repo)
    assert repo.git("rev-parse", "HEAD") != old_tip  # same changes, new commits: never rebase shared history
    assert all(len(repo.parents(rev)) == 1 for rev in repo.git("rev-list", "HEAD~3..HEAD").split())
    assert repo.subjects() == [
        "refactor(cart): type the cart",
        "feat(cart): add empty cart",
        "feat(prices): add VAT rate",
        "docs: add readme",
    ]


# --8<-- [end:history]


def test_squash_turns_the_branch_into_one_commit(tmp_path):
    repo = diverged_repo(tmp_path)
    squash_feature(repo, "feat(cart): add a typed cart")
    assert repo.subjects()[0] == "feat(cart): add a typed cart"
    assert len(repo.subjects()) == 3
    assert len(repo.parents("HEAD")) == 1
    assert (tmp_path / "cart.py").read_text() == "ITEMS: list[str] = []\n"


def test_conflicting_edits_stop_the_merge(tmp_path):
    repo = diverged_repo(tmp_path)
    repo.commit_file("cart.py", "ITEMS = ('fixed',)\n", "fix(cart): freeze items")  # on main, same file and line
    with pytest.raises(RuntimeError, match="failed"):
        merge_feature(repo)
    assert "cart.py" in repo.git("diff", "--name-only", "--diff-filter=U")
    assert "<<<<<<<" in (tmp_path / "cart.py").read_text()
    repo.git("merge", "--abort")
    assert repo.git("status", "--porcelain") == ""


# --8<-- [start:lint_tests]
@pytest.mark.parametrize(
    "message",
    ["feat(cart): add coupon codes", "fix: reject negative quantities", "feat(api)!: drop v1 endpoints"],
)
def test_good_messages_pass(message):
    assert lint_commit_message(message) == []


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ("Added stuff", "header must look like"),
        ("feature: add cart", "unknown type"),
        ("fix: handle empty cart.", "full stop"),
        ("fix: handle empty cart\nbody without blank line", "blank line"),
    ],
)
def test_bad_messages_fail(message, problem):
    assert any(problem in p for p in lint_commit_message(message))


# --8<-- [end:lint_tests]


def test_a_header_over_72_characters_is_refused():
    assert lint_commit_message("fix: " + "x" * 67) == []  # exactly 72
    assert "header is longer than 72 characters" in lint_commit_message("fix: " + "x" * 68)


def test_breaking_changes_are_detected():
    assert is_breaking("feat(api)!: drop v1 endpoints")
    assert is_breaking("feat: new ids\n\nBREAKING-CHANGE: ids are UUIDs")  # the spec's synonym
    assert is_breaking("refactor: rename tables\n\nBREAKING CHANGE: the orders table is now purchases")
    assert not is_breaking("feat: add search")
