"""Opaque keyset cursors and the RFC 8288 Link header that carries the next page."""

from __future__ import annotations

import base64
import binascii

from problems import ProblemError
from starlette.datastructures import URL


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"after:{last_id}".encode()).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The id the next page starts after; a cursor this service did not write is a 400."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        prefix, _, value = text.partition(":")
        if prefix != "after" or not value.isdigit():
            raise ValueError(text)
        return int(value)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise ProblemError(400, "The cursor is not one this service issued; start again without it.") from error


def next_link(url: URL, cursor: str) -> str:
    return f'<{url.include_query_params(cursor=cursor)}>; rel="next"'
