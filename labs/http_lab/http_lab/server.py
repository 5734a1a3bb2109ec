"""The lab server: raw HTTP/1.1 over asyncio with keep-alive, ETags, Cache-Control, CORS and negotiation.

Run it with `python -m labs.http_lab.http_lab.server --port 8080` and poke it with curl.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import html
import json
from dataclasses import dataclass, field

ALLOWED_ORIGINS = {"https://app.example.com"}
ARTICLES = {1: {"id": 1, "title": "Conditional requests", "body": "Send If-None-Match, get 304."}}
REASONS = {200: "OK", 204: "No Content", 304: "Not Modified", 400: "Bad Request", 404: "Not Found",
           405: "Method Not Allowed", 406: "Not Acceptable"}  # fmt: skip


@dataclass
class Request:
    method: str
    path: str
    version: str
    headers: dict[str, str]


@dataclass
class Reply:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


async def read_request(reader: asyncio.StreamReader) -> Request | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None  # the client closed the connection between requests
    line, *header_lines = head.decode("iso-8859-1").rstrip("\r\n").split("\r\n")
    method, path, version = line.split(" ")
    headers = {}
    for header in header_lines:
        name, _, value = header.partition(":")
        headers[name.strip().lower()] = value.strip()
    if int(headers.get("content-length", "0")):
        await reader.readexactly(int(headers["content-length"]))  # this lab ignores request bodies
    return Request(method, path, version, headers)


# --8<-- [start:negotiate]
def negotiate(accept: str) -> str | None:
    """Return application/json or text/html, whichever the client prefers; None if it accepts neither."""
    prefs: dict[str, float] = {}
    for item in accept.split(","):
        media, *params = [p.strip() for p in item.split(";")]
        q = next((float(p[2:]) for p in params if p.startswith("q=")), 1.0)
        prefs[media.lower()] = q

    def q_for(media: str) -> float:
        return prefs.get(media, prefs.get(media.split("/")[0] + "/*", prefs.get("*/*", 0.0)))

    best = max(["application/json", "text/html"], key=q_for)
    return best if q_for(best) > 0 else None


# --8<-- [end:negotiate]


# --8<-- [start:cors]
def cors_preflight(request: Request) -> Reply:
    origin = request.headers.get("origin", "")
    wanted = request.headers.get("access-control-request-method", "")
    if origin not in ALLOWED_ORIGINS or wanted not in {"GET", "PUT"}:
        return Reply(204, {"Vary": "Origin"})  # no CORS headers: the browser blocks the real request
    return Reply(
        204,
        {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": "GET, PUT",
            "Access-Control-Allow-Headers": "Content-Type, If-Match",
            "Access-Control-Max-Age": "600",
            "Vary": "Origin",
        },
    )


# --8<-- [end:cors]


# --8<-- [start:article]
def get_article(request: Request, article_id: int) -> Reply:
    article = ARTICLES.get(article_id)
    if article is None:
        return Reply(404, {"Content-Type": "text/plain"}, b"not found\n")
    media = negotiate(request.headers.get("accept", "*/*"))
    if media is None:
        return Reply(406, {"Content-Type": "text/plain"}, b"application/json or text/html only\n")
    if media == "application/json":
        body = json.dumps(article).encode()
    else:
        body = f"<h1>{html.escape(article['title'])}</h1><p>{html.escape(article['body'])}</p>".encode()
    # Each representation gets its own ETag, so a cached HTML copy never validates a JSON request.
    etag = '"' + hashlib.sha256(media.encode() + body).hexdigest()[:20] + '"'
    headers = {"ETag": etag, "Cache-Control": "max-age=60", "Vary": "Accept, Origin", "Content-Type": media}
    origin = request.headers.get("origin")
    if origin in ALLOWED_ORIGINS:
        headers["Access-Control-Allow-Origin"] = origin
    inm = request.headers.get("if-none-match")
    if inm and (inm.strip() == "*" or etag in [t.strip().removeprefix("W/") for t in inm.split(",")]):
        return Reply(304, {k: v for k, v in headers.items() if k != "Content-Type"})
    return Reply(200, headers, body)


# --8<-- [end:article]


def route(request: Request) -> Reply:
    if request.path == "/health":
        return Reply(200, {"Content-Type": "text/plain", "Cache-Control": "no-store"}, b"ok\n")
    if request.path.startswith("/articles/") and request.path.removeprefix("/articles/").isdigit():
        article_id = int(request.path.removeprefix("/articles/"))
        if request.method == "OPTIONS" and "access-control-request-method" in request.headers:
            return cors_preflight(request)
        if request.method in {"GET", "HEAD"}:
            return get_article(request, article_id)
        return Reply(405, {"Allow": "GET, HEAD, OPTIONS"})
    return Reply(404, {"Content-Type": "text/plain"}, b"not found\n")


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:  # HTTP/1.1 connections are persistent by default (RFC 9112, 9.3)
            try:
                request = await read_request(reader)
            except (ValueError, asyncio.LimitOverrunError):
                await send(writer, Reply(400, {"Connection": "close"}), head_only=False)
                return
            if request is None:
                return
            reply = route(request)
            close = request.headers.get("connection", "").lower() == "close" or request.version == "HTTP/1.0"
            if close:
                reply.headers["Connection"] = "close"
            await send(writer, reply, head_only=request.method == "HEAD")
            if close:
                return
    except ConnectionError:
        pass
    finally:
        writer.close()


async def send(writer: asyncio.StreamWriter, reply: Reply, *, head_only: bool) -> None:
    headers = dict(reply.headers)
    if reply.status not in {204, 304}:  # these responses never carry Content-Length for a body
        headers["Content-Length"] = str(len(reply.body))
    head = f"HTTP/1.1 {reply.status} {REASONS.get(reply.status, 'Unknown')}\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    writer.write(head.encode("iso-8859-1") + (b"" if head_only or reply.status in {204, 304} else reply.body))
    await writer.drain()


async def start(host: str = "127.0.0.1", port: int = 0) -> asyncio.Server:
    return await asyncio.start_server(handle, host, port)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()

    async def serve() -> None:
        server = await start(port=args.port)
        print(f"listening on http://127.0.0.1:{args.port}")
        async with server:
            await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
