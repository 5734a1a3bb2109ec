"""Property-based fuzzing of the input paths: whatever bytes a contributor commits, the loaders either
return data or raise SourceError naming the file and a line in it. Never another exception (a traceback
for the contributor), never a hang, never unbounded memory.

Bounds: each example must finish within `DEADLINE` (hypothesis fails the test otherwise) and allocate at
most `MAX_PEAK_BYTES` (measured with tracemalloc). Inputs are generated both as free text and from YAML
fragments (anchors, aliases, tags, nesting, flow collections, BOMs, control characters, dates, keys) so the
paths that matter for hostile input are reached, not only the parse errors of random text.
"""

from __future__ import annotations

import datetime as dt
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.core.errors import SourceError
from macros.core.source_text import decode_source
from macros.core.yaml_source import MAX_DEPTH, load_yaml
from macros.guard.contract import check_markup, check_template
from macros.model.lessons import load_lesson

DEADLINE = dt.timedelta(seconds=1)
MAX_PEAK_BYTES = 64 * 1024 * 1024
FUZZ = settings(
    max_examples=300,
    deadline=DEADLINE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,  # the same examples on every run, so CI and a laptop agree
)


@contextmanager
def bounded_memory() -> Iterator[None]:
    tracemalloc.start()
    try:
        yield
        _, peak = tracemalloc.get_traced_memory()
        assert peak < MAX_PEAK_BYTES, f"peak allocation {peak:,} bytes"
    finally:
        tracemalloc.stop()


def assert_located(error: SourceError, filename: str, last_line: int) -> None:
    assert error.problems, "a SourceError must say what is wrong"
    for problem in error.problems:
        assert problem.file == filename
        assert 1 <= problem.line <= last_line + 1, (problem, last_line)
        assert problem.message


FRAGMENTS = st.sampled_from(
    [
        "a: 1\n", "- x\n", "key: &anchor [1, 2, 3]\n", "other: *anchor\n", "ref: *missing\n", "  nested:\n",
        "    deeper: value\n", "[[[[[[[[", "]]]]]]]]", "{a: {b: {c: ", "}}}", "!!python/object/apply:os.system [id]\n",
        "!include x\n", "!!binary aGk=\n", "? [complex, key]\n: v\n", "<<: *anchor\n", "date: 2026-13-45\n",
        "date: 2026-01-01\n", "title: '{{ lipsum }}'\n", "\ufeff", "\x00", "\x07", "\u202e", "\t", "\r\n", "---\n",
        "...\n", "'unterminated\n", '"esc\\x', "&a [*a]\n", "key: |\n  block\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
        "dup: 1\ndup: 2\n", "a" * 300, "\n", ": :\n", "- - - -\n", "&x &y z\n", "*x\n",
    ]
)  # fmt: skip
YAML_TEXT = st.one_of(
    st.text(max_size=600),
    st.lists(FRAGMENTS, max_size=40).map("".join),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=30).map("".join),
)


@FUZZ
@given(text=YAML_TEXT, first_line=st.integers(min_value=1, max_value=50))
def test_yaml_loader_returns_data_or_a_located_error(text: str, first_line: int) -> None:
    with bounded_memory():
        try:
            load_yaml(text, "data/fuzz.yml", first_line)
        except SourceError as error:
            assert_located(error, "data/fuzz.yml", first_line - 1 + text.count("\n") + text.count("\r") + 1)


@FUZZ
@given(
    nesting=st.integers(min_value=MAX_DEPTH + 1, max_value=3000),
    fan_out=st.integers(min_value=4, max_value=12),
    levels=st.integers(min_value=10, max_value=12),
)
def test_yaml_bombs_fail_fast(nesting: int, fan_out: int, levels: int) -> None:
    """Deep nesting and alias fan-out, far past the limits (4**9 values at the least): a located error, always,
    within the deadline."""
    bomb = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * fan_out)}]\n" for i in range(1, levels))
    deep = "k: " + "[" * nesting + "]" * nesting + "\n"
    with bounded_memory():
        for text in (bomb, deep):
            with pytest.raises(SourceError) as caught:
                load_yaml(text, "data/bomb.yml")
            assert_located(caught.value, "data/bomb.yml", text.count("\n") + 1)


