"""The search index's records: what each page contributes to Pagefind's index.

What is indexed is a copy of each page's article, never the served HTML, so the marks Pagefind reads cost
readers nothing:

- only the lesson body: the tags, the edit button, heading permalinks, code blocks and diagrams are left
  out, and so are the print edition, the tags page, the Topics A-Z page and the 404 page;
- one record per section (h1 to h3, each with its text up to the next heading), whose meta carries the
  page's title and the section's anchor: a result's fragment is then about a kilobyte, where a whole
  lesson's is five to ten, and search.js groups the sections by page again;
- a lesson's title weighs most; overview and reference pages weigh less than lessons, so a query lands
  on the lesson that teaches it rather than on every page that lists its title;
- each glossary term is its own record pointing at its anchor, instead of one page that matches
  everything;
- each product of the products page answers to its name and other names (`MSSQL`), like a topic;
- the other names of what a section teaches are added to it: every topic's title and aliases in
  data/topics.yml (`SSL` for the TLS section, `k8s` for Kubernetes), and the few other spellings and
  abbreviations of data/search/vocabulary.yml (`OAuth2`, `SQLi`); they are also the section's `aka` meta,
  with which search.js ranks a section named after the query above one that mentions it. So is the other
  spelling of every British or US word it uses (normalise and normalize), so both spellings find it;
- filters (skill area, level) and the lesson title come from validated front matter and data.
"""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

from macros.model.catalog import Catalog
from macros.model.schema import LEVEL_LABELS
from macros.search import inventory

# Pages that would match everything or repeat other pages: the print edition and the tags index.
# The Topics A-Z page names every topic and alias: like the tags index it would match every query, so its
# words lead to the sections it links instead (macros/search/records.py takes them from data/topics.yml).
EXCLUDED = {"print.md", "tags.md", "topics.md"}
EXCLUDED_FOLDERS = ("print/",)  # the print edition of each area (docs/print/<area>.md)
GLOSSARY = "glossary.md"
PRODUCTS_PAGE = "products"  # docs/products.md: one h3 section per product, its id the anchor
# Pagefind's default weights are h1 7, h2 6, h3 5 ... and 1 for text; a lesson's title weighs most.
LESSON_TITLE_WEIGHT = "10"
SYNONYM_WEIGHT = "10"
# Overview and reference pages (area indexes, checklists, hiring guide, home) repeat the titles of the
# lessons they list: their text counts a fraction of a lesson's.
REFERENCE_WEIGHT = "0.3"
GLOSSARY_TERM_WEIGHT = "1"
GLOSSARY_TEXT_WEIGHT = "0.2"

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*)</article>', re.S)
_TAGS = re.compile(r'<nav class="md-tags".*?</nav>', re.S)
_EDIT = re.compile(r'<a [^>]*class="md-content__button md-icon".*?</a>', re.S)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
# Led by the space before the attribute, so the regex engine jumps between its occurrences instead of trying
# every position of the page (a leading `\b` made it a fifth of the records' time).
_EXCLUDE = re.compile(r" data-search-exclude(?=[\s>=/])")
_SLASHED_INITIALS = re.compile(r"\b([A-Za-z])/([A-Za-z])\b")
_PREREQUISITES = re.compile(r'<p class="bs-lesson-header__prereq">')
_PROGRESS = re.compile(r'<p class="bs-progress-toggle"')
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z]+")


