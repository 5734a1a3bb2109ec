"""Root conftest: makes the shared service fixtures available to tests/, examples/ and labs/."""

pytest_plugins = ["tests.services"]
