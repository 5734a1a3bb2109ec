"""Serve a built site on loopback and drive Debian's Chromium with Playwright (no browser download)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.conftest import require_tool

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path, base_path: str = "/") -> Iterator[str]:
    """Serve `site` so that it appears under `base_path`, as on GitHub Pages."""
    if base_path.strip("/"):
        root = site.parent / "served"
        target = root / base_path.strip("/")
        if target.is_symlink() and target.resolve() != site.resolve():
            target.unlink()  # left over from serving another site from the same parent directory
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(site, target_is_directory=True)
    else:
        root = site  # at the root: the site itself (a "served" folder may hold another base path's link)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(tmp_path: Path) -> Iterator[object]:
    require_tool(CHROMIUM, "Chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield context
        finally:
            context.close()


def show_palette(page: Any, scheme: str) -> None:
    """Switch the open page to a Material palette (`default` or `slate`) with its colours settled at once.

    Material animates colour changes; with transitions off, computed colours are the palette's own.
    """
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