class SearchRecords:
    """Turns built pages into index records, with what the catalog adds to them (computed once a build)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.areas = {area.id: area.title for area in catalog.skills.areas}
        # lesson ref -> section anchor ("" for the page) -> words readers type
        self.synonyms: dict[str, dict[str, list[str]]] = {}
        for synonym in catalog.synonyms:
            self.synonyms.setdefault(synonym.lesson, {}).setdefault(synonym.section or "", []).extend(synonym.terms)
        # The topic inventory names each topic's teaching sections: its title and aliases find them.
        for topic in catalog.topics.topics if catalog.topics else ():
            for section in topic.sections:
                ref, _, anchor = section.partition("#")
                self.synonyms.setdefault(ref, {}).setdefault(anchor, []).extend([topic.title, *topic.aliases])
        # Each product is its own result: its section on the products page answers to its name and the names
        # readers also use (MSSQL for SQL Server), as a topic's section does to the topic's aliases.
        for family in catalog.products.values():
            for product in family.products:
                self.synonyms.setdefault(PRODUCTS_PAGE, {}).setdefault(product.id, []).extend(
                    [product.name, *product.also]
                )
        pairs = list(catalog.spellings)
        self.spellings = OtherSpellings(pairs + [(us, uk) for uk, us in pairs])

    def filters(self) -> dict[str, list[str]]:
        """The filter choices, for the search box: known at build time, so the browser need not download
        Pagefind's filter index to list them."""
        return {"area": list(self.areas.values()), "level": list(LEVEL_LABELS.values())}

    def write_box_files(self, site: Path, built: list[tuple[str, str, str, str]]) -> None:
        """The word lists and the topic inventory the search box reads (macros/search/inventory.py);
        `built` holds each built page's (source path, URL, title, HTML)."""
        inventory.write(self.catalog, site, {src_uri: url for src_uri, url, _, _ in built})

    def for_page(self, src_uri: str, url: str, title: str, output: str) -> list[str]:
        """The records of one built page (`output` is its whole HTML); none for pages left out."""
        if src_uri in EXCLUDED or src_uri.startswith(EXCLUDED_FOLDERS) or src_uri == "404.md":
            return []
        if src_uri == GLOSSARY:
            return self.glossary_records(url)
        match = _ARTICLE.search(output)
        return [] if match is None else self.page_records(src_uri, url, title, match["body"])

    def page_records(self, src_uri: str, page_url: str, page_title: str, article: str) -> list[str]:
        """One record per heading (h1 to h3), each with the text up to the next.

        A record per section keeps each result's fragment (what the browser downloads to show a result) to
        a kilobyte or so, where a whole lesson is five to ten; the browser groups sections by page again.
        """
        ref = src_uri.removesuffix(".md")
        lesson = self.catalog.lessons.get(ref)
        body = _PERMALINK.sub("", _EDIT.sub("", _TAGS.sub("", article)))
        body = _EXCLUDE.sub(" data-pagefind-ignore", body)
        body = _PREREQUISITES.sub('<p class="bs-lesson-header__prereq" data-pagefind-ignore>', body)
        body = _PROGRESS.sub('<p data-pagefind-ignore class="bs-progress-toggle"', body)
        synonyms = self.synonyms.get(ref, {})
        body = with_extra_words(body, synonyms, self.spellings)
        marks = [_filter("kind", "lesson" if lesson else "page")]
        area = ref.split("/", 1)[0]
        if area in self.areas:
            marks.append(_filter("area", self.areas[area]))
        if lesson:
            marks.append(_filter("level", LEVEL_LABELS[lesson.meta.level]))
            body = body.replace("<h1 ", f'<h1 data-pagefind-weight="{LESSON_TITLE_WEIGHT}" ', 1)
        title = lesson.meta.title if lesson else page_title
        records = []
        for anchor, heading, section in split_sections(body):
            url = page_url + (f"#{anchor}" if anchor else "")
            meta = [_meta("title", title), _meta("url", url)]
            if anchor:
                meta.append(_meta("section", heading))
            # The names of the topics this section teaches (and the page's other names, on its own record):
            # search.js ranks a section named after the query above one that mentions it.
            aka = _unique(synonyms.get(anchor, []))
            if aka:
                meta.append(_meta("aka", " · ".join(aka)))
            text = section if lesson else f'<div data-pagefind-weight="{REFERENCE_WEIGHT}">{section}</div>'
            records.append(_document("".join(marks + meta) + text))
        return records

    def glossary_records(self, glossary_url: str) -> list[str]:
        """One record per glossary term, each pointing at the term's anchor on the glossary page."""
        records = []
        for term in self.catalog.glossary:
            anchor = f"term-{term.anchor}"
            name = f"{term.abbr} ({term.term})" if term.abbr else term.term
            marks = [_filter("kind", "glossary"), _meta("url", f"{glossary_url}#{anchor}")]
            if term.lesson and term.lesson.split("/", 1)[0] in self.areas:
                marks.append(_filter("area", self.areas[term.lesson.split("/", 1)[0]]))
            body = (
                f'<h1 data-pagefind-weight="{GLOSSARY_TERM_WEIGHT}">{html.escape(name)}</h1>'
                f'<p data-pagefind-weight="{GLOSSARY_TEXT_WEIGHT}">Glossary: {html.escape(term.definition)}</p>'
            )
            records.append(_document("".join(marks) + body))
        return records


