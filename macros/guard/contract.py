"""The page contract: what a Markdown page under docs/ may contain, checked before anything renders.

Pages arrive by pull request and reviewers read Markdown, not the HTML it becomes, so anything that
would run code, read files or put markup or third-party requests into the site is refused here with
the file and line:

- Templates. mkdocs-macros renders each page as Jinja. The only template code allowed is a call to a
  documented macro (`macros/render/registry.py`) with constant arguments, a constant string (`{{ "{{" }}`), and
  `{% raw %}` blocks. Each call is also run once, so a wrong name or column fails here, at its line.
- Raw HTML. A few presentational tags with a class or id; no scripts, frames, images, forms, styles or
  event handlers. Markdown attribute lists may not add handlers, styles or URLs either.
- Links and images. Links are http(s), mailto or relative; images are files in the repository.
- Snippets (`--8<--`) come only from examples/, labs/, templates/ and exercises/, and resolve inside them.
- Emoji shortcodes that would load an image from a CDN are refused (icons are inlined SVG).
- Front matter of pages that are not lessons is checked like a lesson's: known keys, plain text.
- Every `.nav.yml` goes through the safe YAML loader, and its titles are plain text.
"""

from __future__ import annotations

import functools
import html
import inspect
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from pydantic import ValidationError
from pymdownx import twemoji_db

from macros.core.errors import SourceError, SourceProblem, describe_error
from macros.core.plain_text import plain_text
from macros.core.source_text import read_source
from macros.core.validation import problems_from_validation
from macros.core.yaml_source import line_for, load_yaml
from macros.model.lessons import BY_TEXT, PageMeta, fenced_lines, front_matter_problem, split_front_matter
from macros.render.registry import Macro

SNIPPET_ROOTS = ("examples", "labs", "templates", "exercises", "capstones")
SNIPPET_DIR = Path(".cache/snippets")  # pymdownx.snippets' base_path in mkdocs.yml
# Files a contributor may add under docs/ outside assets/. No .html, .js or .svg: published as they are,
# they could run scripts on the site's origin.
PAGE_FILE_TYPES = {".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}
MAX_PROBLEMS_PER_PAGE = 20
MAX_CALLS_PER_PAGE = 50  # each call can render a large table; the most any page has is 4
# Macros that render other pages: called from a lesson they would render that lesson again, and again.
PAGE_ONLY_MACROS = {"print_edition": "docs/print.md and docs/print/"}

# Tags that only shape text. Everything else (script, iframe, img, a, form, style, svg, ...) is refused.
ALLOWED_TAGS = {
    "abbr", "b", "br", "code", "del", "details", "div", "em", "figcaption", "figure", "i", "ins", "kbd",
    "mark", "p", "s", "small", "span", "strong", "sub", "summary", "sup", "u", "wbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"class", "id", "markdown", "title", "open", "lang", "dir"}
# Keys an attribute list (`{ #id .class key=value }`) may set.
ALLOWED_ATTR_LIST_KEY = re.compile(r"^(title|lang|dir|markdown|data-[a-z0-9-]+)$")
SAFE_SCHEMES = {"http", "https", "mailto"}
# Python-Markdown recurses per nesting level and backtracks on unclosed brackets: a few thousand levels
# take minutes and end in RecursionError. Real pages stay far below these (at most 6 columns of
# indentation, no nested quotes, lines under 250 characters).
MAX_LINE = 5_000
MAX_INDENT = 40
MAX_QUOTE_DEPTH = 10
MAX_BRACKETS = 200  # '[' in one paragraph
MAX_BRACKET_DEPTH = 10

_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)")
_REFERENCE_USE = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\]]*\])*\]\[([^\]]*)\]")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S*?)>?(\s|$)")
_ATTR_LIST = re.compile(r"\{:?\s*([^{}\n]*?)\s*\}")
_ATTR_PAIR = re.compile(r"([^\s=]+)\s*=")
_SNIPPET_LINE = re.compile(r"^\s*(;?)--8<--\s+(['\"])(.*?)\2")
_SNIPPET_BLOCK = re.compile(r"^\s*--8<--\s*$")
_EMOJI = re.compile(r":([a-z0-9_+-]+):")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_HOW_TO_SHOW_TEMPLATES = "to show template syntax as text, wrap it in {% raw %}...{% endraw %}"


