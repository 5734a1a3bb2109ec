"""Run one TLS exchange over a loopback socket (127.0.0.1, port 0) and report what each side saw."""

from __future__ import annotations

import socket
import ssl
import threading
from dataclasses import dataclass, field

from examples.security.tls_in_transit.contexts import peer_identity


@dataclass
class ServerResult:
    version: str | None = None
    cipher: str | None = None
    client_identity: str | None = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


# --8<-- [start:exchange]
def exchange(server_ctx: ssl.SSLContext, client_ctx: ssl.SSLContext, server_hostname: str) -> tuple[str, ServerResult]:
    """Connect, send b'ping', read the reply. Returns the negotiated version and the server's view."""
    result = ServerResult()
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        try:
            conn, _ = listener.accept()
            with server_ctx.wrap_socket(conn, server_side=True) as tls:
                result.version = tls.version()
                result.cipher = tls.cipher()[0]
                result.client_identity = peer_identity(tls)
                tls.sendall(b"pong:" + tls.recv(16))
        except (ssl.SSLError, OSError) as error:
            result.error = error
        finally:
            listener.close()
            result.done.set()

    threading.Thread(target=serve, daemon=True).start()
    try:
        with (
            socket.create_connection(("127.0.0.1", port), timeout=5) as raw,
            client_ctx.wrap_socket(raw, server_hostname=server_hostname) as tls,
        ):
            tls.sendall(b"ping")
            reply = tls.recv(16)  # under TLS 1.3 a rejected client certificate surfaces here
            if not reply:
                raise ConnectionResetError("server closed the connection")
            return str(tls.version()), result
    finally:
        result.done.wait(5)


# --8<-- [end:exchange]
