"""The build package stays one layered package that uses its dependencies through their public APIs.

- Layers: import-linter's contracts in pyproject.toml ([tool.importlinter]): each subpackage imports only
  those below it, and only `macros.mkdocs_plugin` imports MkDocs or Material.
- No import of the package inside a function: the one way a cycle hides from the layers contract. (An
  optional library, Playwright, is imported where it is used, so the site builds without it.)
- No private names of another library: nothing reads, writes or calls an underscored attribute except of
  its own objects (`self`), and nothing imports an underscored name. The exceptions are listed with why.
- One plugin, registered by entry point: mkdocs.yml lists no hook files.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import yaml

from tests.conftest import ROOT

PACKAGE = ROOT / "macros"
# Underscored names the package may use, each for a reason no public API serves.
ALLOWED_PRIVATE = {
    # CPython's documented frame access: finds the Jinja template line a failing macro was called from.
    ("site/macros_env.py", "sys._getframe"),
    # mkdocs-macros builds its Jinja environment in on_config and offers no setter: the sandbox replaces it.
    ("guard/sandbox.py", "plugin._env"),
}


def _modules() -> list[tuple[str, ast.Module]]:
    return [
        (path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def test_the_layers_hold() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "2 kept, 0 broken" in result.stdout


def test_no_module_of_the_package_is_imported_inside_a_function() -> None:
    found = []
    for name, tree in _modules():
        for function in ast.walk(tree):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                for node in ast.walk(function):
                    modules = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
                    if isinstance(node, ast.ImportFrom):
                        modules = [node.module or "."]
                    if any(module == "macros" or module.startswith(("macros.", ".")) for module in modules):
                        found.append(f"macros/{name}:{node.lineno}")
    assert found == [], "imports belong at the top of the module, where the layers contract sees them"


def test_no_private_name_of_another_library_is_used() -> None:
    found = set()
    for name, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                found.update((name, f"{node.module}.{alias.name}") for alias in node.names if _private(alias.name))
            elif isinstance(node, ast.Attribute) and _private(node.attr):
                owner = node.value
                if not (isinstance(owner, ast.Name) and owner.id in {"self", "cls"}):
                    found.add((name, f"{ast.unparse(owner)}.{node.attr}"))
    assert found - ALLOWED_PRIVATE == set()
    assert ALLOWED_PRIVATE - found == set(), "an allowed exception is no longer needed: remove it from the list"


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_the_build_runs_one_plugin_found_by_its_entry_point() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)  # noqa: S506 - our file
    assert "hooks" not in config
    names = [entry if isinstance(entry, str) else next(iter(entry)) for entry in config["plugins"]]
    assert names.index("backend-skills") < names.index("macros"), "the catalog is loaded before pages render"
    (entry,) = [entry for entry in entry_points(group="mkdocs.plugins") if entry.name == "backend-skills"]
    assert entry.value == "macros.mkdocs_plugin.plugin:BackendSkillsPlugin"
