"""Read a unified diff the way a reviewer's first minute does: how big, what kind of risk, what is missing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LARGE_CHANGE = 400  # changed lines; beyond this, defects slip through review much more often

RISKY_PATHS = {
    "migration": re.compile(r"(^|/)(migrations?|alembic/versions)/"),
    "auth": re.compile(r"(^|/)(auth|permissions?|security)[/_.]"),
    "dependencies": re.compile(r"(^|/)(pyproject\.toml|requirements[^/]*\.txt|package(-lock)?\.json|go\.(mod|sum))$"),
    "ci": re.compile(r"^\.github/workflows/"),
}
SECRET = re.compile(r"(?i)(api[_-]?key|secret|password|token)\s*[:=]\s*['\"][^'\"]{8,}['\"]")


@dataclass
class FileChange:
    path: str
    added: int = 0
    removed: int = 0
    added_lines: list[str] = field(default_factory=list)


def parse_diff(diff: str) -> list[FileChange]:
    files: list[FileChange] = []
    for line in diff.splitlines():
        if line.startswith("+++ "):
            files.append(FileChange(line[4:].removeprefix("b/")))
        elif files and line.startswith("+") and not line.startswith("+++"):
            files[-1].added += 1
            files[-1].added_lines.append(line[1:])
        elif files and line.startswith("-") and not line.startswith("---"):
            files[-1].removed += 1
    return files


# --8<-- [start:triage]
def triage(diff: str) -> list[str]:
    """Notes for the reviewer, most important first. An empty list means: just read the code."""
    files = parse_diff(diff)
    notes: list[str] = []
    for number, text in ((n, t) for f in files for n, t in enumerate(f.added_lines) if SECRET.search(t)):
        notes.append(f"blocker: a literal credential seems to be added ({text.strip()[:40]}...) line +{number + 1}")
    size = sum(f.added + f.removed for f in files)
    if size > LARGE_CHANGE:
        notes.append(f"size: {size} changed lines; ask to split it (review quality drops on large diffs)")
    code = [f for f in files if f.path.endswith(".py") and not _is_test(f.path)]
    if code and not any(_is_test(f.path) for f in files):
        notes.append("tests: code changed but no test file did; ask how the change is verified")
    for kind, pattern in RISKY_PATHS.items():
        touched = [f.path for f in files if pattern.search(f.path)]
        if touched:
            notes.append(f"{kind}: needs a reviewer who owns this area ({', '.join(touched)})")
    return notes


# --8<-- [end:triage]


def _is_test(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name.startswith("test_") or name.endswith("_test.py") or "/tests/" in f"/{path}"