def check_pages(
    root: Path, docs_dir: Path, macros: dict[str, Macro], lesson_sources: set[str], evaluate: bool
) -> list[SourceProblem]:
    """Every problem in every page and `.nav.yml` under `docs_dir`.

    With `evaluate`, each macro call is also run (only when the data loaded cleanly: otherwise a call
    would fail for a reason already reported)."""
    problems: list[SourceProblem] = []
    for path in sorted(docs_dir.rglob("*")):
        source = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        if path.is_symlink():
            # MkDocs would publish whatever the link points at (/etc/passwd, .git/config).
            problems.append(SourceProblem(source, 1, "(file)", "a symbolic link: commit the file itself"))
            continue
        if not path.is_file() or _is_vendored(path, docs_dir):
            continue
        if path.suffix not in PAGE_FILE_TYPES and path.name != ".nav.yml":
            problems.append(
                SourceProblem(
                    source,
                    1,
                    "(file)",
                    f"MkDocs would publish this file as it is; pages are Markdown and images are "
                    f"{', '.join(sorted(PAGE_FILE_TYPES - {'.md'}))} (theme files go in docs/assets/)",
                )
            )
            continue
        if path.suffix != ".md" and path.name != ".nav.yml":
            continue  # an image
        try:
            if path.name == ".nav.yml":
                problems.extend(check_nav(path, source))
            else:
                problems.extend(check_page(path, source, root, macros, source in lesson_sources, evaluate))
        except SourceError as error:
            problems.extend(error.problems)
    return problems


def _is_vendored(path: Path, docs_dir: Path) -> bool:
    # Theme assets (scripts, styles, bundled libraries) are code the maintainers review as code.
    return path.relative_to(docs_dir).parts[0] == "assets"


def check_page(
    path: Path, source: str, root: Path, macros: dict[str, Macro], is_lesson: bool, evaluate: bool = True
) -> list[SourceProblem]:
    text = read_source(path, source)
    parts = split_front_matter(text)
    if parts is None and text.startswith("---"):
        return [front_matter_problem(text, source, "a page")]
    front, body, body_line = parts if parts is not None else ("", text, 1)
    front_problems, renders_macros = _front_matter(front, source, is_lesson)
    problems = list(front_problems)
    if renders_macros is None:
        return problems
    if renders_macros:
        problems.extend(check_template(body, body_line, source, macros, evaluate, is_lesson))
    problems.extend(check_markup(body, body_line, source, root))
    return problems[:MAX_PROBLEMS_PER_PAGE]


@functools.lru_cache(maxsize=BY_TEXT)
def _front_matter(front: str, source: str, is_lesson: bool) -> tuple[tuple[SourceProblem, ...], bool | None]:
    """The front matter's problems, and whether the page renders macros (None: not a mapping, stop)."""
    data, lines = load_yaml(front, source, first_line=2)
    if data is not None and not isinstance(data, dict):
        return (SourceProblem(source, 2, "front matter", "must be a mapping of fields"),), None
    problems: tuple[SourceProblem, ...] = ()
    if data and not is_lesson:  # a lesson's front matter is validated with its body by macros/model/lessons.py
        try:
            PageMeta.model_validate(data)
        except ValidationError as error:
            problems = tuple(problems_from_validation(error, lines, source))
    return problems, not (data and data.get("render_macros") is False)


# ---- templates ---------------------------------------------------------------------------------------

_JINJA = jinja2.Environment()  # noqa: S701 - only parses, never renders; the delimiters mkdocs-macros uses (mkdocs.yml does not change them)


