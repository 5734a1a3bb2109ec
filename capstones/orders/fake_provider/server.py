"""The fake provider's HTTP server: the provider API and the grader's control endpoints."""

from __future__ import annotations

import contextlib
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .ledger import Behavior, Ledger


def make_server(port: int, ledger: Ledger) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_: object) -> None:  # quiet: the grader prints what matters
            pass

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/_grader/ping":
                self._send(200, {"status": "ok"})
            elif url.path == "/_grader/attempts":
                order_id = parse_qs(url.query).get("order_id", [""])[0]
                self._send(200, ledger.report(order_id))
            else:
                self._send(404, {"title": "not found"})

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            payload = self._json()
            if path == "/_grader/behavior" and isinstance(payload, dict):
                ledger.set_behavior(Behavior.from_json(payload))
                self._send(200, {"status": "ok"})
                return
            if path != "/charges":
                self._send(404, {"title": "not found"})
                return
            valid = isinstance(payload, dict) and isinstance(payload.get("amount_cents"), int)
            if not valid or not payload.get("order_id"):
                self._send(400, {"title": "order_id and an integer amount_cents are required"})
                return
            key = self.headers.get("Idempotency-Key", "")
            status, body, delay_s = ledger.answer(str(payload["order_id"]), key, payload["amount_cents"])
            time.sleep(delay_s)
            # The caller may have given up (its timeout) or died: what it saw is its problem to handle.
            with contextlib.suppress(OSError):
                self._send(status, body)

        def _json(self) -> Any:
            length = int(self.headers.get("Content-Length") or 0)
            try:
                return json.loads(self.rfile.read(length) or b"null")
            except ValueError:
                return None

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    return server
