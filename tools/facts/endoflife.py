"""endoflife.date product files to the release snapshots in data/releases/.

endoflife.date keeps one Markdown file per product (`products/<id>.md`, MIT license) whose YAML front matter
lists the release cycles: `releaseCycle`, `releaseDate`, `lts`, `eoas` (end of active support), `eol`,
`eoes` (end of extended support), `latest`. A snapshot keeps those dates under plain names, one line per
cycle, so a refresh's diff shows which cycles changed. `names` and `note` are written by hand (how lessons
name the product, and what the dates cannot say, such as a rolling release model): a refresh keeps them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml

SITE = "https://endoflife.date"
REPOSITORY = "https://github.com/endoflife-date/endoflife.date"
# What a refresh keeps from the file it replaces: written by hand, not by endoflife.date.
KEPT = ("names", "note")
# endoflife.date's field -> ours, in the order a snapshot writes them.
CYCLE_FIELDS = {
    "releaseCycle": "cycle",
    "codename": "codename",
    "releaseDate": "released",
    "lts": "lts",
    "eoas": "active_support",
    "eol": "eol",
    "eoes": "extended_support",
    "latest": "latest",
}


class ProductFileError(ValueError):
    """A product file without the front matter or release list a snapshot needs."""


def front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a product file."""
    if not text.startswith("---"):
        raise ProductFileError("no front matter")
    end = text.find("\n---", 3)
    if end == -1:
        raise ProductFileError("front matter not closed")
    data = yaml.safe_load(text[3:end])
    if not isinstance(data, dict) or not isinstance(data.get("releases"), list) or not data["releases"]:
        raise ProductFileError("no 'releases' list in the front matter")
    return data


def snapshot(product: str, text: str, kept: dict[str, Any], taken: dt.date, commit: str) -> dict[str, Any]:
    """The snapshot of one product: its file's text at `commit`, taken on `taken`."""
    data = front_matter(text)
    record: dict[str, Any] = {
        "id": product,
        "title": str(data.get("title") or product),
        "names": kept.get("names") or [str(data.get("title") or product)],
    }
    if kept.get("note"):
        record["note"] = kept["note"]
    record["snapshot"] = taken
    record["source"] = {"title": f"endoflife.date: {record['title']}", "url": f"{SITE}/{product}"}
    record["data"] = f"{REPOSITORY}/blob/{commit}/products/{product}.md"
    if isinstance(data.get("releasePolicyLink"), str) and data["releasePolicyLink"].startswith("https://"):
        record["policy"] = data["releasePolicyLink"]
    record["releases"] = [_cycle(release) for release in data["releases"]]
    return record


def _cycle(release: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for theirs, ours in CYCLE_FIELDS.items():
        value = release.get(theirs)
        if value is None or (ours in {"lts", "codename"} and value is False):
            continue
        if isinstance(value, dt.datetime):
            value = value.date()
        out[ours] = value if isinstance(value, dt.date | bool) else str(value)
    if "cycle" not in out or "released" not in out:
        raise ProductFileError(f"a release without releaseCycle or releaseDate: {release}")
    out.setdefault("eol", False)
    return out


def to_yaml(record: dict[str, Any]) -> str:
    """The snapshot as YAML: one line per field and per release cycle, strings as JSON (a YAML subset)."""
    lines = [
        f"# {record['title']} release cycles from endoflife.date (MIT license), as of the snapshot date.",
        "# Written by `python -m tools.facts.refresh`; a refresh keeps only `names` and `note`, written by hand.",
    ]
    for key, value in record.items():
        if key == "releases":
            lines.append("releases:")
            lines.extend(f"  - {_flow(cycle)}" for cycle in value)
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _flow(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{key}: {_scalar(value)}" for key, value in mapping.items()) + "}"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return _flow(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)
