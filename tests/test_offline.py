"""Offline reading in Chromium with the network cut (`context.set_offline(True)`): the worker (overrides/sw.js,
published as sw.js) and its page script (docs/assets/javascripts/offline.js).

The site is served under its published base path, as on GitHub Pages, from a folder whose build can be
swapped for another while the same origin keeps serving: that is how a reader meets a new build.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser import chromium
from tests.site_audit import site_base_path
from tools.downloads.serve import serve

pytestmark = pytest.mark.browser

LESSON = "security/sql-injection/"
UNVISITED = "databases/transactions/"
PREFIX = "backend-skills-offline-"
_VERSION = re.compile(r'(<meta name="bs-offline" content=")([^"]+)(")')


@pytest.fixture
def served(built_site: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(base URL, the link under the served root that names the build being served)."""
    root = tmp_path / "root"
    base = site_base_path()
    current = root / base.strip("/") if base.strip("/") else root / "site"
    current.parent.mkdir(parents=True, exist_ok=True)
    current.symlink_to(built_site, target_is_directory=True)
    with serve(root) as origin:
        yield origin.rstrip("/") + (base if base.strip("/") else "/site/"), current


@pytest.fixture
def context(tmp_path: Path) -> Iterator[Any]:
    with chromium(tmp_path) as browser_context:
        yield browser_context


def cache_names(page: Any) -> list[str]:
    return page.evaluate(f"async () => (await caches.keys()).filter(n => n.startsWith('{PREFIX}')).sort()")


def kept_urls(page: Any) -> list[str]:
    return page.evaluate(
        f"""async () => {{
          const urls = [];
          for (const name of await caches.keys()) {{
            if (!name.startsWith('{PREFIX}')) continue;
            for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
          }}
          return urls.sort();
        }}"""
    )


def wait_until_kept(page: Any, url: str) -> None:
    """The worker keeps a first visit's page after it starts: wait for it (a few hundred milliseconds)."""
    for _ in range(100):
        if url in kept_urls(page):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{url} was never kept; kept: {kept_urls(page)}")


def test_a_visited_page_reloads_offline_and_an_unvisited_one_says_plainly_it_is_not_kept(
    served: tuple[str, Path], context: Any
) -> None:
    base, _ = served
    page = context.new_page()
    foreign: list[str] = []
    origin = urlsplit(base).netloc
    page.on("request", lambda r: foreign.append(r.url) if urlsplit(r.url).netloc not in {origin, ""} else None)
    page.goto(base + LESSON, wait_until="load")
    title = page.locator("h1").first.inner_text()
    wait_until_kept(page, base + LESSON)
    context.set_offline(True)
    page.reload(wait_until="load")
    assert page.locator("h1").first.inner_text() == title
    # The shell came from the kept copy too: Material's style sheet lays out the header.
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
    page.goto(base + UNVISITED, wait_until="load")
    assert page.locator("h1").inner_text() == "You are offline"
    assert "is not kept on this device" in page.locator("main").inner_text()
    kept = page.get_by_role("link", name=title.removesuffix("¶").strip())
    assert kept.count() == 1
    kept.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").first.inner_text() == title
    # Nothing from another origin was asked for, and only this origin's files are kept.
    assert foreign == []
    assert all(urlsplit(url).netloc == origin for url in kept_urls(page))


