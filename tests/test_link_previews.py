"""Link previews: Open Graph and Twitter card tags on every page, absolute and escaped, with one committed
1200 x 630 PNG card per skill area (drawn by scripts/make_previews.py)."""

from __future__ import annotations

import html
import re
import struct
from pathlib import Path

import pytest
import yaml

from tests.browser import CHROMIUM
from tests.conftest import ROOT, copy_project, require_tool, run_build

SITE_URL = re.search(r"(?m)^site_url: (\S+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))[1]
PREVIEWS = ROOT / "docs" / "assets" / "previews"
META = re.compile(r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)">')


def preview_tags(page: Path) -> dict[str, str]:
    return {name: html.unescape(content) for name, content in META.findall(page.read_text(encoding="utf-8"))}


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_a_lesson_previews_as_an_article_with_its_area_card(built_site: Path) -> None:
    tags = preview_tags(built_site / "security" / "sql-injection" / "index.html")
    assert tags == {
        "og:type": "article",
        "og:site_name": "Backend Skills",
        "og:title": "Preventing SQL injection",
        "og:description": (
            "Why SQL built from strings is exploitable, and how bound parameters and allow-lists close the hole."
        ),
        "og:url": SITE_URL + "security/sql-injection/",
        "og:image": SITE_URL + "assets/previews/security.png",
        "og:image:type": "image/png",
        "og:image:width": "1200",
        "og:image:height": "630",
        "twitter:card": "summary_large_image",
    }


def test_the_home_page_previews_as_the_site(built_site: Path) -> None:
    tags = preview_tags(built_site / "index.html")
    assert tags["og:type"] == "website"
    assert tags["og:title"] == "Backend Skills"
    assert tags["og:url"] == SITE_URL
    assert tags["og:image"] == SITE_URL + "assets/previews/site.png"
    assert tags["og:description"].startswith("An open, tested curriculum")
    assert tags["twitter:card"] == "summary_large_image"


def test_every_page_has_previews_whose_image_is_published(built_site: Path) -> None:
    pages = [page for page in built_site.rglob("index.html") if "served" not in page.parts]
    assert len(pages) > 50
    for page in pages:
        tags = preview_tags(page)
        assert {"og:title", "og:description", "og:url", "og:image", "og:site_name", "twitter:card"} <= set(tags), page
        assert tags["og:url"].startswith(SITE_URL) and tags["og:image"].startswith(SITE_URL), page
        assert (built_site / tags["og:image"].removeprefix(SITE_URL)).is_file(), page


def test_each_area_has_a_card_of_the_size_previews_use() -> None:
    areas = [area["id"] for area in yaml.safe_load((ROOT / "data" / "skills.yml").read_text())["areas"]]
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = re.search(r"preview_areas: \[([^\]]*)\]", mkdocs)
    assert listed and [a.strip() for a in listed.group(1).split(",")] == areas, (
        "mkdocs.yml extra.preview_areas must list data/skills.yml's areas, in order"
    )
    for name in [*areas, "site"]:
        card = PREVIEWS / f"{name}.png"
        assert card.is_file(), f"{card} is missing: run `make previews`"
        assert png_size(card) == (1200, 630), card


def test_contributor_text_reaches_the_tags_escaped(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    lesson = project / "docs" / "security" / "sql-injection.md"
    # Markup itself is refused at load time (core/plain_text.py); these characters are allowed and need escaping.
    hostile = 'Bound "params" & 1 < 2 close the hole.'
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(re.sub(r"(?m)^description: .*$", f"description: '{hostile}'", text, count=1), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "security" / "sql-injection" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:description" content="Bound &#34;params&#34; &amp; 1 &lt; 2 close the hole.">' in page
    previews = [tag for tag in re.findall(r"<meta [^>]*>", page) if "og:" in tag or "twitter:" in tag]
    assert len(previews) == 10 and not any('"params"' in tag or " < " in tag for tag in previews)


@pytest.mark.browser
def test_the_card_script_draws_every_card_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_tool(CHROMIUM, "Chromium (/usr/bin/chromium)")
    from scripts import make_previews

    monkeypatch.setattr(make_previews, "OUT", tmp_path)
    make_previews.main()
    drawn = sorted(path.name for path in tmp_path.glob("*.png"))
    assert drawn == sorted(path.name for path in PREVIEWS.glob("*.png"))
    assert all(png_size(tmp_path / name) == (1200, 630) for name in drawn)
