"""A reference solution: find the listening socket's inode in /proc/net/tcp and tcp6, then the process that
holds a descriptor linking to that inode, which is what `ss -ltnp` and `lsof -i` do on Linux."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

LISTEN = "0A"  # TCP_LISTEN in the kernel's state numbering, as /proc/net/tcp prints it


def listening_inodes(port: int, proc: Path = Path("/proc")) -> set[str]:
    """Inodes of sockets in LISTEN state on `port`, over IPv4 and IPv6."""
    inodes = set()
    for table in ("tcp", "tcp6"):
        path = proc / "net" / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:  # the first line is a header
            fields = line.split()
            local_port = int(fields[1].rsplit(":", 1)[1], 16)  # local_address is HEXADDR:HEXPORT
            if local_port == port and fields[3] == LISTEN:
                inodes.add(fields[9])
    return inodes


def socket_links(proc: Path = Path("/proc")) -> Iterator[tuple[int, str]]:
    """(pid, link target) for every descriptor we may read; other users' processes are skipped."""
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                yield int(entry.name), os.readlink(fd)
        except (PermissionError, FileNotFoundError, ProcessLookupError):
            continue  # not ours, or it exited while we looked


def port_holder(port: int) -> int | None:
    """The PID of the process listening on TCP `port`, or None if nothing listens there."""
    wanted = {f"socket:[{inode}]" for inode in listening_inodes(port)}
    if not wanted:
        return None
    return min((pid for pid, target in socket_links() if target in wanted), default=None)
