"""Acceptance check: the merge commit has both branches as parents, no file has conflict markers, the merged
cart module has main's limit with the branch's annotation, the branch's other work survives, and main is not
moved."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from examples.web_foundations.git_workflows.repo import Repo
from exercises import load_module

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def diverged(path: Path) -> tuple[Repo, str, str]:
    repo = Repo(path)
    repo.git("init", "--quiet", "--initial-branch=main")
    repo.commit_file("cart.py", "MAX_ITEMS = 10\n", "feat(cart): limit the cart to 10 items")
    repo.git("switch", "--quiet", "-c", "feature/typing")
    repo.commit_file("cart.py", "MAX_ITEMS: int = 10\n", "refactor(cart): annotate the limit")
    repo.commit_file("checkout.py", "from cart import MAX_ITEMS\n", "feat(checkout): reuse the cart limit")
    feature_tip = repo.git("rev-parse", "HEAD")
    repo.git("switch", "--quiet", "main")
    main_tip = repo.commit_file(
        "cart.py", "MAX_ITEMS = 20  # for the sale\n", "feat(cart): raise the limit for the sale"
    )
    repo.git("switch", "--quiet", "feature/typing")
    return repo, feature_tip, main_tip


def merged(answer: Path, path: Path) -> tuple[Repo, str, str]:
    repo, feature_tip, main_tip = diverged(path)
    load_module(answer).merge_main(repo)
    return repo, feature_tip, main_tip


def test_the_merged_cart_keeps_both_intents(answer: Path, tmp_path: Path) -> None:
    repo, _, _ = merged(answer, tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(repo.git("show", "HEAD:cart.py") + "\n", "cart.py", "exec", dont_inherit=True), namespace)  # noqa: S102 - our own file
    assert namespace["MAX_ITEMS"] == 20, f"the sale's limit was lost: MAX_ITEMS is {namespace['MAX_ITEMS']}"
    assert namespace["__annotations__"].get("MAX_ITEMS") is int, "the branch's annotation was lost"


@pytest.mark.starter_passes
def test_a_real_merge_commit_with_no_markers(answer: Path, tmp_path: Path) -> None:
    repo, feature_tip, main_tip = merged(answer, tmp_path)
    assert repo.parents("HEAD") == [feature_tip, main_tip], "the merge commit must have the branch, then main"
    assert repo.git("status", "--porcelain") == "", "the merge must be concluded, with nothing left staged"
    for name in repo.git("ls-files").split():
        assert "<<<<<<<" not in (tmp_path / name).read_text(), f"{name} still has conflict markers"
    assert (tmp_path / "checkout.py").exists(), "the branch's other work must survive"
    assert repo.git("rev-parse", "main") == main_tip
