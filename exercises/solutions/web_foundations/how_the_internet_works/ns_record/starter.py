"""A reference solution: NS joins CNAME as a record whose data is one (possibly compressed) domain name."""

from __future__ import annotations

import ipaddress
import struct
from dataclasses import dataclass

# Record types from RFC 1035 (A, NS, CNAME, MX, TXT) and RFC 3596 (AAAA).
TYPES = {"A": 1, "NS": 2, "CNAME": 5, "MX": 15, "TXT": 16, "AAAA": 28}
TYPE_NAMES = {number: name for name, number in TYPES.items()}
CLASS_IN = 1


@dataclass(frozen=True)
class Record:
    name: str
    type: str
    ttl: int
    value: str


@dataclass(frozen=True)
class Message:
    id: int
    is_response: bool
    rcode: int
    questions: list[tuple[str, str]]
    answers: list[Record]


def encode_name(name: str) -> bytes:
    """`api.example.com` becomes length-prefixed labels: 3 api 7 example 3 com 0."""
    out = b""
    for label in name.rstrip(".").split("."):
        raw = label.encode("ascii")
        if not 0 < len(raw) <= 63:
            raise ValueError(f"label {label!r} must be 1 to 63 bytes long")
        out += bytes([len(raw)]) + raw
    return out + b"\x00"


def build_query(name: str, record_type: str, query_id: int) -> bytes:
    """A 12-byte header, then one question: the name, its type and its class."""
    flags = 0x0100  # only RD set: "recursion desired", please resolve it fully for me
    header = struct.pack("!HHHHHH", query_id, flags, 1, 0, 0, 0)  # 1 question, 0 answers
    return header + encode_name(name) + struct.pack("!HH", TYPES[record_type], CLASS_IN)


def read_name(data: bytes, offset: int) -> tuple[str, int]:
    """Read a name at `offset`; return it and the offset just after it in the message."""
    labels: list[str] = []
    end = None  # where the caller continues once we have followed a compression pointer
    seen: set[int] = set()
    while True:
        if offset >= len(data):
            raise ValueError("message ends inside a name")
        length = data[offset]
        if length & 0xC0 == 0xC0:  # two top bits set: a pointer to a name earlier in the message
            if offset + 1 >= len(data):
                raise ValueError("message ends inside a name pointer")
            target = struct.unpack_from("!H", data, offset)[0] & 0x3FFF
            if target in seen:
                raise ValueError("name pointers form a loop")
            seen.add(target)
            end = offset + 2 if end is None else end
            offset = target
        elif length & 0xC0:  # 01 or 10 in the top bits: label types RFC 1035 reserves, never valid here
            raise ValueError(f"unknown label type {length >> 6:02b}")
        elif length == 0:
            return ".".join(labels), (offset + 1 if end is None else end)
        else:
            labels.append(data[offset + 1 : offset + 1 + length].decode("ascii"))
            offset += 1 + length


def parse_message(data: bytes) -> Message:
    if len(data) < 12:
        raise ValueError(f"a DNS message has a 12-byte header; got {len(data)} bytes")
    query_id, flags, qdcount, ancount, _nscount, _arcount = struct.unpack_from("!HHHHHH", data)
    offset = 12
    questions = []
    for _ in range(qdcount):
        name, offset = read_name(data, offset)
        if offset + 4 > len(data):
            raise ValueError("message ends inside a question")
        qtype, _qclass = struct.unpack_from("!HH", data, offset)
        offset += 4
        questions.append((name, TYPE_NAMES.get(qtype, str(qtype))))
    answers = []
    for _ in range(ancount):
        name, offset = read_name(data, offset)
        if offset + 10 > len(data):
            raise ValueError("message ends inside a record header")
        rtype, _rclass, ttl, rdlength = struct.unpack_from("!HHIH", data, offset)
        offset += 10
        if offset + rdlength > len(data):
            raise ValueError("record data runs past the end of the message")
        answers.append(Record(name, TYPE_NAMES.get(rtype, str(rtype)), ttl, _rdata(data, offset, rtype, rdlength)))
        offset += rdlength
    return Message(query_id, bool(flags & 0x8000), flags & 0x000F, questions, answers)


def _rdata(data: bytes, offset: int, rtype: int, length: int) -> str:
    raw = data[offset : offset + length]
    if rtype == TYPES["A"]:
        return str(ipaddress.IPv4Address(raw))
    if rtype == TYPES["AAAA"]:
        return str(ipaddress.IPv6Address(raw))
    if rtype in (TYPES["NS"], TYPES["CNAME"]):  # both carry one domain name, compressed like any other
        return read_name(data, offset)[0]
    if rtype == TYPES["MX"]:
        preference = struct.unpack_from("!H", data, offset)[0]
        return f"{preference} {read_name(data, offset + 2)[0]}"
    if rtype == TYPES["TXT"]:  # one or more length-prefixed strings
        parts, i = [], 0
        while i < len(raw):
            parts.append(raw[i + 1 : i + 1 + raw[i]].decode("utf-8", "replace"))
            i += 1 + raw[i]
        return "".join(parts)
    return raw.hex()
