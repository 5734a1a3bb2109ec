"""Template injection cannot run code at build time, in any place a contributor writes.

Layer one, the page contract, refuses the known payloads (walks to `__globals__`, `__subclasses__`,
`config`, `self`, `cycler`, `joiner`, `namespace`, `lipsum`) in lesson bodies and in every front matter
field, with the file and line. Layer two, the sandbox pages render in, is tested on its own: with the
contract out of the way it still reaches nothing. One real build plants payloads and must fail cleanly,
and the published site must contain nothing from /etc/passwd or .git/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import pytest
from jinja2.exceptions import SecurityError, UndefinedError

import macros
from macros.core.errors import SourceError
from macros.guard.contract import snippet_problem, snippet_roots
from macros.guard.sandbox import PageSandbox, install_sandbox
from macros.model.lessons import load_lesson
from macros.site.load import load_catalog
from tests.conftest import ROOT, copy_project, run_build

PAYLOADS = {
    "lipsum": '{{ lipsum.__globals__["os"].popen("cat /etc/passwd").read() }}',
    "cycler": "{{ cycler.__init__.__globals__.os.popen('cat /etc/passwd').read() }}",
    "joiner": "{{ joiner.__init__.__globals__['__builtins__']['open']('/etc/passwd').read() }}",
    "namespace": "{{ namespace.__init__.__globals__.os.popen('id').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ self.__init__.__globals__.__builtins__.open('/etc/passwd').read() }}",
    "config": "{{ config.config_file_path }}",
    "self": "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}",
    "statement": "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{{ c }}{% endfor %}",
    "include": '{% include "/etc/passwd" %}',
    "import": '{% import "/etc/passwd" as x %}',
    "filter": "{{ lipsum | attr('__globals__') }}",
    "undocumented": "{{ context() }}",
    "macros-info": "{{ macros_info() }}",
}
LESSON = (ROOT / "tests" / "fixtures" / "lesson.md").read_text(encoding="utf-8")  # a lesson that passes
MARKER = "## When a retry is safe\n"  # its core-concept heading, where tests insert payloads
FRONT_MATTER_FIELDS = {
    "title": "title: Retrying a failed request",
    "description": next(line for line in LESSON.splitlines() if line.startswith("description: ")),
    "level": "level: beginner",
    "time": "time: 30",
    "tags": "tags: [retries]",
    "prerequisites": "prerequisites: []",
    "objectives": "  - Explain which methods a client may safely send twice.",
    "last_reviewed": "last_reviewed: 2026-11-25",
}
EXTRA_FIELDS = ("hide", "render_macros", "search", "template")


def _yaml_string(payload: str) -> str:
    return "'" + payload.replace("'", "''") + "'"


def _front_matter_cases() -> list[tuple[str, str, str]]:
    cases = []
    for name, payload in PAYLOADS.items():
        for field, line in FRONT_MATTER_FIELDS.items():
            key, _, _ = line.partition(":")
            replaced = f"{key}: {_yaml_string(payload)}" if field != "objectives" else f"  - {_yaml_string(payload)}"
            cases.append((name, field, LESSON.replace(line, replaced, 1)))
        for field in EXTRA_FIELDS:
            cases.append((name, field, LESSON.replace("---\n\n#", f"{field}: {_yaml_string(payload)}\n---\n\n#", 1)))
    return cases


@pytest.mark.parametrize(("payload", "field", "text"), _front_matter_cases())
def test_payload_in_any_front_matter_field_is_refused(payload: str, field: str, text: str, tmp_path: Path) -> None:
    path = tmp_path / "lesson.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_lesson(path, "security/lesson", "docs/security/lesson.md")
    fields = [problem.field for problem in raised.value.problems]
    assert any(f == field or f.startswith((f"{field}[", f"{field}.")) for f in fields), raised.value.report()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("injection"))


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_payload_in_a_lesson_body_is_a_contract_error_at_its_line(name: str, project: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "project"
    shutil.copytree(project, scratch, copy_function=lambda src, dst: Path(dst).symlink_to(src))
    lesson = scratch / "docs" / "security" / "injected.md"
    marker = MARKER
    lesson.write_text(LESSON.replace(marker, marker + "\n" + PAYLOADS[name] + "\n", 1), encoding="utf-8")
    line = LESSON[: LESSON.index(marker)].count("\n") + 3
    with pytest.raises(SourceError) as raised:
        load_catalog(scratch)
    problems = [p for p in raised.value.problems if p.file == "docs/security/injected.md"]
    assert problems and problems[0].line == line, raised.value.report()
    assert "template" in problems[0].field or "macro" in problems[0].message or name in problems[0].field


class _StubPlugin:
    """Just enough of mkdocs-macros' plugin object for define_env and the page hooks."""

    def __init__(self, root: Path) -> None:
        self.conf: dict[str, Any] = {
            "config_file_path": str(root / "mkdocs.yml"),
            "docs_dir": str(root / "docs"),
            "use_directory_urls": True,
            "extra": {},
            "mdx_configs": {},
        }
        self.macros: dict[str, Any] = {
            "context": lambda: "every variable",
            "macros_info": lambda: "every macro",
        }
        self.variables: dict[str, Any] = {}
        self.page = None
        self._env = jinja2.Environment()  # noqa: S701 - what mkdocs-macros creates; replaced by the sandbox

    @property
    def env(self) -> jinja2.Environment:
        return self._env

    def macro(self, function: Any, name: str) -> None:
        self.macros[name] = function

    def has_j2(self, text: str) -> bool:
        return "{{" in text


