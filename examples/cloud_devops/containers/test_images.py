"""The distroless variant keeps the lab's rules and works without a shell; the slow Dockerfile is what it says."""

from __future__ import annotations

import json
from pathlib import Path

from labs.deploy_lab.checks.dockerlint import lint, parse, stages

HERE = Path(__file__).resolve().parent
DISTROLESS = (HERE / "distroless.Dockerfile").read_text(encoding="utf-8")


def test_the_distroless_variant_passes_every_lab_rule() -> None:
    assert lint(DISTROLESS) == []


def test_the_distroless_runtime_needs_no_shell() -> None:
    runtime = stages(parse(DISTROLESS))[-1]
    assert not [i for i in runtime if i.keyword == "RUN"], "RUN needs /bin/sh, which a distroless image lacks"
    for instruction in runtime:
        if instruction.keyword in {"CMD", "ENTRYPOINT"}:
            assert isinstance(json.loads(instruction.args), list)
        if instruction.keyword == "HEALTHCHECK":
            assert instruction.args.split(" CMD ", 1)[1].startswith("["), "CMD-SHELL needs a shell too"


def test_the_builder_and_the_runtime_share_one_debian_release_and_python() -> None:
    builder, runtime = (stage[0].args.split()[0] for stage in stages(parse(DISTROLESS)))
    assert builder == "debian:13-slim"
    assert runtime.startswith("gcr.io/distroless/python3-debian13")
    # The venv's interpreter is Debian's /usr/bin/python3, the one the distroless image ships.
    assert any(i.keyword == "RUN" and i.args == "python3 -m venv /opt/venv" for i in stages(parse(DISTROLESS))[0])


def test_the_distroless_runtime_runs_as_its_nonroot_user_by_number() -> None:
    runtime = stages(parse(DISTROLESS))[-1]
    assert [i.args for i in runtime if i.keyword == "USER"] == ["65532:65532"]
    assert runtime[0].args.split()[0].endswith(":nonroot")


def test_the_slow_dockerfile_passes_the_linter_although_its_cache_order_is_wrong() -> None:
    # No lint rule sees cache order: the build-cache model (test_buildcache.py) does. It is single-stage, though.
    assert lint((HERE / "slow.Dockerfile").read_text(encoding="utf-8")) == [
        "use a multi-stage build: build tools stay in an earlier stage"
    ]
