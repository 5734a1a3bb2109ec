"""Two ways for processes to talk: a pipe between two programs, and a Unix domain socket."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

UPPERCASE = "import sys; sys.stdout.write(sys.stdin.read().upper())"
COUNT_LINES = "import sys; print(len(sys.stdin.readlines()))"


# --8<-- [start:pipe]
def pipeline(text: str) -> str:
    """The Python version of `producer | uppercase | count`: each stdout feeds the next stdin."""
    first = subprocess.Popen(
        [sys.executable, "-c", UPPERCASE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    second = subprocess.Popen(
        [sys.executable, "-c", COUNT_LINES], stdin=first.stdout, stdout=subprocess.PIPE, text=True
    )
    assert first.stdin is not None and first.stdout is not None
    first.stdout.close()  # the parent's copy: now only `second` holds the read end
    first.stdin.write(text)
    first.stdin.close()  # end of file for the first program, which then exits and closes its stdout
    output, _ = second.communicate(timeout=30)
    first.wait(timeout=30)
    return output.strip()


# --8<-- [end:pipe]


# --8<-- [start:socket]
CLIENT = """
import socket, sys
with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
    s.connect(sys.argv[1])
    s.sendall(b"ping from child")
    print(s.recv(1024).decode())
"""


def unix_socket_round_trip(path: Path) -> tuple[str, str]:
    """Listen on a socket file, let a child process connect, and exchange one message each way."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))  # a file in the file system is the address: no port, no network
        server.listen(1)
        child = subprocess.Popen([sys.executable, "-c", CLIENT, str(path)], stdout=subprocess.PIPE, text=True)
        server.settimeout(30)
        conn, _ = server.accept()
        with conn:
            received = conn.recv(1024).decode()
            conn.sendall(b"pong from parent")
        child_output, _ = child.communicate(timeout=30)
    return received, child_output.strip()


# --8<-- [end:socket]
