"""Exercise: one client announces a 2 GiB upload and the server waits for it.

Symptom: an upload endpoint runs on the raw server from the lesson. A misbehaving client sends
`Content-Length: 2147483648` and then sends the body slowly, or not at all. Each such request holds a thread
until the socket times out, and the server tries to keep the whole body in memory. A handful of these clients
stall every other upload.

Diagnose it with the check (`make exercise ID=web_foundations/how_a_request_travels/body_limit`), then answer
`413 Content Too Large` (RFC 9110, 15.5.14) as soon as the headers announce a body over 1 MiB, without reading
the body, and close the connection.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    target: str
    version: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class Response:
    status: int
    reason: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


Handler = Callable[[Request], Response]


class RequestError(ValueError):
    """A request refused before any handler sees it, with the status that says why."""

    def __init__(self, message: str, status: int = 400, reason: str = "Bad Request") -> None:
        super().__init__(message)
        self.status, self.reason = status, reason


def read_request(conn: socket.socket) -> Request:
    """Read one request: a request line, header lines, an empty line, then Content-Length bytes of body."""
    buffer = b""
    while b"\r\n\r\n" not in buffer:
        chunk = conn.recv(4096)
        if not chunk:
            raise ValueError("connection closed before the headers ended")
        buffer += chunk
        if len(buffer) > 65536:
            raise ValueError("header section too large")
    head, _, rest = buffer.partition(b"\r\n\r\n")
    request_line, *header_lines = head.decode("iso-8859-1").split("\r\n")
    parts = request_line.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        raise RequestError(f"malformed request line: {request_line!r}")
    method, target, version = parts
    headers: dict[str, str] = {}
    for line in header_lines:
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip():
            raise RequestError(f"malformed header line: {line!r}")
        name = name.lower()  # field names are case-insensitive (RFC 9110, section 5.1)
        if name in headers and name in {"host", "content-length"}:
            # Two of these could be read one way by a proxy and another way here: refuse (RFC 9112, 3.2 and 6.3).
            raise RequestError(f"more than one {name} field")
        headers[name] = f"{headers[name]}, {value.strip()}" if name in headers else value.strip()
    if "transfer-encoding" in headers:
        # This server cannot decode chunked bodies; guessing the length instead is how smuggling starts.
        raise RequestError("transfer codings are not supported", 501, "Not Implemented")  # RFC 9112, 6.1
    length = content_length(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = conn.recv(4096)
        if not chunk:
            raise ValueError("connection closed in the middle of the body")
        rest += chunk
    return Request(method, target, version, headers, rest[:length])


def content_length(value: str) -> int:
    if not (value.isascii() and value.isdigit()):  # 1*DIGIT: no sign, no list, no spaces (RFC 9112, 6.3)
        raise RequestError(f"invalid Content-Length: {value!r}")
    return int(value)


def write_response(conn: socket.socket, response: Response, *, head_only: bool = False) -> None:
    headers = {"content-length": str(len(response.body)), "connection": "close", **response.headers}
    lines = [f"HTTP/1.1 {response.status} {response.reason}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    wire = ("\r\n".join(lines) + "\r\n\r\n").encode("iso-8859-1")
    conn.sendall(wire if head_only else wire + response.body)


def hello_handler(request: Request) -> Response:
    if request.target == "/":
        return Response(200, "OK", {"content-type": "text/plain; charset=utf-8"}, b"hello from a raw socket\n")
    if request.target == "/echo" and request.method == "POST":
        return Response(200, "OK", {"content-type": "application/octet-stream"}, request.body)
    return Response(404, "Not Found", {"content-type": "text/plain; charset=utf-8"}, b"no such resource\n")


class RawHttpServer:
    """Serve one handler on 127.0.0.1 at a free port, one thread per connection, until `close()`."""

    def __init__(self, handler: Handler = hello_handler, *, timeout: float = 5.0) -> None:
        self.handler = handler
        self.timeout = timeout  # how long a connection may stay silent before the server gives up on it
        self.sock = socket.create_server(("127.0.0.1", 0))  # port 0: the OS picks a free port
        self.port: int = self.sock.getsockname()[1]
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)

    def __enter__(self) -> RawHttpServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.sock.close()

    def _accept_loop(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return  # the listening socket was closed
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(self.timeout)
            try:
                request = read_request(conn)
            except RequestError as error:
                write_response(conn, Response(error.status, error.reason, {}, f"{error}\n".encode()))
                return
            except (ValueError, OSError):
                write_response(conn, Response(400, "Bad Request", {}, b"bad request\n"))
                return
            if request.version == "HTTP/1.1" and "host" not in request.headers:
                # RFC 9112 section 3.2: a server must answer 400 to an HTTP/1.1 request without Host.
                write_response(conn, Response(400, "Bad Request", {}, b"missing Host\n"))
                return
            response = self.handler(request)
            write_response(conn, response, head_only=request.method == "HEAD")
