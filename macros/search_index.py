"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): the site's search index, built with Pagefind.

Pagefind splits the index into chunks and one small fragment per result, so a query downloads a few of
them, whatever the size of the site; Material's own search made every reader download and parse the
whole index (1.2 MB at 60 lessons). The browser side is docs/assets/javascripts/search.js.

What is indexed is a copy of each page's article written to a staging folder, never the served HTML, so
the marks Pagefind reads cost readers nothing:

- only the lesson body: the tags, the edit button, heading permalinks, code blocks and diagrams are left
  out, and so are the print edition, the tags page, the Topics A-Z page and the 404 page;
- one record per section (h1 to h3, each with its text up to the next heading), whose meta carries the
  page's title and the section's anchor: a result's fragment is then about a kilobyte, where a whole
  lesson's is five to ten, and search.js groups the sections by page again;
- a lesson's title weighs most; overview and reference pages weigh less than lessons, so a query lands
  on the lesson that teaches it rather than on every page that lists its title;
- each glossary term is its own record pointing at its anchor, instead of one page that matches
  everything;
- words readers type that a page does not use (data/search/*.yml: `SSL` for the TLS lesson, `k8s` for
  Kubernetes) are added to that page or section, and so is the other spelling of every British or US
  word it uses (normalise and normalize), so both spellings find it;
- filters (skill area, level) and the lesson title come from validated front matter and data.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import logging
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

# MkDocs loads a hook by its file path, before the macros plugin puts the project on the import path.
if str(Path(__file__).resolve().parent.parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.catalog import Catalog
from macros.catalog_cache import load_catalog_once
from macros.errors import SourceError
from macros.generator import Page, PluginError
from macros.search_chunks import IndexLayoutError, rechunk_bundle

OUTPUT = "pagefind"
# Bundles already written, by the hash of everything that shapes them: the same records give the same
# bundle, copied instead of indexed again (1.5 to 2 s). The few most recently used are kept.
INDEX_CACHE = Path(".cache") / "search"
KEEP_INDEXES = 3
# Behind `make serve`, the index is written by processes of the lowest priority (`nice`, set before the
# program starts, so every thread of it has it; a `preexec_fn` is not safe beside the server's threads).
# `make serve` starts the index this long after a rebuild: the browser reloads the page meanwhile without
# Pagefind taking a core from it, and a contributor saving again within it gets one index, not two.
INDEX_SETTLE_SECONDS = 1.0
_LOWEST_PRIORITY = ["nice", "-n", "19"] if shutil.which("nice") else []
# Pages that would match everything or repeat other pages: the print edition and the tags index.
# The Topics A-Z page names every topic and alias: like the tags index it would match every query, so its
# words lead to the sections it links instead (macros/search_index.py takes them from data/topics.yml).
EXCLUDED = {"print.md", "tags.md", "topics.md"}
EXCLUDED_FOLDERS = ("print/",)  # the print edition of each area (docs/print/<area>.md)
GLOSSARY = "glossary.md"
# Pagefind's default weights are h1 7, h2 6, h3 5 ... and 1 for text; a lesson's title weighs most.
LESSON_TITLE_WEIGHT = "10"
SYNONYM_WEIGHT = "6"
# Overview and reference pages (area indexes, checklists, hiring guide, home) repeat the titles of the
# lessons they list: their text counts a fraction of a lesson's.
REFERENCE_WEIGHT = "0.3"
GLOSSARY_TERM_WEIGHT = "1"
GLOSSARY_TEXT_WEIGHT = "0.2"
# The bundle files a site needs; Pagefind also writes its own UIs, which this site does not use.
UNUSED_OUTPUT = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
    "pagefind-worker.js",  # search runs on the page: the worker would cost a download for a few ms of work
    "wasm.unknown.pagefind",  # every page is indexed as English
)

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*)</article>', re.S)
_TAGS = re.compile(r'<nav class="md-tags".*?</nav>', re.S)
_EDIT = re.compile(r'<a [^>]*class="md-content__button md-icon".*?</a>', re.S)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_EXCLUDE = re.compile(r"\bdata-search-exclude\b")
_SLASHED_INITIALS = re.compile(r"\b([A-Za-z])/([A-Za-z])\b")
_PREREQUISITES = re.compile(r'<p class="bs-lesson-header__prereq">')
_PROGRESS = re.compile(r'<p class="bs-progress-toggle"')
_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"')
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z]+")


@dataclass
class _State:
    catalog: Catalog | None = None
    stage: Path | None = None
    areas: dict[str, str] = field(default_factory=dict)
    # lesson ref -> section anchor ("" for the page) -> words readers type
    synonyms: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    spellings: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    serving: bool = False
    # `make serve`: the indexes being written behind the builds, and which is the latest.
    indexing: list[threading.Thread] = field(default_factory=list)
    generation: int = 0
    placing: threading.Lock = field(default_factory=threading.Lock)
    latest: Path | None = None  # a copy of the last index placed in the site
    # The processes writing an index behind the builds; a new save's rebuild stops them (_stop_indexing).
    running: set[subprocess.Popen[str]] = field(default_factory=set)
    cache: Path | None = None  # where bundles are kept by the hash of their records (INDEX_CACHE)
    staged: int = 0
    # `make serve`: each page's records from the last rebuild, by the hash of its HTML and what else they
    # are made from: the areas and spellings (record_inputs, the same for every page), and the page's own
    # lesson title, level and synonyms (or the glossary), so a new title redoes only its lesson's records.
    records: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    record_inputs: str = ""


_state = _State()
log = logging.getLogger(f"mkdocs.hooks.{__name__}")


def on_startup(command: str, **kwargs: Any) -> None:
    _state.serving = command == "serve"


def on_config(config: Any, **kwargs: Any) -> Any:
    if _state.serving:
        _stop_indexing()
    _state.indexing = [job for job in _state.indexing if job.is_alive()]
    root = Path(config["config_file_path"]).parent
    _state.cache = root / INDEX_CACHE
    try:
        catalog = load_catalog_once(root, Path(config["docs_dir"]))
    except SourceError as error:  # the macros plugin reports the same problems; fail the same way here
        raise PluginError(error.report()) from None
    _reset(catalog)
    # The filter choices, for the search box (partials/search.html): known at build time, so the browser
    # need not download Pagefind's filter index to list them.
    levels = ["Beginner", "Intermediate", "Advanced"]
    config["extra"]["search_filters"] = {"area": list(_state.areas.values()), "level": levels}
    return config


def _reset(catalog: Catalog) -> None:
    if _state.stage is not None:
        shutil.rmtree(_state.stage, ignore_errors=True)
    _state.catalog = catalog
    # In memory where the system offers it: 1,200 small files, rewritten on every save in `make serve`.
    shm = Path("/dev/shm")  # noqa: S108 - mkdtemp makes a private folder there
    fast = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    _state.stage = Path(tempfile.mkdtemp(prefix="search-stage-", dir=fast))
    _state.staged = 0
    _state.areas = {area.id: area.title for area in catalog.skills.areas}
    _state.synonyms = {}
    for synonym in catalog.synonyms:
        _state.synonyms.setdefault(synonym.lesson, {}).setdefault(synonym.section or "", []).extend(synonym.terms)
    # The topic inventory names each topic's teaching sections: its title and aliases find them.
    for topic in catalog.topics.topics if catalog.topics else ():
        for section in topic.sections:
            ref, _, anchor = section.partition("#")
            _state.synonyms.setdefault(ref, {}).setdefault(anchor, []).extend([topic.title, *topic.aliases])
    pairs = list(catalog.spellings)
    _state.spellings = pairs + [(us, uk) for uk, us in pairs]
    inputs = repr((_state.areas, _state.spellings))
    _state.record_inputs = hashlib.sha256(inputs.encode()).hexdigest()  # hashed once, not into every page's key


def on_post_page(output: str, page: Page, config: Any, **kwargs: Any) -> str:
    if _state.stage is None or _state.catalog is None:
        return output
    src = page.file.src_uri
    if src in EXCLUDED or src.startswith(EXCLUDED_FOLDERS) or page.file.dest_uri == "404.html":
        return output
    for document in _page_records(output, page):
        _stage(document)
    return output


def _page_records(output: str, page: Page) -> list[str]:
    """The page's records; in `make serve`, those of the last rebuild while its HTML and the catalog are
    the same (a save changes one page; the records of the other hundred cost half a second)."""
    catalog = _state.catalog
    assert catalog is not None
    glossary = page.file.src_uri == GLOSSARY
    match = None if glossary else _ARTICLE.search(output)
    article = "" if match is None else match["body"]
    key = None
    if _state.serving:
        # The article, not the whole page: a new title changes every page's navigation, not its records.
        ref = page.file.src_uri.removesuffix(".md")
        lesson = catalog.lessons.get(ref)
        own = catalog.glossary if glossary else _state.synonyms.get(ref)
        inputs = (_state.record_inputs, lesson and (lesson.meta.title, lesson.meta.level), own)
        key = hashlib.sha256(f"{page.url}\0{page.title}\0{inputs!r}\0{match is None}\0{article}".encode()).hexdigest()
    known = _state.records.get(page.file.src_uri)
    if key is not None and known is not None and known[0] == key:
        return known[1]
    if glossary:
        records = glossary_records(catalog, page.url)
    elif match is None:
        records = []
    else:
        records = index_records(page, article)
    if key is not None:
        _state.records[page.file.src_uri] = (key, records)
    return records


def on_post_build(config: Any, **kwargs: Any) -> None:
    stage, site_dir = _state.stage, Path(config["site_dir"])
    if stage is None:
        return
    _state.stage = None  # the index step owns the staged records now, and removes them
    if not _state.serving:
        _index(stage, site_dir)
        return
    # In `make serve` the browser reloads the page as soon as the build returns; the index (1.5 to 2 s) is
    # written behind it, into a folder of its own, and moved into the site when done, unless a later save
    # has started a newer index by then (that one replaces it).
    with _state.placing:
        # Until then the site keeps the last index made, one save behind, rather than none (the build
        # emptied the site folder).
        if _state.latest is not None and not (site_dir / OUTPUT).exists():
            _copy_bundle(_state.latest, site_dir / OUTPUT)
    _state.generation += 1
    job = threading.Thread(target=_index, args=(stage, site_dir), kwargs={"generation": _state.generation})
    _state.indexing.append(job)
    job.start()


def on_shutdown(**kwargs: Any) -> None:
    for job in _state.indexing:
        job.join()
    _state.indexing.clear()
    if _state.latest is not None:
        shutil.rmtree(_state.latest, ignore_errors=True)
        _state.latest = None


def _index(stage: Path, site_dir: Path, *, generation: int | None = None) -> None:
    """Write the index of the records in `stage` to `site_dir`: at once in a build, behind it in serve."""
    started = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        if generation is None:
            reused = write_index(stage, site_dir / OUTPUT, _state.cache)
        elif _superseded(generation, INDEX_SETTLE_SECONDS):
            return  # a newer save's index follows
        else:
            reused = _index_behind(stage, site_dir, generation)
    except _Superseded:
        shutil.rmtree(_behind_output(site_dir, generation), ignore_errors=True)
        return  # a newer save's rebuild stopped it; that one writes the index
    except PluginError as error:
        if generation is None:
            raise
        log.error("%s (search is not current until the next save)", error)
        return
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    _state.seconds = time.perf_counter() - started
    if reused:
        log.info("search index reused from %s in %.2f s (the records are unchanged)", INDEX_CACHE, _state.seconds)
        return
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    pagefind_cpu = after.ru_utime + after.ru_stime - cpu.ru_utime - cpu.ru_stime
    # benchmarks/run.py reads this line. On a busy machine the CPU time of the Pagefind process is the
    # steadier figure; the wall time includes waiting for the CPU.
    log.info("search index built in %.2f s (Pagefind CPU %.2f s)", _state.seconds, pagefind_cpu)


def _stage(document: str) -> None:
    """Write one record into the staging folder, flat and numbered in build order: a folder per record
    cost more than the record (1,200 `mkdir`s a build). Pagefind's URL for a record is its file name,
    which search.js never uses (the meta carries `url`), so the shortest name keeps fragments small."""
    assert _state.stage is not None
    _state.staged += 1
    (_state.stage / f"r{_state.staged:x}.html").write_text(document, encoding="utf-8")


# ---- what one page contributes ----------------------------------------------------------------


def index_records(page: Page, article: str) -> list[str]:
    """The records Pagefind indexes for a page: one per heading (h1 to h3), each with the text up to the next.

    A record per section keeps each result's fragment (what the browser downloads to show a result) to
    a kilobyte or so, where a whole lesson is five to ten; the browser groups sections by page again.
    """
    catalog = _state.catalog
    assert catalog is not None
    ref = page.file.src_uri.removesuffix(".md")
    lesson = catalog.lessons.get(ref)
    body = _PERMALINK.sub("", _EDIT.sub("", _TAGS.sub("", article)))
    body = _EXCLUDE.sub("data-pagefind-ignore", body)
    body = _PREREQUISITES.sub('<p class="bs-lesson-header__prereq" data-pagefind-ignore>', body)
    body = _PROGRESS.sub('<p data-pagefind-ignore class="bs-progress-toggle"', body)
    body = with_extra_words(body, _state.synonyms.get(ref, {}), _state.spellings)
    marks = [_filter("kind", "lesson" if lesson else "page")]
    area = ref.split("/", 1)[0]
    if area in _state.areas:
        marks.append(_filter("area", _state.areas[area]))
    if lesson:
        marks.append(_filter("level", lesson.meta.level.capitalize()))
        body = body.replace("<h1 ", f'<h1 data-pagefind-weight="{LESSON_TITLE_WEIGHT}" ', 1)
    title = lesson.meta.title if lesson else (page.title or "")
    records = []
    for anchor, heading, section in split_sections(body):
        url = page.url + (f"#{anchor}" if anchor else "")
        meta = [_meta("title", title), _meta("url", url)]
        if anchor:
            meta.append(_meta("section", heading))
        text = section if lesson else f'<div data-pagefind-weight="{REFERENCE_WEIGHT}">{section}</div>'
        records.append(_document("".join(marks + meta) + text))
    return records


_SECTION_START = re.compile(r'(?=<h[123] id="[^"]+")')
_SECTION_HEADING = re.compile(r'<h([123]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def split_sections(body: str) -> list[tuple[str, str, str]]:
    """(anchor, heading text, html) per section; the page's own section (its h1 and intro) has no anchor."""
    sections: list[tuple[str, str, str]] = []
    for part in _SECTION_START.split(body):
        heading = _SECTION_HEADING.match(part)
        if heading is None or heading[1] == "1" or not sections:
            # Text before the first heading, the h1 and its intro belong to the page itself.
            previous = sections.pop()[2] if sections else ""
            sections.append(("", "", previous + part))
        else:
            sections.append((heading[2], " ".join(_plain(heading[3]).split()), part))
    return [section for section in sections if _plain(section[2]).strip()]


def with_extra_words(body: str, synonyms: dict[str, list[str]], spellings: list[tuple[str, str]]) -> str:
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
        extra_heading = _variants(named, spellings) + _joined_initials(named)
        out.append(f'<h{level} id="{anchor}"{heading}')
        if words:
            out.append(_paragraph(words, SYNONYM_WEIGHT))
        if extra_heading:
            out.append(_paragraph(extra_heading, weight))
        out.append(text)
        extra_text = _variants(_plain(text), spellings)
        if extra_text:
            out.append(_paragraph(extra_text, "1"))
    return "".join(out)


def _joined_initials(text: str) -> list[str]:
    """`I/O` and `A/B` as one word (`io`, `ab`): search.js asks for them so, since Pagefind splits at `/`
    and a one-letter word matches every word with that initial."""
    return sorted({f"{first}{second}".lower() for first, second in _SLASHED_INITIALS.findall(text)})


def _variants(text: str, spellings: list[tuple[str, str]]) -> list[str]:
    """The other spelling of every word in `text` that starts with a stem in `spellings`."""
    by_start = _stems_by_start(tuple(spellings))
    found: dict[str, None] = {}
    for word in set(_WORD.findall(text.lower())):
        for stem, other in by_start.get(word[:_STEM_START], ()):
            if word.startswith(stem):
                found[other + word[len(stem) :]] = None
    return sorted(found)


_STEM_START = 3  # the shortest stem the schema allows (macros/schema.py, SpellingStem)


@functools.cache
def _stems_by_start(spellings: tuple[tuple[str, str], ...]) -> dict[str, list[tuple[str, str]]]:
    """The spelling pairs grouped by their stem's first letters: each word is then checked against a few
    stems instead of all of them (this ran 7 million comparisons a build)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for stem, other in spellings:
        groups.setdefault(stem[:_STEM_START], []).append((stem, other))
    return groups


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


def glossary_records(catalog: Catalog, glossary_url: str) -> list[str]:
    """One record per glossary term, each pointing at the term's anchor on the glossary page."""
    records = []
    for term in catalog.glossary:
        anchor = f"term-{term.anchor}"
        name = f"{term.abbr} ({term.term})" if term.abbr else term.term
        marks = [_filter("kind", "glossary"), _meta("url", f"{glossary_url}#{anchor}")]
        if term.lesson and term.lesson.split("/", 1)[0] in _state.areas:
            marks.append(_filter("area", _state.areas[term.lesson.split("/", 1)[0]]))
        body = (
            f'<h1 data-pagefind-weight="{GLOSSARY_TERM_WEIGHT}">{html.escape(name)}</h1>'
            f'<p data-pagefind-weight="{GLOSSARY_TEXT_WEIGHT}">Glossary: {html.escape(term.definition)}</p>'
        )
        records.append(_document("".join(marks) + body))
    return records


def _meta(name: str, value: str) -> str:
    return f'<span data-pagefind-meta="{name}[data-value]" data-value="{html.escape(value)}"></span>'


# ---- writing the index ------------------------------------------------------------------------


def _superseded(generation: int, seconds: float) -> bool:
    """Wait `seconds` before indexing behind a rebuild; True if a newer save's rebuild ends meanwhile."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if generation != _state.generation:
            return True
        time.sleep(0.05)
    return generation != _state.generation


def _stop_indexing() -> None:
    """A save's rebuild starts: the index being written behind the last one would be replaced by this
    one's, so stop writing it. Pagefind takes both cores for seconds, and a rebuild beside it took half
    as long again (the site keeps the last index placed until this rebuild's is ready)."""
    with _state.placing:
        _state.generation += 1  # every job started before is superseded
        for process in _state.running:
            process.terminate()


def _run_behind(command: list[str], generation: int, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run one step of an index written behind the builds, at the lowest priority, unless superseded."""
    with _state.placing:
        if generation != _state.generation:
            raise _Superseded
        process = subprocess.Popen(  # noqa: S603 - our own paths
            [*_LOWEST_PRIORITY, *command], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        _state.running.add(process)
    try:
        stdout, stderr = process.communicate()
    finally:
        with _state.placing:
            _state.running.discard(process)
    if generation != _state.generation:
        raise _Superseded
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


class _Superseded(Exception):
    """A newer save's rebuild started: this index is not wanted any more."""


def _behind_output(site_dir: Path, generation: int) -> Path:
    # Beside the site folder, on its file system: placing it is then a matter of hard links.
    return site_dir.with_name(f"{site_dir.name}.search-{generation}")


def _index_behind(stage: Path, site_dir: Path, generation: int) -> bool:
    output = _behind_output(site_dir, generation)
    reused = write_index(stage, output, _state.cache, behind=generation)
    with _state.placing:
        if generation != _state.generation:
            shutil.rmtree(output, ignore_errors=True)
            return reused  # a later save's index is on its way
        if _state.latest is not None:
            shutil.rmtree(_state.latest, ignore_errors=True)
        _state.latest = output
        shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)
        try:
            _copy_bundle(output, site_dir / OUTPUT)
        except (OSError, shutil.Error):
            # A new save's build is emptying the site folder meanwhile; it places this index when it ends.
            shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)
    return reused


def write_index(stage: Path, output: Path, cache: Path | None = None, *, behind: int | None = None) -> bool:
    """Index the staged pages with Pagefind and write its bundle into `output`; True if it came from `cache`.

    `behind` a rebuild of `make serve` (the number of that rebuild's index), both steps run as processes
    of the lowest priority, so that the browser's reload gets the CPU first, and the next save's rebuild
    stops them (_stop_indexing); the re-split runs in a process of its own, not in a thread that would
    hold the interpreter's lock.

    Pagefind's command line, not its Python API: the API's service answers "written" while the files may
    still be on their way to disk (tokio writes them in the background and Pagefind does not flush), and
    then the API ends the process, which could leave `pagefind-entry.json` empty. The command writes its
    bundle and exits when it is on disk.
    """
    from pagefind.service import get_executable

    shutil.rmtree(output, ignore_errors=True)
    executable = get_executable()
    if executable is None:
        raise PluginError("search index: the Pagefind binary is missing (install the locked `pagefind[bin]`)")
    options = ["--quiet", "--force-language", "en", "--include-characters", "#+"]
    key = _bundle_key(stage, options)
    if cache is not None and (cache / key).is_dir():
        _copy_bundle(cache / key, output)
        os.utime(cache / key)  # recently used: kept
        return True
    command = [str(executable), "--site", str(stage), "--output-path", str(output), *options]
    if behind is None:
        result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - our own paths
    else:
        result = _run_behind(command, behind)
    if result.returncode != 0:
        raise PluginError(f"search index: Pagefind failed: {(result.stderr or result.stdout).strip()[-500:]}")
    entry = output / "pagefind-entry.json"
    if not entry.is_file() or not json.loads(entry.read_text(encoding="utf-8"))["languages"]:
        raise PluginError(f"search index: Pagefind indexed no pages from {stage}")
    for name in UNUSED_OUTPUT:
        (output / name).unlink(missing_ok=True)
    if behind is not None:
        rechunk = [sys.executable, "-m", "macros.search_chunks", str(output)]
        done = _run_behind(rechunk, behind, cwd=Path(__file__).resolve().parent.parent)
        if done.returncode != 0:
            raise PluginError(f"search index: {done.stderr.strip()[-500:]}")
    else:
        try:
            rechunk_bundle(output)
        except IndexLayoutError as error:
            raise PluginError(f"search index: {error}") from error
    if cache is not None and behind is None:  # behind `make serve` each save's records are new: not kept
        _keep(output, cache, key)
    return False


def _bundle_key(stage: Path, options: list[str]) -> str:
    """A hash of the staged records (names and bytes) and of all that turns them into the bundle."""
    digest = hashlib.sha256()
    shaping = [version("pagefind_bin"), version("cbor2"), options, sorted(UNUSED_OUTPUT)]
    digest.update(json.dumps(shaping).encode())
    for module in (Path(__file__), Path(rechunk_bundle.__code__.co_filename)):
        digest.update(module.read_bytes())
    for path in sorted(stage.iterdir()):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _keep(output: Path, cache: Path, key: str) -> None:
    """Copy a new bundle into the cache, and drop all but the KEEP_INDEXES most recently used."""
    temporary = cache / f"{key}.{os.getpid()}.{threading.get_ident()}.tmp"
    _copy_bundle(output, temporary)
    try:
        temporary.rename(cache / key)  # whole or not at all: a build cut short leaves no half bundle
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)  # the same bundle, kept meanwhile by another build
    kept = sorted((path for path in cache.iterdir() if not path.name.endswith(".tmp")), key=_modified, reverse=True)
    for old in kept[KEEP_INDEXES:]:
        shutil.rmtree(old, ignore_errors=True)


def _copy_bundle(source: Path, output: Path) -> None:
    """Hard links where the file system allows (a thousand small files; nothing writes to them after),
    copies where it does not."""
    output.parent.mkdir(parents=True, exist_ok=True)
    if source.stat().st_dev == output.parent.stat().st_dev:
        try:
            shutil.copytree(source, output, copy_function=os.link)
            return
        except OSError:  # a file system without hard links
            shutil.rmtree(output, ignore_errors=True)
    shutil.copytree(source, output)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0  # removed meanwhile by another build
