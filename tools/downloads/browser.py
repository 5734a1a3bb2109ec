"""Chromium through Playwright: Debian's /usr/bin/chromium where it is installed (this machine, .ci/run),
otherwise the browser Playwright installed (GitHub's runners: `playwright install chromium`)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A headless browser; `BS_CHROMIUM` names another executable."""
    from playwright.sync_api import sync_playwright

    chosen = os.environ.get("BS_CHROMIUM") or (str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.exists() else None)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chosen, headless=True, args=_ARGS)
        try:
            yield browser
        finally:
            browser.close()
