"""Ports and addresses: who may connect, and what happens when two programs want the same port."""

from __future__ import annotations

import errno
import socket


# --8<-- [start:ports]
def listen(host: str, port: int = 0) -> socket.socket:
    """Bind and listen. Port 0 asks the OS for any free port; read the real one from getsockname()."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Lets a restarted server bind while connections from its previous run wait in TIME_WAIT; it does not
    # let two programs listen on the same port (socket.create_server and most servers set it too).
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))  # host 127.0.0.1: this machine only; 0.0.0.0: every interface
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise RuntimeError(
                f"port {port} is already in use on {host}: stop the other program or pick another port"
            ) from None
        raise
    sock.listen()
    return sock


# --8<-- [end:ports]
