"""The red-first checks in `exercises/`: for each, a starter the check fails and a reference solution it passes.

The suite proves both (exercises/conftest.py); a lesson's exercise points at its check with `exercise_check(id)`
(see `ExerciseItem` in lessons.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from macros.core.errors import SourceProblem

EXERCISES_DIR = "exercises"
SOLUTIONS_DIR = "exercises/solutions"
# The id is printed into pages inside code spans: keep it to characters that cannot end one.
_SAFE_ID = re.compile(r"[a-z0-9_]+/[a-z0-9_]+/[a-z0-9_]+")
_SAFE_NAME = re.compile(r"starter\.[a-z0-9]+")


@dataclass(frozen=True)
class ExerciseCheck:
    id: str  # <area>/<lesson>/<exercise>, folder names with underscores
    starter: str  # paths relative to the project root
    check: str
    solution: str

    @property
    def lesson_folder(self) -> str:
        """`apis/rest_design`: the lesson this check belongs to, spelled as a folder name."""
        return self.id.rsplit("/", 1)[0]


def lesson_folder(ref: str) -> str:
    """`cloud-devops/zero-downtime-deployments` -> `cloud_devops/zero_downtime_deployments`."""
    return ref.replace("-", "_")


def read_exercise_checks(root: Path) -> tuple[dict[str, ExerciseCheck], list[SourceProblem]]:
    """Every exercise folder with a check, and what is missing from any of them."""
    found: dict[str, ExerciseCheck] = {}
    problems: list[SourceProblem] = []
    for check in _check_files(root):
        folder = check.parent
        exercise_id = folder.relative_to(root / EXERCISES_DIR).as_posix()
        source = check.relative_to(root).as_posix()
        if not _SAFE_ID.fullmatch(exercise_id):
            message = "exercise folders are named with lowercase letters, digits and underscores only"
            problems.append(SourceProblem(source, 1, "folder", message))
            continue
        starters = [path for path in sorted(folder.glob("starter.*")) if _SAFE_NAME.fullmatch(path.name)]
        if len(starters) != 1:
            problems.append(
                SourceProblem(source, 1, "starter", f"needs exactly one starter.<ext> beside it, found {len(starters)}")
            )
            continue
        solution = root / SOLUTIONS_DIR / exercise_id / starters[0].name
        if not solution.is_file():
            problems.append(
                SourceProblem(
                    source, 1, "solution", f"no reference solution: add {solution.relative_to(root).as_posix()}"
                )
            )
            continue
        found[exercise_id] = ExerciseCheck(
            exercise_id,
            starters[0].relative_to(root).as_posix(),
            source,
            solution.relative_to(root).as_posix(),
        )
    return found, problems


def _check_files(root: Path) -> Iterator[Path]:
    base = root / EXERCISES_DIR
    for check in sorted(base.glob("*/*/*/test_check.py")):
        if check.relative_to(base).parts[0] != "solutions":
            yield check
