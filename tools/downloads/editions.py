"""The books: the whole curriculum and one per skill area, each read from its print page in the built site."""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass
from pathlib import Path

# The print pages' area headings (macros/render/print_edition.py): `<h2 id="area-<id>">Title…</h2>`.
_AREA_HEADING = re.compile(r'<h2 id="area-(?P<id>[a-z0-9-]+)">(?P<title>.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


class MissingPrintPage(FileNotFoundError):
    """The site was built without the print edition, or not built at all."""


@dataclass(frozen=True)
class Edition:
    """One book: `area` is None for the whole curriculum."""

    area: str | None
    title: str

    @property
    def page(self) -> str:
        """The print page's path in the built site."""
        return f"print/{self.area}/index.html" if self.area else "print/index.html"

    @property
    def slug(self) -> str:
        return self.area or "curriculum"

    def file_name(self, built: datetime.date, extension: str) -> str:
        """Dated, so that a reader can tell two downloads apart and a cache never serves an old one."""
        return f"backend-skills-{self.slug}-{built.isoformat()}.{extension}"


def area_titles(site: Path) -> dict[str, str]:
    """Area id -> title, in the order of the whole print edition."""
    page = site / "print" / "index.html"
    if not page.is_file():
        raise MissingPrintPage(f"{page} is missing: build the site first (make build)")
    html = page.read_text(encoding="utf-8")
    return {match["id"]: _plain(match["title"]) for match in _AREA_HEADING.finditer(html)}


def editions(site: Path, areas: list[str] | None = None, whole: bool = True) -> list[Edition]:
    """The whole curriculum (when `whole`) and the areas asked for (all when `areas` is None)."""
    titles = area_titles(site)
    unknown = sorted(set(areas or []) - set(titles))
    if unknown:
        raise MissingPrintPage(f"no print page for {', '.join(unknown)} (areas: {', '.join(titles)})")
    chosen = [Edition(area, title) for area, title in titles.items() if areas is None or area in areas]
    return ([Edition(None, "The whole curriculum")] if whole else []) + chosen


def _plain(fragment: str) -> str:
    """A heading's text without its tags (abbreviations, the permalink's pilcrow) or entities."""
    text = html.unescape(_TAG.sub("", fragment))
    return text.replace("\N{PILCROW SIGN}", "").strip()
