"""Reading and writing the build's own cache files in `.cache/`: a missing or damaged file is no cache, and
a file is replaced whole, so a build that stops half-way leaves the old one intact."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def read_json(path: Path) -> Any:
    """What `path` holds, or None if it is missing or not JSON (the caller then rebuilds it)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def write_json(path: Path, value: Any) -> None:
    write_atomic(path, json.dumps(value, sort_keys=True).encode("utf-8"))
