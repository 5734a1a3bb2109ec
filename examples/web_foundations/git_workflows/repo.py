"""Drive real `git` in a throwaway directory to compare merging and rebasing."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT = shutil.which("git") or "/usr/bin/git"
# Fixed identity and dates make commit hashes reproducible and keep the user's config out of the way.
ENV = {
    "GIT_AUTHOR_NAME": "Ada",
    "GIT_AUTHOR_EMAIL": "ada@example.com",
    "GIT_COMMITTER_NAME": "Ada",
    "GIT_COMMITTER_EMAIL": "ada@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T12:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T12:00:00Z",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "HOME": "/nonexistent",
}


@dataclass
class Repo:
    path: Path

    def git(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(  # noqa: S603 - fixed executable, arguments from this module and its tests
            [GIT, *args],
            cwd=self.path,
            env=ENV,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout.strip()

    def commit_file(self, name: str, text: str, message: str) -> str:
        (self.path / name).write_text(text)
        self.git("add", name)
        self.git("commit", "--quiet", "-m", message)
        return self.git("rev-parse", "HEAD")

    def parents(self, rev: str = "HEAD") -> list[str]:
        return self.git("rev-list", "--parents", "-n", "1", rev).split()[1:]

    def subjects(self, rev: str = "HEAD") -> list[str]:
        return self.git("log", "--format=%s", rev).splitlines()


# --8<-- [start:diverge]
def diverged_repo(path: Path) -> Repo:
    """main and feature both moved on after feature branched off: the usual state before integrating."""
    repo = Repo(path)
    repo.git("init", "--quiet", "--initial-branch=main")
    repo.commit_file("README.md", "# Shop\n", "docs: add readme")
    repo.git("switch", "--quiet", "-c", "feature/cart")
    repo.commit_file("cart.py", "ITEMS = []\n", "feat(cart): add empty cart")
    repo.commit_file("cart.py", "ITEMS: list[str] = []\n", "refactor(cart): type the cart")
    repo.git("switch", "--quiet", "main")
    repo.commit_file("prices.py", "VAT = 0.2\n", "feat(prices): add VAT rate")
    return repo


# --8<-- [end:diverge]


# --8<-- [start:integrate]
def merge_feature(repo: Repo) -> None:
    repo.git("switch", "--quiet", "main")
    repo.git("merge", "--no-ff", "--quiet", "-m", "Merge branch 'feature/cart'", "feature/cart")


def rebase_feature(repo: Repo) -> None:
    repo.git("switch", "--quiet", "feature/cart")
    repo.git("rebase", "--quiet", "main")  # replay feature's commits on top of main: new commits, new hashes
    repo.git("switch", "--quiet", "main")
    repo.git("merge", "--ff-only", "--quiet", "feature/cart")  # main just moves forward, no merge commit


def squash_feature(repo: Repo, message: str) -> None:
    repo.git("switch", "--quiet", "main")
    repo.git("merge", "--squash", "--quiet", "feature/cart")  # stage the combined change, no commit yet
    repo.git("commit", "--quiet", "-m", message)


# --8<-- [end:integrate]
