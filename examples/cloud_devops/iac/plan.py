"""What `terraform plan` decides for each resource address, from the state and the code: a small model.

Terraform matches state and code by resource ADDRESS (`aws_ecr_repository.service`), not by name or content.
An address only in the code is created; one only in the state is destroyed. Renaming a resource in the code
is therefore a destroy and a create, unless the code says otherwise:

- `moved { from = A  to = B }` (Terraform 1.1, OpenTofu): the object at A in the state now belongs to B;
- `import { to = B  id = "..." }` (1.5): adopt an existing object instead of creating B;
- `removed { from = A  lifecycle { destroy = false } }` (1.7): forget A without destroying the object;
- `lifecycle { prevent_destroy = true }` on a resource: a plan that would destroy it is an error. The guard
  lives in the resource block, so it does not survive the block's removal or rename: it stops replacements
  (a change to an argument the provider cannot update in place, such as an ECR repository's name), not a
  refactoring that forgets a `moved` block.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

import hcl2

REFERENCE = re.compile(r"^\$\{(.+)\}$")
# Arguments the AWS provider cannot change in place: a new value means destroy and create ("forces replacement").
FORCES_REPLACEMENT = {"aws_ecr_repository": {"name"}, "aws_iam_role": {"name"}, "aws_s3_bucket": {"bucket"}}


class PlanError(Exception):
    """Terraform refuses to produce this plan."""


@dataclass
class Code:
    resources: dict[str, dict[str, Any]] = field(default_factory=dict)  # address -> attributes
    moved: list[tuple[str, str]] = field(default_factory=list)
    imports: set[str] = field(default_factory=set)
    forgotten: set[str] = field(default_factory=set)  # removed blocks with destroy = false
    dropped: set[str] = field(default_factory=set)  # removed blocks that still destroy


@dataclass(frozen=True)
class Plan:
    create: frozenset[str]
    destroy: frozenset[str]
    replace: frozenset[str]
    move: frozenset[tuple[str, str]]
    imported: frozenset[str]
    forget: frozenset[str]


def _address(value: str) -> str:
    match = REFERENCE.match(value)
    return match[1] if match else value


def read(*texts: str) -> Code:
    """The parts of Terraform code that decide a plan, from one or more .tf files."""
    code = Code()
    for text in texts:
        parsed = hcl2.load(io.StringIO(text))
        for block in parsed.get("resource", []):
            for kind, instances in block.items():
                for name, attributes in instances.items():
                    code.resources[f"{kind}.{name}"] = attributes
        for block in parsed.get("moved", []):
            code.moved.append((_address(block["from"][0]), _address(block["to"][0])))
        for block in parsed.get("import", []):
            code.imports.add(_address(block["to"][0]))
        for block in parsed.get("removed", []):
            lifecycle = (block.get("lifecycle") or [{}])[0]
            keep = lifecycle.get("destroy", [True])[0] is False
            (code.forgotten if keep else code.dropped).add(_address(block["from"][0]))
    return code


def _protected(attributes: dict[str, Any]) -> bool:
    lifecycle = (attributes.get("lifecycle") or [{}])[0]
    return lifecycle.get("prevent_destroy", [False])[0] is True


# --8<-- [start:plan]
def plan(state: dict[str, dict[str, Any]], code: Code) -> Plan:
    """Compare the state (address -> last applied arguments) with the code, as `terraform plan` does."""
    addresses = {address: address for address in state}  # address in state -> its address in the code now
    moves = set()
    for old, new in code.moved:
        if old in code.resources:
            raise PlanError(f"moved block: {old} is still declared in the code")
        if old in addresses and new in code.resources:
            addresses[old] = new
            moves.add((old, new))
    current = {new: state[old] for old, new in addresses.items()}
    forget = {a for a in code.forgotten if a in current and a not in code.resources}
    imported = {a for a in code.imports if a in code.resources and a not in current}
    create = set(code.resources) - set(current) - imported
    destroy = set(current) - set(code.resources) - forget  # no block, so no prevent_destroy to stop it
    replace = {a for a in set(current) & set(code.resources) if _forces_replacement(a, current[a], code)}
    for address in replace:
        if _protected(code.resources[address]):
            raise PlanError(f"{address} has lifecycle.prevent_destroy set, and this plan would replace it")
    return Plan(
        frozenset(create),
        frozenset(destroy),
        frozenset(replace),
        frozenset(moves),
        frozenset(imported),
        frozenset(forget),
    )


def _forces_replacement(address: str, applied: dict[str, Any], code: Code) -> bool:
    kind = address.split(".")[0]
    wanted = code.resources[address]
    return any(applied.get(arg) != wanted.get(arg, [None])[0] for arg in FORCES_REPLACEMENT.get(kind, ()))


# --8<-- [end:plan]
