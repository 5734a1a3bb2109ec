"""The teaching proxy balances, forwards client information, strips hop-by-hop headers and fails cleanly."""

import asyncio
import re
from pathlib import Path

import pytest

from examples.web_foundations.reverse_proxy.proxy import ReverseProxy, echo_backend, read_message


async def fetch(port: int, extra_headers: str = "") -> tuple[str, str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET /orders HTTP/1.1\r\nHost: api.example.com\r\n{extra_headers}\r\n".encode())
    await writer.drain()
    status, _, body = await read_message(reader)
    writer.close()
    return status, body.decode()


async def start(proxy: ReverseProxy) -> tuple[asyncio.Server, int]:
    server = await asyncio.start_server(proxy.handle, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def port_of(server: asyncio.Server) -> int:
    return server.sockets[0].getsockname()[1]


def test_round_robin_and_forwarded_headers():
    async def scenario() -> list[str]:
        a, b = await echo_backend("a"), await echo_backend("b")
        server, port = await start(ReverseProxy([("127.0.0.1", port_of(a)), ("127.0.0.1", port_of(b))]))
        bodies = [(await fetch(port))[1] for _ in range(4)]
        for s in (server, a, b):
            s.close()
        return bodies

    bodies = asyncio.run(scenario())
    assert [re.search(r"backend=(\w)", body).group(1) for body in bodies] == ["a", "b", "a", "b"]
    assert "x-forwarded-for=127.0.0.1" in bodies[0]
    assert "x-forwarded-proto=http" in bodies[0]
    assert "x-forwarded-host=api.example.com" in bodies[0]
    assert "host=api.example.com" in bodies[0]  # the original Host is passed through


def test_existing_forwarded_for_is_appended_and_hop_by_hop_headers_dropped():
    async def scenario() -> str:
        a = await echo_backend("a")
        server, port = await start(ReverseProxy([("127.0.0.1", port_of(a))]))
        _, body = await fetch(port, "X-Forwarded-For: 203.0.113.7\r\nConnection: X-Secret\r\nX-Secret: 1\r\n")
        server.close()
        a.close()
        return body

    body = asyncio.run(scenario())
    assert "x-forwarded-for=203.0.113.7, 127.0.0.1" in body
    assert "x-secret" not in body


def test_dead_upstream_gives_502():
    async def scenario() -> str:
        dead = await echo_backend("dead")
        dead_port = port_of(dead)
        dead.close()
        await dead.wait_closed()
        server, port = await start(ReverseProxy([("127.0.0.1", dead_port)]))
        status, _ = await fetch(port)
        server.close()
        return status

    assert asyncio.run(scenario()) == "HTTP/1.1 502 Bad Gateway"


def test_slow_upstream_gives_504():
    async def scenario() -> str:
        slow = await echo_backend("slow", delay=1.0)
        server, port = await start(ReverseProxy([("127.0.0.1", port_of(slow))], timeout=0.2))
        status, _ = await fetch(port)
        server.close()
        slow.close()
        return status

    assert asyncio.run(scenario()) == "HTTP/1.1 504 Gateway Timeout"


def test_nginx_config_is_balanced_and_sets_the_forwarding_headers():
    # nginx is not installed in CI, so `nginx -t` cannot run; check structure and the directives the lesson names.
    text = Path(__file__).with_name("nginx.conf").read_text()
    code = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    assert code.count("{") == code.count("}")
    for line in code.splitlines():
        stripped = line.strip()
        assert not stripped or stripped.endswith(("{", "}", ";")), f"unterminated directive: {stripped}"
    for directive in (
        "proxy_pass http://app_servers;",
        "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "proxy_set_header X-Forwarded-Proto $scheme;",
        "proxy_set_header Host $host;",
        "return 301 https://$host$request_uri;",
        'add_header Strict-Transport-Security "max-age=63072000" always;',
        "client_max_body_size 10m;",
        "keepalive 16;",
        "proxy_http_version 1.1;",
        'proxy_set_header Connection "";',
    ):
        assert directive in code


def test_an_upstream_that_closes_without_answering_gives_502():
    async def scenario() -> str:
        async def hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            writer.close()  # a crashed worker: the connection ends with no response

        broken = await asyncio.start_server(hang_up, "127.0.0.1", 0)
        server, port = await start(ReverseProxy([("127.0.0.1", port_of(broken))]))
        status, _ = await fetch(port)
        server.close()
        broken.close()
        return status

    assert asyncio.run(scenario()) == "HTTP/1.1 502 Bad Gateway"


def test_a_connect_that_times_out_gives_504_not_502(monkeypatch):
    real_open = asyncio.open_connection

    async def blackhole(host: str, port: int, **kwargs: object) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        if host == "192.0.2.1":  # TEST-NET-1: stands for a host whose firewall drops the SYN
            await asyncio.Event().wait()
        return await real_open(host, port, **kwargs)

    async def scenario() -> str:
        server, port = await start(ReverseProxy([("192.0.2.1", 80)], timeout=0.1))
        monkeypatch.setattr(asyncio, "open_connection", blackhole)
        status, _ = await fetch(port)
        server.close()
        return status

    assert asyncio.run(scenario()) == "HTTP/1.1 504 Gateway Timeout"


@pytest.mark.parametrize(
    "framing",
    ["Content-Length: 5\r\nContent-Length: 6\r\n", "Content-Length: -1\r\n", "Transfer-Encoding: chunked\r\n"],
    ids=["two-lengths", "negative", "chunked"],
)
def test_ambiguous_framing_is_refused_before_it_reaches_an_upstream(framing):
    async def scenario() -> tuple[str, int]:
        seen = 0

        async def count(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nonlocal seen
            seen += 1
            writer.close()

        upstream = await asyncio.start_server(count, "127.0.0.1", 0)
        server, port = await start(ReverseProxy([("127.0.0.1", port_of(upstream))]))
        status, _ = await fetch(port, framing)
        server.close()
        upstream.close()
        return status, seen

    assert asyncio.run(scenario()) == ("HTTP/1.1 400 Bad Request", 0)


def test_caddyfile_is_balanced_and_matches_the_nginx_site():
    # Caddy is not installed in CI either: check the block structure and the directives the lesson names.
    lines = [line.split("#", 1)[0].strip() for line in Path(__file__).with_name("Caddyfile").read_text().splitlines()]
    depth = 0
    for line in filter(None, lines):
        assert line == "}" or "}" not in line, f"a closing brace must stand on its own line: {line}"
        depth += line.endswith("{") - (line == "}")
        assert depth >= 0
    assert depth == 0
    for directive in (
        "api.example.com {",
        "handle /static/* {",
        "root * /srv/app",
        'header Cache-Control "max-age=604800"',
        "file_server",
        "reverse_proxy 127.0.0.1:8001 127.0.0.1:8002 {",
        "lb_policy round_robin",  # Caddy's default is random
    ):
        assert directive in lines