def test_yaml_within_the_limits_loads() -> None:
    """The limits refuse bombs, not real files: nesting and aliases just inside them load."""
    deep = "k: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert load_yaml(deep, "data/deep.yml")[0] is not None
    shared = "base: &base {level: beginner}\nitems: [" + ", ".join(["*base"] * 100) + "]\n"
    assert len(load_yaml(shared, "data/shared.yml")[0]["items"]) == 100


@FUZZ
@given(raw=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_decoding_returns_text_or_a_located_error(raw: bytes) -> None:
    try:
        text = decode_source(raw, "docs/fuzz.md")
    except SourceError as error:
        assert_located(error, "docs/fuzz.md", raw.count(b"\n") + 1)
    else:
        assert "\r\n" not in text


FRONT = st.lists(
    st.one_of(
        FRAGMENTS,
        st.sampled_from(
            [
                "title: A title\n", "description: A description that is long enough to pass.\n", "level: beginner\n",
                "time: 30\n", "tags: [a]\n", "prerequisites: [a/b]\n", "objectives: [a, b, c]\n",
                "last_reviewed: 2026-01-01\n", "render_macros: false\n", "hide: [toc]\n", "search: {exclude: true}\n",
                "title: <script>alert(1)</script>\n", "objectives: ['{{ cycler.__init__ }}', b, c]\n",
            ]
        ),
    ),
    max_size=20,
).map("".join)  # fmt: skip
BODY = st.one_of(
    st.text(max_size=300),
    st.lists(
        st.sampled_from(
            [
                "# Title\n", "## Why it matters\n", "## Exercises\nAcceptance criteria\n", "## Self-check\n",
                "??? question \"q\"\n    a\n", "## Common pitfalls\n", "## Further reading\n[x](https://a.b)\n",
                "```\n", "~~~~\n", "<!--\n", "-->\n", "{{ checklist('security') }}\n", "{% raw %}{{ x }}{% endraw %}\n",
                "{{ lipsum.__globals__ }}\n", "{# c #}\n", "{% for x in y %}\n", "<img src=x onerror=alert(1)>\n",
                "[a](javascript:alert(1))\n", "--8<-- \".git/config\"\n", ":x:\n", "{ onclick=x }\n", "text\n",
            ]
        ),
        max_size=30,
    ).map("".join),
)  # fmt: skip


@FUZZ
@given(front=FRONT, body=BODY, prefix=st.sampled_from(["---\n", "\ufeff---\n", "--- \n", "", "---\r\n"]))
def test_lesson_loader_returns_a_lesson_or_a_located_error(tmp_path: Path, front: str, body: str, prefix: str) -> None:
    path = tmp_path / "fuzz.md"
    text = f"{prefix}{front}---\n{body}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    with bounded_memory():
        try:
            load_lesson(path, "security/fuzz", "docs/security/fuzz.md")
        except SourceError as error:
            assert_located(error, "docs/security/fuzz.md", text.count("\n") + 1)


@FUZZ
@given(body=BODY)
def test_page_contract_returns_located_problems(body: str) -> None:
    with bounded_memory():
        problems = check_template(
            body, 5, "docs/x.md", {"checklist": lambda name, lesson=None: ""}, evaluate=True, is_lesson=False
        )
        problems += check_markup(body, 5, "docs/x.md", Path.cwd())
    for problem in problems:
        assert problem.file == "docs/x.md" and 5 <= problem.line <= 5 + body.count("\n") + 1, problem


@pytest.mark.parametrize("payload", ["{{ lipsum.__globals__ }}", "{% for x in y %}{% endfor %}", "{# x #}"])
def test_the_contract_sees_template_code_the_fuzzer_found(payload: str) -> None:
    # A fixed check beside the fuzzing, so a change to the generators cannot hide these.
    assert check_template(payload, 1, "docs/x.md", {}, evaluate=False, is_lesson=False)
