"""Command line of the latency proxy (see the package docstring)."""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

from .proxy import exit_with_parent, serve

START_TIMEOUT_S = 10.0


async def serve_until_orphaned(listen: int, host: str, port: int, delay_ms: float, parent: int | None) -> None:
    ready: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    tasks = [asyncio.create_task(serve(listen, host, port, delay_ms / 1000, ready))]
    print(await ready, flush=True)  # the port, for run-with to read
    if parent is not None:
        tasks.append(asyncio.create_task(exit_with_parent(parent)))
    await asyncio.gather(*tasks)


def run_with(delay_ms: float, command: list[str]) -> None:
    database = urlsplit(os.environ["DATABASE_URL"])
    proxy = subprocess.Popen(  # noqa: S603 - this module, run by the same interpreter
        [
            *[sys.executable, "-m", "capstones.catalog.db_latency", "serve", "--listen", "0"],
            *["--to", f"{database.hostname}:{database.port or 5432}", "--delay-ms", str(delay_ms)],
            *["--parent", str(os.getpid())],
        ],
        stdout=subprocess.PIPE,
        start_new_session=True,  # the harness's SIGTERM is for the service; the proxy follows it out
    )
    assert proxy.stdout is not None
    port = int(proxy.stdout.readline())
    netloc = database.netloc.rsplit("@", 1)[0] + "@" if "@" in database.netloc else ""
    os.environ["DATABASE_URL"] = urlunsplit(database._replace(netloc=f"{netloc}127.0.0.1:{port}"))
    os.execvp(command[0], command)  # noqa: S606 - the service command from capstone.yml


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m capstones.catalog.db_latency")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run the proxy")
    serve_parser.add_argument("--listen", type=int, default=5433)
    serve_parser.add_argument("--to", required=True, help="host:port of PostgreSQL")
    serve_parser.add_argument("--delay-ms", type=float, default=2.0)
    serve_parser.add_argument("--parent", type=int, help="exit when this process is no longer our parent")
    run_parser = commands.add_parser("run-with", help="start a proxy for DATABASE_URL, then exec the service")
    run_parser.add_argument("--delay-ms", type=float, default=2.0)
    run_parser.add_argument("service", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.command == "serve":
        host, _, port = args.to.rpartition(":")
        asyncio.run(serve_until_orphaned(args.listen, host, int(port), args.delay_ms, args.parent))
    else:
        command = args.service[1:] if args.service[:1] == ["--"] else args.service
        run_with(args.delay_ms, command)


if __name__ == "__main__":
    main()
