"""MkDocs hooks for runnable SQL (listed under `hooks:` in mkdocs.yml); see macros/sql_practice.py.

- Publishes each dataset's schema.sql and seed.sql at `assets/practice/<name>/`.
- Fails the build when a runnable block names a dataset that does not exist.
- Adds the runner script only to pages that have something to run: other pages load nothing more. It is
  a plain deferred script inside the page content, so Material's instant navigation runs it again when
  it swaps such a page in.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# MkDocs loads a hook by its file path, before the macros plugin puts the project on the import path.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import sql_practice
from macros.generator import File, Files, PluginError, relative_url

_known: dict[str, sql_practice.Dataset] = {}


def on_files(files: Files, config: Any, **kwargs: Any) -> Files:
    root = Path(config["config_file_path"]).parent
    _known.clear()
    _known.update(sql_practice.datasets(root))
    for dataset in _known.values():
        for name, path in dataset.files().items():
            uri = f"{sql_practice.SITE_FOLDER}/{dataset.name}/{name}"
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    if 'data-dataset="' not in html or not sql_practice.NEEDS_RUNNER.search(html):  # most pages: no block
        return html
    errors = sql_practice.dataset_errors(html, _known)
    if errors:
        raise PluginError(f"{page.file.src_uri}: " + "; ".join(errors))
    src = relative_url(sql_practice.RUNNER_SCRIPT, page.url)
    return html + f'\n<script defer src="{src}" data-sql-runner></script>\n'
