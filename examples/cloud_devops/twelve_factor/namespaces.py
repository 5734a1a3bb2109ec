"""A container is a process with its own namespaces: look at them from /proc, and make some with unshare(1)."""

from __future__ import annotations

import subprocess
from pathlib import Path

NAMESPACE_KINDS = ("cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts")


# --8<-- [start:namespaces]
def namespaces_of(pid: int | str = "self") -> dict[str, str]:
    """The namespaces a process belongs to, e.g. {'pid': 'pid:[4026531836]'}: equal ids mean a shared view."""
    ns_dir = Path(f"/proc/{pid}/ns")
    return {kind: str((ns_dir / kind).readlink()) for kind in NAMESPACE_KINDS if (ns_dir / kind).exists()}


def run_isolated(script: str) -> str:
    """Run a shell script in new user, PID, mount and UTS namespaces: the core of what a container runtime does.

    --map-root-user makes the caller root inside the new user namespace only; --mount-proc gives the new PID
    namespace its own /proc, so `ps` there sees only the processes inside.
    """
    command = ["unshare", "--user", "--map-root-user", "--pid", "--fork", "--mount-proc", "--uts", "sh", "-c", script]
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=10).stdout  # noqa: S603


# --8<-- [end:namespaces]
