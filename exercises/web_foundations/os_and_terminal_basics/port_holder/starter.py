"""Exercise: the runbook script that names the wrong process.

A deploy restarts the API on port 8000 and fails with "address already in use". The runbook says: run
`port_holder(8000)` and kill the PID it prints. Symptom: it printed the PID of `tail -f access-8000.log`, which
the on-call engineer killed, while the old server kept the port. Another time, for a server started on a port
chosen at run time, it printed nothing.

Diagnose it with the check (`make exercise ID=web_foundations/os_and_terminal_basics/port_holder`). On Linux the
kernel lists listening TCP sockets in /proc/net/tcp and /proc/net/tcp6 (local address, state, inode), and each
process's open descriptors in /proc/PID/fd, where a socket appears as a link to `socket:[INODE]`. That is what
`ss -ltnp` reads. Then stop the process you found with `kill PID` in a terminal, and read its exit status.
"""

from __future__ import annotations

import subprocess


def port_holder(port: int) -> int | None:
    """The PID of the process listening on TCP `port`, or None if nothing listens there."""
    listing = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True, check=True)  # noqa: S607
    for line in listing.stdout.splitlines()[1:]:
        pid, _, args = line.strip().partition(" ")
        if str(port) in args:  # the port usually appears on the command line
            return int(pid)
    return None
