"""Acceptance check: the client address comes from the right end of X-Forwarded-For, past trusted proxies only,
and the header is believed only from a trusted peer; a spoofed entry never becomes the client."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises import load_module

LB = "10.0.3.17"  # the load balancer, the app server's peer
CDN_EDGE = "203.0.113.45"
CLIENT = "198.51.100.7"
SPOOFED = "8.8.8.8"


def client_ip(answer: Path, peer: str, x_forwarded_for: str | None) -> str:
    return load_module(answer).client_ip(peer, x_forwarded_for)


def test_a_spoofed_first_entry_is_ignored(answer: Path) -> None:
    got = client_ip(answer, LB, f"{SPOOFED}, {CLIENT}")
    assert got == CLIENT, f"the client wrote {SPOOFED} into the header itself; the load balancer saw {CLIENT}"


def test_two_trusted_hops(answer: Path) -> None:
    assert client_ip(answer, LB, f"{CLIENT}, {CDN_EDGE}") == CLIENT  # CDN then load balancer
    assert client_ip(answer, LB, f"{SPOOFED}, {CLIENT}, {CDN_EDGE}") == CLIENT


def test_the_header_from_an_untrusted_peer_is_not_believed(answer: Path) -> None:
    got = client_ip(answer, "192.0.2.200", f"{CLIENT}")
    assert got == "192.0.2.200", "a direct connection that bypassed the load balancer forged the header"


@pytest.mark.parametrize("header", [f"127.0.0.1, {CLIENT}", f"garbage,{CLIENT}", f"{CDN_EDGE}, {CLIENT}"])
def test_only_the_right_most_untrusted_entry_counts(answer: Path, header: str) -> None:
    got = client_ip(answer, LB, header)
    assert got == CLIENT, f"X-Forwarded-For: {header} from the load balancer: the client is {CLIENT}, not {got}"


@pytest.mark.starter_passes
def test_one_entry_or_none(answer: Path) -> None:
    assert client_ip(answer, LB, CLIENT) == CLIENT
    assert client_ip(answer, LB, "2001:db8::7") == "2001:db8::7"
    assert client_ip(answer, "192.0.2.200", None) == "192.0.2.200"  # no header: the peer is the client
