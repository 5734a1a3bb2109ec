"""The subset of CBOR (RFC 8949) that Pagefind's index files use: integers, strings and definite arrays.

Pagefind writes its index with minicbor in the shortest form of every head, and so does `encode`, so a
file decoded and encoded again comes back byte for byte; macros/search_chunks.py checks exactly that
before it rewrites anything, which is how a change in Pagefind's format shows up as a clear build error.
"""

from __future__ import annotations

import struct

Value = int | str | bytes | list["Value"]

_UNSIGNED, _NEGATIVE, _BYTES, _TEXT, _ARRAY = range(5)
_WIDTHS = {24: ">B", 25: ">H", 26: ">I", 27: ">Q"}


class CborError(ValueError):
    """Input outside the subset: another major type, an indefinite length, or truncated data."""


def decode(data: bytes) -> Value:
    """The one value `data` holds; anything left over after it is an error."""
    value, end = _decode(memoryview(data), 0)
    if end != len(data):
        raise CborError(f"{len(data) - end} bytes after the value")
    return value


def _decode(data: memoryview, at: int) -> tuple[Value, int]:
    if at >= len(data):
        raise CborError("truncated")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        length = info
    elif info in _WIDTHS:
        fmt = _WIDTHS[info]
        size = struct.calcsize(fmt)
        if at + size > len(data):
            raise CborError("truncated")
        (length,) = struct.unpack_from(fmt, data, at)
        at += size
    else:
        raise CborError(f"unsupported additional information {info} (major type {major})")
    if major == _UNSIGNED:
        return length, at
    if major == _NEGATIVE:
        return -1 - length, at
    if major in (_BYTES, _TEXT):
        if at + length > len(data):
            raise CborError("truncated")
        raw = bytes(data[at : at + length])
        return (raw.decode("utf-8") if major == _TEXT else raw), at + length
    if major == _ARRAY:
        items: list[Value] = []
        for _ in range(length):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise CborError(f"unsupported major type {major}")


def encode(value: Value) -> bytes:
    out = bytearray()
    _encode(value, out)
    return bytes(out)


def _head(major: int, length: int, out: bytearray) -> None:
    if length < 24:
        out.append(major << 5 | length)
        return
    for info, fmt in _WIDTHS.items():
        if length < 1 << (8 * struct.calcsize(fmt)):
            out.append(major << 5 | info)
            out += struct.pack(fmt, length)
            return
    raise CborError(f"{length} is too large")


def _encode(value: Value, out: bytearray) -> None:
    if isinstance(value, bool):
        raise CborError("booleans are outside the subset")
    if isinstance(value, int):
        _head(_UNSIGNED, value, out) if value >= 0 else _head(_NEGATIVE, -1 - value, out)
    elif isinstance(value, str):
        raw = value.encode("utf-8")
        _head(_TEXT, len(raw), out)
        out += raw
    elif isinstance(value, bytes):
        _head(_BYTES, len(value), out)
        out += value
    elif isinstance(value, list):
        _head(_ARRAY, len(value), out)
        for item in value:
            _encode(item, out)
    else:
        raise CborError(f"{type(value).__name__} is outside the subset")
