"""The Jinja environment pages render in: it can call the documented macros and do nothing else.

The page contract (`macros/guard/contract.py`) already refuses any template code but documented macro calls
with constant arguments. This is the second layer, for the day the contract has a gap: no attribute or
item access (so no walk from `lipsum` or `cycler` to `__globals__`, no `config.…`), no calls but to the
registered macros, none of Jinja's default globals, no `{% include %}` or `{% import %}` (no loader), and
no page variables (`config`, `page`, `navigation`, front matter): a template sees only the macros.
"""

from __future__ import annotations

import functools
from types import CodeType
from typing import Any

from jinja2 import Template
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment


class _MacrosOnlyTemplate(Template):
    def render(self, *args: Any, **kwargs: Any) -> str:
        # mkdocs-macros passes every page variable; none of them is for page text.
        return super().render()


class PageSandbox(ImmutableSandboxedEnvironment):
    template_class = _MacrosOnlyTemplate

    def __init__(self, macros: dict[str, Any], **options: Any) -> None:
        super().__init__(loader=None, **options)
        self.globals = dict(macros)
        self.filters = {}
        self.tests = {}
        self._callables = {id(function) for function in macros.values()}
        # Everything else that shapes the generated code is this class's own, fixed setting.
        self._options = tuple(sorted(options.items()))

    def compile(
        self, source: Any, name: Any = None, filename: Any = None, raw: bool = False, defer_init: bool = False
    ) -> Any:  # type: ignore[override]
        if raw or name is not None or filename is not None or defer_init or not isinstance(source, str):
            return super().compile(source, name, filename, raw, defer_init)
        return _compiled(self._options, source)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        return id(obj) in self._callables

    def getitem(self, obj: Any, argument: Any) -> Any:
        raise SecurityError("pages may not look up items or attributes")

    def getattr(self, obj: Any, attribute: str) -> Any:
        raise SecurityError("pages may not look up items or attributes")


# Each page's template, compiled, by its source and the sandbox's options. `make serve` makes a new sandbox
# per rebuild, and compiling every page anew took a tenth of a second of each. Python code objects are
# immutable, so sandboxes may share one.
@functools.lru_cache(maxsize=2048)
def _compiled(options: tuple[tuple[str, Any], ...], source: str) -> CodeType:
    return ImmutableSandboxedEnvironment(loader=None, **dict(options)).compile(source)


def install_sandbox(plugin: Any, names: set[str]) -> None:
    """Swap the mkdocs-macros plugin's Jinja environment for the sandbox (once, before the first page).

    Only the documented macros in `names` go in: not the plugin's own `context()` or `macros_info()`,
    which would print every variable of the build."""
    current = plugin.env
    if isinstance(current, PageSandbox):
        return
    options = {
        name: getattr(current, name)
        for name in (
            "block_start_string",
            "block_end_string",
            "variable_start_string",
            "variable_end_string",
            "comment_start_string",
            "comment_end_string",
            "undefined",
        )
    }
    plugin._env = PageSandbox({name: plugin.macros[name] for name in names}, **options)
