"""Site URLs: from a page's path under docs/, and from one page to another."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Turns a path under docs/ without `.md` (`security/sql-injection`, `security/index`) into a URL
# relative to the page being rendered.
UrlFor = Callable[[str], str]


def page_url(target: str, directory_urls: bool) -> str:
    """Site-relative URL of a page named by its docs path without `.md`: `security/index` -> `security/`."""
    if target.endswith("/index") or target == "index":
        return target[: -len("index")]
    return f"{target}/" if directory_urls else f"{target}.html"


def relative_url(url: str, from_url: str) -> str:
    """`url` relative to the page at `from_url`, both site-relative (MkDocs' `get_relative_url` rule)."""
    if from_url != ".":
        folder, name = posixpath.split(from_url)
        from_url = folder if "." in name else from_url  # a page URL ending in a file name
    relative = posixpath.relpath("/" + url, "/" + from_url)
    return relative + "/" if url.endswith("/") else relative


def project_root(conf: Any) -> Path:
    """The folder of mkdocs.yml: MkDocs names the file (`config_file_path`), Zensical the folder (`root_dir`)."""
    if conf.get("config_file_path"):
        return Path(conf["config_file_path"]).parent
    return Path(conf.get("root_dir") or ".").resolve()