@pytest.fixture(scope="module")
def plugin(project: Path) -> _StubPlugin:
    stub = _StubPlugin(project)
    macros.define_env(stub)
    macros.on_pre_page_macros(stub)
    return stub


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_the_sandbox_reaches_nothing_even_without_the_contract(name: str, plugin: _StubPlugin) -> None:
    assert isinstance(plugin.env, PageSandbox)
    # A sandbox that cannot render at all would "refuse" every payload: it must still render a macro.
    assert 'data-checklist="security"' in plugin.env.from_string('{{ checklist("security") }}').render()
    try:
        output = plugin.env.from_string(PAYLOADS[name]).render(config={"config_file_path": "/secret"}, self="x")
    except (SecurityError, UndefinedError, jinja2.TemplateError, TypeError):
        return
    assert not re.search(r"root:|uid=|/secret|every (variable|macro)|<class", output), output


def test_the_sandbox_still_renders_documented_macros(plugin: _StubPlugin) -> None:
    html = plugin.env.from_string('{{ checklist("security") }}{% raw %}{{ shown }}{% endraw %}').render()
    assert 'data-checklist="security"' in html and "{{ shown }}" in html
    install_sandbox(plugin, {"checklist"})  # installing twice keeps the one sandbox
    assert plugin.env.globals.keys() >= {"checklist", "print_edition"}
    assert "lipsum" not in plugin.env.globals and "context" not in plugin.env.globals


def test_front_matter_is_never_rendered_as_a_template(plugin: _StubPlugin) -> None:
    # mkdocs-macros renders a page title through Jinja when has_j2() says it holds template code.
    assert plugin.has_j2("{{ lipsum.__globals__ }}") is False


def test_the_print_edition_never_runs_a_lessons_macros(tmp_path: Path) -> None:
    """An error in a lesson's macro is reported against the lesson, never print.md: the print edition is
    assembled from the rendered lesson pages and runs no lesson Markdown through the templates itself."""
    root = copy_project(tmp_path / "project")
    stub = _StubPlugin(root)
    macros.define_env(stub)
    macros.on_pre_page_macros(stub)
    path = root / "docs" / "security" / "sql-injection.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("## Why it matters\n", '## Why it matters\n\n{{ comparison_table("x") }}\n', 1))
    stub.page = SimpleNamespace(url="print/", file=SimpleNamespace(src_uri="print.md"))
    html = stub.macros["print_edition"]()
    assert "lesson-security-sql-injection" in html and "comparison_table" not in html


