"""The EPUB 3 of one edition: a cover, a navigation document, and a chapter per skill area.

It is made from the print page in the built site (the same HTML the PDF is printed from), rewritten as XHTML
by xhtml.py. Links between lessons point at the chapter that holds them; any other link on the site goes to
the site itself; images are put in the book. The archive is byte-for-byte the same for the same input and
date (fixed timestamps, sorted entries), and its `mimetype` entry comes first and uncompressed, as OCF asks.
"""

from __future__ import annotations

import datetime
import hashlib
import posixpath
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag
from xml.sax.saxutils import escape, quoteattr

from bs4 import Tag

from tools.downloads import xhtml
from tools.downloads.editions import Edition

_HERE = Path(__file__).parent
_XHTML_HEAD = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><meta charset="utf-8"/><title>{title}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body>
"""
_XHTML_TAIL = "\n</body>\n</html>\n"
_CONTAINER = """<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""
_IMAGE_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


@dataclass
class Chapter:
    file: str
    title: str
    area_id: str
    lessons: list[tuple[str, str]]  # (id, title)
    body: str = ""
    has_svg: bool = False


@dataclass
class _Book:
    chapters: list[Chapter] = field(default_factory=list)
    images: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # file in book -> (media type, bytes)


def build_epub(site: Path, edition: Edition, built: datetime.datetime, site_url: str, target: Path) -> None:
    page_path = site / edition.page
    soup = xhtml.parse(page_path.read_text(encoding="utf-8"))
    content = soup.select_one(".bs-print-edition")
    if content is None:
        raise ValueError(f"{page_path} has no print edition in it")
    xhtml.title_tabs(content)
    book = _Book(chapters=_split_by_area(content))
    # Every id a link may point at, and the chapter that holds it.
    where = {
        xhtml.safe_id(str(element["id"])): chapter.file
        for chapter, part in zip(book.chapters, _area_parts(content), strict=True)
        for node in part
        for element in [node, *node.find_all(id=True)]
        if element.get("id")
    }
    page_url = edition.page.removesuffix("index.html")

    for chapter, part in zip(book.chapters, _area_parts(content), strict=True):

        def link(href: str) -> str | None:
            return _link(href, where, page_url, site_url)

        def image(src: str) -> str | None:
            return _image(src, site, page_url, book)

        chapter.body = xhtml.serialize(part, link, image)
        chapter.has_svg = "<svg" in chapter.body
    _write_archive(book, edition, built, site_url, target)


def _split_by_area(content: Tag) -> list[Chapter]:
    chapters = []
    for number, part in enumerate(_area_parts(content), start=1):
        heading = part[0]
        lessons = [
            (xhtml.safe_id(h3["id"]), _text(h3))
            for node in part[1:]
            if isinstance(node, Tag)
            for h3 in node.select('h3[id^="lesson-"]')
        ]
        area_id = str(heading["id"]).removeprefix("area-")
        chapters.append(Chapter(f"chapter-{number:02d}-{area_id}.xhtml", _text(heading), area_id, lessons))
    return chapters


def _area_parts(content: Tag) -> list[list[Tag]]:
    """The edition's children grouped from one area's h2 to the next."""
    parts: list[list[Tag]] = []
    for node in content.children:
        if not isinstance(node, Tag):
            continue
        if node.name == "h2" and str(node.get("id", "")).startswith("area-"):
            parts.append([node])
        elif parts:
            parts[-1].append(node)
    return parts


def _text(node: Tag) -> str:
    return node.get_text(" ", strip=True).replace("\N{PILCROW SIGN}", "").strip()


def _link(href: str, where: dict[str, str], page_url: str, site_url: str) -> str | None:
    if href.startswith("#"):
        target = xhtml.safe_id(href[1:])
        chapter = where.get(target)
        return f"{chapter}#{target}" if chapter else None
    if href.startswith(("http://", "https://", "mailto:")):
        return href
    if ":" in href.split("/")[0] or href.startswith("/"):
        return None
    path, fragment = urldefrag(href)
    resolved = posixpath.normpath(posixpath.join(page_url, path))
    if resolved in {".", ""}:
        resolved = ""
    elif path.endswith("/"):
        resolved += "/"
    return site_url + resolved + (f"#{fragment}" if fragment else "")


def _image(src: str, site: Path, page_url: str, book: _Book) -> str | None:
    if not src or src.startswith(("http:", "https:", "data:", "/")):
        return None  # a book carries its images; nothing is fetched when it is read
    path = (site / posixpath.normpath(posixpath.join(page_url, urldefrag(src)[0]))).resolve()
    media_type = _IMAGE_TYPES.get(path.suffix.lower())
    if media_type is None or not path.is_file() or site.resolve() not in path.parents:
        return None
    data = path.read_bytes()
    name = f"images/{hashlib.sha256(data).hexdigest()[:16]}{path.suffix.lower()}"
    book.images[name] = (media_type, data)
    return name


