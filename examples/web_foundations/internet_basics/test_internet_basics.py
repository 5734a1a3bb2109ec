"""DNS messages are built and parsed byte by byte; a raw HTTP/1.1 request gets a real server's reply."""

import struct

import pytest

from examples.web_foundations.internet_basics import addresses, dns_message, http_exchange


def test_a_query_is_a_header_then_one_question_in_labels():
    query = dns_message.build_query("api.example.com", "A", query_id=0x1234)
    assert query[:12] == bytes.fromhex("1234 0100 0001 0000 0000 0000")
    assert query[12:] == b"\x03api\x07example\x03com\x00" + b"\x00\x01\x00\x01"


def test_a_built_query_parses_back():
    message = dns_message.parse_message(dns_message.build_query("example.com", "MX", query_id=7))
    assert (message.id, message.is_response, message.rcode) == (7, False, 0)
    assert message.questions == [("example.com", "MX")]
    assert message.answers == []


def test_labels_longer_than_63_bytes_are_rejected():
    with pytest.raises(ValueError, match="1 to 63 bytes"):
        dns_message.encode_name("a" * 64 + ".example")


def _record(name: bytes, rtype: int, ttl: int, rdata: bytes) -> bytes:
    return name + struct.pack("!HHIH", rtype, 1, ttl, len(rdata)) + rdata


# A response as a resolver would send it, written out by hand. 0xC00C points back to offset 12,
# where the question's name `www.example.com` starts (RFC 1035 section 4.1.4, message compression).
WWW = b"\xc0\x0c"
RESPONSE = (
    bytes.fromhex("abcd 8180 0001 0005 0000 0000")  # QR=1 (response), RD and RA set, RCODE 0
    + b"\x03www\x07example\x03com\x00"
    + struct.pack("!HH", 1, 1)
    + _record(WWW, 5, 3600, b"\x03web\xc0\x10")  # CNAME web.example.com (0xC010 points at "example.com")
    + _record(b"\x03web\xc0\x10", 1, 300, bytes([192, 0, 2, 10]))
    + _record(b"\x03web\xc0\x10", 28, 300, bytes.fromhex("20010db8000000000000000000000010"))
    + _record(b"\xc0\x10", 15, 86400, b"\x00\x0a\x04mail\xc0\x10")
    + _record(b"\xc0\x10", 16, 300, b"\x0bv=spf1 -all")
)


def test_a_response_with_compressed_names_parses_every_record_type():
    message = dns_message.parse_message(RESPONSE)
    assert (message.id, message.is_response, message.rcode) == (0xABCD, True, 0)
    assert message.questions == [("www.example.com", "A")]
    assert [(r.name, r.type, r.ttl, r.value) for r in message.answers] == [
        ("www.example.com", "CNAME", 3600, "web.example.com"),
        ("web.example.com", "A", 300, "192.0.2.10"),
        ("web.example.com", "AAAA", 300, "2001:db8::10"),
        ("example.com", "MX", 86400, "10 mail.example.com"),
        ("example.com", "TXT", 300, "v=spf1 -all"),
    ]


@pytest.mark.parametrize("cut", [5, 20, 29, 31, len(RESPONSE) - 3])  # 29 and 31: after the name, in its type
def test_a_truncated_message_is_a_clear_error(cut):
    with pytest.raises(ValueError):
        dns_message.parse_message(RESPONSE[:cut])


@pytest.mark.parametrize("length_byte", [0x40, 0x80])
def test_reserved_label_types_are_rejected(length_byte):
    message = (
        bytes.fromhex("0001 0000 0001 0000 0000 0000") + bytes([length_byte]) + b"x" * 70 + b"\x00\x00\x01\x00\x01"
    )
    with pytest.raises(ValueError, match="label type"):
        dns_message.parse_message(message)


def test_a_pointer_loop_is_rejected_instead_of_spinning_forever():
    looped = bytes.fromhex("0001 0000 0001 0000 0000 0000") + b"\xc0\x0c" + b"\x00\x01\x00\x01"
    with pytest.raises(ValueError, match="loop"):
        dns_message.parse_message(looped)


def test_raw_request_gets_a_parsed_reply_from_a_real_server():
    with http_exchange.local_server() as port:
        response = http_exchange.fetch_hello(port)
    assert (response.version, response.status, response.reason) == ("HTTP/1.1", 200, "OK")
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.body == b"Hello, web!\n"


def test_the_request_is_plain_text_ending_in_an_empty_line():
    assert http_exchange.REQUEST.startswith(b"GET /hello HTTP/1.1\r\n")
    assert http_exchange.REQUEST.endswith(b"\r\n\r\n")
    assert b"\r\nHost: " in http_exchange.REQUEST


def test_an_unknown_path_is_404():
    with http_exchange.local_server() as port:
        reply = http_exchange.send_raw(port, http_exchange.REQUEST.replace(b"/hello", b"/nope"))
    assert reply.startswith(b"HTTP/1.1 404 ")
    assert http_exchange.parse_response(reply).body == b"Not here.\n"


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("127.0.0.1", "IPv4 loopback (this machine only)"),
        ("::1", "IPv6 loopback (this machine only)"),
        ("10.1.2.3", "IPv4 private (not routed on the public internet)"),
        ("192.168.0.20", "IPv4 private (not routed on the public internet)"),
        ("172.31.255.255", "IPv4 private (not routed on the public internet)"),
        ("172.32.0.1", "IPv4 public"),  # just outside 172.16.0.0/12
        ("fd12:3456::1", "IPv6 private (not routed on the public internet)"),
        ("169.254.169.254", "IPv4 link-local (this network segment only)"),
        ("fe80::1", "IPv6 link-local (this network segment only)"),
        ("100.64.7.1", "IPv4 shared (carrier-grade NAT)"),
        ("192.0.2.10", "IPv4 reserved (documentation, benchmarking or another special use)"),
        ("224.0.0.251", "IPv4 multicast"),
        ("8.8.8.8", "IPv4 public"),
        ("2606:4700:4700::1111", "IPv6 public"),
    ],
)
def test_addresses_are_classified(address, expected):
    assert addresses.describe(address) == expected


def test_cidr_membership_and_bad_input():
    assert addresses.same_network("192.168.1.77", "192.168.1.0/24")
    assert not addresses.same_network("192.168.2.1", "192.168.1.0/24")
    with pytest.raises(ValueError):
        addresses.describe("999.1.1.1")
