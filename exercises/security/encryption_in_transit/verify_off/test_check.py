"""Acceptance check, over real TLS connections on 127.0.0.1: the genuine service is reached; an impostor with a
certificate from another CA, and a genuine certificate for another name, are both refused before any data is sent.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from examples.security.tls_in_transit import pki
from examples.security.tls_in_transit.contexts import server_context
from examples.security.tls_in_transit.loopback import exchange
from exercises import load_module


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pki.Pem]:
    good, rogue = tmp_path_factory.mktemp("internal"), tmp_path_factory.mktemp("laptop")
    ca, ca_cert, ca_key = pki.make_ca(good, "Internal CA")
    _, rogue_cert, rogue_key = pki.make_ca(rogue, "Laptop CA")
    return {
        "ca": ca,
        "service": pki.issue(good, "service", "orders", ca_cert, ca_key, server=True),
        "impostor": pki.issue(rogue, "impostor", "orders", rogue_cert, rogue_key, server=True),
    }


def probe(answer: Path, certs: dict[str, pki.Pem], server: str, server_hostname: str) -> str:
    ctx = load_module(answer).monitor_context(certs["ca"].cert)
    version, _ = exchange(server_context(certs[server].cert, certs[server].key), ctx, server_hostname)
    return version


@pytest.mark.starter_passes
def test_the_genuine_service_is_reached(answer: Path, certs: dict[str, pki.Pem]) -> None:
    assert probe(answer, certs, "service", "localhost") == "TLSv1.3"


def test_an_impostor_with_another_ca_is_refused(answer: Path, certs: dict[str, pki.Pem]) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        probe(answer, certs, "impostor", "localhost")
        pytest.fail("a certificate from a CA we do not trust must fail the handshake (verify the chain)")


def test_a_certificate_for_another_name_is_refused(answer: Path, certs: dict[str, pki.Pem]) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        probe(answer, certs, "service", "payments.internal")
        pytest.fail("the certificate names localhost, not payments.internal: check the host name")


def test_only_the_internal_ca_is_trusted(answer: Path, certs: dict[str, pki.Pem]) -> None:
    ctx = load_module(answer).monitor_context(certs["ca"].cert)
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname
    trusted = [dict(entry[0] for entry in ca["subject"])["commonName"] for ca in ctx.get_ca_certs()]
    assert trusted == ["Internal CA"], f"trust the internal CA only, not the system store: {trusted[:3]}..."


@pytest.mark.starter_passes
def test_old_protocol_versions_are_refused(answer: Path, certs: dict[str, pki.Pem]) -> None:
    ctx = load_module(answer).monitor_context(certs["ca"].cert)
    assert ctx.minimum_version >= ssl.TLSVersion.TLSv1_2
