"""Containers share the host's kernel and differ only in what they can see: checked with real namespaces."""

from __future__ import annotations

import platform
import shutil
import socket
import subprocess

import pytest

from examples.cloud_devops.twelve_factor.namespaces import namespaces_of, run_isolated
from tests.conftest import IN_CI, require_tool


@pytest.fixture(scope="module")
def unshare_works() -> None:
    require_tool(shutil.which("unshare"), "unshare (util-linux)")
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "true"], capture_output=True, text=True)  # noqa: S607
    if probe.returncode != 0:
        reason = f"this kernel or sandbox does not allow unprivileged user namespaces: {probe.stderr.strip()}"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)


def test_a_child_process_shares_every_namespace_with_its_parent():
    parent = namespaces_of()
    child = subprocess.run(
        ["sh", "-c", "readlink /proc/$$/ns/pid /proc/$$/ns/uts /proc/$$/ns/mnt /proc/$$/ns/net"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert child == [parent["pid"], parent["uts"], parent["mnt"], parent["net"]]


# --8<-- [start:isolated]
def test_new_namespaces_change_what_the_process_sees_but_not_the_kernel(unshare_works):
    script = "echo $$; hostname box-1; hostname; readlink /proc/self/ns/pid; uname -r; ps -e -o pid= | wc -l"
    pid, hostname, pid_ns, kernel, processes = run_isolated(script).split()
    assert pid == "1"  # first process of a new PID namespace, like a container's entrypoint
    assert hostname == "box-1" and socket.gethostname() != "box-1"  # its own UTS namespace
    assert pid_ns != namespaces_of()["pid"]
    assert int(processes) <= 3  # sh, ps and wc: the host's processes are invisible
    assert kernel == platform.release()  # ...but it runs on the very same kernel


# --8<-- [end:isolated]
