"""Acceptance check: with the refactored names, the plan against the applied state destroys and creates
nothing (the objects move to their new addresses), and the repository refuses any plan that would replace it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from examples.cloud_devops.iac.plan import PlanError, plan, read

APPLIED = read((Path(__file__).parent / "applied.tf").read_text(encoding="utf-8"))
STATE = {
    address: {k: v[0] for k, v in args.items() if isinstance(v, list) and v}
    for address, args in APPLIED.resources.items()
}
NEW_ADDRESSES = {"aws_kms_key.this", "aws_ecr_repository.this", "aws_ecr_lifecycle_policy.this"}


def plan_for(answer: Path) -> Any:
    return plan(STATE, read(answer.read_text(encoding="utf-8")))


def test_nothing_is_destroyed(answer: Path) -> None:
    result = plan_for(answer)
    assert not result.destroy, f"the plan destroys {sorted(result.destroy)}, and with the registry its images"


def test_nothing_is_created_twice(answer: Path) -> None:
    result = plan_for(answer)
    assert not result.create, f"the plan creates {sorted(result.create)} next to the objects that already exist"


@pytest.mark.starter_passes
def test_the_refactoring_keeps_its_names(answer: Path) -> None:
    assert set(read(answer.read_text(encoding="utf-8")).resources) >= NEW_ADDRESSES, "keep the module's names"


def test_the_repository_cannot_be_replaced_by_accident(answer: Path) -> None:
    code = read(answer.read_text(encoding="utf-8"))
    renamed_service = {**STATE, "aws_ecr_repository.service": {**STATE["aws_ecr_repository.service"], "name": "old"}}
    with pytest.raises(PlanError, match="prevent_destroy"):
        plan(renamed_service, code)  # a name change forces replacement: it must be refused
