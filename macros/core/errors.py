"""The one error type contributors see: a file, a line, a field and what is wrong."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceProblem:
    """One thing wrong in one source file, located as precisely as we can."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class SourceError(Exception):
    """Raised with every problem found, so a contributor can fix them all in one pass."""

    def __init__(self, problems: Iterable[SourceProblem]) -> None:
        self.problems = list(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in the curriculum sources:"
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


def field_path(loc: Iterable[str | int]) -> str:
    """Render a pydantic/YAML location as `items[3].refs.asvs`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(document)"


def describe_error(error: BaseException) -> str:
    """What went wrong, in one line, for a contributor (no traceback)."""
    if type(error) is KeyError:
        return f"no entry {error}"
    return str(error).splitlines()[0] if str(error) else type(error).__name__


class BuildError(Exception):
    """A build step failed for a reason the message explains in full: reported without a traceback."""
