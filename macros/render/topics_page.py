"""The Topics A-Z page: every inventory topic under its first letter, linked to the sections that teach it.

The output mixes Markdown letter headings (so the page's table of contents and permalinks list the
letters) with one HTML block per letter. Every string from `data/topics.yml` or a lesson is escaped.
"""

from __future__ import annotations

from itertools import groupby

from macros.core.html import link, tag, text_html
from macros.core.urls import UrlFor
from macros.model.catalog import Catalog
from macros.model.schema import LEVEL_LABELS, InventoryTopic

OTHER = "#"  # titles that start with a digit or a symbol


def letter_of(title: str) -> str:
    first = title.lstrip()[:1].upper()
    return first if "A" <= first <= "Z" else OTHER


def letter_anchor(letter: str) -> str:
    return "letter-other" if letter == OTHER else f"letter-{letter.lower()}"


def topics_index(catalog: Catalog, url_for: UrlFor) -> str:
    if catalog.topics is None:
        return tag("p", "No topic inventory yet: add data/topics.yml.", class_="bs-empty")
    ordered = sorted(catalog.topics.topics, key=lambda t: (letter_of(t.title) == OTHER, t.title.casefold()))
    groups = [(letter, list(items)) for letter, items in groupby(ordered, key=lambda t: letter_of(t.title))]
    jump = tag(
        "ul",
        "".join(tag("li", link(_letter_label(letter), f"#{letter_anchor(letter)}")) for letter, _ in groups),
    )
    blocks = [tag("nav", jump, class_="bs-az__jump", aria_label="Topics by letter")]
    areas = {area.id: area.title for area in catalog.skills.areas}
    for letter, topics in groups:
        blocks.append(f"## {_letter_label(letter)} {{#{letter_anchor(letter)}}}")
        items = "".join(_topic(topic, catalog, areas, url_for) for topic in topics)
        blocks.append(tag("ul", items, class_="bs-az__list"))
    return "\n\n".join(blocks) + "\n"


def _letter_label(letter: str) -> str:
    return "0-9" if letter == OTHER else letter


def _topic(topic: InventoryTopic, catalog: Catalog, areas: dict[str, str], url_for: UrlFor) -> str:
    facts = f"{LEVEL_LABELS[topic.level]} · {areas.get(topic.area, topic.area)}"
    parts = [
        tag("span", text_html(topic.title), class_="bs-topic__title"),
        " ",
        tag("span", text_html(facts), class_="bs-topic__facts"),
    ]
    if topic.aliases:
        parts.append(tag("p", "also: " + text_html(", ".join(topic.aliases)), class_="bs-topic__aliases"))
    sections = []
    for target in topic.sections:
        ref, anchor = target.split("#", 1)
        section = catalog.topic_sections.get(target)
        lesson = catalog.lessons.get(ref)
        heading = section.text if section else anchor
        where = f" in {text_html(lesson.meta.title)}" if lesson else ""
        sections.append(
            tag("li", link(heading, f"{url_for(ref)}#{anchor}") + tag("span", where, class_="bs-topic__lesson"))
        )
    parts.append(tag("ul", "".join(sections), class_="bs-topic__sections"))
    return tag("li", "".join(parts), id=f"topic-{topic.id}", class_="bs-topic")
