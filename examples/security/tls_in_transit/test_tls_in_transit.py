"""TLS 1.3, certificate checks, mTLS and HSTS, exercised for real over loopback sockets."""

from __future__ import annotations

import datetime as dt
import ssl
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi.testclient import TestClient

from examples.security.tls_in_transit import hsts, pki
from examples.security.tls_in_transit.contexts import client_context, server_context
from examples.security.tls_in_transit.loopback import exchange

HANDSHAKE_FAILURES = (ssl.SSLError, ConnectionResetError, BrokenPipeError)


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pki.Pem]:
    good, rogue = tmp_path_factory.mktemp("pki"), tmp_path_factory.mktemp("rogue")
    ca, ca_cert, ca_key = pki.make_ca(good)
    rogue_ca, rogue_cert, rogue_key = pki.make_ca(rogue, "Rogue CA")
    return {
        "ca": ca,
        "ca_objects": (ca_cert, ca_key),
        "rogue_ca": rogue_ca,
        "server": pki.issue(good, "server", "api.internal", ca_cert, ca_key, server=True),
        "client": pki.issue(good, "client", "billing", ca_cert, ca_key, server=False),
        "rogue_client": pki.issue(rogue, "client", "billing", rogue_cert, rogue_key, server=False),
    }


TLS13_SUITES = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"}


def test_tls13_handshake_with_a_trusted_server(certs):
    version, server = exchange(
        server_context(certs["server"].cert, certs["server"].key), client_context(certs["ca"].cert), "localhost"
    )
    assert version == "TLSv1.3" and server.error is None
    assert server.cipher in TLS13_SUITES  # AEAD only: no CBC, no RC4, no static RSA


def test_an_expired_certificate_is_refused(certs, tmp_path: Path):
    ca_cert, ca_key = certs["ca_objects"]
    now = dt.datetime.now(dt.UTC)
    expired = pki.issue(
        tmp_path,
        "old",
        "api",
        ca_cert,
        ca_key,
        server=True,
        not_before=now - dt.timedelta(days=8),
        not_after=now - dt.timedelta(days=1),
    )
    with pytest.raises(ssl.SSLCertVerificationError, match="expired"):
        exchange(server_context(expired.cert, expired.key), client_context(certs["ca"].cert), "localhost")


def test_strict_verification_refuses_a_certificate_without_key_identifiers(certs, tmp_path: Path):
    ca_cert, ca_key = certs["ca_objects"]
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    bare = (  # valid dates, right name, right CA, but no Authority Key Identifier
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "api")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "bare.crt", tmp_path / "bare.key"
    cert_path.write_bytes(bare.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    with pytest.raises(ssl.SSLCertVerificationError, match="Authority Key Identifier"):
        exchange(server_context(cert_path, key_path), client_context(certs["ca"].cert), "localhost")


def test_client_refuses_a_server_signed_by_an_unknown_ca(certs):
    with pytest.raises(ssl.SSLCertVerificationError):
        exchange(
            server_context(certs["server"].cert, certs["server"].key),
            client_context(certs["rogue_ca"].cert),
            "localhost",
        )


def test_client_refuses_a_certificate_for_another_name(certs):
    with pytest.raises(ssl.SSLCertVerificationError, match=r"match|mismatch"):
        exchange(
            server_context(certs["server"].cert, certs["server"].key),
            client_context(certs["ca"].cert),
            "payments.example.com",
        )


def test_tls13_only_server_rejects_a_tls12_client(certs):
    old_client = client_context(certs["ca"].cert)
    old_client.maximum_version = ssl.TLSVersion.TLSv1_2
    with pytest.raises(HANDSHAKE_FAILURES):
        exchange(server_context(certs["server"].cert, certs["server"].key), old_client, "localhost")


# --8<-- [start:mtls]
def test_mtls_server_learns_the_callers_identity(certs):
    server_ctx = server_context(certs["server"].cert, certs["server"].key, client_ca=certs["ca"].cert)
    client_ctx = client_context(certs["ca"].cert, cert=certs["client"].cert, key=certs["client"].key)
    version, server = exchange(server_ctx, client_ctx, "localhost")
    assert version == "TLSv1.3"
    assert server.client_identity == "spiffe://example.internal/billing"


def test_mtls_server_rejects_a_client_without_a_certificate(certs):
    server_ctx = server_context(certs["server"].cert, certs["server"].key, client_ca=certs["ca"].cert)
    with pytest.raises(HANDSHAKE_FAILURES):
        exchange(server_ctx, client_context(certs["ca"].cert), "localhost")


def test_a_server_certificate_cannot_act_as_a_client_certificate(certs):
    server_ctx = server_context(certs["server"].cert, certs["server"].key, client_ca=certs["ca"].cert)
    wrong_usage = certs["server"]  # signed by the right CA, but its extended key usage is serverAuth only
    with pytest.raises(HANDSHAKE_FAILURES):
        exchange(server_ctx, client_context(certs["ca"].cert, cert=wrong_usage.cert, key=wrong_usage.key), "localhost")


def test_mtls_server_rejects_a_certificate_from_another_ca(certs):
    server_ctx = server_context(certs["server"].cert, certs["server"].key, client_ca=certs["ca"].cert)
    rogue = certs["rogue_client"]
    with pytest.raises(HANDSHAKE_FAILURES):
        exchange(server_ctx, client_context(certs["ca"].cert, cert=rogue.cert, key=rogue.key), "localhost")


# --8<-- [end:mtls]


def test_private_keys_are_not_world_readable(certs):
    assert Path(certs["server"].key).stat().st_mode & 0o077 == 0


def test_hsts_value_and_preload_rules():
    assert hsts.hsts_value() == "max-age=31536000; includeSubDomains"
    assert hsts.hsts_value(preload=True).endswith("; preload")
    with pytest.raises(ValueError, match="preload"):
        hsts.hsts_value(max_age=300, preload=True)


def test_plain_http_is_redirected_and_gets_no_hsts():
    client = TestClient(hsts.create_app(), base_url="http://testserver")
    response = client.get("/account", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "https://testserver/account"
    assert "strict-transport-security" not in response.headers


def test_https_responses_carry_hsts():
    client = TestClient(hsts.create_app(), base_url="https://testserver")
    response = client.get("/account")
    assert response.status_code == 200
    assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
