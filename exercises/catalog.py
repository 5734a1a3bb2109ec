"""Find the exercises on disk: the starter, the check and the reference solution of each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from exercises import ROOT, SOLUTIONS


@dataclass(frozen=True)
class Exercise:
    id: str  # <area>/<lesson>/<exercise>
    folder: Path

    @property
    def starter(self) -> Path:
        found = sorted(self.folder.glob("starter.*"))
        if len(found) != 1:
            raise FileNotFoundError(f"{self.folder}: expected exactly one starter.<ext>, found {len(found)}")
        return found[0]

    @property
    def check(self) -> Path:
        return self.folder / "test_check.py"

    @property
    def solution(self) -> Path:
        return SOLUTIONS / self.id / self.starter.name


def exercise_of(path: Path) -> Exercise | None:
    """The exercise whose check file this is, if it is one."""
    try:
        parts = path.resolve().relative_to(ROOT).parts
    except ValueError:
        return None
    if len(parts) != 4 or parts[0] == "solutions" or parts[3] != "test_check.py":
        return None
    return Exercise("/".join(parts[:3]), path.resolve().parent)
