"""Exercise: mutual TLS on, authorization off.

Symptom: the payroll service requires client certificates from the internal CA, and the team called it "zero
trust". Last night the reports job, which should only read `/reports`, called `/payroll/export`: it had a valid
certificate, so it got in. The audit also found a certificate whose subject common name says `payroll` but whose
SPIFFE ID (the URI in the Subject Alternative Name, which is what the mesh and the CA policy actually control) is
`spiffe://example.internal/reports`.

Diagnose it with the check (`make exercise ID=security/encryption_in_transit/mtls_authorize`), then make `handle`
take the caller's identity from the SPIFFE ID of the verified certificate, in our trust domain only, and allow
each identity only the routes listed for it; everything else is refused (ASVS 12.1.3, 8.2.1).
`handle` gets the request line (`GET /path`) and `ssl.SSLSocket.getpeercert()`; it returns a status code.
"""

from __future__ import annotations

from typing import Any

# Which service may call which routes.
ROUTES: dict[str, set[str]] = {
    "billing": {"/invoices"},
    "reports": {"/reports"},
    "payroll-admin": {"/payroll/export"},
}


def caller_of(peer_cert: dict[str, Any]) -> str | None:
    """The calling service's name, from the verified client certificate."""
    for rdn in peer_cert.get("subject", ()):
        for key, value in rdn:
            if key == "commonName":
                return str(value)
    return None


def handle(request_line: str, peer_cert: dict[str, Any]) -> int:
    caller = caller_of(peer_cert)
    if caller is None:
        return 401
    return 200
