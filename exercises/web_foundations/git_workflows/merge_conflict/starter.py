"""Exercise: the sale that did not raise the cart limit.

A bot keeps long-running branches current by merging main into them, and "resolves" conflicts by taking one
side. On main, the limit was raised for the sale: `MAX_ITEMS = 20`. On `feature/typing`, the same line gained
a type annotation: `MAX_ITEMS: int = 10`. Symptom: after the bot's merge and the feature's release, the cart is
still capped at 10 items during the sale.

Diagnose it with the check (`make exercise ID=web_foundations/git_workflows/merge_conflict`), then make
`merge_main()` finish the merge with a file that keeps both intents. When git stops on the conflict, write the
combined file, `git add` it and commit; if anything else goes wrong, `git merge --abort` and report failure.
"""

from __future__ import annotations

from examples.web_foundations.git_workflows.repo import Repo


def merge_main(repo: Repo) -> None:
    """Merge main into the checked-out feature branch."""
    # -X ours: on a conflicting hunk, keep the branch's side. It never stops, so the bot never has to ask.
    repo.git("merge", "--quiet", "--no-edit", "-X", "ours", "main")
