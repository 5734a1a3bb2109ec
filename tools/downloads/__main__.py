"""`python -m tools.downloads SITE [--area ID ...] [--no-whole]`: build the PDF and EPUB of the whole curriculum
and of each skill area into SITE/downloads/, write the manifest and fill in the downloads page.

Run by `make downloads` after `make build`, and by CI's deploy job after the tests passed.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import time
from pathlib import Path

from tools.downloads.browser import chromium
from tools.downloads.editions import Edition, editions
from tools.downloads.epub import build_epub
from tools.downloads.pdf import build_pdf
from tools.downloads.publish import FOLDER, BuiltFile, remove_old_files, rewrite_page, write_manifest
from tools.downloads.serve import serve

MKDOCS_YML = Path(__file__).resolve().parents[2] / "mkdocs.yml"


def published_url() -> str:
    """Where the site is published (mkdocs.yml's site_url): links to pages outside a book lead there."""
    match = re.search(r"^site_url:\s*(\S+)\s*$", MKDOCS_YML.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise ValueError(f"{MKDOCS_YML} has no site_url")
    return match[1].rstrip("/") + "/"


def build_all(site: Path, chosen: list[Edition], now: datetime.datetime, site_url: str) -> list[BuiltFile]:
    folder = site / FOLDER
    if not (folder / "index.html").is_file():
        raise FileNotFoundError(f"{folder / 'index.html'} is missing: build the site first (make build)")
    remove_old_files(folder)
    built_on = now.date().isoformat()
    files: list[BuiltFile] = []
    with serve(site) as base_url, chromium() as browser:
        for edition in chosen:
            started = time.perf_counter()
            pdf = folder / edition.file_name(now.date(), "pdf")
            pages = build_pdf(browser, base_url, edition, built_on, site_url, pdf)
            files.append(_built(edition, "pdf", pdf, pages, started))
            started = time.perf_counter()
            epub = folder / edition.file_name(now.date(), "epub")
            build_epub(site, edition, now, site_url, epub)
            files.append(_built(edition, "epub", epub, None, started))
            sizes = f"{pdf.stat().st_size:,} bytes; EPUB {epub.stat().st_size:,} bytes"
            print(f"{edition.slug}: PDF {pages} pages, {sizes}")
    write_manifest(folder, built_on, files)
    rewrite_page(folder, built_on, files)
    return files


def _built(edition: Edition, extension: str, path: Path, pages: int | None, started: float) -> BuiltFile:
    seconds = round(time.perf_counter() - started, 1)
    return BuiltFile(edition.title, edition.area, extension, path.name, path.stat().st_size, pages, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.downloads", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site (site/ after make build)")
    parser.add_argument("--area", action="append", help="only this skill area (repeatable)")
    parser.add_argument("--no-whole", action="store_true", help="leave out the whole-curriculum edition")
    args = parser.parse_args(argv)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    chosen = editions(args.site, areas=args.area, whole=not args.no_whole)
    started = time.perf_counter()
    build_all(args.site, chosen, now, published_url())
    print(f"{len(chosen)} editions in {time.perf_counter() - started:.0f} s into {args.site / FOLDER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
