"""TLS contexts for a server and a client, built with the standard library `ssl` module."""

from __future__ import annotations

import ssl
from pathlib import Path


# --8<-- [start:server]
def server_context(cert: Path, key: Path, *, client_ca: Path | None = None) -> ssl.SSLContext:
    """A server context that speaks TLS 1.3 only; with `client_ca` it demands a client certificate (mTLS)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_cert_chain(certfile=cert, keyfile=key)
    if client_ca is not None:
        ctx.verify_mode = ssl.CERT_REQUIRED  # no certificate, or one not signed by client_ca: handshake fails
        ctx.load_verify_locations(cafile=client_ca)
    return ctx


# --8<-- [end:server]


# --8<-- [start:client]
def client_context(ca: Path, *, cert: Path | None = None, key: Path | None = None) -> ssl.SSLContext:
    """A client context that trusts only `ca` and checks the server's name; optionally presents a certificate."""
    ctx = ssl.create_default_context(cafile=ca)  # CERT_REQUIRED and check_hostname=True by default
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.verify_flags |= ssl.VERIFY_X509_STRICT  # RFC 5280 checks; the default from Python 3.13 on
    if cert is not None:
        ctx.load_cert_chain(certfile=cert, keyfile=key)
    return ctx


# --8<-- [end:client]


def peer_identity(tls_socket: ssl.SSLSocket) -> str | None:
    """The URI SAN of a verified client certificate: the caller's service identity under mTLS."""
    cert = tls_socket.getpeercert()
    if not cert:
        return None
    for kind, value in cert.get("subjectAltName", ()):
        if kind == "URI":
            return str(value)
    return None
