"""`mkdocs serve`'s rebuilds, run in one process without the web server, for tests/test_serve_rebuilds.py.

    python -m tests.serve_session session PROJECT OUT STEPS
        Build PROJECT as `mkdocs serve` does at start, then for each step in the JSON file STEPS: edit the
        files it names, rebuild as `mkdocs serve` does after a save (the configuration loaded again, the
        caches of the earlier rebuilds in memory), wait for the search index written behind the rebuild,
        and copy the site to OUT/<step number>.
    python -m tests.serve_session fresh PROJECT OUT
        One build of PROJECT as the first of a new `mkdocs serve`, into OUT.

A step is a list of edits, each `[file, old, new]`: the first `old` in the file becomes `new`.
The server itself (watching files, reloading the browser) is MkDocs' own and is not run here.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

SERVE_URL = "http://127.0.0.1:8000/curriculum/"


def _config(project: Path, site: Path) -> Any:
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.site_url = SERVE_URL  # what `mkdocs serve` does
    return config


def _build(config: Any) -> None:
    from mkdocs.commands.build import build

    build(config, serve_url=SERVE_URL)
    # The search index is written behind the rebuild, in a thread of the plugin: wait for it.
    config.plugins["backend-skills"].indexing.wait()


def session(project: Path, out: Path, steps: list[list[list[str]]]) -> None:
    site = Path(tempfile.mkdtemp(prefix="serve-session-"))
    config = _config(project, site)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        _build(config)
        for number, step in enumerate(steps):
            for file, old, new in step:
                path = project / file
                text = path.read_text(encoding="utf-8")
                if old not in text:
                    raise SystemExit(f"{file}: {old!r} not found")
                path.write_text(text.replace(old, new, 1), encoding="utf-8")
            _build(_config(project, site))
            shutil.copytree(site, out / str(number))
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site, ignore_errors=True)


def fresh(project: Path, out: Path) -> None:
    config = _config(project, out)
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        _build(config)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    os.chdir(sys.argv[2])  # MkDocs reads paths in mkdocs.yml from the project folder
    if sys.argv[1] == "session":
        session(Path(sys.argv[2]), Path(sys.argv[3]), json.loads(Path(sys.argv[4]).read_text(encoding="utf-8")))
    else:
        fresh(Path(sys.argv[2]), Path(sys.argv[3]))
