"""Root conftest: the shared service fixtures and CI's rules (no skips, timeouts) for tests/, examples/, labs/ and
exercises/."""

pytest_plugins = ["tests.ci_policy", "tests.annotations", "tests.services", "pytester"]
