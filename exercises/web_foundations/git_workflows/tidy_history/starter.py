"""Exercise: a branch that bisect cannot walk.

`feature/coupons` has five commits: "wip" (the coupon code, with a syntax error), "add coupon tests",
"fix typo" (fixes that error), "docs" and "wip 2" (a last tweak to the code). The team rebase-merges, so every
commit lands on main as it is. Symptom: the last time a branch like this was merged, `git bisect` stopped on a
commit that does not even import, and nobody could tell from "wip" what it was for.

Do it by hand first: in a scratch repository, turn such a branch into two commits with `git rebase -i`
(squash and fixup, reword) or with `git reset --soft` and selective `git add`. Then write the same steps in
`clean_up()` so the check can replay them on a fresh copy of the branch
(`make exercise ID=web_foundations/git_workflows/tidy_history`).

Wanted: one `feat(coupons): ...` commit with the code and its tests, then one `docs(coupons): ...` commit with
the documentation; the branch's final content unchanged.
"""

from __future__ import annotations

from examples.web_foundations.git_workflows.repo import Repo


def clean_up(repo: Repo, base: str) -> None:
    """Rewrite the commits of the checked-out branch after `base` into clean ones."""
    repo.git("reset", "--soft", base)  # keep the final content staged, forget the messy commits
    repo.git("commit", "--quiet", "-m", "feat: coupons and docs.")
