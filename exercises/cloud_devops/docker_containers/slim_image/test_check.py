"""Acceptance check: compilers stay in a build stage; the runtime starts from a slim or distroless base with the
same Python the dependencies were built for, and keeps the lab's rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from labs.deploy_lab.checks.dockerlint import Instruction, lint, parse, stages

BUILD_TOOLS = re.compile(r"\b(build-essential|gcc|g\+\+|clang|make|[a-z0-9.+-]+-dev)\b")
PYTHON_TAG = re.compile(r"^python:(?P<version>\d+\.\d+)(?:\.\d+)?(?P<slim>-slim)?(?:-(?P<release>[a-z]+))?$")
DISTROLESS = re.compile(r"^gcr\.io/distroless/python3-debian(?P<release>\d+)(?::[\w.-]+)?$")
DEBIAN_NAMES = {"12": "bookworm", "13": "trixie"}


def built(answer: Path) -> list[list[Instruction]]:
    return stages(parse(answer.read_text(encoding="utf-8")))


def image(stage: list[Instruction]) -> str:
    return stage[0].args.split()[0].split("@")[0]


def name(stage: list[Instruction], index: int) -> set[str]:
    words = stage[0].args.split()
    return {str(index), words[-1]} if len(words) >= 3 and words[-2].upper() == "AS" else {str(index)}


def venv_source(answer: Path) -> list[Instruction] | None:
    """The earlier stage whose installed dependencies the final stage copies in."""
    everything = built(answer)
    copied = {
        word.split("=", 1)[1]
        for instruction in everything[-1]
        if instruction.keyword == "COPY"
        for word in instruction.args.split()
        if word.startswith("--from=")
    }
    for index, stage in enumerate(everything[:-1]):
        if name(stage, index) & copied and any(i.keyword == "RUN" and "pip install" in i.args for i in stage):
            return stage
    return None


def test_the_runtime_starts_from_a_slim_or_distroless_base(answer: Path) -> None:
    base = image(built(answer)[-1])
    tag = PYTHON_TAG.match(base)
    assert (tag and tag["slim"]) or DISTROLESS.match(base), (
        f"the final stage starts from {base}, the full image with compilers and headers: use python:<version>-slim "
        "or a distroless Python image"
    )


def test_no_build_tools_or_installs_in_the_runtime(answer: Path) -> None:
    final = built(answer)[-1]
    for instruction in final:
        if instruction.keyword != "RUN":
            continue
        assert not ("install" in instruction.args and BUILD_TOOLS.search(instruction.args)), (
            f"line {instruction.line}: build tools installed in the final stage stay in the image"
        )
        assert "pip install" not in instruction.args, (
            f"line {instruction.line}: installing in the final stage needs the compiler there; copy a built venv"
        )


def test_the_dependencies_are_built_in_an_earlier_stage_and_copied(answer: Path) -> None:
    source = venv_source(answer)
    assert source is not None, "no earlier stage that runs pip install is copied into the final stage (COPY --from)"
    assert any("requirements.txt" in i.args for i in source if i.keyword == "RUN" and "pip install" in i.args)


def test_the_build_stage_and_the_runtime_share_one_python(answer: Path) -> None:
    source = venv_source(answer)
    assert source is not None, "there is no build stage yet"
    builder, runtime = image(source), image(built(answer)[-1])
    if distroless := DISTROLESS.match(runtime):
        release = distroless["release"]
        # The distroless image runs Debian's own /usr/bin/python3; a venv made elsewhere points at another path.
        assert re.match(rf"^debian:({release}|{DEBIAN_NAMES.get(release, '?')})\b", builder), (
            f"{runtime} runs Debian {release}'s python3: build the venv on debian:{release} with its python3"
        )
        return
    made, runs = PYTHON_TAG.match(builder), PYTHON_TAG.match(runtime)
    assert made and runs, f"build on an official python image that matches the runtime ({builder} -> {runtime})"
    assert made["version"] == runs["version"], (
        f"built for Python {made['version']}, run on {runs['version']}: compiled extensions and the venv break"
    )
    assert made["release"] == runs["release"], (
        f"built on {made['release'] or 'the default Debian'}, run on {runs['release'] or 'the default Debian'}: "
        "extensions linked against one release's libraries may not load on another"
    )


def test_the_lab_rules_hold(answer: Path) -> None:
    assert lint(answer.read_text(encoding="utf-8")) == []


@pytest.mark.starter_passes
def test_the_image_still_gets_the_code(answer: Path) -> None:
    final = built(answer)[-1]
    assert any(i.keyword == "COPY" and "service" in i.args for i in final), "the final stage must copy service/"
