"""A real TLS 1.3 handshake on loopback, with a throwaway certificate authority made on the fly."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def make_self_signed(directory: Path, name: str = "localhost") -> tuple[Path, Path]:
    """Write a certificate for `name` and 127.0.0.1 plus its key; the certificate is its own CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


@dataclass
class HandshakeResult:
    tls_version: str | None
    cipher: str | None
    alpn: str | None
    peer_common_name: str
    reply: bytes


# --8<-- [start:handshake]
def tls_round_trip(server_name: str = "localhost") -> HandshakeResult:
    with tempfile.TemporaryDirectory() as tmp:
        cert_path, key_path = make_self_signed(Path(tmp))
        server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_ctx.load_cert_chain(cert_path, key_path)
        server_ctx.set_alpn_protocols(["h2", "http/1.1"])  # the server's preference order

        client_ctx = ssl.create_default_context(cafile=str(cert_path))  # trust only our throwaway CA
        client_ctx.minimum_version = ssl.TLSVersion.TLSv1_3
        client_ctx.set_alpn_protocols(["http/1.1"])  # this client only speaks HTTP/1.1

        listener = socket.create_server(("127.0.0.1", 0))
        port = listener.getsockname()[1]

        def serve_once() -> None:
            conn, _ = listener.accept()
            try:
                with server_ctx.wrap_socket(conn, server_side=True) as tls:
                    tls.recv(1024)
                    tls.sendall(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")
            except ssl.SSLError:
                conn.close()  # the client rejected our certificate and aborted the handshake

        thread = threading.Thread(target=serve_once, daemon=True)
        thread.start()
        try:
            result = _client_side(client_ctx, port, server_name)
        finally:
            thread.join(timeout=5)
            listener.close()
        return result


def _client_side(client_ctx: ssl.SSLContext, port: int, server_name: str) -> HandshakeResult:
    # server_hostname is sent as SNI and checked against the certificate's names.
    with (
        socket.create_connection(("127.0.0.1", port), timeout=5) as raw,
        client_ctx.wrap_socket(raw, server_hostname=server_name) as tls,
    ):
        tls.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        reply = tls.recv(1024)
        cert = tls.getpeercert() or {}
        subject = dict(item[0] for item in cert.get("subject", ()))
        cipher = tls.cipher()
        return HandshakeResult(
            tls_version=tls.version(),
            cipher=cipher[0] if cipher else None,
            alpn=tls.selected_alpn_protocol(),
            peer_common_name=subject.get("commonName", ""),
            reply=reply,
        )


# --8<-- [end:handshake]
