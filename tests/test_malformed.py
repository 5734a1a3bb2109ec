"""Every case in tests/malformed/ breaks the sources in one way and must produce its exact message.

A case is a folder whose files are laid over a copy of the project, plus `expected.txt`: the lines
(`file:line: field: message`) the report must contain. Add a case by adding a folder.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from yaml.error import Mark, MarkedYAMLError

from macros.core.errors import SourceError
from macros.core.source_text import read_source
from macros.core.yaml_source import MAX_NODES, MAX_SCALAR, _yaml_problem, line_for, load_yaml
from macros.core.yaml_source import MAX_TEXT as YAML_MAX_TEXT
from macros.guard.contract import (
    ALLOWED_TAGS,
    MAX_CALLS_PER_PAGE,
    check_markup,
    check_nav,
    check_page,
    check_pages,
    check_template,
    snippet_targets,
)
from macros.site.load import documented_macros, load_catalog
from tests.conftest import ROOT, copy_project, run_build

CASES = Path(__file__).parent / "malformed"


def _overlay(case: Path, project: Path) -> None:
    for source in case.rglob("*"):
        if source.is_file() and source.name != "expected.txt":
            target = project / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)  # a hard link to the pristine copy: replace it, never write through
            shutil.copy2(source, target)


def _scratch_copy(pristine: Path, project: Path) -> None:
    # Hard links: a hundred cases would otherwise copy the sources a hundred times.
    shutil.copytree(pristine, project, copy_function=os.link)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("pristine"))


def test_corpus_is_large_enough() -> None:
    assert len([c for c in CASES.iterdir() if c.is_dir()]) >= 100


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_malformed_case_reports_file_line_and_field(case: str, pristine: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    _scratch_copy(pristine, project)
    _overlay(CASES / case, project)
    with pytest.raises(SourceError) as raised:
        load_catalog(project)
    report = raised.value.report()
    for line in (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line in report, f"expected\n  {line}\nin\n{report}"


# A full build per class of input: the build stops before rendering, so each costs a few seconds.
BUILD_CASES = [
    "bad-yaml",
    "lesson-missing-section",
    "yaml-alias-bomb",
    "encoding-latin1-lesson",
    "plain-title-template",
    "template-lipsum",
    "snippet-git-config",
    "markup-emoji",
]


@pytest.mark.parametrize("case", BUILD_CASES)
def test_build_fails_with_the_message_and_no_traceback(case: str, pristine: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    _scratch_copy(pristine, project)
    _overlay(CASES / case, project)
    result = run_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    first_expected = (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines()[0]
    assert first_expected in output


def test_the_unbroken_project_loads(pristine: Path) -> None:
    catalog = load_catalog(pristine)
    assert "security/sql-injection" in catalog.lessons


# Jinja reports an unclosed tag where it gave up, often lines later: the report points at the opening line.
@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("{{ checklist('x'\n\n\nmore\n", 1),  # the first line of the page
        ("a\nb\nc\n{% if x %}\nd\ne\nf\n", 4),
        ("a\n{% if x\nb\nc\n", 2),  # Jinja gives up on line 3
        ("a\nb\n{# note\nc\nd\ne\n", 3),
        ("{{ x\n{# a comment #}\nmore\n", 1),  # a comment between is not where the tag opened
    ],
)
def test_an_unclosed_template_tag_is_reported_on_the_line_that_opens_it(body: str, line: int) -> None:
    [problem] = check_template(body, 1, "docs/page.md", {}, evaluate=True, is_lesson=False)
    assert (problem.line, problem.field) == (line, "template")


def test_a_character_yaml_refuses_is_reported_on_its_line_with_its_code_point() -> None:
    # The page and data readers refuse control characters first (tests/malformed/encoding-control-*); the
    # YAML reader's own refusal, counted in characters, must still land on the right line.
    with pytest.raises(SourceError) as raised:
        load_yaml("\na: 1\nb: 2\nc: \x07\n", "data/x.yml", first_line=5)  # a blank first line counts too
    assert "data/x.yml:8: (yaml): not valid YAML: control characters are not allowed (U+0007)" in raised.value.report()


@pytest.mark.parametrize(
    ("error", "line", "message"),
    [
        # Only a context mark (the problem has none): the line comes from the context.
        (MarkedYAMLError("while scanning a block", Mark("x", 0, 2, 0, None, None)), 7, "while scanning a block"),
        # No mark at all (an error libyaml raised bare): the first line of the text, and the message's first line.
        (yaml.YAMLError("no document\nmore detail"), 5, "no document"),
    ],
)
def test_a_yaml_error_of_any_shape_names_a_line_and_a_one_line_message(
    error: yaml.YAMLError, line: int, message: str
) -> None:
    problem = _yaml_problem(error, "a: 1\n", "data/x.yml", offset=4)
    assert (problem.file, problem.line, problem.field, problem.message) == (
        "data/x.yml",
        line,
        "(yaml)",
        f"not valid YAML: {message}",
    )


NAV = """\
nav:
  - index.md
  - A page: page.md
  - Standard: https://www.rfc-editor.org/
  - Plain: http://example.org/
  - Loud: HTTPS://example.org/
  - Group:
      - deeper.md
      - Nested:
          - Shouting: JAVASCRIPT:alert(1)
  - Spaced: "java\\tscript:alert(1)"
  - Data: data:text/html,<b>x</b>
  - Up: ../../mkdocs.yml
  - "A title &lt;with a reference&gt; that is longer than forty characters": page.md
  - Tabbed: "\thttps://example.org/"
  - Odd: "page&amp;.md"
