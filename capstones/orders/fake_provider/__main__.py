"""python -m capstones.orders.fake_provider serve [--port N]
python -m capstones.orders.fake_provider run-with --service-port N -- <service command...>

`run-with` makes sure a fake provider runs for the service on port N (starting one if needed), then replaces
itself with the service command, PAYMENT_URL set: the service keeps this process id, so SIGTERM sent to it
reaches the service itself. The provider outlives restarts of the service (the checks read its attempts across
a restart) and exits once nothing has listened on the service's port for a while.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from .ledger import Ledger
from .locate import ping, state_file
from .server import make_server

ORPHAN_AFTER_S = 20.0
START_TIMEOUT_S = 10.0


def port_in_use(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def exit_when_orphaned(service_port: int, state: Path) -> None:
    """Stop once the service has been gone for ORPHAN_AFTER_S: long enough for any restart."""
    last_seen = time.monotonic()
    while True:
        time.sleep(1.0)
        if port_in_use(service_port):
            last_seen = time.monotonic()
        elif time.monotonic() - last_seen > ORPHAN_AFTER_S:
            state.unlink(missing_ok=True)
            os._exit(0)


def serve(port: int, service_port: int | None) -> None:
    server = make_server(port, Ledger())
    url = f"http://127.0.0.1:{server.server_address[1]}"
    print(url, flush=True)
    if service_port is not None:
        state = state_file(service_port)
        state.write_text(url, encoding="utf-8")
        threading.Thread(target=exit_when_orphaned, args=(service_port, state), daemon=True).start()
    server.serve_forever()


def run_with(service_port: int, command: list[str]) -> None:
    state = state_file(service_port)
    url = state.read_text(encoding="utf-8").strip() if state.exists() else ""
    if not url or not ping(url):
        state.unlink(missing_ok=True)
        # A session of its own: the harness's signals to the service must not reach the provider.
        subprocess.Popen(  # noqa: S603 - this module, run by the same interpreter
            [sys.executable, "-m", "capstones.orders.fake_provider", "serve", "--service-port", str(service_port)],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (state.exists() and ping(url := state.read_text(encoding="utf-8").strip())):
            if time.monotonic() > deadline:
                raise SystemExit("the fake payment provider did not start")
            time.sleep(0.05)
    os.environ["PAYMENT_URL"] = url
    os.execvp(command[0], command)  # noqa: S606 - the service command from capstone.yml


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m capstones.orders.fake_provider")
    commands = parser.add_subparsers(dest="command", required=True)
    serve_parser = commands.add_parser("serve", help="run the provider")
    serve_parser.add_argument("--port", type=int, default=0)
    serve_parser.add_argument("--service-port", type=int, help="record the URL for this service and exit with it")
    run_parser = commands.add_parser("run-with", help="start a provider if needed, then exec the service")
    run_parser.add_argument("--service-port", type=int, required=True)
    run_parser.add_argument("service", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.command == "serve":
        serve(args.port, args.service_port)
    else:
        command = args.service[1:] if args.service[:1] == ["--"] else args.service
        run_with(args.service_port, command)


if __name__ == "__main__":
    main()
