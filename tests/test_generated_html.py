"""The macros' HTML goes around Python-Markdown (macros/generated_html.py) and comes out as Markdown would
have written it: byte for byte, on crafted pages and on every page of the real site."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.structure.pages import _HTMLHandler

from macros import generated_html, render
from macros.catalog import load_catalog
from macros.contract import prepare_snippet_root
from macros.emoji import restrict_to_icons

ROOT = Path(__file__).resolve().parent.parent
P = generated_html.PREFIX


def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["md_in_html", "tables", "abbr", "attr_list", "admonition"])


def _held(source: str, outputs: list[str]) -> tuple[str, tuple[str, ...]]:
    """Render `source`, whose `{}` stand for macro calls, as the macros plugin would while holding."""
    return generated_html.rendered_holding(source, lambda: source.format(*map(generated_html.hold, outputs)))


def _both_ways(source: str, outputs: list[str]) -> tuple[str, str, tuple[str, ...]]:
    rendered, held = _held(source, outputs)
    direct = _markdown().convert(source.format(*outputs))
    filled = generated_html.fill(_markdown().convert(rendered), held)
    assert filled is not None, rendered
    return filled, direct, held


@pytest.mark.parametrize(
    ("source", "outputs"),
    [
        ("Intro.\n\n{}\n\nAfter.", ["<div>x</div>"]),
        ("{}", ["<div>x\ny</div>"]),  # the page's only block
        ("Intro.\n\n{}", ["<table><tr><td>1</td></tr></table>"]),  # the last block
        ("A.\n\n{}\n\n## Next", ["<div>a</div> <p>b</p><ul><li>c</li></ul>"]),  # siblings on one line
        ("A.\n\n{}\n\nB.", ["<div>a <span>s</span><br>t</div>\n  <p>y<br/>q</p>"]),  # void tags, indent
        ("A.\n\n{}\n\nB.", ['<div><svg viewBox="0 0 1 1"><path d="M0 0"/></svg></div>']),
        ("A.\n\n{}\n\nB.", ["<div>a</div>\n\n## Heading\n\n<table><tr><td>1</td></tr></table>"]),  # mixed
        ("A.\n\n{}\n\n{}\n\nB.", ["<div>one</div>", "<div>two</div>"]),
    ],
)
def test_held_html_comes_out_as_markdown_writes_raw_html(source: str, outputs: list[str]) -> None:
    filled, direct, held = _both_ways(source, outputs)
    assert held, "nothing was held: the case tests nothing"
    assert filled == direct


@pytest.mark.parametrize(
    ("source", "outputs", "why"),
    [
        ("A {} B.", ['<div class="x">inline</div>'], "inside a paragraph"),
        ("- item\n\n    {}\n\nB.", ["<div>in a list</div>"], "indented"),
        ("A.\n{}\n\nB.", ["<div>no blank line before</div>"], "not between blank lines"),
        ("A.\n\n{}\n\nB.", ["<span>inline element</span>"], "not block-level"),
        ("A.\n\n{}\n\nB.", ["<div>x</div> and text"], "text after the element"),
        ("A.\n\n{}\n\nB.", ["<div><!-- note --></div>"], "a comment"),
        ("A.\n\n{}\n\nB.", ["<div><p>unclosed</div>"], "unbalanced"),
        ("A.\n\n{}\n\nB.", ['<div markdown="1">*converted*</div>'], "md_in_html would convert inside"),
        ("<div markdown>\n\n{}\n\n</div>", ["<div>x</div>"], "the page uses md_in_html"),
        (f"Text that says {P}0z.\n\n{{}}\n\nB.", ["<div>x</div>"], "the page writes the prefix"),
        ("A.\n\n{}\n\nB.", ["**Markdown** <em>and</em> HTML\n\n<div>x</div>"], "Markdown mixed with HTML"),
    ],
)
def test_html_stays_in_the_markdown_where_markdown_might_treat_it_otherwise(
    source: str, outputs: list[str], why: str
) -> None:
    rendered, held = _held(source, outputs)
    assert not held, why
    assert rendered == source.format(*outputs), why


def test_a_placeholder_that_markdown_did_not_leave_alone_means_converting_again() -> None:
    held = ("<div>x</div>",)
    assert generated_html.fill(f"<p>{P}0z</p>", held) == "<div>x</div>"
    assert generated_html.fill(f"<pre><code>{P}0z</code></pre>", held) is None  # inside code
    assert generated_html.fill(f"<p>{P}0z</p><p>{P}0z</p>", held) is None  # twice
    assert generated_html.fill("<p>nothing</p>", held) is None  # lost


def test_the_render_wrapper_converts_the_page_as_it_was_when_a_placeholder_is_not_its_own_paragraph(
    tmp_path: Path,
) -> None:
    """macros/render_cache.py falls back to converting the Markdown with its HTML put back."""
    from types import SimpleNamespace

    from macros import render_cache

    converted: list[str] = []

    def fake_original(page: object, config: object, files: object) -> None:
        converted.append(page.markdown)  # type: ignore[attr-defined]
        page.content = f"<pre><code>{page.markdown}</code></pre>"  # type: ignore[attr-defined]
        page.toc, page._title_from_render, page.present_anchor_ids = [], None, set()  # type: ignore[attr-defined]

    page = SimpleNamespace(file=SimpleNamespace(src_uri="odd.md"), markdown=f"{P}0z")
    generated_html.page_chunks["odd.md"] = ("<div>x</div>",)
    original, state = render_cache._original, dict(render_cache._state)
    render_cache._original = fake_original  # type: ignore[assignment]
    render_cache._state.update(used={}, stored={}, context="test")
    try:
        render_cache._cached_render(page, None, None)  # type: ignore[arg-type]
    finally:
        render_cache._original = original  # type: ignore[assignment]
        render_cache._state.update(state)
    assert converted == [f"{P}0z", "<div>x</div>"]
    assert page.content == "<pre><code><div>x</div></code></pre>"


def test_every_page_of_the_real_site_converts_to_the_same_html_with_its_html_held(
    built_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The built site's kept macro renders (.cache/macros.json) hold each page's Markdown with placeholders
    and the HTML they stand for: converting it with the site's own Markdown settings and filling it in gives
    what converting the Markdown with the HTML in place gives; and the ids MkDocs finds are the same."""
    monkeypatch.chdir(ROOT)  # snippets are read from .cache/snippets, as in a build
    kept = json.loads((ROOT / ".cache" / "macros.json").read_text(encoding="utf-8"))
    config = load_config(str(ROOT / "mkdocs.yml"))
    mdx_configs = dict(config["mdx_configs"])
    restrict_to_icons(mdx_configs)
    mdx_configs["abbr"] = {**mdx_configs.get("abbr", {}), "glossary": render.abbreviations(load_catalog(ROOT))}
    prepare_snippet_root(ROOT)
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=mdx_configs)
    pages_with_html = 0
    for src, (_, rendered, held) in sorted(kept["pages"].items()):
        if not held:
            continue
        pages_with_html += 1
        filled = generated_html.fill(md.reset().convert(rendered), tuple(held))
        assert filled == md.reset().convert(generated_html.restore(rendered, held)), src
        for chunk in held:
            parser = _HTMLHandler()
            parser.feed(chunk)
            parser.close()
            assert generated_html.anchor_ids(chunk) == parser.present_anchor_ids, (src, chunk[:80])
    assert pages_with_html > 50  # the lessons' checklists, the A-Z list, the glossary, the print editions
