"""One thread serving many connections: non-blocking sockets and a `selectors` event loop."""

from __future__ import annotations

import selectors
import socket
import threading


# --8<-- [start:nonblocking]
def read_now(conn: socket.socket) -> bytes | None:
    """Return what has arrived, or None at once instead of waiting when nothing has."""
    conn.setblocking(False)
    try:
        return conn.recv(4096)
    except BlockingIOError:  # EAGAIN/EWOULDBLOCK: "nothing yet, try again later"
        return None


# --8<-- [end:nonblocking]


# --8<-- [start:loop]
class EchoServer:
    """Echo every line back, upper-cased, to any number of clients from a single thread."""

    def __init__(self) -> None:
        self.selector = selectors.DefaultSelector()  # epoll on Linux, kqueue on BSD and macOS
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.setblocking(False)
        self.port: int = self.listener.getsockname()[1]
        self.selector.register(self.listener, selectors.EVENT_READ)
        self.running = True

    def serve(self) -> None:
        while self.running:
            for key, _events in self.selector.select(timeout=0.1):  # sleep until some socket is ready
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                if sock is self.listener:
                    conn, _ = sock.accept()
                    conn.setblocking(False)
                    self.selector.register(conn, selectors.EVENT_READ)
                else:
                    data = sock.recv(4096)  # ready means this will not block
                    if data:
                        sock.sendall(data.upper())  # fine for short replies; big ones need write events
                    else:  # an empty read means the client closed its end
                        self.selector.unregister(sock)
                        sock.close()
        for key in list(self.selector.get_map().values()):
            key.fileobj.close()  # type: ignore[union-attr]
        self.selector.close()


# --8<-- [end:loop]


def start(server: EchoServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    return thread
