"""The raw-socket client and server speak real HTTP/1.1 over loopback; TLS 1.3 completes a handshake."""

import ssl

import pytest

from examples.web_foundations.internet_basics.http_exchange import send_raw as _send_raw
from examples.web_foundations.raw_http import client
from examples.web_foundations.raw_http.server import RawHttpServer, Response
from examples.web_foundations.raw_http.tls_demo import tls_round_trip


@pytest.fixture
def server():
    with RawHttpServer() as srv:
        yield srv


def test_localhost_resolves_to_a_loopback_address():
    addresses = client.resolve("localhost", 80)
    assert addresses
    assert all(ip in {"127.0.0.1", "::1"} for ip, _ in addresses)


def test_get_returns_status_headers_and_body(server):
    response = client.request("127.0.0.1", server.port, "GET", "/")
    assert (response.version, response.status, response.reason) == ("HTTP/1.1", 200, "OK")
    assert response.headers["content-type"].startswith("text/plain")
    assert response.headers["content-length"] == str(len(response.body))
    assert response.body == b"hello from a raw socket\n"


def test_head_sends_headers_but_no_body(server):
    response = client.request("127.0.0.1", server.port, "HEAD", "/")
    assert response.status == 200
    assert response.headers["content-length"] == "24"
    assert response.body == b""


def test_post_body_is_framed_by_content_length(server):
    payload = b"\x00binary\r\n\r\nwith a blank line inside"
    response = client.request("127.0.0.1", server.port, "POST", "/echo", payload)
    assert response.body == payload


def test_unknown_path_is_404(server):
    assert client.request("127.0.0.1", server.port, "GET", "/missing").status == 404


def test_http11_request_without_host_is_rejected(server):
    raw = _send_raw(server.port, b"GET / HTTP/1.1\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 400 ")


def test_garbage_request_line_is_rejected(server):
    raw = _send_raw(server.port, b"HELLO\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 400 ")


@pytest.mark.parametrize("length", [b"-5", b"+5", b"5, 5", b"five"])
def test_an_invalid_content_length_is_rejected(server, length):
    raw = _send_raw(server.port, b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + b"\r\n\r\nhello")
    assert raw.startswith(b"HTTP/1.1 400 ")


@pytest.mark.parametrize("field", [b"Host: a", b"Content-Length: 0"])
def test_a_second_host_or_content_length_is_rejected(server, field):
    raw = _send_raw(server.port, b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n" + field + b"\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 400 ")


def test_a_chunked_body_is_refused_rather_than_misread(server):
    request = b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
    assert _send_raw(server.port, request).startswith(b"HTTP/1.1 501 ")


def test_repeated_fields_are_combined(server):
    seen = []

    def record(request):
        seen.append(request.headers["accept"])
        return Response(204, "No Content")

    with RawHttpServer(record) as srv:
        _send_raw(srv.port, b"GET / HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nAccept: */*\r\n\r\n")
    assert seen == ["text/html, */*"]


def test_header_names_are_case_insensitive(server):
    raw = _send_raw(server.port, b"GET / HTTP/1.1\r\nhOsT: example\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 200 ")


def test_tls13_handshake_negotiates_version_alpn_and_checks_the_name():
    result = tls_round_trip("localhost")
    assert result.tls_version == "TLSv1.3"
    assert result.alpn == "http/1.1"
    assert result.peer_common_name == "localhost"
    assert result.reply.startswith(b"HTTP/1.1 204")


def test_tls_refuses_a_certificate_for_another_name():
    with pytest.raises(ssl.SSLCertVerificationError):
        tls_round_trip("bank.example")