def check_template(
    body: str,
    first_line: int,
    source: str,
    macros: dict[str, Macro],
    evaluate: bool,
    is_lesson: bool,
) -> list[SourceProblem]:
    offset = first_line - 1

    def problem(line: int, field: str, message: str) -> SourceProblem:
        return SourceProblem(source, line + offset, field, message)

    if not any(mark in body for mark in ("{{", "{%", "{#")):
        return []
    comments, parsed = _parsed(body)
    if isinstance(parsed, tuple):  # did not parse: (line, message)
        return [problem(parsed[0], "template", parsed[1])]
    template = parsed
    problems = [
        problem(line, "template", f"a template comment '{{#' is not allowed; {_HOW_TO_SHOW_TEMPLATES}")
        for line in comments
    ]
    calls = list(template.find_all(nodes.Call))
    if len(calls) > MAX_CALLS_PER_PAGE:
        problems.append(
            problem(calls[MAX_CALLS_PER_PAGE].lineno, "template", f"more than {MAX_CALLS_PER_PAGE} macro calls")
        )
        return problems
    for call in calls:
        name = getattr(call.node, "name", None)
        if is_lesson and name in PAGE_ONLY_MACROS:
            problems.append(
                problem(call.lineno, name, f"renders every lesson; it belongs on {PAGE_ONLY_MACROS[name]} only")
            )
            return problems
    for node in template.body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if isinstance(child, nodes.TemplateData) or _is_string(child):
                    continue
                problems.extend(
                    problem(line, field, message) for line, field, message in _check_call(child, macros, evaluate)
                )
        else:
            problems.append(
                problem(
                    node.lineno,
                    "template",
                    f"'{{% {type(node).__name__.lower()} %}}' is not allowed: pages may only call the documented "
                    f"macros (docs/contributing/index.md lists them); {_HOW_TO_SHOW_TEMPLATES}",
                )
            )
    return problems


@functools.lru_cache(maxsize=BY_TEXT)  # the tree is only read (find_all, body), never changed
def _parsed(body: str) -> tuple[tuple[int, ...], nodes.Template | tuple[int, str]]:
    """The lines of template comments, and the parsed template or, if it does not parse, (line, message)."""
    try:
        # Lexing a page is a fifth of the check: only a page with a comment mark is lexed for its lines.
        lexed = _JINJA.lex(body) if "{#" in body else ()
        comments = tuple(line for line, kind, _ in lexed if kind == "comment_begin")
        return comments, _JINJA.parse(body)
    except jinja2.TemplateSyntaxError as error:
        return (), (_opening_line(body, error.lineno), f"{error.message}; {_HOW_TO_SHOW_TEMPLATES}")
    except (RecursionError, MemoryError):
        return (), (1, "template code nested too deeply")


def _opening_line(body: str, error_line: int) -> int:
    """Jinja reports where it gave up, which after an unclosed `{{` can be many lines later: point at the
    last line before that which opens template code. (An unclosed comment is reported on its own line, and
    a closed one between the opening and the error is not where the error began.)"""
    lines = body.splitlines()[:error_line]
    for number in range(len(lines), 0, -1):
        if any(mark in lines[number - 1] for mark in ("{{", "{%")):
            return number
    return error_line


def _is_string(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Const) and isinstance(node.value, str)


def _literal(node: nodes.Node) -> tuple[bool, Any]:
    """(True, value) for a constant, or a list or tuple of constants; (False, None) for anything else."""
    if isinstance(node, nodes.Const) and isinstance(node.value, str | int | float | bool | type(None)):
        return True, node.value
    if isinstance(node, nodes.List | nodes.Tuple):
        values = [_literal(item) for item in node.items]
        if all(ok and not isinstance(value, list) for ok, value in values):
            return True, [value for _, value in values]
    return False, None