def test_a_build_with_payloads_fails_with_messages_and_no_traceback(project: Path, tmp_path: Path) -> None:
    scratch = tmp_path / "project"
    shutil.copytree(project, scratch)
    marker = MARKER
    (scratch / "docs" / "security" / "injected.md").write_text(
        LESSON.replace(marker, marker + "\n" + PAYLOADS["lipsum"] + '\n\n```text\n--8<-- ".git/config"\n```\n', 1),
        encoding="utf-8",
    )
    (scratch / "docs" / "contributing" / "titled.md").write_text(
        f"---\ntitle: {_yaml_string(PAYLOADS['cycler'])}\ndescription: A page with a payload in its title.\n---\n\n"
        "# Titled\n",
        encoding="utf-8",
    )
    result = run_build(scratch, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    payload_line = LESSON[: LESSON.index(marker)].count("\n") + 3
    assert f"docs/security/injected.md:{payload_line}: template: only calls to the documented macros" in output
    assert f"docs/security/injected.md:{payload_line + 3}: snippet: '.git/config': snippets may only" in output
    assert "docs/contributing/titled.md:2: title: must be plain text" in output
    assert "root:x:0" not in output


def _secrets() -> list[str]:
    """Lines that would only be in the site if a file outside the allowed folders leaked into it."""
    found = []
    passwd = Path("/etc/passwd")
    if passwd.exists():
        found += [line for line in passwd.read_text(encoding="utf-8").splitlines() if line.count(":") >= 6][:5]
    git_config = ROOT / ".git"
    if git_config.is_file():  # a worktree: .git is a file pointing at the repository
        found.append(git_config.read_text(encoding="utf-8").strip())
    found += ["repositoryformatversion", '[remote "origin"]', "ref: refs/heads/"]
    return found


def test_nothing_from_etc_passwd_or_git_is_published(built_site: Path) -> None:
    secrets = _secrets()
    leaks = []
    for path in built_site.rglob("*"):
        if path.is_file() and path.name != ".build-log":
            text = path.read_bytes().decode("utf-8", "replace")
            leaks += [f"{path.relative_to(built_site)}: {secret}" for secret in secrets if secret in text]
    assert leaks == []


def test_a_failing_call_on_a_page_names_the_page_and_line(
    plugin: _StubPlugin, caplog: pytest.LogCaptureFixture
) -> None:
    page = Path(plugin.conf["docs_dir"]) / "glossary.md"
    body_line = page.read_text(encoding="utf-8").split("\n---\n", 1)[0].count("\n") + 3
    plugin.page = SimpleNamespace(url="glossary/", file=SimpleNamespace(src_uri="glossary.md"))
    with pytest.raises(SystemExit):
        plugin.env.from_string('Text\n\n{{ checklist("no-such-checklist") }}').render()
    assert f"docs/glossary.md:{body_line + 2}: checklist: no checklist 'no-such-checklist'" in caplog.text


def test_symbolic_links_cannot_publish_files_from_outside(tmp_path: Path) -> None:
    """Git stores symbolic links, so a pull request can add one; neither a page nor a snippet may use it."""
    scratch = copy_project(tmp_path / "project")
    (scratch / "docs" / "contributing" / "leak.md").symlink_to("/etc/passwd")
    (scratch / "examples" / "leak.txt").symlink_to("/etc/passwd")
    marker = MARKER
    (scratch / "docs" / "security" / "linked.md").write_text(
        LESSON.replace(marker, marker + '\n```text\n--8<-- "examples/leak.txt"\n```\n', 1), encoding="utf-8"
    )
    with pytest.raises(SourceError) as raised:
        load_catalog(scratch)
    report = raised.value.report()
    line = LESSON[: LESSON.index(marker)].count("\n") + 4
    assert "docs/contributing/leak.md:1: (file): a symbolic link: commit the file itself" in report
    assert f"docs/security/linked.md:{line}: snippet: 'examples/leak.txt' resolves outside" in report
    assert "root:" not in report


def test_a_link_into_a_sibling_folder_with_the_same_prefix_is_refused(tmp_path: Path) -> None:
    """`examples_private/` starts with the characters of `examples`, but is not inside it: the check compares
    path components, not strings."""
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples_private").mkdir()
    (tmp_path / "examples_private" / "secret.txt").write_text("token", encoding="utf-8")
    (tmp_path / "examples" / "notes.txt").symlink_to(tmp_path / "examples_private" / "secret.txt")
    (tmp_path / "examples" / "fine.txt").write_text("ok", encoding="utf-8")
    allowed = snippet_roots(tmp_path)
    assert snippet_problem("examples/fine.txt", tmp_path, allowed) is None
    problem = snippet_problem("examples/notes.txt", tmp_path, allowed)
    assert problem is not None and "resolves outside" in problem


def _macro() -> str:
    return "<p>made by a macro</p>"


def test_the_sandbox_has_only_its_macros_no_filters_no_tests_and_keeps_its_settings() -> None:
    sandbox = PageSandbox({"made": _macro}, undefined=jinja2.StrictUndefined)
    assert sandbox.globals == {"made": _macro}
    assert sandbox.filters == {} and sandbox.tests == {}
    assert sandbox.loader is None
    assert sandbox.from_string("{{ made() }}").render() == "<p>made by a macro</p>"
    with pytest.raises(UndefinedError):  # the StrictUndefined it was given, not Jinja's silent default
        sandbox.from_string("{{ missing }}").render()
    with pytest.raises(SecurityError):  # a callable that is not a registered macro, here one a macro returned
        PageSandbox({"made": _macro, "give": lambda: len}).from_string("{{ give()('x') }}").render()


def test_page_templates_are_compiled_once_for_every_sandbox_and_other_compiles_are_left_alone() -> None:
    source = "{{ made() }} compiled once"
    first = PageSandbox({"made": _macro}).compile(source)
    assert PageSandbox({"made": _macro}).compile(source) is first, "a new sandbox (each serve rebuild) reuses it"
    assert isinstance(PageSandbox({}).compile(source, raw=True), str)  # Jinja's generated Python, not code
    for options in ({"name": "page"}, {"filename": "page.md"}, {"defer_init": True}):
        assert PageSandbox({"made": _macro}).compile(source, **options) is not first, options
    # ... and are passed on whole to Jinja, which compiles them as asked.
    assert PageSandbox({}).compile(source, filename="page.md").co_filename == "page.md"
    assert "name = 'page'" in PageSandbox({}).compile(source, name="page", raw=True)
    assert PageSandbox({}).compile(source, raw=True, defer_init=True) != PageSandbox({}).compile(source, raw=True)


class _MacrosPlugin:
    """What install_sandbox uses of mkdocs-macros' plugin: `env` (read-only), `_env` and `macros`."""

    def __init__(self, env: jinja2.Environment, macros: dict[str, Any]) -> None:
        self._env, self.macros = env, macros

    @property
    def env(self) -> jinja2.Environment:
        return self._env


def test_installing_the_sandbox_keeps_the_plugin_environment_settings() -> None:
    env = jinja2.Environment(variable_start_string="[[", variable_end_string="]]", undefined=jinja2.StrictUndefined)  # noqa: S701 - its settings are read, nothing renders in it
    plugin = _MacrosPlugin(env, {"made": _macro, "context": dict})
    install_sandbox(plugin, {"made"})
    sandbox = plugin.env
    assert isinstance(sandbox, PageSandbox) and sandbox.globals == {"made": _macro}
    assert sandbox.variable_start_string == "[[" and sandbox.undefined is jinja2.StrictUndefined
