"""A capstone's checks: declared with the `Suite.check` decorator, run in the order they are declared."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from capstones.grader.model import LEVELS, Evidence, Group

if TYPE_CHECKING:
    from capstones.grader.context import Context

CheckFunction = Callable[["Context"], None]
CHECK_ID = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")


@dataclass(frozen=True)
class CheckSpec:
    id: str
    group: Group
    title: str
    lessons: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    run: CheckFunction
    needs_restart: bool = False


class Suite:
    """The checks of one capstone, in declaration order."""

    def __init__(self, capstone_id: str) -> None:
        self.capstone_id = capstone_id
        self.checks: list[CheckSpec] = []

    def check(
        self,
        check_id: str,
        *,
        group: Group,
        title: str,
        lessons: list[str],
        evidence: Mapping[str, str],
        needs_restart: bool = False,
    ) -> Callable[[CheckFunction], CheckFunction]:
        """Register a check. `lessons` are doc paths without .md ("apis/rest-design"); `evidence` maps
        skills-matrix rows (topic ids in data/skills.yml) to the level a pass is evidence for."""
        if not CHECK_ID.match(check_id):
            raise ValueError(f"check id {check_id!r}: use lowercase words joined by dots or hyphens")
        if any(spec.id == check_id for spec in self.checks):
            raise ValueError(f"check id {check_id!r} is declared twice in {self.capstone_id}")
        if not lessons:
            raise ValueError(f"check {check_id!r} names no lesson that teaches it")
        if not evidence:
            raise ValueError(f"check {check_id!r} is evidence for no skills-matrix row")
        for row, level in evidence.items():
            if level not in LEVELS:
                raise ValueError(f"check {check_id!r}: level {level!r} of row {row!r} is not one of {LEVELS}")

        def register(function: CheckFunction) -> CheckFunction:
            self.checks.append(
                CheckSpec(
                    id=check_id,
                    group=group,
                    title=title,
                    lessons=tuple(lessons),
                    evidence=tuple(Evidence(row, level) for row, level in evidence.items()),
                    run=function,
                    needs_restart=needs_restart,
                )
            )
            return function

        return register

    def by_id(self, check_id: str) -> CheckSpec:
        for spec in self.checks:
            if spec.id == check_id:
                return spec
        raise KeyError(f"{self.capstone_id} has no check {check_id!r}")
