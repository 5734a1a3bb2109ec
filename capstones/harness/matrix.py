"""Every reference and every broken variant of every capstone, graded: the proof that the grader grades.

A reference must pass every check (the restart included: the harness can restart it). A broken variant is
the reference with one defect patched in, and must fail exactly the check its defects.yml entry names.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from capstones.grader.catalog import ROOT, Capstone, Defect, Reference, discover
from capstones.grader.grading import Run, grade
from capstones.harness.process import ServiceProcess, base_placeholders, expand
from capstones.harness.services import Servers, fresh_database


@dataclass(frozen=True)
class Case:
    """One service to grade: a reference, or a reference with a defect."""

    capstone: Capstone
    reference: Reference
    defect: Defect | None = None

    @property
    def id(self) -> str:
        variant = f"defect:{self.defect.name}" if self.defect else f"reference:{self.reference.name}"
        return f"{self.capstone.id}/{variant}"


@dataclass
class CaseResult:
    case: Case
    run: Run
    ok: bool
    verdict: str


def cases(capstones: list[Capstone] | None = None) -> list[Case]:
    found: list[Case] = []
    for capstone in discover() if capstones is None else capstones:
        found.extend(Case(capstone, reference) for reference in capstone.references)
        found.extend(Case(capstone, capstone.reference(d.reference), d) for d in capstone.defects)
    return found


def apply_patch(source: Path, patch: Path) -> None:
    """Apply a defect's patch to a copy of the reference; a patch that no longer applies is an error."""
    command = ["patch", "-p1", "--forward", "--batch", "--no-backup-if-mismatch", "-d", str(source), "-i", str(patch)]
    result = subprocess.run(  # noqa: S603 - fixed program; the paths are the repository's own files
        command,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{patch.name} does not apply to the reference:\n{result.stdout}{result.stderr}")


@contextlib.contextmanager
def prepared_source(case: Case) -> Iterator[Path]:
    """The reference's own directory, or a patched temporary copy of it for a defect."""
    original = case.capstone.directory / case.reference.source
    if case.defect is None:
        yield original
        return
    with tempfile.TemporaryDirectory(prefix=f"capstone-{case.defect.name}-") as scratch:
        copy = Path(scratch) / original.name
        shutil.copytree(original, copy, ignore=shutil.ignore_patterns("__pycache__", "node_modules", "dist"))
        apply_patch(copy, case.capstone.directory / case.defect.patch)
        yield copy


def verdict(case: Case, run: Run) -> tuple[bool, str]:
    failed = run.failed_ids()
    if case.defect is None:
        return (not failed, "passed every check" if not failed else f"failed {', '.join(failed)}")
    if failed == [case.defect.check]:
        return True, f"caught by {case.defect.check} alone"
    if not failed:
        return False, f"NOT caught: every check passed (expected {case.defect.check} to fail)"
    return False, f"expected only {case.defect.check} to fail, but failed: {', '.join(failed)}"


def grade_case(case: Case, servers: Servers, *, with_restart: bool = True) -> CaseResult:
    """Start the case's service on fresh backing services and grade it. Without `with_restart` the grader
    gets no restart command, as a learner's first local run would."""
    from tests.services import free_port

    with contextlib.ExitStack() as stack:
        source = stack.enter_context(prepared_source(case))
        build_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="capstone-build-"))
        port = free_port()
        values = {**base_placeholders(), "source": str(source), "build": build_dir, "port": str(port)}
        if "postgres" in case.capstone.services:
            if servers.postgres_admin_url is None:
                raise RuntimeError(f"{case.capstone.id} needs PostgreSQL and none was provided")
            values["postgres_url"] = stack.enter_context(fresh_database(servers.postgres_admin_url))
        if "redis" in case.capstone.services:
            if servers.redis_url is None:
                raise RuntimeError(f"{case.capstone.id} needs Redis and none was provided")
            values["redis_url"] = servers.redis_url
        if case.reference.build:
            build = [expand(part, values) for part in case.reference.build]
            result = subprocess.run(build, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
            if result.returncode != 0:
                raise RuntimeError(f"build of {case.id} failed:\n{result.stdout}{result.stderr}")
        service = ServiceProcess(
            [expand(part, values) for part in case.reference.start],
            {name: expand(value, values) for name, value in case.reference.env.items()},
            port,
            case.capstone.ready_path,
        )
        stack.callback(service.close)
        service.start()
        restart = service.restart if with_restart else None
        run = grade(case.capstone.suite(), service.base_url, budgets=case.capstone.budgets, restart=restart)
        ok, text = verdict(case, run)
        if not ok:
            text += f"\n--- service output ---\n{service.output()}"
        return CaseResult(case, run, ok, text)
