"""Acceptance check, over real TLS connections on 127.0.0.1: a renewed certificate is served from the next
connection on without a restart, and a half-written renewal (new certificate, old key) keeps the old pair
serving instead of crashing.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import ssl
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509

from examples.security.tls_in_transit import pki
from examples.security.tls_in_transit.contexts import client_context
from exercises import load_module


class Live:
    """The certificate and key files the service reads, and the renewal agent that overwrites them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.ca, self.ca_cert, self.ca_key = pki.make_ca(root)
        self.cert, self.key = root / "live.crt", root / "live.key"
        self.clock = time.time_ns()

    def issue(self, stem: str, *, expired: bool = False) -> tuple[pki.Pem, int]:
        now = dt.datetime.now(dt.UTC)
        dates = {"not_before": now - dt.timedelta(days=8), "not_after": now - dt.timedelta(days=1)} if expired else {}
        pem = pki.issue(self.root, stem, "api", self.ca_cert, self.ca_key, server=True, **dates)
        return pem, x509.load_pem_x509_certificate(pem.cert.read_bytes()).serial_number

    def write(self, source: Path, target: Path) -> None:
        target.write_bytes(source.read_bytes())
        self.clock += 1_000_000_000  # a second later each time, so a change is visible at any timestamp precision
        os.utime(target, ns=(self.clock, self.clock))


def connect(provider: Any, live: Live) -> int:
    """One connection: the server asks the provider for a context; returns the serial number the client saw."""
    listener = socket.create_server(("127.0.0.1", 0))
    done = threading.Event()

    def serve() -> None:
        try:
            conn, _ = listener.accept()
            with provider.current().wrap_socket(conn, server_side=True) as tls:
                tls.sendall(b"ok")
        except (ssl.SSLError, OSError):
            pass  # the client's verdict is what the test reads
        finally:
            listener.close()
            done.set()

    threading.Thread(target=serve, daemon=True).start()
    try:
        with (
            socket.create_connection(listener.getsockname(), timeout=5) as raw,
            client_context(live.ca.cert).wrap_socket(raw, server_hostname="localhost") as tls,
        ):
            tls.recv(2)
            return int(tls.getpeercert()["serialNumber"], 16)
    finally:
        done.wait(5)


@pytest.fixture
def live(tmp_path: Path) -> Live:
    return Live(tmp_path)


def test_a_renewed_certificate_is_served_without_a_restart(answer: Path, live: Live) -> None:
    old, _ = live.issue("old", expired=True)
    live.write(old.cert, live.cert)
    live.write(old.key, live.key)
    provider = load_module(answer).ServerTls(live.cert, live.key)
    with pytest.raises(ssl.SSLCertVerificationError, match="expired"):
        connect(provider, live)  # the incident: the certificate the process loaded has expired

    renewed, renewed_serial = live.issue("renewed")
    live.write(renewed.cert, live.cert)
    live.write(renewed.key, live.key)
    assert connect(provider, live) == renewed_serial, "new connections must get the renewed certificate"


def test_a_half_written_renewal_keeps_the_last_good_pair(answer: Path, live: Live) -> None:
    first, first_serial = live.issue("first")
    live.write(first.cert, live.cert)
    live.write(first.key, live.key)
    provider = load_module(answer).ServerTls(live.cert, live.key)
    assert connect(provider, live) == first_serial

    second, second_serial = live.issue("second")
    live.write(second.cert, live.cert)  # the agent has written the certificate, not yet the key
    assert connect(provider, live) == first_serial, "while the pair does not match, keep serving the last good one"
    live.write(second.key, live.key)
    assert connect(provider, live) == second_serial, "once the key arrives, the new pair is served"


@pytest.mark.starter_passes
def test_nothing_changed_means_the_same_context(answer: Path, live: Live) -> None:
    first, _ = live.issue("first")
    live.write(first.cert, live.cert)
    live.write(first.key, live.key)
    provider = load_module(answer).ServerTls(live.cert, live.key)
    assert provider.current() is provider.current(), "rebuild only when the files change, not on every connection"
