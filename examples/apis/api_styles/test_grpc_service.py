"""The gRPC catalog over a real local channel: calls, streaming, status codes, deadlines, the wire format."""

from __future__ import annotations

import json
from pathlib import Path

import grpc
import pytest

from examples.apis.api_styles import catalog_pb2, generate
from examples.apis.api_styles.grpc_service import SAMPLE_BOOKS, CatalogService, find_book, running_server, titles_by

HERE = Path(__file__).parent


@pytest.fixture
def channel():
    with running_server(CatalogService(SAMPLE_BOOKS)) as address, grpc.insecure_channel(address) as channel:
        yield channel


# --8<-- [start:calls]
def test_unary_call_returns_a_typed_message(channel: grpc.Channel) -> None:
    book = find_book(channel, 1)
    assert isinstance(book, catalog_pb2.Book)
    assert (book.title, book.year) == ("Dune", 1965)


def test_server_streaming_call_yields_only_the_matching_books(channel: grpc.Channel) -> None:
    assert titles_by(channel, "Frank Herbert") == ["Dune", "Children of Dune"]
    assert len(titles_by(channel, "")) == 3  # empty string is proto3's "not set"


def test_errors_are_status_codes_not_http_statuses(channel: grpc.Channel) -> None:
    assert find_book(channel, 99) is None  # NOT_FOUND, handled by the client
    with pytest.raises(grpc.RpcError) as raised:
        find_book(channel, -1)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "positive" in raised.value.details()


def test_a_slow_server_hits_the_client_deadline() -> None:
    with running_server(CatalogService(SAMPLE_BOOKS, latency=0.5)) as address, grpc.insecure_channel(address) as ch:
        with pytest.raises(grpc.RpcError) as unary:
            find_book(ch, 1, timeout=0.1)
        assert unary.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        with pytest.raises(grpc.RpcError) as stream:
            titles_by(ch, "", timeout=0.8)  # three items at 0.5 s each cannot fit in 0.8 s
        assert stream.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED


# --8<-- [end:calls]


# --8<-- [start:wire]
def test_the_wire_format_is_field_numbers_and_values() -> None:
    encoded = catalog_pb2.Book(id=1, title="Dune").SerializeToString()
    # 0x08 = field 1, varint; 0x01 = 1; 0x12 = field 2, length-delimited; 0x04 = four bytes; then "Dune".
    assert encoded == b"\x08\x01\x12\x04Dune"
    assert catalog_pb2.Book.FromString(encoded).title == "Dune"
    book = SAMPLE_BOOKS[3]
    as_json = json.dumps({"id": book.id, "title": book.title, "author": book.author, "year": book.year})
    assert (len(book.SerializeToString()), len(as_json)) == (51, 92)  # no field names on the wire


def test_a_reader_skips_fields_it_does_not_know() -> None:
    newer = catalog_pb2.Book(id=1, title="Dune").SerializeToString() + b"\x30\x07"  # field 6, varint 7: a v2 field
    older_view = catalog_pb2.Book.FromString(newer)
    assert (older_view.id, older_view.title) == (1, "Dune")  # parsed fine; the unknown field is kept, not lost
    assert older_view.SerializeToString() == newer


# --8<-- [end:wire]


def test_committed_stubs_match_the_proto(tmp_path: Path) -> None:
    generate.generate(tmp_path)
    generated = tmp_path / "examples" / "apis" / "api_styles"
    for name in ("catalog_pb2.py", "catalog_pb2.pyi", "catalog_pb2_grpc.py"):
        assert (generated / name).read_text() == (HERE / name).read_text(), f"{name} is stale: run generate.py"
