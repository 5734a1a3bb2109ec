"""Runnable SQL: the datasets lessons run their SQL on, and the markup the runner script enhances.

A dataset is a folder under `examples/` holding `schema.sql` and `seed.sql`: the same files the tests load
into a real PostgreSQL server. Its name is that folder's path under `examples/`, such as
`databases/sql_fundamentals/shop`. The build copies both files to `assets/practice/<name>/`, where the
page's runner fetches them on the first Run, and loads them into PGlite before each Run, so every Run
starts from the same rows.

A lesson marks a SQL block as runnable with two attributes on the fence:

    ```{.sql .sql-run data-dataset="databases/sql_fundamentals/shop"}
    --8<-- "examples/databases/sql_fundamentals/shop/blocks.sql:filter"
    ```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

DATASET_FILES = ("schema.sql", "seed.sql")
DATASET_NAME = re.compile(r"^[a-z0-9_]+(?:/[a-z0-9_]+)+$")
# Where the build publishes the dataset files, under the site root.
SITE_FOLDER = "assets/practice"
RUNNER_SCRIPT = "assets/javascripts/sql-runner.js"
# A runnable block as pymdownx.highlight renders a fence with `.sql .sql-run` and a data-dataset attribute.
RUNNABLE_BLOCK = re.compile(r'<div class="[^"]*\bsql-run\b[^"]*" data-dataset="(?P<dataset>[^"]*)"')
# Anything the runner enhances: runnable blocks, exercises, live forms.
# Led by the space before the attribute: a pattern led by `\b` is tried at every position of every page.
NEEDS_RUNNER = re.compile(r' data-dataset="')


@dataclass(frozen=True)
class Dataset:
    name: str
    folder: Path

    def files(self) -> dict[str, Path]:
        return {name: self.folder / name for name in DATASET_FILES}

    def statements(self) -> str:
        """The SQL that recreates the dataset: schema, then seed."""
        return "\n".join(path.read_text(encoding="utf-8") for path in self.files().values())


def datasets(root: Path) -> dict[str, Dataset]:
    """Every dataset under `root/examples`, by name."""
    examples = root / "examples"
    found = {}
    for schema in sorted(examples.rglob("schema.sql")):
        folder = schema.parent
        if not (folder / "seed.sql").is_file():
            continue
        name = folder.relative_to(examples).as_posix()
        if DATASET_NAME.match(name):
            found[name] = Dataset(name, folder)
    return found


def dataset_errors(html: str, known: dict[str, Dataset]) -> list[str]:
    """Runnable blocks on a page whose dataset does not exist (a typo would leave the Run button broken)."""
    errors = []
    for match in RUNNABLE_BLOCK.finditer(html):
        name = match["dataset"]
        if name not in known:
            errors.append(f"runnable SQL block names dataset '{name}': no examples/{name}/schema.sql and seed.sql")
    return errors
