"""The cache model agrees with the lesson: which steps a change rebuilds, in the lab's Dockerfile and a slow one."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.cloud_devops.containers.buildcache import ignored, rebuilt

HERE = Path(__file__).resolve().parent
LAB = HERE.parents[2] / "labs" / "deploy_lab"
LAB_DOCKERFILE = (LAB / "Dockerfile").read_text(encoding="utf-8")
LAB_IGNORE = (LAB / ".dockerignore").read_text(encoding="utf-8")
SLOW = (HERE / "slow.Dockerfile").read_text(encoding="utf-8")


def steps(changed: set[str], dockerfile: str = LAB_DOCKERFILE, ignore: str = LAB_IGNORE) -> list[str]:
    return [
        f"{step.stage}: {step.instruction.keyword} {step.instruction.args}"
        for step in rebuilt(dockerfile, changed, ignore)
    ]


def test_a_code_change_leaves_the_dependency_layers_cached() -> None:
    again = steps({"service/app.py"})
    assert again[0] == "runtime: COPY --chown=root:root service/ ./service/"
    assert not any("pip install" in step for step in again)
    assert not any(step.startswith("builder:") for step in again)
    # Everything after the first changed step runs again, even instructions that did not change.
    assert [step.split(": ", 1)[1].split()[0] for step in again] == ["COPY", "USER", "EXPOSE", "HEALTHCHECK", "CMD"]


def test_a_dependency_change_reinstalls_and_recopies_the_environment() -> None:
    again = steps({"requirements.txt"})
    assert "builder: RUN /opt/venv/bin/pip install --no-compile -r requirements.txt" in again
    assert "runtime: COPY --from=builder /opt/venv /opt/venv" in again
    assert "builder: RUN python -m venv /opt/venv" not in again  # before the COPY that changed


@pytest.mark.parametrize(
    "path", ["README.md", "tests/test_deploy_service.py", "service/__pycache__/app.cpython-313.pyc"]
)
def test_files_the_dockerignore_excludes_rebuild_nothing(path: str) -> None:
    assert steps({path}) == []


def test_in_the_slow_dockerfile_any_change_reinstalls_the_dependencies() -> None:
    for changed in ({"service/app.py"}, {"README.md"}):
        again = steps(changed, SLOW, ignore="")
        assert "0: RUN pip install --no-cache-dir -r requirements.txt" in again, changed


def test_the_slow_dockerfile_with_the_lab_dockerignore_still_reinstalls_on_a_code_change() -> None:
    # A .dockerignore keeps README.md out, but `COPY . .` still takes the code before pip install.
    assert steps({"README.md"}, SLOW) == []
    assert "0: RUN pip install --no-cache-dir -r requirements.txt" in steps({"service/app.py"}, SLOW)


@pytest.mark.parametrize(
    ("path", "rules", "expected"),
    [
        ("service/app.py", "*\n!service/\n", False),
        ("service/__pycache__/app.pyc", "*\n!service/\nservice/__pycache__\n", True),
        ("docs/guide.md", "*.md\n", False),  # * does not cross a /
        ("docs/guide.md", "**/*.md\n", True),
        (".env", "# secrets\n.env\n", True),
        ("app.py", "*.py\n!app.py\n", False),  # the last matching line wins
        ("app.py", "!app.py\n*.py\n", True),
    ],
)
def test_dockerignore_matching(path: str, rules: str, expected: bool) -> None:
    assert ignored(path, rules) is expected


def test_copy_from_an_unchanged_stage_stays_cached() -> None:
    dockerfile = (
        "FROM a:1 AS one\nCOPY x .\nFROM a:1 AS two\nCOPY y .\nFROM a:1\nCOPY --from=one /x /x\nCOPY --from=two /y /y\n"
    )
    assert steps({"y"}, dockerfile, "") == ["two: COPY y .", "2: COPY --from=two /y /y"]


def test_a_bind_mounted_file_counts_like_a_copied_one() -> None:
    dockerfile = (
        "FROM a:1\n"
        "RUN --mount=type=bind,source=requirements.txt,target=/tmp/r.txt pip install -r /tmp/r.txt\n"
        "COPY service/ ./service/\n"
    )
    assert steps({"service/app.py"}, dockerfile, "") == ["0: COPY service/ ./service/"]
    assert len(steps({"requirements.txt"}, dockerfile, "")) == 2
