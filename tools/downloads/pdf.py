"""The PDF of one edition, printed by Chromium from the print page in two passes.

Chromium writes the outline (bookmarks) from the headings, tags the PDF for assistive technology, keeps
inline SVG diagrams as vector paths and turns `#id` links into links within the file. What it cannot do is
put page numbers in a table of contents, since the numbers are known only once the pages are laid out. So the
book is printed twice: the first pass has placeholder numbers as wide as real ones; the page each heading
landed on is read back from the PDF's named destinations (one per link target); the second pass prints the
same layout with the numbers filled in. Should the numbers change the layout after all, it prints again.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from tools.downloads.editions import Edition

_HERE = Path(__file__).parent
_FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
_MAX_PASSES = 4


class LayoutNotSettled(RuntimeError):
    """The contents' page numbers kept moving the pages they point at."""


def build_pdf(browser: Any, base_url: str, edition: Edition, built: str, site_url: str, target: Path) -> int:
    """Print `edition` from the site served at `base_url` into `target`; returns the page count."""
    page = browser.new_page()
    try:
        page.goto(base_url + edition.page.removesuffix("index.html"), wait_until="load", timeout=180_000)
        page.emulate_media(media="print")
        page.add_style_tag(content=(_HERE / "pdf.css").read_text(encoding="utf-8"))
        title = f"Backend Skills: {edition.title}"
        page.evaluate("title => { document.title = title; }", title)
        ids: list[str] = page.evaluate(
            (_HERE / "pdf_page.js").read_text(encoding="utf-8"),
            {"edition": edition.title, "built": built, "siteUrl": site_url},
        )
        numbers: dict[str, int] = {}
        for _ in range(_MAX_PASSES):
            printed = _print(page)
            found = heading_pages(printed, ids)
            if found == numbers:
                target.write_bytes(printed)
                return len(PdfReader(io.BytesIO(printed)).pages)
            numbers = found
            page.evaluate(
                """numbers => {
                  for (const cell of document.querySelectorAll(".bs-pdf-number")) {
                    cell.textContent = String(numbers[cell.dataset.for]);
                  }
                }""",
                numbers,
            )
        raise LayoutNotSettled(f"{edition.slug}: page numbers still moving after {_MAX_PASSES} passes")
    finally:
        page.close()


def _print(page: Any) -> bytes:
    return page.pdf(
        format="A4",
        print_background=True,
        outline=True,
        tagged=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=_FOOTER,
        margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
        prefer_css_page_size=True,
    )


def heading_pages(printed: bytes, ids: list[str]) -> dict[str, int]:
    """The page (1-based, as the footer counts) each heading id starts on, from the named destinations."""
    reader = PdfReader(io.BytesIO(printed))
    # pypdf names them as PDF name objects: "/" and the id.
    destinations = {name.removeprefix("/"): destination for name, destination in reader.named_destinations.items()}
    missing = [element_id for element_id in ids if element_id not in destinations]
    if missing:
        raise KeyError(f"no named destination in the PDF for {missing[:5]} ({len(missing)} in all)")
    return {element_id: reader.get_destination_page_number(destinations[element_id]) + 1 for element_id in ids}