def _check_call(node: nodes.Node, macros: dict[str, Macro], evaluate: bool) -> Iterator[tuple[int, str, str]]:
    documented = ", ".join(sorted(macros))
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)):
        yield (
            node.lineno,
            "template",
            f"only calls to the documented macros are allowed ({documented}), "
            f"not variables, attributes or filters; {_HOW_TO_SHOW_TEMPLATES}",
        )
        return
    name = node.node.name
    if name not in macros:
        yield node.lineno, name, f"not a documented macro (documented: {documented}); {_HOW_TO_SHOW_TEMPLATES}"
        return
    args, kwargs = [], {}
    for arg in node.args:
        ok, value = _literal(arg)
        if not ok:
            yield node.lineno, name, "arguments must be constants: strings, numbers, or lists of strings"
            return
        args.append(value)
    for keyword in node.kwargs:
        ok, value = _literal(keyword.value)
        if not ok:
            yield node.lineno, name, "arguments must be constants: strings, numbers, or lists of strings"
            return
        kwargs[keyword.key] = value
    if node.dyn_args or node.dyn_kwargs:
        yield node.lineno, name, "arguments must be written out, not unpacked with * or **"
        return
    macro = macros[name]
    try:
        inspect.signature(macro).bind(*args, **kwargs)
    except TypeError as error:
        yield node.lineno, name, f"{error}; the macro is {name}{inspect.signature(macro)}"
        return
    if not evaluate or not (args or kwargs):
        # Without arguments a macro only renders data, which was validated already: nothing to learn.
        return
    try:
        macro(*args, **kwargs)
    except Exception as error:
        yield node.lineno, name, describe_error(error)


# ---- markup, links, snippets, emoji --------------------------------------------------------------------


_TEMPLATE_SPAN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


# What blanked text is replaced by: a character no source may contain (source_text refuses controls), so
# it matches none of the patterns below and does not count as indentation.
_FILLER = "\x01"


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", _FILLER, match.group())


def prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(line number from 1, text) of every line outside fenced code, with inline code spans and template
    calls (checked by check_template) blanked."""
    for number, (line, is_code) in enumerate(fenced_lines(_TEMPLATE_SPAN.sub(_blank, body)), start=1):
        yield number, "" if is_code else _INLINE_CODE.sub(lambda m: _FILLER * len(m.group()), line)


def check_markup(body: str, first_line: int, source: str, root: Path) -> list[SourceProblem]:
    problems = list(_text_problems(body, first_line, source))
    # Whether an included file exists is not in the page's text: asked on every check.
    allowed = snippet_roots(root)
    for number, target in snippet_targets(body):
        message = snippet_problem(target, root, allowed)
        if message:
            problems.append(SourceProblem(source, number + first_line - 1, "snippet", message))
    return problems


@functools.lru_cache(maxsize=BY_TEXT)
def _text_problems(body: str, first_line: int, source: str) -> tuple[SourceProblem, ...]:
    """Tags, attributes, links, images, nesting and emoji: everything check_markup finds in the text itself."""
    offset = first_line - 1
    problems: list[SourceProblem] = []

    def add(line: int, field: str, message: str) -> None:
        problems.append(SourceProblem(source, line + offset, field, message))

    prose = list(prose_lines(body))
    scanner = _TagScanner()
    # Only lines with a '<' can hold a tag; the others are blanked (kept, so line numbers stay right).
    scanner.feed("\n".join(text if "<" in text else "" for _, text in prose))
    scanner.close()
    for line, message in scanner.problems:
        add(line, "html", message)
    # Reference definitions apply to the whole page, also above where they are written.
    definitions: dict[str, str] = {}
    for _, text in prose:
        match = _REFERENCE_DEFINITION.match(text) if "]:" in text else None
        if match:
            definitions[match.group(1).lower()] = match.group(2)
    brackets = depth = 0
    for number, text in prose:
        if not text.strip():
            brackets = depth = 0  # a new paragraph
            continue
        if len(text) > MAX_LINE:
            add(number, "text", f"a line of {len(text):,} characters; the limit is {MAX_LINE:,}: break it up")
            continue
        message = _nesting_problem(text)
        if message:
            add(number, "text", message)
            continue
        if "[" in text:
            brackets += text.count("[")
            for char in text:
                if char in "[]":
                    depth = depth + 1 if char == "[" else max(depth - 1, 0)
                    if depth > MAX_BRACKET_DEPTH or brackets > MAX_BRACKETS:
                        break
            if depth > MAX_BRACKET_DEPTH or brackets > MAX_BRACKETS:
                add(
                    number,
                    "text",
                    f"more than {MAX_BRACKETS} '[' in one paragraph, or nested more than "
                    f"{MAX_BRACKET_DEPTH} deep: Markdown cannot render that in reasonable time",
                )
                brackets = depth = -(10**9)  # report the paragraph once
                continue
            match = _REFERENCE_DEFINITION.match(text)
            if match:
                _check_url(match.group(2), False, number, add)
            if "](" in text:
                for match in _LINK.finditer(text):
                    _check_url(match.group(2), bool(match.group(1)), number, add)
            if "![" in text:
                for match in _REFERENCE_USE.finditer(text):
                    if match.group(1) and match.group(2).lower() in definitions:
                        _check_url(definitions[match.group(2).lower()], True, number, add)
        if "{" in text and "=" in text:
            for match in _ATTR_LIST.finditer(text):
                for key in _ATTR_PAIR.findall(match.group(1)):
                    if not ALLOWED_ATTR_LIST_KEY.match(key.lower()):
                        add(number, "attributes", f"'{key}=' is not allowed in an attribute list; use #id or .class")
        if text.count(":") >= 2:
            for match in _EMOJI.finditer(text):
                if f":{match.group(1)}:" in cdn_emoji():
                    add(
                        number,
                        "emoji",
                        f"':{match.group(1)}:' would load an image from a CDN; write the character itself "
                        "or use an icon such as ':material-check:'",
                    )
    return tuple(problems)


def _nesting_problem(text: str) -> str | None:
    indent = len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip(" "))
    if indent > MAX_INDENT:
        return f"indented {indent} columns; lists and blocks may nest at most {MAX_INDENT // 4} levels"
    quotes = re.match(r"[ >]*", text).group().count(">")  # type: ignore[union-attr]
    if quotes > MAX_QUOTE_DEPTH:
        return f"quotes nested {quotes} deep; the limit is {MAX_QUOTE_DEPTH}"
    return None


def _check_url(url: str, is_image: bool, line: int, add: Any) -> None:
    decoded = re.sub(r"[\x00-\x20]", "", html.unescape(url))  # browsers ignore these inside a scheme
    scheme = _SCHEME.match(decoded)
    if is_image:
        if scheme or decoded.startswith("//"):
            add(
                line,
                "image",
                f"'{url}' is not in the repository: images are files under docs/ (no third-party requests)",
            )
    elif scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        add(line, "link", f"'{url}': only http, https, mailto and relative links are allowed")


class _TagScanner(HTMLParser):
    """Records every tag and attribute outside the allowed set, with its line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if ":" in tag or "@" in tag:
            return  # an autolink such as <https://example.com>, not a tag
        line = self.getpos()[0]
        if tag not in ALLOWED_TAGS:
            self.problems.append(
                (
                    line,
                    f"<{tag}> is not allowed in pages; use Markdown (allowed tags: {', '.join(sorted(ALLOWED_TAGS))})",
                )
            )
            return
        for name, _ in attrs:
            if name not in ALLOWED_ATTRIBUTES:
                self.problems.append(
                    (line, f"the attribute '{name}' on <{tag}> is not allowed (allowed: class, id, title)")
                )

    def handle_decl(self, decl: str) -> None:
        self.problems.append((self.getpos()[0], f"<!{decl}> is not allowed in pages"))

    def handle_pi(self, data: str) -> None:
        self.problems.append((self.getpos()[0], f"<?{data[:20]}> is not allowed in pages"))

    def unknown_decl(self, data: str) -> None:
        self.problems.append((self.getpos()[0], f"<![{data[:20]}> is not allowed in pages"))


