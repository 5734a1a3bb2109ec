"""Root conftest: the shared service fixtures and CI's rules (no skips, timeouts) for tests/, examples/, labs/ and
exercises/."""

import os
import sys
from collections.abc import Iterator

import pytest

pytest_plugins = ["tests.ci_policy", "tests.annotations", "tests.services", "pytester"]


@pytest.fixture(autouse=True)
def _fresh_caches_under_mutation() -> Iterator[None]:
    """`make mutation` runs each mutant in a process forked after other tests ran. The build package memoizes
    by file text (functools caches), so a result computed before the fork would hide the mutant: clear every
    such cache before each test. Outside mutation testing this does nothing."""
    if "MUTANT_UNDER_TEST" in os.environ:
        for name, module in list(sys.modules.items()):
            if name == "macros" or name.startswith("macros."):
                for value in list(vars(module).values()):
                    if callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()
    yield