def _write_archive(book: _Book, edition: Edition, built: datetime.datetime, site_url: str, target: Path) -> None:
    title = f"Backend Skills: {edition.title}"
    files: dict[str, bytes] = {
        "OEBPS/style.css": (_HERE / "epub.css").read_bytes(),
        "OEBPS/cover.xhtml": _page(title, _cover(edition, built, site_url)).encode(),
        "OEBPS/nav.xhtml": _page("Contents", _navigation(book)).encode(),
    }
    for chapter in book.chapters:
        files[f"OEBPS/{chapter.file}"] = _page(chapter.title, chapter.body).encode()
    for name, (_, data) in book.images.items():
        files[f"OEBPS/{name}"] = data
    files["OEBPS/content.opf"] = _package(book, edition, title, built).encode()
    stamp = built.timetuple()[:6]

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, stamp)
        info.external_attr = 0o644 << 16  # readable by all once unpacked
        return info

    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(entry("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        archive.writestr(entry("META-INF/container.xml"), _CONTAINER, zipfile.ZIP_DEFLATED)
        for name in sorted(files):
            archive.writestr(entry(name), files[name], zipfile.ZIP_DEFLATED)


def _page(title: str, body: str) -> str:
    return _XHTML_HEAD.format(title=escape(title)) + body + _XHTML_TAIL


def _cover(edition: Edition, built: datetime.datetime, site_url: str) -> str:
    return (
        '<section class="bs-cover" epub:type="titlepage">'
        '<p class="bs-brand">Backend Skills</p>'
        f"<h1>{escape(edition.title)}</h1>"
        f"<p>Built on {built.date().isoformat()} from <a href={quoteattr(site_url)}>{escape(site_url)}</a>, "
        "where every lesson is also online, with its exercises to run.</p>"
        "<p>Text under CC BY-SA 4.0, code under the MIT license.</p>"
        "</section>"
    )


def _navigation(book: _Book) -> str:
    items = []
    for chapter in book.chapters:
        lessons = "".join(
            f"<li><a href={quoteattr(f'{chapter.file}#{lesson_id}')}>{escape(name)}</a></li>"
            for lesson_id, name in chapter.lessons
        )
        inner = f"<ol>{lessons}</ol>" if lessons else ""
        items.append(f"<li><a href={quoteattr(chapter.file)}>{escape(chapter.title)}</a>{inner}</li>")
    first = book.chapters[0].file
    return (
        '<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>' + "".join(items) + "</ol></nav>"
        '<nav epub:type="landmarks" hidden="hidden"><ol>'
        '<li><a epub:type="cover" href="cover.xhtml">Cover</a></li>'
        '<li><a epub:type="toc" href="nav.xhtml">Contents</a></li>'
        f'<li><a epub:type="bodymatter" href="{first}">Lessons</a></li>'
        "</ol></nav>"
    )


def _package(book: _Book, edition: Edition, title: str, built: datetime.datetime) -> str:
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"backend-skills:{edition.slug}:{built.isoformat()}")
    items = [
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>',
        '<item id="style" href="style.css" media-type="text/css"/>',
    ]
    spine = ['<itemref idref="cover"/>', '<itemref idref="nav"/>']
    for number, chapter in enumerate(book.chapters, start=1):
        properties = ' properties="svg"' if chapter.has_svg else ""
        items.append(
            f'<item id="chapter-{number}" href="{chapter.file}" media-type="application/xhtml+xml"{properties}/>'
        )
        spine.append(f'<itemref idref="chapter-{number}"/>')
    for number, (name, (media_type, _)) in enumerate(sorted(book.images.items()), start=1):
        items.append(f'<item id="image-{number}" href="{name}" media-type="{media_type}"/>')
    modified = built.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="en">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id">urn:uuid:{identifier}</dc:identifier>
<dc:title>{escape(title)}</dc:title>
<dc:language>en</dc:language>
<dc:creator>Backend Skills contributors</dc:creator>
<dc:rights>Text under CC BY-SA 4.0, code under the MIT license</dc:rights>
<dc:date>{built.date().isoformat()}</dc:date>
<meta property="dcterms:modified">{modified}</meta>
</metadata>
<manifest>
{chr(10).join(items)}
</manifest>
<spine>
{chr(10).join(spine)}
</spine>
</package>
"""
