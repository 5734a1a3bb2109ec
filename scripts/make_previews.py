"""Draw the link-preview images (Open Graph, 1200 x 630 PNG): one per skill area, and one for every other page.

    .venv/bin/python scripts/make_previews.py        # or: make previews

The images are committed, so building the site needs no browser. This script draws each card as HTML
with the area's own icon (from Material's bundled icon set) and takes a screenshot in Debian's Chromium
through Playwright, with every network request refused. Run it again when an area is added or renamed;
tests/test_link_previews.py fails until an area has its image. Area ids and titles come from
data/skills.yml; which pages use which image is decided in overrides/partials/link-previews.html.
"""

from __future__ import annotations

import html
import sys
import tempfile
from pathlib import Path

import material
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT = ROOT / "docs" / "assets" / "previews"
ICONS = Path(material.__file__).parent / "templates" / ".icons"
SIZE = {"width": 1200, "height": 630}
SITE = "site"  # the image for pages outside any area (home, paths, glossary...)

CARD = """<!doctype html><html><head><meta charset="utf-8"><style>
  html, body {{ margin: 0; width: 1200px; height: 630px; }}
  body {{ box-sizing: border-box; padding: 72px 80px; display: flex; flex-direction: column;
         justify-content: space-between; background: #4051b5; color: #fff;
         font-family: "DejaVu Sans", sans-serif; }}
  .site {{ font-size: 34px; font-weight: bold; letter-spacing: 0.02em; opacity: 0.9; }}
  .title {{ display: flex; align-items: center; gap: 36px; }}
  .title svg {{ width: 132px; height: 132px; fill: #fff; flex: none; }}
  h1 {{ margin: 0; font-size: 76px; line-height: 1.1; }}
  p {{ margin: 0; font-size: 30px; line-height: 1.35; opacity: 0.92; max-width: 1000px; }}
</style></head><body>
  <div class="site">Backend Skills</div>
  <div class="title">{icon}<h1>{title}</h1></div>
  <p>{summary}</p>
</body></html>"""


def icon_svg(name: str) -> str:
    """The inline SVG of a Material icon such as `material/web`, as mkdocs-material ships it."""
    path = ICONS / f"{name}.svg"
    if not path.is_file():
        raise SystemExit(f"icon {name!r} not found in mkdocs-material's icon set ({ICONS})")
    return path.read_text(encoding="utf-8")


def cards() -> dict[str, str]:
    skills = yaml.safe_load((ROOT / "data" / "skills.yml").read_text(encoding="utf-8"))
    pages = {
        SITE: CARD.format(
            icon=icon_svg("material/server-network"),
            title="An open, tested curriculum",
            summary="For backend developers, from how HTTP works to hiring a team.",
        )
    }
    for area in skills["areas"]:
        pages[area["id"]] = CARD.format(
            icon=icon_svg(area["icon"]), title=html.escape(area["title"]), summary=html.escape(area["summary"])
        )
    return pages


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, viewport=SIZE
        )
        context.route("**/*", lambda route: route.abort())  # the cards are self-contained: no request leaves
        page = context.new_page()
        for name, card in cards().items():
            page.set_content(card)
            page.screenshot(path=str(OUT / f"{name}.png"), clip={"x": 0, "y": 0, **SIZE})
            print(f"docs/assets/previews/{name}.png")
        context.close()


if __name__ == "__main__":
    main()
