"""Typed version statements: where prose says, in its own words, that a release is current, LTS or supported,
or that it reached end of life.

A statement is a product name from data/releases/ (`names`) followed by a version (`Node.js 24`,
`Java 25`, `Kubernetes 1.34.0`), with a claim right next to it. The claims are a short, explicit list, so that
a version merely mentioned ("added in Python 3.12") is not a claim:

- after the version, maybe past a parenthesis, `which` or a list of further versions: `LTS`; `is`/`are`/`remains` +
  current, latest, newest, supported, maintained, LTS, in support or maintenance; `entered`/`became` LTS
  (`Java 21 (2023) and Java 25 (2025) are the current LTS releases`, `Node.js 26 LTS`);
- before the version: current, latest, newest or supported + LTS, release, version, line or major, then `is`,
  `are` or `:` (`the current LTS is Java 25`);
- end of life: the version followed by end of life, EOL, no longer supported, unsupported or out of support.

Code (fenced or inline), link targets and template calls are not prose and are skipped. Macro calls
(`release`, `release_status`, `release_date`, `supported_releases`) are counted separately: their words come
from the data, so they cannot go stale.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from macros.model.lessons import BY_TEXT, fenced_lines

Claim = Literal["supported", "eol"]

RELEASE_MACROS = ("release", "release_status", "release_date", "supported_releases")
MACRO_CALL = re.compile(r"\{\{-?\s*(" + "|".join(RELEASE_MACROS) + r")\s*\(")

_VERSION = r"v?(\d+(?:\.\d+)*)"
_POSITIVE_WORD = (
    r"(?:current|latest|newest|supported|maintained|long-term|LTS\b|an?\s+LTS\b|"
    r"in\s+(?:active\s+)?(?:support|maintenance))"
)
_EOL_WORD = r"(?:end[- ]of[- ]life|EOL\b|end of support|no longer supported|unsupported|out of support)"
# A parenthesis or a quoted codename between the version and its claim: `Java 25 (September 2025) is`,
# `Node.js 24 "Krypton" is`.
_PAREN = r"""\s*(?:\([^()]{0,80}\)|"[^"]{1,30}"|'[^']{1,30}')"""
_STRIP = (
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}"),  # template calls: counted apart
    re.compile(r"(`+)(?:(?!\1).)+?\1"),  # inline code
    re.compile(r"\]\([^)]*\)"),  # link targets (`/docs/current/`)
    re.compile(r"<https?://[^>]*>|https?://\S+"),  # bare URLs
)


@dataclass(frozen=True)
class Statement:
    line: int
    name: str  # as written: `Node.js`
    version: str  # as written: `24`, `1.34.0`
    claim: Claim
    text: str  # the words around it, for messages


class StatementFinder:
    """Recognizes statements about the products whose names it is given."""

    def __init__(self, names: Iterable[str]) -> None:
        alternatives = "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))
        if not alternatives:
            alternatives = r"(?!x)x"  # no product: matches nothing
        self.mention = re.compile(rf"(?<![\w.-])({alternatives})\s+{_VERSION}(?![\w-]|\.\d)")
        # A cheap first look: most paragraphs name no product followed by a number.
        self.quick = re.compile(rf"(?:{alternatives})\s+v?\d")
        further = rf"(?:{_PAREN}|\s*,|\s+(?:and|or|which)|\s+(?:{alternatives})|\s+{_VERSION}(?![\w-]|\.\d))*"
        self.after = re.compile(
            rf"^(?:{_PAREN})?\s+LTS\b|^(?:{_PAREN})?\s*\(LTS\)|"
            rf"^{further}\s+(?:is|are|remains|remain|stays|stay)\s+(?:still\s+|now\s+)?(?:the\s+|a\s+|an\s+)?"
            rf"{_POSITIVE_WORD}|^{further}\s+(?:entered|became|becomes)\s+(?:an?\s+)?LTS\b"
        )
        self.before = re.compile(
            r"\b(?:current|latest|newest|supported)\s+(?:stable\s+)?(?:LTS|release|version|line|major)s?"
            r"(?:\s+(?:is|are)|:)\s+(?:still\s+)?$"
        )
        self.eol_after = re.compile(
            rf"^(?:{_PAREN})?[,;:]?\s+(?:is\s+|was\s+|has\s+|have\s+|are\s+)?(?:now\s+)?"
            rf"(?:reached\s+|past\s+)?(?:its\s+)?{_EOL_WORD}"
        )

    def in_markdown(self, body: str, first_line: int = 1) -> Iterator[Statement]:
        """Statements in a Markdown page's body, outside fenced code, one paragraph at a time."""
        paragraph: list[tuple[int, str]] = []
        for number, (line, is_code) in enumerate(fenced_lines(body), start=first_line):
            if is_code or not line.strip():
                yield from self._paragraph(paragraph)
                paragraph = []
            else:
                paragraph.append((number, line))
        yield from self._paragraph(paragraph)

    def in_lines(self, text: str, first_line: int = 1) -> Iterator[Statement]:
        """Statements in a data file, each line on its own."""
        for number, line in enumerate(text.splitlines(), start=first_line):
            yield from self._paragraph([(number, line)])

    def mentions(self, text: str) -> Iterator[tuple[str, str, str, str]]:
        """(name, version, text before, text after) of every product version written in `text`."""
        prose = _prose(text)
        for match in self.mention.finditer(prose):
            yield match.group(1), match.group(2), prose[: match.start()], prose[match.end() :]

    def _paragraph(self, lines: list[tuple[int, str]]) -> Iterator[Statement]:
        if not lines or not any(self.quick.search(line) for _, line in lines):
            return
        text, starts = "", []
        for number, line in lines:
            starts.append((len(text), number))
            text += _prose(line).replace("*", "").strip() + " "
        for match in self.mention.finditer(text):
            claim = self._claim(text[: match.start()], text[match.end() :])
            if claim is None:
                continue
            line = next(number for start, number in reversed(starts) if start <= match.start())
            context = text[max(0, match.start() - 40) : match.end() + 60].strip()
            yield Statement(line, match.group(1), match.group(2), claim, context)

    def _claim(self, before: str, after: str) -> Claim | None:
        if self.eol_after.match(after):
            return "eol"
        if self.after.match(after) or self.before.search(before):
            return "supported"
        return None


@functools.cache
def finder_for(names: tuple[str, ...]) -> StatementFinder:
    return StatementFinder(names)


@functools.lru_cache(maxsize=BY_TEXT)  # by the file's text: `make serve` reads again only what a save changed
def markdown_statements(names: tuple[str, ...], body: str, first_line: int) -> tuple[Statement, ...]:
    return tuple(finder_for(names).in_markdown(body, first_line))


@functools.lru_cache(maxsize=BY_TEXT)
def data_statements(names: tuple[str, ...], text: str) -> tuple[Statement, ...]:
    return tuple(finder_for(names).in_lines(text))


def _prose(line: str) -> str:
    for pattern in _STRIP:
        line = pattern.sub(" ", line)
    return line


_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.S)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def macro_calls(body: str) -> int:
    """How many release macros a page calls: statements whose words come from data. Calls shown as text
    (inside `{% raw %}`, code spans or fenced code) do not count."""
    if "release" not in body:
        return 0
    shown = _RAW.sub("", body)
    lines = (_CODE_SPAN.sub("", line) for line, is_code in fenced_lines(shown) if not is_code)
    return sum(len(MACRO_CALL.findall(line)) for line in lines)
