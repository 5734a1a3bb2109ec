"""A reference solution: rewind to the base keeping the final files, then commit them again in two coherent
groups. Because each group is taken from the branch's final state, the typo fix and the late tweak are folded
into the code commit, as `fixup` would do in `git rebase -i`."""

from __future__ import annotations

from examples.web_foundations.git_workflows.repo import Repo


def clean_up(repo: Repo, base: str) -> None:
    """Rewrite the commits of the checked-out branch after `base` into clean ones."""
    repo.git("reset", "--quiet", "--mixed", base)  # the branch points at base; the final files stay on disk
    repo.git("add", "coupons.py", "test_coupons.py")
    repo.git("commit", "--quiet", "-m", "feat(coupons): add percentage coupons with tests")
    repo.git("add", "--all", "docs")
    repo.git("commit", "--quiet", "-m", "docs(coupons): explain how coupons are applied")
