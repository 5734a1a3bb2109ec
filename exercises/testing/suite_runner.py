"""Run a learner's test file the way pytest runs it, against the real code or against a planted bug.

The testing exercises judge a test suite by what it does: it must pass on the code as shipped, fail when a bug is
planted (a mutant), and, where the exercise says so, keep passing when the code is refactored without changing
behavior. Each run happens in-process through pytester, in a scratch folder, so the learner's file is imported
afresh every time and sees whatever version of the code under test is patched in for that run.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import CodeType, FrameType

import pytest
from hypothesis import settings as hypothesis_settings

# A learner's property tests must give the same verdict on every run of the check: generated inputs come in a
# fixed order (derandomize), and no example database carries failures from one variant's run into the next
# (derandomize implies database=None). No deadline: a busy CI machine must not turn slowness into failure.
hypothesis_settings.register_profile("exercise-check", derandomize=True, deadline=None)

# (object to patch, attribute name, replacement): e.g. (Pricing, "total_cents", a mutant of that method).
Patch = tuple[object, str, object]


@dataclass(frozen=True)
class Variant:
    """A version of the code under test: a name the learner can act on and the patches that make it."""

    name: str
    patches: tuple[Patch, ...]

    @classmethod
    def replacing(cls, name: str, owner: object, attribute: str, replacement: Callable[..., object]) -> Variant:
        return cls(name, ((owner, attribute, replacement),))


@dataclass(frozen=True)
class SuiteRun:
    passed: int
    failed: list[str]  # each test (or file) that failed or errored, with the first line of why
    ran: int  # tests that ran to a verdict (passed or failed)

    @property
    def green(self) -> bool:
        return self.passed > 0 and not self.failed

    @property
    def red(self) -> bool:
        return bool(self.failed)


@contextmanager
def patched(patches: tuple[Patch, ...]) -> Iterator[None]:
    saved = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    try:
        for owner, name, value in patches:
            setattr(owner, name, value)
        yield
    finally:
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)


class Reordered:
    """A pytest plugin that runs the collected tests in another order, or only some of them: `arrange` gets the
    collected items and returns the ones to run, in the order to run them."""

    def __init__(self, arrange: Callable[[list[pytest.Item]], list[pytest.Item]]) -> None:
        self.arrange = arrange

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        kept = self.arrange(list(items))
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


def run_suite(
    pytester: pytest.Pytester, tests: Path, variant: Variant | None = None, plugins: Sequence[object] = ()
) -> SuiteRun:
    """Run the tests in `tests` against `variant` of the code (the real code when None), with extra plugins."""
    copy = pytester.path / "test_learner_suite.py"
    shutil.copyfile(tests, copy)
    # pytester drops every module a run imported when the run ends. Hypothesis's pytest plugin imports hypothesis
    # at the end of each session, which would cost about a second a run; imported by this module, it stays loaded.
    previous_profile = hypothesis_settings.get_current_profile_name()
    with patched(variant.patches if variant else ()):
        try:
            # No cache and no terminal reporter: nothing left behind, and the check's message says what matters.
            recorder = pytester.inline_run(
                str(copy),
                "-p",
                "no:cacheprovider",
                "-p",
                "no:terminal",
                "--hypothesis-profile=exercise-check",
                plugins=list(plugins),
            )
        finally:
            hypothesis_settings.load_profile(previous_profile)  # the profile is global: give it back
    passed, _, failed = recorder.listoutcomes()
    reasons = [_why(report) for report in [*failed, *recorder.getfailedcollections()]]
    return SuiteRun(len(passed), reasons, len(passed) + len(failed))


def _why(report: pytest.TestReport | pytest.CollectReport) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    message = crash.message.splitlines()[0] if crash is not None and crash.message else "error"
    return f"{report.nodeid.rpartition('::')[2] or report.nodeid}: {message[:160]}"


def body_lines(*functions: Callable[..., object]) -> set[int]:
    """The line numbers of the functions' bodies: what line coverage of them means."""
    lines: set[int] = set()
    for function in functions:
        code: CodeType = function.__code__
        lines |= {line for _, _, line in code.co_lines() if line is not None and line != code.co_firstlineno}
    return lines


def lines_run(pytester: pytest.Pytester, tests: Path, source: Path) -> set[int]:
    """The lines of `source` that ran while the suite ran: a line-coverage measurement, with sys.settrace."""
    seen: set[int] = set()
    target = str(source.resolve())

    def local(frame: FrameType, event: str, _arg: object) -> object:
        if event == "line":
            seen.add(frame.f_lineno)
        return local

    def tracer(frame: FrameType, _event: str, _arg: object) -> object:
        return local if frame.f_code.co_filename == target else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        run_suite(pytester, tests)
    finally:
        sys.settrace(previous)
    return seen


def surviving(pytester: pytest.Pytester, tests: Path, mutants: list[Variant]) -> list[str]:
    """The names of the mutants the suite lets through (it stays green with the bug planted)."""
    return [mutant.name for mutant in mutants if not run_suite(pytester, tests, mutant).red]


def breaking(pytester: pytest.Pytester, tests: Path, refactors: list[Variant]) -> list[str]:
    """The names of behavior-preserving refactors that turn the suite red: signs of tests tied to details."""
    broken = []
    for refactor in refactors:
        run = run_suite(pytester, tests, refactor)
        if not run.green:
            broken.append(f"{refactor.name} ({'; '.join(run.failed) or 'no test ran'})")
    return broken