# Found with finditer and cut by hand, not split at a look-ahead: a pattern led by a look-ahead is tried at
# every position of the page.
_SECTION_START = re.compile(r'<h[123] id="[^"]+"')
_SECTION_HEADING = re.compile(r'<h([123]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def split_sections(body: str) -> list[tuple[str, str, str]]:
    """(anchor, heading text, html) per section; the page's own section (its h1 and intro) has no anchor."""
    sections: list[tuple[str, str, str]] = []
    starts = [0, *(match.start() for match in _SECTION_START.finditer(body)), len(body)]
    for part in (body[start:end] for start, end in itertools.pairwise(starts)):
        heading = _SECTION_HEADING.match(part)
        if heading is None or heading[1] == "1" or not sections:
            # Text before the first heading, the h1 and its intro belong to the page itself.
            previous = sections.pop()[2] if sections else ""
            sections.append(("", "", previous + part))
        else:
            # Inline markup in a heading (`<code>`, a glossary `<abbr>`) joins its text: `HTTP/2`, not `HTTP /2`.
            sections.append((heading[2], " ".join(html.unescape(_TAG.sub("", heading[3])).split()), part))
    return [section for section in sections if _plain(section[2]).strip()]


def with_extra_words(body: str, synonyms: dict[str, list[str]], spellings: OtherSpellings) -> str:
    """Add, section by section, the words readers type for it and the other spelling of the words it uses.

    The additions follow the heading they belong to, so Pagefind files them under that section (its
    result links to the heading's anchor); words added for a heading weigh as much as the heading.
    """
    parts = _HEADING.split(body)
    # parts: [before, level, id, rest, level, id, rest, ...]; `rest` starts inside the heading tag.
    out = [parts[0]]
    for index in range(1, len(parts), 3):
        level, anchor, rest = parts[index], parts[index + 1], parts[index + 2]
        heading_end = rest.find(f"</h{level}>") + len(f"</h{level}>")
        heading, text = rest[:heading_end], rest[heading_end:]
        weight = "7" if level == "1" else str(max(2, 8 - int(level)))
        words = list(synonyms.get("" if level == "1" else anchor, []))
        named = _plain(heading) + " " + " ".join(words)
        extra_heading = spellings.variants(named) + _joined_initials(named)
        out.append(f'<h{level} id="{anchor}"{heading}')
        if words:
            out.append(_paragraph(words, SYNONYM_WEIGHT))
        if extra_heading:
            out.append(_paragraph(extra_heading, weight))
        out.append(text)
        extra_text = spellings.variants(_plain(text))
        if extra_text:
            out.append(_paragraph(extra_text, "1"))
    return "".join(out)


def _joined_initials(text: str) -> list[str]:
    """`I/O` and `A/B` as one word (`io`, `ab`): search.js asks for them so, since Pagefind splits at `/`
    and a one-letter word matches every word with that initial."""
    return sorted({f"{first}{second}".lower() for first, second in _SLASHED_INITIALS.findall(text)})


class OtherSpellings:
    """The other spelling of each word that starts with a stem of a (stem, other stem) pair: `modelling`
    gives `modeling` for the pair (`modell`, `model`)."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        # Grouped by a stem's first letters, each word is checked against a few stems instead of all of them
        # (this ran 7 million comparisons a build); each word's answer is kept, since pages share most words.
        self.by_start: dict[str, list[tuple[str, str]]] = {}
        for stem, other in pairs:
            self.by_start.setdefault(stem[:_STEM_START], []).append((stem, other))
        self.known: dict[str, str | None] = {}

    def of(self, word: str) -> str | None:
        if word not in self.known:
            # The longest stem only: `modelling` is `modell` + `ing` (so `modeling`), not `model` + `ling`.
            stems = [
                (stem, other) for stem, other in self.by_start.get(word[:_STEM_START], ()) if word.startswith(stem)
            ]
            stem, other = max(stems, key=lambda pair: len(pair[0])) if stems else ("", None)
            self.known[word] = None if other is None else other + word[len(stem) :]
        return self.known[word]

    def variants(self, text: str) -> list[str]:
        """The other spelling of every word in `text` that has one."""
        return sorted({other for word in set(_WORD.findall(text.lower())) if (other := self.of(word))})


_STEM_START = 3  # the shortest stem the schema allows (macros/model/schema.py, SpellingStem)


def _unique(names: list[str]) -> list[str]:
    """The names without repeats, ignoring case, in their order."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.lower(), name)
    return list(seen.values())


def _plain(fragment: str) -> str:
    return html.unescape(_TAG.sub(" ", fragment))


def _paragraph(words: list[str], weight: str) -> str:
    return f'<p data-pagefind-weight="{weight}">{html.escape(" · ".join(words))}</p>'


def _filter(name: str, value: str) -> str:
    # The value is read from an attribute, so commas in area titles need no escaping.
    return f'<span data-pagefind-filter="{name}[data-value]" data-value="{html.escape(value)}"></span>'


def _document(body: str) -> str:
    main = f"<main data-pagefind-body>{body}</main>"
    return f'<!doctype html><html lang="en"><head></head><body>{main}</body></html>'


def _meta(name: str, value: str) -> str:
    return f'<span data-pagefind-meta="{name}[data-value]" data-value="{html.escape(value)}"></span>'
