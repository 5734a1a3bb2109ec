"""Finding capstones: every `capstones/<dir>/capstone.yml`, and the suite of checks each one names."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from capstones.grader.suite import Suite

CAPSTONES_DIR = Path(__file__).resolve().parent.parent
ROOT = CAPSTONES_DIR.parent
SERVICES = ("postgres", "redis")


@dataclass(frozen=True)
class Reference:
    """How to build and start one implementation; strings may use the placeholders of capstones/README.md."""

    name: str
    source: str
    start: list[str]
    build: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Defect:
    name: str
    reference: str
    patch: str
    check: str
    summary: str


@dataclass(frozen=True)
class Capstone:
    id: str
    title: str
    directory: Path
    page: str
    checks_module: str
    budgets: dict[str, float]
    ready_path: str
    services: tuple[str, ...]
    references: tuple[Reference, ...]
    defects: tuple[Defect, ...]

    def suite(self) -> Suite:
        suite = importlib.import_module(self.checks_module).suite
        if not isinstance(suite, Suite) or suite.capstone_id != self.id:
            raise ValueError(f"{self.checks_module}.suite must be Suite({self.id!r})")
        return suite

    def reference(self, name: str) -> Reference:
        for reference in self.references:
            if reference.name == name:
                return reference
        raise KeyError(f"{self.id} has no reference {name!r}")


def _require(data: dict[str, Any], key: str, where: Path) -> Any:
    if key not in data:
        raise ValueError(f"{where}: missing key {key!r}")
    return data[key]


def load_capstone(path: Path) -> Capstone:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    services = tuple(data.get("services", []))
    if unknown := set(services) - set(SERVICES):
        raise ValueError(f"{path}: unknown services {sorted(unknown)}; the harness provides {SERVICES}")
    references = tuple(
        Reference(
            name=_require(item, "name", path),
            source=_require(item, "source", path),
            start=list(_require(item, "start", path)),
            build=list(item.get("build", [])),
            env=dict(item.get("env", {})),
        )
        for item in _require(data, "references", path)
    )
    defects: tuple[Defect, ...] = ()
    if defects_file := data.get("defects"):
        listed = yaml.safe_load((path.parent / defects_file).read_text(encoding="utf-8")) or []
        defects = tuple(
            Defect(
                name=_require(item, "name", path),
                reference=item.get("reference", references[0].name),
                patch=_require(item, "patch", path),
                check=_require(item, "check", path),
                summary=_require(item, "summary", path),
            )
            for item in listed
        )
    return Capstone(
        id=_require(data, "id", path),
        title=_require(data, "title", path),
        directory=path.parent,
        page=_require(data, "page", path),
        checks_module=_require(data, "checks", path),
        budgets={k: float(v) for k, v in data.get("budgets", {}).items()},
        ready_path=data.get("ready_path", "/"),
        services=services,
        references=references,
        defects=defects,
    )


def discover() -> list[Capstone]:
    """Every capstone in the repository, in order of directory name."""
    return [load_capstone(path) for path in sorted(CAPSTONES_DIR.glob("*/capstone.yml"))]


def find(capstone_id: str) -> Capstone:
    for capstone in discover():
        if capstone.id == capstone_id:
            return capstone
    known = ", ".join(c.id for c in discover()) or "none"
    raise KeyError(f"no capstone {capstone_id!r} (known: {known})")
