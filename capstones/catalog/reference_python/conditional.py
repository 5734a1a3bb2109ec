"""Entity tags and the conditional request headers of RFC 9110, section 13."""

from __future__ import annotations

import re

# One entity tag: optional W/ prefix, then a quoted string of the allowed characters.
ENTITY_TAG = re.compile(r'\s*(W/)?("[\x21\x23-\x7e\x80-\xff]*")\s*(?:,|$)')


def etag_for(product_id: int, version: int) -> str:
    # Strong: the representation is byte-for-byte the same for one version of one product.
    return f'"p{product_id}-v{version}"'


def parse_tags(header: str) -> list[tuple[bool, str]]:
    """A comma-separated list of entity tags as (weak, opaque-tag) pairs; '*' is handled by the callers."""
    return [(bool(m.group(1)), m.group(2)) for m in ENTITY_TAG.finditer(header)]


def none_match(header: str | None, current: str) -> bool:
    """If-None-Match uses the weak comparison: W/"x" and "x" match (RFC 9110, 13.1.2)."""
    if header is None:
        return False
    if header.strip() == "*":
        return True
    return any(tag == current for _, tag in parse_tags(header))


def match(header: str, current: str) -> bool:
    """If-Match uses the strong comparison: a weak tag never matches (RFC 9110, 13.1.1)."""
    if header.strip() == "*":
        return True
    return any(not weak and tag == current for weak, tag in parse_tags(header))
