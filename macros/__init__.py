"""Backend Skills' build package: everything between the sources (docs/, data/) and the built site.

Laid out by concern, each layer importing only the layers listed before it (tests/test_layers.py):

- `core`: errors, source text, YAML with line numbers, HTML builders, URLs;
- `model`: the data schema, lessons and the catalog: data only;
- `render`: every macro's HTML, the print edition, diagrams, code blocks;
- `guard`: the page contract, the template sandbox, the emoji policy;
- `search`: the search index's records and Pagefind;
- `site`: loading and checking a build's sources, and the mkdocs-macros module;
- `mkdocs_plugin`: the one MkDocs plugin, the only code that imports MkDocs.

mkdocs-macros loads this package (`module_name: macros` in mkdocs.yml) and calls what it exports here.
"""

from macros.site.macros_env import define_env, on_post_page_macros, on_pre_page_macros

__all__ = ["define_env", "on_post_page_macros", "on_pre_page_macros"]
