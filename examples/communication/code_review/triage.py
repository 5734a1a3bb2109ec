"""Read a unified diff the way a reviewer's first minute does: how big, what kind of risk, what is missing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# SmartBear's Cisco study: defect finding falls off beyond about 400 lines reviewed in one sitting.
LARGE_CHANGE = 400

RISKY_PATHS = {
    "migration": re.compile(r"(^|/)(migrations?|alembic/versions)/"),
    "auth": re.compile(r"(^|/)(auth|permissions?|security)[/_.]"),
    "dependencies": re.compile(r"(^|/)(pyproject\.toml|requirements[^/]*\.txt|package(-lock)?\.json|go\.(mod|sum))$"),
    "ci": re.compile(r"^\.github/workflows/"),
}
SECRET = re.compile(r"(?i)(api[_-]?key|secret|password|token)\s*[:=]\s*['\"][^'\"]{8,}['\"]")
HUNK = re.compile(r"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


@dataclass
class FileChange:
    path: str
    added: int = 0
    removed: int = 0
    # (line number in the new version of the file, text): where a review comment on the line would go
    added_lines: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Hunk:
    old_left: int  # lines of the old file this hunk still has to show
    new_left: int
    new_line: int  # the new file's line number of the next context or added line


def parse_diff(diff: str) -> list[FileChange]:
    """The files a unified diff changes, with the new-file line number of every added line.

    Inside a hunk, the header's line counts decide what a line is, not its first characters alone: a removed
    SQL comment shows as `--- old`, and an added `++i` as `+++i`, which look like file headers.
    """
    files: list[FileChange] = []
    old_path = ""
    hunk: _Hunk | None = None
    for line in diff.splitlines():
        if hunk is not None and (hunk.old_left > 0 or hunk.new_left > 0) and _in_hunk(line):
            _hunk_line(line, hunk, files[-1])
            continue
        hunk = None
        if line.startswith("--- "):
            old_path = line[4:].removeprefix("a/")
        elif line.startswith("+++ "):
            new_path = line[4:].removeprefix("b/")
            files.append(FileChange(old_path if new_path == "/dev/null" else new_path))  # a deleted file
        elif files and (match := HUNK.match(line)):
            old_count, start, new_count = match.groups()
            hunk = _Hunk(int(old_count or 1), int(new_count or 1), int(start))
    return files


def _in_hunk(line: str) -> bool:
    """A hunk's lines start with a space, + or - (or are empty, where a tool trimmed a blank context line);
    anything else means the diff was cut short, and the hunk is over."""
    return line == "" or line[0] in " +-\\"


def _hunk_line(line: str, hunk: _Hunk, file: FileChange) -> None:
    if line.startswith("\\"):  # "\ No newline at end of file" belongs to the line before it
        return
    if line.startswith("+"):
        file.added += 1
        file.added_lines.append((hunk.new_line, line[1:]))
        hunk.new_left -= 1
        hunk.new_line += 1
    elif line.startswith("-"):
        file.removed += 1
        hunk.old_left -= 1
    else:  # context: in both versions
        hunk.old_left -= 1
        hunk.new_left -= 1
        hunk.new_line += 1


# --8<-- [start:triage]
def triage(diff: str) -> list[str]:
    """Notes for the reviewer, most important first. An empty list means: just read the code."""
    files = parse_diff(diff)
    notes: list[str] = []
    for file in files:
        for number, text in file.added_lines:
            if match := SECRET.search(text):
                # Name the line, never repeat the value: the review thread is one more place it would leak to.
                notes.append(
                    f"blocker: a literal credential ({match.group(1)}) is added at {file.path}:{number}; "
                    "revoke and rotate it, deleting the line does not un-leak it"
                )
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
