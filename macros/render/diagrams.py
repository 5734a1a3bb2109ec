"""Mermaid diagrams drawn at build time: each ```mermaid block becomes an inline SVG from a committed cache.

Mermaid needs a browser to lay a diagram out, and drawing in the reader's browser cost every page with a
diagram a megabyte of script and most of a second of main thread on a phone. So diagrams are drawn once,
by `make diagrams` (Chromium through Playwright, with the mermaid version pinned in package.json), and the
SVG is kept in `diagrams/<key>.svg`, where the key hashes the diagram's source, the mermaid version and the
render settings. A changed diagram has a new key, so a stale SVG is never used.

The cache lives outside docs/ on purpose: it is build input, not a file readers download, and writing to
it while `mkdocs serve` watches docs/ would start a rebuild.

How a build treats a diagram with no cached SVG:
- `mkdocs build` (CI, `make test`, `make build`) fails, naming the page and `make diagrams`;
- `mkdocs serve` draws it on the fly into the cache when Playwright and Chromium are there, and otherwise
  shows it drawn by the browser under a visible note (the bundle is served by `mkdocs serve` only);
- `make diagrams` (this module's command line) builds the site once, draws every missing diagram and
  removes cached SVG that no page uses any more.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from macros.core.errors import BuildError
from macros.render.diagram_svg import UnsafeDiagram, prepare

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "diagrams"
BUNDLE = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.min.js"
CHROMIUM = "/usr/bin/chromium"
REFRESH = "make diagrams"
# Pinned in package.json and vendored at BUNDLE; tests/test_diagrams.py checks the three agree.
MERMAID_VERSION = "11.17.2"
# Pure SVG text (no foreignObject with HTML labels), strict security (no click handlers or HTML in
# labels), the neutral greys that diagram_svg maps onto Material's palette, Material's system font stack.
RENDER_SETTINGS: dict[str, Any] = {
    "startOnLoad": False,
    "securityLevel": "strict",
    "theme": "neutral",
    "htmlLabels": False,
    "flowchart": {"htmlLabels": False},
    "fontFamily": "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif",
}
# A block as pymdownx.superfences' custom fence writes it (mkdocs.yml), source HTML-escaped.
BLOCK = re.compile(r'<pre class="mermaid"><code>(?P<source>.*?)</code></pre>', re.S)
# Set by the MkDocs plugin from the command: "build" (cached only), "serve" (draw what is missing),
# "refresh" (`make diagrams`: draw what is missing and prune the rest).
MODE_VARIABLE = "BACKEND_SKILLS_DIAGRAMS"


class DiagramError(BuildError):
    """A diagram the build cannot show: no cached SVG in a build, or mermaid or the sanitizer refused it."""


def normalize(source: str) -> str:
    return "\n".join(line.rstrip() for line in textwrap.dedent(source).strip().splitlines())


def diagram_key(source: str) -> str:
    material = json.dumps([normalize(source), MERMAID_VERSION, RENDER_SETTINGS], sort_keys=True)
    return hashlib.sha256(material.encode()).hexdigest()[:20]


def cache_path(key: str, cache: Path = CACHE) -> Path:
    return cache / f"{key}.svg"


class Renderer:
    """One headless Chromium with the vendored mermaid, started on the first diagram that needs it.

    Playwright's objects belong to the thread that made them, and `make serve` rebuilds in a thread of
    its own: so one thread of this renderer's own makes and uses them all.
    """

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None
        self._page: Any = None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="diagrams")

    @staticmethod
    def available() -> bool:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            return False
        return Path(CHROMIUM).exists() and BUNDLE.exists()

    def render(self, source: str, key: str) -> str:
        return self._thread.submit(self._draw, source, key).result()

    def _draw(self, source: str, key: str) -> str:
        if self._page is None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            self._page = self._browser.new_page()
            self._page.set_content("<!doctype html><html><body></body></html>")
            self._page.add_script_tag(path=str(BUNDLE))
            self._page.evaluate("settings => mermaid.initialize(settings)", RENDER_SETTINGS)
        # Serialized as XML (not innerHTML) so that Python can parse and sanitize it.
        return self._page.evaluate(
            """async ([id, source]) => {
                const { svg } = await mermaid.render(id, source);
                const holder = document.createElement("div");
                holder.innerHTML = svg;
                return new XMLSerializer().serializeToString(holder.firstElementChild);
            }""",
            [f"d{key}", normalize(source)],
        )

    def close(self) -> None:
        if self._browser is not None:
            self._thread.submit(self._close).result()

    def _close(self) -> None:
        self._browser.close()
        self._playwright.stop()
        self._playwright = self._browser = self._page = None


class Diagrams:
    """Replaces the mermaid blocks of each page with inline SVG, as the current command allows."""

    def __init__(self, mode: str, cache: Path = CACHE, renderer: Renderer | None = None) -> None:
        self.mode = mode
        self.cache = cache
        # `make serve` lends one browser to every rebuild (starting Chromium is most of drawing a diagram).
        self._owns_renderer = renderer is None
        self.renderer = renderer or Renderer()
        self.used: set[str] = set()
        self.drawn: list[str] = []
        self.missing: list[str] = []
        self.pending = False  # a page shows a diagram drawn by the browser (serve without Chromium)

    def page(self, content: str, page_path: str, bundle_url: str) -> str:
        counts: dict[str, int] = {}
        self.pending = False

        def replace(match: re.Match[str]) -> str:
            source = html.unescape(match["source"])
            key = diagram_key(source)
            counts[key] = counts.get(key, 0) + 1
            self.used.add(key)
            svg = self._svg(source, key, page_path)
            if svg is None:
                self.pending = True
                return _pending(match["source"])
            dom_id = f"diagram-{key[:12]}" + (f"-{counts[key]}" if counts[key] > 1 else "")
            try:
                drawn = prepare(svg, source, dom_id).html
            except UnsafeDiagram as error:
                raise DiagramError(f"{page_path}: diagrams/{key}.svg: {error}. Run `{REFRESH}`.") from None
            return f'<div class="bs-diagram" data-search-exclude>{drawn}</div>'

        result = BLOCK.sub(replace, content)
        if self.pending:
            result += f'<script src="{html.escape(bundle_url)}" data-diagram-preview></script>'
        return result

    def _svg(self, source: str, key: str, page_path: str) -> str | None:
        path = cache_path(key, self.cache)
        if path.exists():
            return path.read_text(encoding="utf-8")
        if self.mode == "build":
            # Reported together once every page is built, so the author sees each page that needs one.
            self.missing.append(f"{page_path}: {normalize(source).splitlines()[0][:60]!r}... (key {key})")
            return None
        if not Renderer.available():
            return None
        try:
            svg = self.renderer.render(source, key)
        except Exception as error:  # mermaid's own message says what is wrong with the source
            raise DiagramError(f"{page_path}: mermaid could not draw a diagram: {error}") from None
        self.cache.mkdir(exist_ok=True)
        path.write_text(svg + "\n", encoding="utf-8")
        self.drawn.append(key)
        return svg

    def finish(self) -> list[str]:
        """Close the browser unless lent; in refresh mode, delete cached SVG that no page used. Returns removed keys."""
        if self._owns_renderer:
            self.renderer.close()
        if self.missing:
            listing = "\n".join(f"  {entry}" for entry in self.missing)
            raise DiagramError(
                f"mermaid diagrams with no up-to-date SVG in diagrams/:\n{listing}\n"
                f"Run `{REFRESH}` (it draws them with Chromium) and commit diagrams/."
            )
        removed = []
        if self.mode == "refresh":
            for path in sorted(self.cache.glob("*.svg")):
                if path.stem not in self.used:
                    path.unlink()
                    removed.append(path.stem)
        return removed


def _pending(escaped_source: str) -> str:
    return (
        '<div class="bs-diagram bs-diagram--pending" data-search-exclude>'
        '<p class="bs-diagram__note">Preview: this diagram has no drawn SVG yet, so your browser draws it. '
        f"Run <code>{REFRESH}</code> and commit <code>diagrams/</code>.</p>"
        f'<pre class="bs-diagram__source"><code>{escaped_source}</code></pre></div>'
    )


# A ```mermaid fence in a Markdown file, at any indentation (inside an admonition or a tab).
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})mermaid[ \t]*\n(?P<source>.*?)^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S
)


def diagram_sources(root: Path = ROOT) -> list[tuple[str, str]]:
    """(where, source) of every mermaid diagram the site draws: the fences in docs/.

    The build is the authority (a diagram this misses still fails it); this lets a test check the cache
    in a second, without building. Learning paths are not mermaid: macros/render/progress.py draws them.
    """
    found = []
    for page in sorted((root / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{page.relative_to(root)}:{line}", match["source"]))
    return found


def refresh(root: Path = ROOT) -> int:
    """`make diagrams`: build the site once, drawing what is missing and pruning what is unused."""
    if not Renderer.available():
        print(f"{REFRESH} needs Playwright (make test installs it) and Chromium at {CHROMIUM}", file=sys.stderr)
        return 1
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **{MODE_VARIABLE: "refresh"})
    before = {path.name for path in (root / "diagrams").glob("*.svg")}
    with tempfile.TemporaryDirectory(prefix="diagrams-") as site:
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", site]
        result = subprocess.run(command, cwd=root, env=env, check=False)  # noqa: S603 (fixed arguments)
    after = {path.name for path in (root / "diagrams").glob("*.svg")}
    print(f"diagrams/: {len(after - before)} drawn, {len(before - after)} removed, {len(after)} in use")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(refresh())
