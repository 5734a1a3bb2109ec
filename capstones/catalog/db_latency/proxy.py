"""The proxy itself: each answer from the database is held back `delay_s` before it is passed on."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys

CHUNK = 65_536


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay_s: float) -> None:
    with contextlib.suppress(ConnectionError):
        while data := await reader.read(CHUNK):
            if delay_s:
                await asyncio.sleep(delay_s)
            writer.write(data)
            await writer.drain()
    with contextlib.suppress(ConnectionError, OSError):
        writer.close()


async def serve(
    listen_port: int, host: str, port: int, delay_s: float, ready: asyncio.Future[int] | None = None
) -> None:
    async def handle(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
        except OSError:
            client_writer.close()
            return
        # Requests go straight through; only the answers wait, so each round trip costs one delay.
        await asyncio.gather(
            _pipe(client_reader, upstream_writer, 0.0),
            _pipe(upstream_reader, client_writer, delay_s),
        )

    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    bound = server.sockets[0].getsockname()[1]
    if ready is not None:
        ready.set_result(bound)
    async with server:
        await server.serve_forever()


async def exit_with_parent(parent: int) -> None:
    """Stop when the process that started us is gone (run-with execs into the service: that is the service)."""
    while os.getppid() == parent:
        await asyncio.sleep(0.5)
    sys.exit(0)
