"""Method properties from RFC 9110 section 9, as data a client or proxy can act on."""

from __future__ import annotations

from typing import NamedTuple


# --8<-- [start:methods]
class MethodProperties(NamedTuple):
    safe: bool  # read-only by contract: the client asks for no state change (RFC 9110, 9.2.1)
    idempotent: bool  # repeating the request has the same intended effect as sending it once (9.2.2)
    cacheable: bool  # a response may be stored and reused by a cache (9.2.3)


METHODS: dict[str, MethodProperties] = {
    "GET": MethodProperties(safe=True, idempotent=True, cacheable=True),
    "HEAD": MethodProperties(safe=True, idempotent=True, cacheable=True),
    "OPTIONS": MethodProperties(safe=True, idempotent=True, cacheable=False),
    "TRACE": MethodProperties(safe=True, idempotent=True, cacheable=False),
    "PUT": MethodProperties(safe=False, idempotent=True, cacheable=False),
    "DELETE": MethodProperties(safe=False, idempotent=True, cacheable=False),
    # POST responses are cacheable only with explicit freshness and Content-Location; treat them as not.
    "POST": MethodProperties(safe=False, idempotent=False, cacheable=False),
    "PATCH": MethodProperties(safe=False, idempotent=False, cacheable=False),  # RFC 5789
}


def may_retry_automatically(method: str, *, idempotency_key: bool = False) -> bool:
    """A client or proxy may replay a request after a dropped connection only if repeating it is harmless."""
    props = METHODS.get(method.upper())
    if props is None:
        return False  # unknown (extension) methods: assume the worst
    return props.idempotent or idempotency_key


# --8<-- [end:methods]


# --8<-- [start:status]
def status_class(code: int) -> str:
    """The first digit of a status code is its class; clients must understand at least the class (RFC 9110, 15)."""
    if not 100 <= code <= 599:
        return "server error"  # outside 100-599 is invalid, and a client should treat it as a 5xx (RFC 9110, 15)
    return {
        1: "informational",
        2: "successful",
        3: "redirection",
        4: "client error",
        5: "server error",
    }[code // 100]


# --8<-- [end:status]
