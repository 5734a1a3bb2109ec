"""The two small files the search box reads besides Pagefind's index (docs/assets/javascripts/search.js).

- `assets/search/words.json`: the word lists of macros/search/words.py, so the browser drops the words the
  tests that measure search drop. Under a kilobyte, fetched with Pagefind when the search box opens.
- `assets/search/topics.json`: every topic of data/topics.yml (its title, the URL of the first section
  that teaches it, its other names) and the skill areas, for a query that finds nothing: the box then
  offers the nearest topics. About 17 KB gzip, fetched only then.

Written after the build (the plugin's on_post_build), when every page's URL is known.
"""

from __future__ import annotations

import json
from pathlib import Path

from macros.model.catalog import Catalog
from macros.search.words import COMPARISON_WORDS, FRAMING_WORDS, FUNCTION_WORDS, QUESTION_OPENERS

WORDS_FILE = "assets/search/words.json"
TOPICS_FILE = "assets/search/topics.json"


def words_json() -> str:
    lists = {"function": FUNCTION_WORDS, "framing": FRAMING_WORDS}
    lists |= {"openers": QUESTION_OPENERS, "comparisons": COMPARISON_WORDS}
    return _compact({name: sorted(words) for name, words in lists.items()})


def topics_json(catalog: Catalog, urls: dict[str, str]) -> str:
    """`urls` maps each built page's source path (`security/sql-injection.md`) to its site URL."""
    indexes = {area.title: f"{area.id}/index.md" for area in catalog.skills.areas}
    areas = [[title, urls[index]] for title, index in indexes.items() if index in urls]
    topics = []
    for topic in catalog.topics.topics if catalog.topics else ():
        ref, _, anchor = topic.sections[0].partition("#")
        if f"{ref}.md" in urls:
            topics.append([topic.title, f"{urls[f'{ref}.md']}#{anchor}", *topic.aliases])
    return _compact({"areas": areas, "topics": topics})


def write(catalog: Catalog, site: Path, urls: dict[str, str]) -> None:
    folder = site / WORDS_FILE.rsplit("/", 1)[0]
    folder.mkdir(parents=True, exist_ok=True)
    (site / WORDS_FILE).write_text(words_json(), encoding="utf-8")
    (site / TOPICS_FILE).write_text(topics_json(catalog, urls), encoding="utf-8")


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