@functools.cache
def cdn_emoji() -> frozenset[str]:
    """Shortcodes that pymdownx's twemoji index renders as <img> from a CDN (not Material's icons)."""
    images = {name for name, entry in twemoji_db.emoji.items() if "path" not in entry}
    return frozenset(images | set(twemoji_db.aliases))


def snippet_targets(body: str) -> Iterator[tuple[int, str]]:
    """(line, path) of every snippet include: `--8<-- "path"` and the block form between two `--8<--` lines."""
    in_block = False
    for number, line in enumerate(body.splitlines(), start=1):
        if _SNIPPET_BLOCK.match(line):
            in_block = not in_block
            continue
        if in_block:
            if line.strip() and not line.strip().startswith(";"):
                yield number, line.strip()
            continue
        match = _SNIPPET_LINE.match(line)
        if match and not match.group(1):
            yield number, match.group(3)


def snippet_roots(root: Path) -> list[Path]:
    """The folders snippets may come from, as the file system resolves them now."""
    return [Path(os.path.realpath(root / name)) for name in SNIPPET_ROOTS]


def snippet_problem(target: str, root: Path, allowed: list[Path]) -> str | None:
    """Why `target` may not be included from the `allowed` folders (snippet_roots), or None. Sections
    (`file.py:name`) and line ranges are allowed."""
    path = re.sub(r"(:[\w-]+)+$", "", target.strip())
    roots = ", ".join(f"{name}/" for name in SNIPPET_ROOTS)
    if "://" in path:
        return f"'{target}': snippets are files in {roots}, not URLs"
    parts = Path(path).parts  # an absolute path starts with "/", never with one of the folders' names
    if not parts or parts[0] not in SNIPPET_ROOTS or ".." in parts:
        return f"'{target}': snippets may only include files from {roots}"
    resolved = Path(os.path.realpath(root / path))
    if not any(resolved.is_relative_to(base) for base in allowed):
        return f"'{target}' resolves outside {roots} (a symbolic link?)"
    if not resolved.is_file():
        return f"'{target}': no such file"
    return None


def prepare_snippet_root(root: Path) -> None:
    """The folder pymdownx.snippets reads from: one link per folder that pages may include from, so
    `--8<-- "examples/..."` works and `--8<-- ".git/config"` finds nothing."""
    jail = root / SNIPPET_DIR
    jail.mkdir(parents=True, exist_ok=True)
    for name in SNIPPET_ROOTS:
        link, target = jail / name, Path("..", "..", name)
        if link.is_symlink() and Path(os.readlink(link)) == target:
            continue
        if link.is_symlink() or link.is_file():
            link.unlink(missing_ok=True)
        try:
            link.symlink_to(target, target_is_directory=True)
        except FileExistsError:  # another build (serve beside a test run) made it meanwhile
            if not (link.is_symlink() and Path(os.readlink(link)) == target):
                raise


def check_nav(path: Path, source: str) -> list[SourceProblem]:
    """awesome-nav reads `.nav.yml` itself; its titles reach the navigation of every page."""
    data, lines = load_yaml(read_source(path, source), source)
    problems = []

    def walk(value: object, loc: tuple[str | int, ...]) -> None:
        if isinstance(value, str):
            scheme = _SCHEME.match(re.sub(r"[\x00-\x20]", "", value))
            if (scheme and scheme.group(1).lower() not in {"http", "https"}) or ".." in Path(value).parts:
                message = f"'{value}': entries are pages in docs/ or https links"
                problems.append(SourceProblem(source, line_for(lines, loc), "nav", message))
        elif isinstance(value, dict):
            for key, item in value.items():
                for text in (key, item):  # a title, and the page or link it names
                    if isinstance(text, str):
                        try:
                            plain_text(text)
                        except ValueError as error:
                            line = line_for(lines, (*loc, key))
                            problems.append(SourceProblem(source, line, str(key)[:40], str(error)))
                walk(item, (*loc, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*loc, index))

    walk(data, ())
    return problems