def test_a_new_build_replaces_the_old_cache(served: tuple[str, Path], context: Any, tmp_path: Path) -> None:
    base, current = served
    page = context.new_page()
    # Two pages read under the old build; after the new one only the first is opened again.
    page.goto(base + UNVISITED, wait_until="load")
    wait_until_kept(page, base + UNVISITED)
    page.goto(base + LESSON, wait_until="load")
    wait_until_kept(page, base + LESSON)
    [first] = cache_names(page)
    # The next build: the same site with a later build time in its pages, as every build stamps it.
    old_build = current.resolve()
    version = _VERSION.search((old_build / LESSON / "index.html").read_text(encoding="utf-8"))
    assert version is not None and first == PREFIX + version[2]
    next_build = tmp_path / "next-build"
    shutil.copytree(old_build, next_build, symlinks=True)
    later = version[2] + "-later"
    for path in next_build.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        path.write_text(_VERSION.sub(lambda m: m[1] + later + m[3], text), encoding="utf-8")
    for changed in (LESSON, UNVISITED):
        path = next_build / changed / "index.html"
        path.write_text(path.read_text(encoding="utf-8").replace("</h1>", " (new build)</h1>", 1), encoding="utf-8")
    current.unlink()
    current.symlink_to(next_build, target_is_directory=True)
    page.reload(wait_until="load")
    assert "(new build)" in page.locator("h1").first.inner_text()  # online, the network answers, never the copy
    for _ in range(100):
        if cache_names(page) == [PREFIX + later] and base + LESSON in kept_urls(page):
            break
        page.wait_for_timeout(100)
    assert cache_names(page) == [PREFIX + later]
    assert base + LESSON in kept_urls(page)  # kept again, in the new build's cache
    context.set_offline(True)
    page.reload(wait_until="load")
    assert "(new build)" in page.locator("h1").first.inner_text()
    # A page kept from the old build and not opened since is kept too, as the new build has it.
    page.goto(base + UNVISITED, wait_until="load")
    assert "(new build)" in page.locator("h1").first.inner_text()


def test_readers_see_what_is_kept_and_can_clear_it(served: tuple[str, Path], context: Any) -> None:
    base, _ = served
    page = context.new_page()
    page.goto(base + LESSON, wait_until="load")
    wait_until_kept(page, base + LESSON)
    page.goto(base + "downloads/", wait_until="load")
    store = page.locator("#bs-offline-store")
    store.get_by_role("link", name="Preventing SQL injection").wait_for()  # the kept page, by its title
    assert f"({LESSON})" in store.inner_text()
    assert re.search(r"Kept on this device: \d+ pages and \d+ other files", store.inner_text())
    store.get_by_role("button", name="Clear the offline copy and stop keeping pages").click()
    page.get_by_text("you turned it off").wait_for()
    assert cache_names(page) == []
    assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    # Turned off, the next page keeps nothing either.
    page.goto(base + LESSON, wait_until="load")
    page.wait_for_timeout(500)
    assert cache_names(page) == []
    context.set_offline(True)
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        page.reload(wait_until="load")
    context.set_offline(False)
    page.goto(base + "downloads/", wait_until="load")
    page.get_by_role("button", name="Keep the pages I open again").click()
    page.get_by_text("Kept on this device").wait_for()
    assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 1


def test_search_says_it_needs_the_network_when_offline(served: tuple[str, Path], context: Any) -> None:
    base, _ = served
    page = context.new_page()
    page.goto(base + LESSON, wait_until="load")
    wait_until_kept(page, base + LESSON)
    context.set_offline(True)
    page.reload(wait_until="load")
    page.keyboard.press("/")
    note = page.locator(".md-search .bs-offline-search")
    note.wait_for()
    assert note.get_attribute("role") == "status"
    assert "You are offline, and search needs the network" in note.inner_text()
    context.set_offline(False)
    page.wait_for_function("() => document.querySelector('.bs-offline-search').hidden")


def test_online_pages_come_from_the_network_and_live_reload_is_left_alone(
    served: tuple[str, Path], context: Any, tmp_path: Path
) -> None:
    """The worker must not serve a stale page to a reader online, nor to `mkdocs serve`'s live reload."""
    base, current = served
    page = context.new_page()
    page.goto(base + LESSON, wait_until="load")
    wait_until_kept(page, base + LESSON)
    edited = tmp_path / "edited"
    shutil.copytree(current.resolve(), edited, symlinks=True)
    lesson = edited / LESSON / "index.html"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("</h1>", " (edited)</h1>", 1), encoding="utf-8")
    current.unlink()
    current.symlink_to(edited, target_is_directory=True)
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.reload(wait_until="load")
    assert "(edited)" in page.locator("h1").first.inner_text()
    page.evaluate("url => fetch(url).catch(() => null)", base + "livereload/1/1")
    page.wait_for_timeout(300)
    reload_channel = [r for r in responses if "/livereload/" in r.url]
    assert reload_channel and not any(r.from_service_worker for r in reload_channel)
    assert any(r.from_service_worker for r in responses if r.url == base + LESSON)  # the worker did see the page
