"""Read a contributor's file as text, or say exactly why it cannot be read.

Every source (data files, lessons, pages, `.nav.yml`) comes through `read_source`, so the rules hold
everywhere: UTF-8 only (a byte-order mark is accepted and dropped), Windows line endings become `\\n`,
no control or bidirectional-override characters, and a size cap so a huge file fails at once instead of
after a long parse. Each problem names the file and the line it is on.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from macros.core.errors import SourceError, SourceProblem

# Large enough for any real lesson or data file (the largest is under 30 KB), small enough to read fast.
MAX_FILE_BYTES = 1024 * 1024

# C0 and C1 controls other than tab and line feed, DEL, and the bidirectional overrides that can make
# text read differently from what it does ("Trojan Source", CVE-2021-42574).
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def read_source(path: Path, source: str) -> str:
    """The file's text, or a SourceError naming `source`, the line and what to do."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SourceError(
            [SourceProblem(source, 1, "(file)", f"is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}: split it up")]
        )
    return decode_source(path.read_bytes(), source)


def decode_source(raw: bytes, source: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte-order mark, as some editors write: harmless, so accepted
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start : error.start + 1].hex()
        raise SourceError(
            [
                SourceProblem(
                    source,
                    line,
                    "(encoding)",
                    f"not UTF-8: byte 0x{byte} at column {column}; save the file as UTF-8",
                )
            ]
        ) from None
    text = text.replace("\r\n", "\n")
    problems = [
        SourceProblem(source, text.count("\n", 0, match.start()) + 1, "(text)", _describe(match.group()))
        for match in _FORBIDDEN.finditer(text)
    ]
    if problems:
        raise SourceError(problems[:10])
    return text


def _describe(char: str) -> str:
    name = unicodedata.name(char, "") or {"\r": "CARRIAGE RETURN"}.get(char, "control character")
    return f"contains the invisible character U+{ord(char):04X} ({name}); delete it"
