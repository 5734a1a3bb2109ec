"""Acceptance check: NS records parse to full names, whether written out, compressed into the question, or
compressed into an earlier record's data; the record types the parser already knew still parse."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from exercises import load_module


def record(name: bytes, rtype: int, ttl: int, rdata: bytes) -> bytes:
    return name + struct.pack("!HHIH", rtype, 1, ttl, len(rdata)) + rdata


QUESTION = b"\x07example\x03com\x00"  # at offset 12
HEADER = bytes.fromhex("beef 8180 0001 0003 0000 0000")
FIRST_NS_DATA = 12 + len(QUESTION) + 4 + 2 + 10  # the first answer's data: after its name pointer and fixed fields
RESPONSE = (
    HEADER
    + QUESTION
    + struct.pack("!HH", 2, 1)  # QTYPE NS, QCLASS IN
    + record(b"\xc0\x0c", 2, 172800, b"\x03ns1\x05dnsco\x03net\x00")  # written out in full
    + record(b"\xc0\x0c", 2, 172800, b"\x03ns2" + struct.pack("!H", 0xC000 | (FIRST_NS_DATA + 4)))  # ns2 + "dnsco.net"
    + record(b"\xc0\x0c", 2, 172800, b"\x03ns3\xc0\x0c")  # ns3.example.com: a pointer into the question
)


def test_ns_records_parse_to_full_names(answer: Path) -> None:
    message = load_module(answer).parse_message(RESPONSE)
    assert message.questions == [("example.com", "NS")], "the question's type 2 is NS"
    got = [(r.name, r.type, r.ttl, r.value) for r in message.answers]
    assert got == [
        ("example.com", "NS", 172800, "ns1.dnsco.net"),
        ("example.com", "NS", 172800, "ns2.dnsco.net"),
        ("example.com", "NS", 172800, "ns3.example.com"),
    ]


def test_a_query_for_ns_can_be_built(answer: Path) -> None:
    query = load_module(answer).build_query("example.com", "NS", query_id=1)
    assert query[-4:] == b"\x00\x02\x00\x01"


@pytest.mark.starter_passes
def test_the_known_types_still_parse(answer: Path) -> None:
    module = load_module(answer)
    response = (
        bytes.fromhex("0001 8180 0001 0001 0000 0000")
        + QUESTION
        + struct.pack("!HH", 15, 1)
        + record(b"\xc0\x0c", 15, 3600, b"\x00\x0a\x04mail\xc0\x0c")
    )
    [mx] = module.parse_message(response).answers
    assert (mx.type, mx.value) == ("MX", "10 mail.example.com")
