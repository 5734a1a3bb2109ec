"""Offline audit of a built site: internal links and anchors, and references to other origins.

The privacy gate: every way a page can make the browser load something by itself (images and srcset,
stylesheets and other fetching <link>s, scripts, frames, media, SVG images, CSS url() and @import in
<style>, style attributes and .css files, meta refresh, <base>, form actions) must stay on this origin.

Used by the tests and reusable from the command line: `python -m tests.site_audit site/`.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

# Attributes that make the browser fetch something (as opposed to <a href>, which is a link the reader follows).
FETCHING = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "poster"),
    ("input", "src"),
    ("track", "src"),
    ("image", "href"),  # SVG
    ("image", "xlink:href"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("feimage", "href"),
    ("body", "background"),
    ("table", "background"),
    ("td", "background"),
    ("form", "action"),
    ("button", "formaction"),
    ("base", "href"),  # re-points every relative URL on the page
}
FETCHING_LINK_RELS = {
    "stylesheet",
    "icon",
    "preload",
    "prefetch",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
    "manifest",
    "apple-touch-icon",
}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)", re.I)
CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)")


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    fetches: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id", "name"):
            if name in values and (name == "id" or tag == "a"):
                self.page.ids.add(values[name])
        if tag == "a" and "href" in values:
            self.page.links.append(values["href"])
        if tag == "link" and "href" in values:
            rels = set(values.get("rel", "").lower().split())
            if rels & FETCHING_LINK_RELS:
                self.page.fetches.append(values["href"])
            else:
                self.page.links.append(values["href"])
        for fetch_tag, attr in FETCHING:
            if tag == fetch_tag and values.get(attr):
                targets = (
                    [part.strip().split(" ")[0] for part in values[attr].split(",")]
                    if attr == "srcset"
                    else [values[attr]]
                )
                self.page.fetches.extend(targets)
        if "style" in values:
            self.page.fetches.extend(CSS_URL.findall(values["style"]) + CSS_IMPORT.findall(values["style"]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            # <meta http-equiv="refresh" content="0; url=https://...">: the browser navigates on its own.
            target = re.search(r"url\s*=\s*['\"]?([^'\";]+)", values.get("content", ""), re.I)
            if target:
                self.page.fetches.append(target.group(1).strip())
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.page.fetches.extend(CSS_URL.findall(data) + CSS_IMPORT.findall(data))


def parse(path: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.page


def is_other_origin(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme and parts.scheme not in {"data", "blob"}) or url.startswith("//")


@dataclass
class Report:
    pages: int = 0
    broken: list[str] = field(default_factory=list)
    foreign_fetches: list[str] = field(default_factory=list)
    external_links: set[str] = field(default_factory=set)


def audit(site: Path, base_path: str = "/", docs: Path | None = None) -> Report:
    """`base_path` is the path part of site_url: absolute links (the 404 page uses them) start with it. With
    `docs`, a broken link is reported at the source file and line that wrote it, where they can be found."""
    report = Report()
    html_files = sorted(p for p in site.rglob("*.html"))
    pages = {path: parse(path) for path in html_files}
    report.pages = len(pages)
    for path, page in pages.items():
        where = path.relative_to(site)
        for url in page.fetches:
            if is_other_origin(url):
                report.foreign_fetches.append(f"{where}: loads {url}")
        for href in page.links:
            if href.startswith(("mailto:", "javascript:", "tel:")):
                continue
            if is_other_origin(href):
                report.external_links.add(href)
                continue
            problem = _resolve(site, path, href, pages, base_path)
            if problem:
                located = source_line(docs, where, href) if docs else None
                message = f"{located}: link: {href} ({problem}, in {where})" if located else None
                report.broken.append(message or f"{where}: {href} ({problem})")
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for url in CSS_URL.findall(text) + CSS_IMPORT.findall(text):
            if is_other_origin(url.strip()):
                report.foreign_fetches.append(f"{css.relative_to(site)}: loads {url}")
    return report


def source_line(docs: Path, page: Path, href: str) -> str | None:
    """`docs/<page>.md:<line>` for a built page and a link on it: the first line that names the link's target
    (the page's first line when the link came from the theme or a macro)."""
    stem = page.as_posix().removesuffix("index.html").rstrip("/") or "index"
    candidates = [docs / f"{stem}.md", docs / stem / "index.md"]
    source = next((path for path in candidates if path.is_file()), None)
    if source is None:
        return None
    target = href.split("#")[-1] if "#" in href else href.rstrip("/").rsplit("/", 1)[-1]
    lines = source.read_text(encoding="utf-8", errors="replace").splitlines()
    line = next((number for number, text in enumerate(lines, 1) if target and target in text), 1)
    return f"{source.relative_to(docs.parent).as_posix()}:{line}"


def _resolve(site: Path, page_path: Path, href: str, pages: dict[Path, Page], base_path: str) -> str | None:
    url, fragment = urldefrag(href)
    if not url:
        target = page_path
    else:
        path = unquote(urlsplit(url).path)
        if path.startswith("/"):
            if not path.startswith(base_path):
                return f"absolute path outside {base_path}"
            path = "/" + path[len(base_path) :]
        base = site if path.startswith("/") else page_path.parent
        target = (base / path.lstrip("/")).resolve()
        if target.is_dir() or path.endswith("/"):
            target = target / "index.html"
        if not target.exists():
            return "no such file"
        if site.resolve() not in target.parents and target != site.resolve():
            return "points outside the site"
    if fragment and target.suffix == ".html":
        page = pages.get(target) or pages.get(Path(str(target)))
        if page is None:
            page = parse(target)
        if unquote(fragment) not in page.ids:
            return f"no anchor #{fragment}"
    return None


MKDOCS_YML = Path(__file__).resolve().parent.parent / "mkdocs.yml"


def site_base_path(config: Path = MKDOCS_YML) -> str:
    match = re.search(r"^site_url:\s*(\S+)", config.read_text(encoding="utf-8"), re.M)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


def main(argv: list[str]) -> int:
    """`python -m tests.site_audit [site] [--external]`: the counts, problems, and with --external every
    external link (they cannot be fetched at build time, so this list is what a reviewer checks)."""
    show_external = "--external" in argv
    paths = [arg for arg in argv if not arg.startswith("--")]
    site = Path(paths[0] if paths else "site")
    report = audit(site, site_base_path())
    print(
        f"{report.pages} pages, {len(report.broken)} broken links, "
        f"{len(report.foreign_fetches)} requests to other origins, {len(report.external_links)} external links"
    )
    for line in report.broken + report.foreign_fetches:
        print("  " + line)
    if show_external:
        for url in sorted(set(report.external_links)):
            print(url)
    return 1 if report.broken or report.foreign_fetches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
