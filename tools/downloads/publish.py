"""What was built, written down twice: a manifest (downloads.json) for tools and tests, and the list on the
downloads page, which the builder writes into the built page since the files exist only after the site is built.

The page ships with a placeholder that says plainly that this copy of the site has no files (a plain
`mkdocs build`, or `make serve`), so it never links a file that is not there. After `make downloads` the
placeholder is replaced by the table of files with their sizes and build date, all read from the files
themselves. Every text that reaches the page is escaped.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from html import escape
from pathlib import Path

FOLDER = "downloads"
MANIFEST = "downloads.json"
# The placeholder in docs/downloads.md, as Markdown renders it.
_PLACEHOLDER = re.compile(
    r'(<div class="bs-downloads" id="bs-downloads"[^>]*>).*?(</div>)',
    re.S,
)
_FORMATS = {"pdf": "PDF", "epub": "EPUB"}


class PlaceholderMissing(ValueError):
    """The built downloads page has no placeholder for the list: docs/downloads.md changed."""


@dataclass(frozen=True)
class BuiltFile:
    edition: str  # the edition's title
    area: str | None  # None for the whole curriculum
    format: str  # "pdf" or "epub"
    file: str  # name inside the downloads folder
    bytes: int
    pages: int | None  # PDF only
    seconds: float  # how long it took to build


def write_manifest(folder: Path, built_on: str, files: list[BuiltFile]) -> Path:
    path = folder / MANIFEST
    path.write_text(
        json.dumps({"built": built_on, "files": [asdict(item) for item in files]}, indent=2) + "\n", encoding="utf-8"
    )
    return path


def read_manifest(folder: Path) -> tuple[str, list[BuiltFile]]:
    data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return data["built"], [BuiltFile(**item) for item in data["files"]]


def human_size(size: int) -> str:
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB"


def list_html(built_on: str, files: list[BuiltFile]) -> str:
    """A table: one row per edition, a cell per format with its link, size and (PDF) page count."""
    editions: dict[str, dict[str, BuiltFile]] = {}
    for item in files:
        editions.setdefault(item.edition, {})[item.format] = item
    rows = []
    for edition, formats in editions.items():
        cells = []
        for extension, label in _FORMATS.items():
            item = formats.get(extension)
            if item is None:
                cells.append("<td>not built</td>")
                continue
            facts = human_size(item.bytes) + (f", {item.pages} pages" if item.pages else "")
            cells.append(
                f'<td><a href="{escape(item.file)}" download>{label}</a> '
                f'<span class="bs-download-facts">({escape(facts)})</span></td>'
            )
        rows.append(f'<tr><th scope="row">{escape(edition)}</th>{"".join(cells)}</tr>')
    return (
        f'<p>Built on <time datetime="{escape(built_on)}">{escape(built_on)}</time>; '
        "the date is in every file name.</p>"
        '<table><thead><tr><th scope="col">Edition</th><th scope="col">PDF</th><th scope="col">EPUB</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def rewrite_page(folder: Path, built_on: str, files: list[BuiltFile]) -> None:
    """Put the list into the built downloads page in place of its placeholder."""
    page = folder / "index.html"
    html = page.read_text(encoding="utf-8")
    if not _PLACEHOLDER.search(html):
        raise PlaceholderMissing(f'{page} has no <div class="bs-downloads" id="bs-downloads"> to fill')
    filled = _PLACEHOLDER.sub(lambda m: m[1] + list_html(built_on, files) + m[2], html, count=1)
    page.write_text(filled, encoding="utf-8")


def remove_old_files(folder: Path) -> None:
    """Files of an earlier `make downloads` in the same site: their dates would contradict the list."""
    for old in folder.glob("backend-skills-*.*"):
        if old.suffix in {".pdf", ".epub"}:
            old.unlink()
