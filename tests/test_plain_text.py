"""Plain-text fields say anything, `<script>` included (every context escapes it), and refuse only what would
not show as the characters written: character references, template delimiters, Markdown links. Each form is
listed, so a rule that forgets one (hex references, say) is caught."""

from __future__ import annotations

import pytest

from macros.core.plain_text import plain_text


@pytest.mark.parametrize(
    "text",
    [
        "a &#60; b",  # decimal reference
        "a &#x3C; b",  # hex, lower-case x
        "a &#X3c; b",  # hex, upper-case X
        "a &lt; b",  # named reference
        "Tom &amp; Jerry",
        "{{ config }}",
        "{% include 'x' %}",
        "{# note #}",
        "[a link](https://example.com)",
        "![an image](x.png)",
    ],
)
def test_markup_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="must be plain text"):
        plain_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "a < b & c > d",
        "AT&T",
        "50% off",
        "[sic]",
        "f(x) = {a}",
        "escapes <script> by default",
        "`Vec<T>` and `Result<T, E>`",
        "Title <script>alert(1)</script>",
    ],
)
def test_characters_that_only_look_like_markup_pass(text: str) -> None:
    assert plain_text(text) == text
