"""Versions the labs and CI pin: the runtimes CI sets up, the Python the project requires, the Kubernetes
schema the deploy lab validates against. Each pin is found by an explicit pattern in an explicit set of files,
so a new kind of pin is added here, with the product it names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from macros.core.source_text import read_source


@dataclass(frozen=True)
class PinRule:
    files: str  # a glob under the project root
    pattern: re.Pattern[str]  # group 1 is the version
    product: str  # a data/releases/ id
    what: str


@dataclass(frozen=True)
class Pin:
    file: str
    line: int
    product: str
    version: str
    what: str


PIN_RULES = (
    PinRule(".github/workflows/*.yml", re.compile(r"^\s*node-version:\s*[\"']?(\d+)"), "nodejs", "Node.js for CI"),
    PinRule(
        ".github/workflows/*.yml", re.compile(r"^\s*python-version:\s*[\"']?(\d+\.\d+)"), "python", "Python for CI"
    ),
    PinRule(
        "pyproject.toml",
        re.compile(r"^requires-python\s*=\s*\"\s*>=\s*(\d+\.\d+)"),
        "python",
        "the oldest Python the project supports",
    ),
    PinRule(
        "labs/*/tests/test_*kubernetes*.py",
        re.compile(r"^VERSION\s*=\s*\"(\d+\.\d+)"),
        "kubernetes",
        "the Kubernetes API the lab's manifests are validated against",
    ),
    PinRule(
        "exercises/cloud_devops/kubernetes/*/test_check.py",
        re.compile(r"^VERSION\s*=\s*\"(\d+\.\d+)"),
        "kubernetes",
        "the Kubernetes API an exercise's answer is validated against",
    ),
    PinRule(
        "labs/*/k8s/*.yaml",
        re.compile(r"kubernetes-validate\b.*\s-k\s+(\d+\.\d+)"),
        "kubernetes",
        "the Kubernetes API the lab tells readers to validate against",
    ),
    PinRule(
        "labs/*/ci/*.yml", re.compile(r"^\s*python-version:\s*[\"']?(\d+\.\d+)"), "python", "Python in the lab's CI"
    ),
    PinRule("labs/*/ci/*.yml", re.compile(r"image:\s*python:(\d+\.\d+)"), "python", "Python in the lab's CI image"),
    PinRule("labs/*/Dockerfile", re.compile(r"^FROM\s+python:(\d+\.\d+)"), "python", "the lab image's Python"),
)


def find_pins(root: Path) -> Iterator[Pin]:
    for rule in PIN_RULES:
        for path in sorted(root.glob(rule.files)):
            source = str(path.relative_to(root))
            for number, line in enumerate(read_source(path, source).splitlines(), start=1):
                match = rule.pattern.search(line)
                if match:
                    yield Pin(source, number, rule.product, match.group(1), rule.what)
