"""The plan model agrees with Terraform's documented behavior, on the lab's code and on refactorings of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.cloud_devops.iac.plan import PlanError, plan, read

LAB = Path(__file__).resolve().parents[3] / "labs" / "deploy_lab" / "terraform"
MAIN = (LAB / "main.tf").read_text(encoding="utf-8")
# The state after the lab was applied once: every address, with the arguments that were applied.
APPLIED = {
    address: {k: v[0] for k, v in args.items() if isinstance(v, list) and v}
    for address, args in read(MAIN).resources.items()
}


def test_the_lab_code_matches_its_own_state() -> None:
    result = plan(APPLIED, read(MAIN))
    assert not (result.create or result.destroy or result.move)
    assert "aws_ecr_repository.service" in APPLIED


def test_renaming_a_resource_destroys_and_recreates_it() -> None:
    renamed = MAIN.replace('resource "aws_ecr_repository" "service"', 'resource "aws_ecr_repository" "registry"')
    result = plan(APPLIED, read(renamed))
    # Same name, same settings: Terraform still replaces it, and the registry's images go with it.
    assert result.destroy == {"aws_ecr_repository.service"}
    assert result.create == {"aws_ecr_repository.registry"}


def test_a_moved_block_turns_the_rename_into_a_move() -> None:
    renamed = MAIN.replace('resource "aws_ecr_repository" "service"', 'resource "aws_ecr_repository" "registry"')
    moved = "moved {\n  from = aws_ecr_repository.service\n  to   = aws_ecr_repository.registry\n}\n"
    result = plan(APPLIED, read(renamed, moved))
    assert not (result.create or result.destroy)
    assert result.move == {("aws_ecr_repository.service", "aws_ecr_repository.registry")}


def test_import_adopts_an_existing_object_instead_of_creating_one() -> None:
    legacy = 'resource "aws_ecr_repository" "legacy" {\n  name = "legacy"\n}\n'
    adopted = 'import {\n  to = aws_ecr_repository.legacy\n  id = "legacy"\n}\n'
    assert plan(APPLIED, read(MAIN, legacy)).create == {"aws_ecr_repository.legacy"}
    result = plan(APPLIED, read(MAIN, legacy, adopted))
    assert result.imported == {"aws_ecr_repository.legacy"} and not result.create


def test_removed_with_destroy_false_forgets_without_destroying() -> None:
    without_lifecycle = MAIN.replace(
        MAIN[MAIN.index('resource "aws_ecr_lifecycle_policy"') : MAIN.index("# --8<-- [end:registry]")], ""
    )
    assert plan(APPLIED, read(without_lifecycle)).destroy == {"aws_ecr_lifecycle_policy.service"}
    keep = "removed {\n  from = aws_ecr_lifecycle_policy.service\n  lifecycle {\n    destroy = false\n  }\n}\n"
    result = plan(APPLIED, read(without_lifecycle, keep))
    assert result.forget == {"aws_ecr_lifecycle_policy.service"} and not result.destroy


def test_prevent_destroy_stops_a_replacement_but_not_a_rename() -> None:
    guarded = (
        'resource "aws_ecr_repository" "service" {\n'
        '  name = "orders"\n'
        "  lifecycle {\n"
        "    prevent_destroy = true\n"
        "  }\n"
        "}\n"
    )
    state = {"aws_ecr_repository.service": {"name": "orders"}}
    assert not plan(state, read(guarded)).replace
    # A new name cannot be applied in place: the plan would replace the repository, and the guard stops it.
    with pytest.raises(PlanError, match="prevent_destroy"):
        plan(state, read(guarded.replace('name = "orders"', 'name = "orders-v2"')))
    # A new ADDRESS removes the guarded block itself: nothing is left to stop the destroy.
    renamed = plan(state, read(guarded.replace('"service"', '"registry"')))
    assert renamed.destroy == {"aws_ecr_repository.service"} and renamed.create == {"aws_ecr_repository.registry"}


def test_a_moved_block_whose_source_is_still_declared_is_an_error() -> None:
    both = MAIN + "moved {\n  from = aws_ecr_repository.service\n  to   = aws_ecr_repository.registry\n}\n"
    with pytest.raises(PlanError, match="still declared"):
        plan(APPLIED, read(both))
