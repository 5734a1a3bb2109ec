"""On GitHub Actions, every failure that names a file and line becomes an annotation on that line.

The build's checks, the spelling and Markdown linters, codespell and the link audit all report problems as
`file:line: field: message` (or `file:line:column: message`). When a test fails with such lines, this plugin
writes each as a workflow command (`::error file=...,line=...,title=...::message`), so the pull request shows
it on the line the contributor wrote, and lists them all in the job summary with how to reproduce them.
Locally nothing changes: the same messages stay in the test output.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Where contributors write; a test's own file and line (a traceback) is not an annotation for them.
CONTRIBUTED = ("docs/", "data/", "examples/", "exercises/", "labs/", "templates/", "overrides/")
CONTRIBUTED_FILES = ("README.md", "CONTRIBUTING.md", "mkdocs.yml")
LOCATED = re.compile(
    r"^(?:E\s+)?\s*(?:[-*]\s+)?"  # pytest's `E` prefix, indentation, a list bullet
    r"(?P<file>[\w.][\w./@+ -]*?\.[A-Za-z0-9]+):(?P<line>\d+)(?::\d+)?:\s+(?P<message>\S.*?)\s*$"
)
# MkDocs' own link validation names the page and the link, not the line: the line is the first that has it.
MKDOCS_LINK = re.compile(r"Doc file '(?P<file>[^']+\.md)' contains (?P<what>.*?)link '(?P<target>[^']+)'(?P<rest>.*)$")
_FIELD = re.compile(r"^(?P<field>[\w'\[\].()-]+(?: [\w'\[\].()-]+){0,2}): (?P<rest>\S.*)$")
_EXCEPTION = re.compile(r"^\w+(Error|Exception|Warning)\b")


@dataclass(frozen=True)
class Annotation:
    file: str
    line: int
    title: str
    message: str

    def command(self) -> str:
        where = f"file={_property(self.file)},line={self.line},title={_property(self.title)}"
        return f"::error {where}::{_data(self.message)}"


def _data(text: str) -> str:
    """Escape a workflow command's message (GitHub's toolkit: %, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a workflow command's property value: the message's escapes, and the separators : and ,."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def located(text: str, root: Path = ROOT) -> list[Annotation]:
    """The `file:line: message` lines of a failure that point into files contributors write."""
    found: list[Annotation] = []
    for raw in text.splitlines():
        link = MKDOCS_LINK.search(raw)
        if link:
            annotation = _mkdocs_link(link, root)
            if annotation and annotation not in found:
                found.append(annotation)
            continue
        match = LOCATED.match(raw)
        if not match:
            continue
        file, message = match["file"].strip(), match["message"]
        contributed = file.startswith(CONTRIBUTED) or file in CONTRIBUTED_FILES
        if not contributed or _EXCEPTION.match(message) or not (root / file).is_file():
            continue
        field = _FIELD.match(message)
        title, body = (field["field"], field["rest"]) if field else ("check", message)
        annotation = Annotation(file, int(match["line"]), title, body)
        if annotation not in found:
            found.append(annotation)
    return found


def _mkdocs_link(match: re.Match[str], root: Path) -> Annotation | None:
    file = f"docs/{match['file']}"
    path = root / file
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if match["target"] in text), 1)
    message = f"{match['what']}link '{match['target']}'{match['rest']}".strip()
    return Annotation(file, line, "link", message[:1].upper() + message[1:])


def summary(annotations: list[Annotation]) -> str:
    lines = [
        "## Problems on the lines you changed",
        "",
        "Each is also shown on its line in the pull request's *Files changed* tab. Fix them from the top: a",
        "broken file can hide the problems after it. `make check-data` shows the data and lesson problems on your",
        "machine in seconds; `make test` runs every check.",
        "",
        "| Where | What | How to fix |",
        "| --- | --- | --- |",
    ]
    for a in annotations:
        lines.append(f"| `{a.file}:{a.line}` | {_cell(a.title)} | {_cell(a.message)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


class _Annotator:
    def __init__(self) -> None:
        self.written: list[Annotation] = []

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed:
            self._write(report.longreprtext)

    @pytest.hookimpl(trylast=True)
    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self._write(report.longreprtext)

    def _write(self, text: str) -> None:
        for annotation in located(text):
            if annotation not in self.written:
                self.written.append(annotation)
                sys.stdout.write("\n" + annotation.command() + "\n")
                sys.stdout.flush()

    def pytest_sessionfinish(self) -> None:
        path = os.environ.get("GITHUB_STEP_SUMMARY")
        if path and self.written:
            with open(path, "a", encoding="utf-8") as out:
                out.write(summary(self.written))


def pytest_configure(config: pytest.Config) -> None:
    # Only the controller reports (with pytest-xdist, workers send their reports to it).
    if os.environ.get("GITHUB_ACTIONS") == "true" and not hasattr(config, "workerinput"):
        config.pluginmanager.register(_Annotator(), "github-annotations")
