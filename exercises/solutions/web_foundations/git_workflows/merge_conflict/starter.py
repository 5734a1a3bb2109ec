"""A reference solution: let git stop on the conflict, check that it is the one expected, write the resolved
file (main's value with the branch's annotation), then conclude the merge with a commit that has both parents."""

from __future__ import annotations

from examples.web_foundations.git_workflows.repo import Repo

RESOLVED = {"cart.py": "MAX_ITEMS: int = 20\n"}  # both intents: the sale's limit and the branch's type


def merge_main(repo: Repo) -> None:
    """Merge main into the checked-out feature branch."""
    repo.git("merge", "--quiet", "--no-edit", "main", check=False)
    unmerged = set(repo.git("diff", "--name-only", "--diff-filter=U").split())
    if not unmerged:
        return  # merged cleanly (or nothing to merge)
    if not unmerged <= RESOLVED.keys():
        repo.git("merge", "--abort")  # a conflict nobody has decided: leave the branch as it was
        raise RuntimeError(f"unexpected conflicts in {sorted(unmerged)}")
    for name in unmerged:
        (repo.path / name).write_text(RESOLVED[name])
        repo.git("add", name)
    repo.git("commit", "--quiet", "--no-edit")  # records the merge: two parents, git's prepared message
