"""The outbound URL check refuses what SSRF needs and accepts a public address (no network used)."""

from __future__ import annotations

import pytest

from examples.security.input_validation.outbound_urls import RefusedURL, safe_target


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/admin",
        "https://localhost/",  # resolved through /etc/hosts, no DNS query
        "https://169.254.169.254/latest/meta-data/",  # the cloud metadata service
        "https://10.0.0.5/",
        "https://192.168.1.1/",
        "https://[::1]/",
        "https://[fd00::1]/",
        "https://0.0.0.0/",
        "https://2130706433/",  # 127.0.0.1 written as one decimal number
    ],
)
def test_internal_addresses_are_refused(url):
    with pytest.raises(RefusedURL, match="non-public address"):
        safe_target(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "scheme"),
        ("gopher://example.com/", "scheme"),
        ("http://93.184.215.14/", "scheme"),
        ("https://93.184.215.14:6379/", "port"),
        ("https://user:secret@93.184.215.14/", "credentials"),
    ],
)
def test_schemes_ports_and_credentials_outside_the_allow_list_are_refused(url, reason):
    with pytest.raises(RefusedURL, match=reason):
        safe_target(url)


def test_a_public_address_is_accepted_with_the_address_to_connect_to():
    assert safe_target("https://93.184.215.14/rates") == ("93.184.215.14", "93.184.215.14", 443)
