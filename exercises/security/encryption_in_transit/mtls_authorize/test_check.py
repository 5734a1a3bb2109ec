"""Acceptance check, over real mutual TLS on 127.0.0.1: each service reaches only its own routes, identity comes
from the SPIFFE ID (never the common name), and unknown identities or foreign trust domains get nothing.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
from pathlib import Path
from types import ModuleType

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from examples.security.tls_in_transit import pki
from examples.security.tls_in_transit.contexts import client_context, server_context
from exercises import load_module


class Pki:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.ca, self.ca_cert, self.ca_key = pki.make_ca(directory)
        self.server = pki.issue(directory, "server", "payroll", self.ca_cert, self.ca_key, server=True)

    def client(self, common_name: str, spiffe_id: str) -> pki.Pem:
        """A client certificate from our CA with a chosen common name and SPIFFE ID."""
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
            .issuer_name(self.ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.UniformResourceIdentifier(spiffe_id)]), critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.ca_key.public_key()), critical=False)
            .sign(self.ca_key, hashes.SHA256())
        )
        stem = f"client-{x509.random_serial_number()}"
        cert_path, key_path = self.directory / f"{stem}.crt", self.directory / f"{stem}.key"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
        return pki.Pem(cert_path, key_path)


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return Pki(tmp_path_factory.mktemp("mesh"))


def call(module: ModuleType, ca: Pki, client: pki.Pem, path: str) -> int:
    """One request over mTLS: the server thread verifies the client certificate, then asks `handle`."""
    listener = socket.create_server(("127.0.0.1", 0))
    server_ctx = server_context(ca.server.cert, ca.server.key, client_ca=ca.ca.cert)
    done = threading.Event()

    def serve() -> None:
        try:
            conn, _ = listener.accept()
            with server_ctx.wrap_socket(conn, server_side=True) as tls:
                line = tls.recv(256).decode()
                tls.sendall(str(module.handle(line, tls.getpeercert())).encode())
        finally:
            listener.close()
            done.set()

    threading.Thread(target=serve, daemon=True).start()
    client_ctx = client_context(ca.ca.cert, cert=client.cert, key=client.key)
    try:
        with (
            socket.create_connection(listener.getsockname(), timeout=5) as raw,
            client_ctx.wrap_socket(raw, server_hostname="localhost") as tls,
        ):
            tls.sendall(f"GET {path}".encode())
            return int(tls.recv(16).decode())
    finally:
        done.wait(5)


def spiffe(name: str) -> str:
    return f"spiffe://example.internal/{name}"


@pytest.mark.starter_passes
def test_each_service_reaches_its_own_route(answer: Path, ca: Pki) -> None:
    module = load_module(answer)
    assert call(module, ca, ca.client("billing", spiffe("billing")), "/invoices") == 200
    assert call(module, ca, ca.client("reports", spiffe("reports")), "/reports") == 200
    assert call(module, ca, ca.client("payroll-admin", spiffe("payroll-admin")), "/payroll/export") == 200


def test_a_valid_certificate_is_not_permission_for_every_route(answer: Path, ca: Pki) -> None:
    module = load_module(answer)
    reports = ca.client("reports", spiffe("reports"))
    assert call(module, ca, reports, "/payroll/export") == 403, "reports may call /reports only"
    assert call(module, ca, ca.client("billing", spiffe("billing")), "/reports") == 403


def test_identity_comes_from_the_spiffe_id_not_the_common_name(answer: Path, ca: Pki) -> None:
    module = load_module(answer)
    disguised = ca.client("payroll-admin", spiffe("reports"))
    assert call(module, ca, disguised, "/payroll/export") == 403, "the SPIFFE ID says reports: the CN is not identity"
    assert call(module, ca, disguised, "/reports") == 200, "the SPIFFE ID says reports: it may read /reports"


def test_unknown_identities_and_foreign_trust_domains_get_nothing(answer: Path, ca: Pki) -> None:
    module = load_module(answer)
    for client in (
        ca.client("intruder", spiffe("intruder")),
        ca.client("billing", "spiffe://evil.example/billing"),
    ):
        status = call(module, ca, client, "/invoices")
        assert status in (401, 403), f"an identity outside our allow-list or trust domain got {status}"


def test_routes_are_matched_exactly(answer: Path, ca: Pki) -> None:
    module = load_module(answer)
    billing = ca.client("billing", spiffe("billing"))
    for path in ("/invoices/../payroll/export", "/invoicesXYZ", "/payroll/export"):
        assert call(module, ca, billing, path) == 403, f"billing must not reach {path}"