"""


def test_nav_entries_are_pages_or_web_links_and_titles_are_plain_text(tmp_path: Path) -> None:
    nav = tmp_path / ".nav.yml"
    nav.write_text(NAV, encoding="utf-8")
    problems = check_nav(nav, "docs/x/.nav.yml")
    assert {problem.file for problem in problems} == {"docs/x/.nav.yml"}
    found = [(problem.line, problem.field, problem.message) for problem in problems]
    refused = "entries are pages in docs/ or https links"
    assert found[:4] == [
        (10, "nav", f"'JAVASCRIPT:alert(1)': {refused}"),
        (11, "nav", f"'java\tscript:alert(1)': {refused}"),
        (12, "nav", f"'data:text/html,<b>x</b>': {refused}"),
        (13, "nav", f"'../../mkdocs.yml': {refused}"),
    ]
    [(line, field, message), (odd_line, odd_field, odd_message)] = found[4:]  # the tabbed link passes
    assert (line, field) == (14, "A title &lt;with a reference&gt; that is")
    assert message.startswith("must be plain text, found '&lt;'")
    assert (odd_line, odd_field) == (16, "Odd") and odd_message.startswith("must be plain text, found '&amp;'")


@pytest.mark.parametrize(("content", "line"), [(b"nav:\n  - [unclosed\n", 3), (b"nav:\n  - page-\xe9.md\n", 2)])
def test_a_nav_file_that_does_not_read_or_parse_is_reported_with_its_name(
    content: bytes, line: int, tmp_path: Path
) -> None:
    nav = tmp_path / ".nav.yml"
    nav.write_bytes(content)
    with pytest.raises(SourceError) as raised:
        check_nav(nav, "docs/x/.nav.yml")
    assert [(problem.file, problem.line) for problem in raised.value.problems] == [("docs/x/.nav.yml", line)]


# The page contract's own families, checked again on the page alone: no copy of the project, no catalog. The
# same cases and expectations a hundred times faster, so that mutation testing (`make mutation`, which runs
# the fastest tests first) finds a broken page check in a second rather than after the whole corpus.
PAGE_CONTRACT_FAMILIES = ("markup-", "snippet-", "template-", "plain-page-")


@pytest.fixture(scope="module")
def site_macros() -> tuple[dict, set[str]]:
    catalog = load_catalog(ROOT)
    return documented_macros(catalog, ROOT), {area.id for area in catalog.skills.areas}


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.name.startswith(PAGE_CONTRACT_FAMILIES)))
def test_page_contract_cases_are_caught_by_the_page_check_alone(case: str, site_macros: tuple) -> None:
    macros, areas = site_macros
    [page] = [path for path in (CASES / case).rglob("*.md")]
    source = str(page.relative_to(CASES / case))
    folders = source.split("/")
    is_lesson = len(folders) == 3 and folders[1] in areas and folders[2] != "index.md"
    problems = check_page(page, source, ROOT, macros, is_lesson)
    report = "\n".join(f"{problem.file}:{problem.line}: {problem.field}: {problem.message}" for problem in problems)
    for line in (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line in report, f"expected\n  {line}\nin\n{report}"


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.name.startswith("yaml-")))
def test_yaml_cases_are_caught_by_the_yaml_reader_alone(case: str) -> None:
    """The YAML limits and rules on the file alone, as the page check above: fast, for mutation testing."""
    [file] = [path for path in (CASES / case).rglob("*.yml")]
    source = str(file.relative_to(CASES / case))
    with pytest.raises(SourceError) as raised:
        load_yaml(read_source(file, source), source)
    report = raised.value.report()
    for line in (CASES / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert line in report, f"expected\n  {line}\nin\n{report}"


def test_the_docs_folder_holds_pages_images_and_nav_files_only(tmp_path: Path) -> None:
    """What check_pages lets MkDocs publish, on a small docs folder (the corpus checks it on the real one)."""
    docs = tmp_path / "docs"
    (docs / "area").mkdir(parents=True)
    (docs / "assets" / "javascripts").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nPlain text.\n", encoding="utf-8")
    (docs / "area" / "a-photo.webp").write_bytes(b"RIFF")  # first in the folder: the scan goes on after it
    (docs / "area" / "calls.md").write_text('# Calls\n\n{{ m("x") }}\n', encoding="utf-8")
    (docs / "area" / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (docs / "area" / "drawing.svg").write_text("<svg/>", encoding="utf-8")
    (docs / "assets" / "javascripts" / "theme.js").write_text("// reviewed as code", encoding="utf-8")
    (docs / "area" / ".nav.yml").write_text("nav:\n  - Bad: javascript:alert(1)\n", encoding="utf-8")
    (docs / "area" / "leak.md").symlink_to("/etc/hostname")

    def failing(name: str) -> str:
        raise KeyError(name)

    problems = check_pages(tmp_path, docs, {"m": failing}, set(), evaluate=True)
    assert [(problem.file, problem.line, problem.field) for problem in problems] == [
        ("docs/area/.nav.yml", 2, "nav"),
        ("docs/area/calls.md", 3, "m"),  # the call is run: the data loaded cleanly
        ("docs/area/drawing.svg", 1, "(file)"),
        ("docs/area/evil.html", 1, "(file)"),
        ("docs/area/leak.md", 1, "(file)"),
    ]
    assert problems[3].message == (
        "MkDocs would publish this file as it is; pages are Markdown and images are .avif, .gif, .jpeg, .jpg, "
        ".png, .webp (theme files go in docs/assets/)"
    )
    assert problems[4].message == "a symbolic link: commit the file itself"
    # When the data did not load cleanly the calls are not run: a call would fail for a reason already reported.
    unevaluated = check_pages(tmp_path, docs, {"m": failing}, set(), evaluate=False)
    assert [problem.file for problem in unevaluated] == [problem.file for problem in problems if problem.field != "m"]


def test_autolinks_are_not_tags() -> None:
    assert check_markup("Write to <team@example.org> or read <https://example.org/>.\n", 1, "docs/x.md", ROOT) == []


def test_macro_arguments_are_constants_or_flat_lists_of_constants() -> None:
    macros = {"m": lambda items=None: ""}
    assert check_template('{{ m(["a", "b"]) }}', 1, "docs/x.md", macros, evaluate=True, is_lesson=False) == []
    for call in ("{{ m([name]) }}", '{{ m([["a"]]) }}', "{{ m(items=[x]) }}", "{{ m(name) }}"):
        [problem] = check_template(call, 1, "docs/x.md", macros, evaluate=True, is_lesson=False)
        assert problem.message == "arguments must be constants: strings, numbers, or lists of strings", call


def test_macro_calls_name_the_documented_macros_and_take_their_arguments_written_out() -> None:
    macros = {"m": lambda items=None: "", "other": lambda: ""}
    [unknown] = check_template("{{ missing() }}", 1, "docs/x.md", macros, evaluate=True, is_lesson=False)
    assert unknown.message.startswith("not a documented macro (documented: m, other); ")
    for call in ('{{ m(*["a"]) }}', '{{ m(**{"items": "a"}) }}'):
        [problem] = check_template(call, 1, "docs/x.md", macros, evaluate=False, is_lesson=False)
        assert problem.message == "arguments must be written out, not unpacked with * or **", call
    [keyword] = check_template("{{ m(colour=1) }}", 1, "docs/x.md", macros, evaluate=False, is_lesson=False)
    assert "unexpected keyword argument 'colour'" in keyword.message


def test_a_refused_tag_lists_the_allowed_ones() -> None:
    [problem] = check_markup("<iframe>\n", 1, "docs/x.md", ROOT)
    allowed = ", ".join(sorted(ALLOWED_TAGS))
    assert problem.message == f"<iframe> is not allowed in pages; use Markdown (allowed tags: {allowed})"


def test_a_call_with_arguments_is_run_when_asked_and_only_then() -> None:
    def failing(name: str = "", other: str = "") -> str:
        raise KeyError(name or other)

    macros = {"m": failing}
    assert check_template('{{ m("a") }}', 1, "docs/x.md", macros, evaluate=False, is_lesson=False) == []
    for call in ('{{ m("a") }}', '{{ m(other="b") }}'):
        [problem] = check_template(call, 1, "docs/x.md", macros, evaluate=True, is_lesson=False)
        assert problem.field == "m", call


def test_a_docs_folder_outside_the_project_is_named_by_its_full_path(tmp_path: Path) -> None:
    docs = tmp_path / "elsewhere" / "docs"
    docs.mkdir(parents=True)
    (docs / "evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    [problem] = check_pages(tmp_path / "project", docs, {}, set(), evaluate=True)
    assert problem.file == str(docs / "evil.html")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("---title: x\n# Page\n", (1, "front matter", "missing: a page starts with a '---' block")),
        ("<iframe>\n", (1, "html", None)),  # no front matter: the body starts on line 1
    ],
)
def test_a_page_without_front_matter_is_checked_from_its_first_line(
    content: str, expected: tuple, tmp_path: Path
) -> None:
    page = tmp_path / "page.md"
    page.write_text(content, encoding="utf-8")
    [problem] = check_page(page, "docs/page.md", ROOT, {}, is_lesson=False, evaluate=True)
    assert (problem.file, problem.line, problem.field) == ("docs/page.md", expected[0], expected[1])
    assert expected[2] in (problem.message, None)


def test_a_page_that_does_not_decode_is_reported_with_its_name(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(b"# Menu \xe9\n")
    with pytest.raises(SourceError) as raised:
        check_page(page, "docs/page.md", ROOT, {}, is_lesson=False, evaluate=True)
    assert [problem.file for problem in raised.value.problems] == ["docs/page.md"]


def test_a_location_missing_from_the_file_takes_its_nearest_enclosing_line() -> None:
    assert line_for({(): 1, ("a",): 4}, ("a", "b", 0)) == 4
    assert line_for({}, ("a",)) == 1  # nothing recorded at all: the first line


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[x](java&#9;script:alert(1))\n", [(1, "link")]),  # a tab inside the scheme, as browsers read it
        ("[x](&#9;https://example.org/)\n", []),  # and before an allowed one
        ("![x](//evil.example/x.png)\n", [(1, "image")]),  # protocol-relative: a third-party request
        ("Text `" + "a" * 6000 + "` end\n", [(1, "text")]),  # inline code counts toward a line's length
        ("[a] " * 150 + "\n```\ncode\n```\n" + "[a] " * 150 + "\n", []),  # a fence ends a paragraph
        ("[a] " * 150 + "\n" + "[a] " * 150 + "\n", [(2, "text")]),  # 300 '[' in one paragraph
    ],
)
def test_links_images_and_limits_are_judged_as_markdown_reads_them(body: str, expected: list) -> None:
    assert [(problem.line, problem.field) for problem in check_markup(body, 1, "docs/x.md", ROOT)] == expected


@pytest.mark.parametrize(
    ("line", "refused"),
    [
        (" " * 40 + "- deep item", False),  # at the limits: allowed
        (" " * 41 + "- deeper item", True),
        ("> " * 10 + "quoted", False),
        ("> " * 11 + "quoted", True),
    ],
)
def test_nesting_limits_allow_their_value_and_refuse_one_more(line: str, refused: bool) -> None:
    problems = check_markup(f"{line}\n", 1, "docs/x.md", ROOT)
    assert bool(problems) is refused, problems


def test_a_page_with_every_kind_of_template_mark_is_still_checked() -> None:
    body = "{# a note #}\n{% set x = 1 %}\n{{ x }}\n"
    fields = [problem.field for problem in check_template(body, 1, "docs/x.md", {}, evaluate=True, is_lesson=False)]
    assert fields == ["template", "template", "template"]


def test_a_page_may_make_up_to_the_limit_of_macro_calls() -> None:
    macros = {"m": lambda: ""}
    at_limit = "{{ m() }}\n" * MAX_CALLS_PER_PAGE
    assert check_template(at_limit, 1, "docs/x.md", macros, evaluate=True, is_lesson=False) == []
    [problem] = check_template(at_limit + "{{ m() }}\n", 1, "docs/x.md", macros, evaluate=True, is_lesson=False)
    assert problem.message == f"more than {MAX_CALLS_PER_PAGE} macro calls"


def test_snippet_includes_are_found_in_both_forms_and_commented_lines_are_not() -> None:
    body = (
        'Text\n--8<-- "examples/a.py"\n;--8<-- "examples/off.py"\n'
        "--8<--\nexamples/b.py\n\n;examples/c.py\nlabs/d.py\n--8<--\n"
    )
    assert list(snippet_targets(body)) == [(2, "examples/a.py"), (5, "examples/b.py"), (8, "labs/d.py")]


def test_a_problem_inside_an_aliased_value_is_reported_once_at_its_anchor() -> None:
    text = "base: &b\n  x: 1\n  x: 2\none: *b\ntwo: *b\n"
    with pytest.raises(SourceError) as raised:
        load_yaml(text, "data/x.yml")
    assert [(problem.line, problem.field, problem.message) for problem in raised.value.problems] == [
        (3, "base.x", "duplicate key (first on line 2)")
    ]


def test_every_duplicate_is_reported_also_inside_lists() -> None:
    text = "items:\n  - a: 1\n    a: 2\n    b: 1\n    b: 2\n"
    with pytest.raises(SourceError) as raised:
        load_yaml(text, "data/x.yml")
    assert [(problem.file, problem.line, problem.field) for problem in raised.value.problems] == [
        ("data/x.yml", 3, "items[0].a"),
        ("data/x.yml", 5, "items[0].b"),
    ]


def test_every_key_is_checked_after_a_key_that_is_not_a_name() -> None:
    with pytest.raises(SourceError) as raised:
        load_yaml("? [a, b]\n: 1\nk: 1\nk: 2\n", "data/x.yml")
    assert [problem.message for problem in raised.value.problems] == [
        "a key must be a plain name",
        "duplicate key (first on line 3)",
    ]


def test_an_impossible_date_is_reported_on_its_field() -> None:
    with pytest.raises(SourceError) as raised:
        load_yaml("title: x\nreviewed: 2026-02-30\n", "data/x.yml")
    [problem] = raised.value.problems
    assert (problem.line, problem.field) == (2, "reviewed")
    assert problem.message.startswith("not a valid date (2026-02-30): ")


def test_a_yaml_file_may_be_exactly_as_long_as_the_limit() -> None:
    head = "a: 1\n# "
    at_limit = head + "x" * (YAML_MAX_TEXT - len(head) - 1) + "\n"
    assert load_yaml(at_limit, "data/x.yml")[0] == {"a": 1}
    with pytest.raises(SourceError) as raised:
        load_yaml(at_limit + "\n", "docs/area/page.md", first_line=2)  # front matter starts on line 2
    [problem] = raised.value.problems
    too_long = f"is {YAML_MAX_TEXT + 1:,} characters; the limit is {YAML_MAX_TEXT:,}"
    assert (problem.file, problem.line, problem.field, problem.message) == ("docs/area/page.md", 2, "(yaml)", too_long)


def test_yaml_values_and_depth_are_counted_exactly() -> None:
    def loads(text: str) -> bool:
        try:
            load_yaml(text, "data/x.yml")
        except SourceError:
            return False
        return True

    # A list and its items are MAX_NODES values: allowed; one item more is refused.
    assert loads("[" + ",".join(["1"] * (MAX_NODES - 1)) + "]")
    assert not loads("[" + ",".join(["1"] * MAX_NODES) + "]")
    assert loads("[" + ",".join(["[]"] * (MAX_NODES - 1)) + "]")  # collections count as values too
    assert not loads("[" + ",".join(["[]"] * MAX_NODES) + "]")
    # Depth goes back down as collections close: a sibling nested 31 more lists inside two is 33 deep.
    assert not loads("a: [[1], " + "[" * 31 + "1" + "]" * 31 + "]\n")
    assert loads("a: [[1], " + "[" * 30 + "1" + "]" * 30 + "]\n")
    # An alias counts every value of what it names: 1 + 7 + 7 x 2,856 = 20,000 values, then one alias more.
    assert MAX_NODES == 20_000
    aliased = "- &a [1, 2, 3, 4, 5, 6]\n" + "- *a\n" * 2856
    assert loads(aliased)
    assert not loads(aliased + "- *a\n")
    # An alias of a single value counts one: 1 + 1 + 19,998 = 20,000.
    scalars = "- &s x\n" + "- *s\n" * 19_998
    assert loads(scalars)
    assert not loads(scalars + "- *s\n")
    # A value may be exactly MAX_SCALAR characters long.
    assert loads("a: " + "x" * MAX_SCALAR + "\n")
    assert not loads("a: " + "x" * (MAX_SCALAR + 1) + "\n")
    # The non-specific tag `!` only says "a string": allowed.
    assert load_yaml("a: ! text\n", "data/x.yml")[0] == {"a": "text"}
