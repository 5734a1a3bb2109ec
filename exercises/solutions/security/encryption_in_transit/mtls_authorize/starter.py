"""A reference solution: identity from the SPIFFE ID in our trust domain, exact routes from an allow-list.

The TLS layer proved the certificate came from our CA; this code decides what that caller may do.
"""

from __future__ import annotations

from typing import Any

TRUST_DOMAIN = "spiffe://example.internal/"

# Which service may call which routes: exact paths, deny by default.
ROUTES: dict[str, set[str]] = {
    "billing": {"/invoices"},
    "reports": {"/reports"},
    "payroll-admin": {"/payroll/export"},
}


def caller_of(peer_cert: dict[str, Any]) -> str | None:
    """The service name from the certificate's SPIFFE ID; the common name is ignored (SPIFFE X.509-SVID)."""
    ids = [str(value) for kind, value in peer_cert.get("subjectAltName", ()) if kind == "URI"]
    if len(ids) != 1 or not ids[0].startswith(TRUST_DOMAIN):
        return None  # a SPIFFE X.509 SVID carries exactly one SPIFFE ID; anything else is not ours
    name = ids[0].removeprefix(TRUST_DOMAIN)
    return name if name and "/" not in name else None


def handle(request_line: str, peer_cert: dict[str, Any]) -> int:
    caller = caller_of(peer_cert)
    if caller is None:
        return 401
    method, _, path = request_line.partition(" ")
    if method != "GET" or path not in ROUTES.get(caller, set()):
        return 403
    return 200
