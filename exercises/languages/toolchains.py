"""Build and run a learner's non-Python answer with the system toolchains, as the chapter's examples do.

A check compiles the answer in a scratch folder (so the learner's tree stays clean), starts it on a free
loopback port with `running_server` from the examples' harness, and talks to it over HTTP.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT, require_tool

MODULE_PACKAGE = '{"type": "module"}\n'


def compile_typescript(answer: Path, workdir: Path, name: str = "service") -> Path:
    """Type-check `answer` with tsc in strict mode and emit it as an ES module; return the .js file."""
    tsc = require_tool(str(ROOT / "node_modules" / ".bin" / "tsc"), "TypeScript compiler (npm ci)")
    src, out = workdir / "src", workdir / "out"
    src.mkdir(parents=True)
    shutil.copy(answer, src / f"{name}.ts")
    (src / "package.json").write_text(MODULE_PACKAGE)
    command = [
        tsc,
        "--strict",
        "--noUncheckedIndexedAccess",
        "--target",
        "ES2022",
        "--module",
        "NodeNext",
        "--moduleResolution",
        "NodeNext",
        "--types",
        "node",
        "--typeRoots",
        str(ROOT / "node_modules" / "@types"),
        "--skipLibCheck",
        "--rootDir",
        str(src),
        "--outDir",
        str(out),
        str(src / f"{name}.ts"),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603
    assert result.returncode == 0, f"tsc --strict rejected {answer.name}:\n{result.stdout}{result.stderr}"
    (out / "package.json").write_text(MODULE_PACKAGE)
    return out / f"{name}.js"


def node() -> str:
    return require_tool(shutil.which("node"), "Node.js")


class TypeScriptBuilds:
    """Compile each answer once per test session, however many tests start it."""

    def __init__(self, scratch: Path) -> None:
        self._scratch = scratch
        self._built: dict[Path, Path] = {}

    def __call__(self, answer: Path) -> Path:
        if answer not in self._built:
            workdir = self._scratch / f"build-{len(self._built)}"
            self._built[answer] = compile_typescript(answer, workdir)
        return self._built[answer]


def go_test(answer: Path, check_test: Path, workdir: Path, test: str, *, race: bool = False) -> str:
    """Run one Go test function from `check_test` against `answer` in a scratch module; return its output.

    The answer and the check's test file are copied into a module of their own (package and module names
    come from the files), so a learner's answer is compiled exactly as written.
    """
    go = require_tool(shutil.which("go"), "Go toolchain (golang-go)")
    if race:
        # The race detector links a C runtime: on Linux it needs cgo and a C compiler.
        require_tool(shutil.which("cc"), "a C compiler for go test -race (gcc)")
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "go.mod").write_text("module example.com/exercise\n\ngo 1.19\n")
    shutil.copy(answer, workdir / "answer.go")
    shutil.copy(check_test, workdir / "check_test.go")
    env = dict(os.environ, GOTOOLCHAIN="local", GOFLAGS="-mod=mod", CGO_ENABLED="1" if race else "0")
    command = [go, "test", "-count=1", "-run", f"^{test}$", *(["-race"] if race else []), "."]
    result = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=240, check=False)  # noqa: S603
    assert result.returncode == 0, f"{test} failed against {answer.name}:\n{result.stdout}{result.stderr}"
    return result.stdout


def compile_java(answer: Path, workdir: Path, main_class: str) -> Path:
    """Compile `answer` (which declares `main_class`) for Java 17 with every lint as an error; return the
    class directory. The file is copied under the class's own name, as javac requires of a public class."""
    javac = require_tool(shutil.which("javac"), "Java compiler (a JDK, 17 or later)")
    src, out = workdir / "src", workdir / "classes"
    src.mkdir(parents=True)
    shutil.copy(answer, src / f"{main_class}.java")
    command = [javac, "--release", "17", "-Xlint:all", "-Werror", "-d", str(out), str(src / f"{main_class}.java")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    assert result.returncode == 0, f"javac rejected {answer.name}:\n{result.stdout}{result.stderr}"
    return out


def java() -> str:
    return require_tool(shutil.which("java"), "Java runtime")


def rustc(sources_dir: Path, main_file: str, out: Path, *, test: bool = False) -> Path:
    """Compile `main_file` in `sources_dir` with rustc (edition 2024; with --test, as a test binary), warnings
    included in the failure message; return the binary."""
    compiler = require_tool(shutil.which("rustc"), "Rust compiler (rustc)")
    command = [compiler, "--edition", "2024", *(["--test"] if test else []), "-o", str(out), main_file]
    result = subprocess.run(command, cwd=sources_dir, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    assert result.returncode == 0, f"rustc rejected the answer:\n{result.stderr}"
    return out


def go_build(answer: Path, workdir: Path) -> Path:
    """Build a Go `package main` file on its own, as a module of its own, with `go vet` first; return the binary."""
    go = require_tool(shutil.which("go"), "Go toolchain (golang-go)")
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "go.mod").write_text("module example.com/service\n\ngo 1.19\n")
    shutil.copy(answer, workdir / "main.go")
    env = dict(os.environ, GOTOOLCHAIN="local", GOFLAGS="-mod=mod", CGO_ENABLED="0")
    for command in ([go, "vet", "."], [go, "build", "-o", "service", "."]):
        result = subprocess.run(command, cwd=workdir, env=env, capture_output=True, text=True, timeout=240, check=False)  # noqa: S603
        assert result.returncode == 0, f"{' '.join(command[1:])} failed for {answer.name}:\n{result.stderr}"
    return workdir / "service"
