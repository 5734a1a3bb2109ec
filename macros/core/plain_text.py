"""The plain-text rule for every string from data and front matter: part of the input guard.

Strings from data and front matter are plain text: they may say anything (`<script>`, `a < b & c`), and every
place that shows them escapes them (macros/core/html.py), with `backticks` as inline code. Refused is only
what would not show as written, each with how to write it instead.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

_REFUSED = (
    (
        re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"),
        "a character reference shows as written here, not as its character: write the character itself",
    ),
    (
        re.compile(r"\{[{%#]|[}%#]\}"),
        "template delimiters are not allowed in data: put a space between the two characters",
    ),
    (
        re.compile(r"!?\[[^\]]*\]\("),
        "plain text cannot link or show images: name the source in the entry's `sources` instead",
    ),
)
MAX_TEXT = 1000  # characters in one data string; the longest real one has under 300


def plain_text(value: str) -> str:
    for pattern, how in _REFUSED:
        match = pattern.search(value)
        if match:
            raise ValueError(f"must be plain text, found {match.group()!r}: {how}")
    return value


Text = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TEXT, strip_whitespace=True), AfterValidator(plain_text)
]
# A title is shown in headings, navigation and the browser tab: one line, and short.
Title = Annotated[
    str,
    StringConstraints(min_length=1, max_length=120, strip_whitespace=True, pattern=r"^[^\n]*$"),
    AfterValidator(plain_text),
]
