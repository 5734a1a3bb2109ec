"""Backend Skills' build package, one layer per folder, each importing only those before it: core, model,
render, guard, search, site, then mkdocs_plugin, the only code that imports MkDocs (the layers are
import-linter contracts in pyproject.toml; docs/contributing/index.md describes each room).

mkdocs-macros loads this package (`module_name: macros` in mkdocs.yml) and calls what it exports here.
"""

from macros.site.macros_env import define_env, on_post_page_macros, on_pre_page_macros

__all__ = ["define_env", "on_post_page_macros", "on_pre_page_macros"]
