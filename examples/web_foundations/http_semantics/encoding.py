"""Text is bytes only together with an encoding: UTF-8 sizes, mojibake, and where characters hide."""

from __future__ import annotations

import unicodedata


# --8<-- [start:encoding]
def utf8_size(text: str) -> int:
    """Bytes on the wire: 1 for ASCII, 2 for most accented Latin letters, 3 for most CJK, 4 for emoji."""
    return len(text.encode("utf-8"))


def mojibake(text: str) -> str:
    """What a reader shows when UTF-8 bytes are decoded with the wrong charset (Windows-1252 here)."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def same_text(a: str, b: str) -> bool:
    """Compare after NFC normalization: 'é' can be one code point or 'e' plus a combining accent."""
    return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)


# --8<-- [end:encoding]
