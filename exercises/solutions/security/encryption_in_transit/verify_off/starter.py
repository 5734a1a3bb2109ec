"""A reference solution: trust exactly the internal CA, keep chain and host name checks, TLS 1.2 at least.

Connecting by IP address is no reason to skip the name check: pass the service's DNS name as
`server_hostname`, and the certificate is checked against it (and sent as SNI).
"""

from __future__ import annotations

import ssl
from pathlib import Path


def monitor_context(internal_ca: Path) -> ssl.SSLContext:
    # With cafile, create_default_context loads only that CA, not the system store: a certificate from any
    # public CA is refused too, which is what internal traffic wants (ASVS 12.3.4).
    ctx = ssl.create_default_context(cafile=internal_ca)  # CERT_REQUIRED and check_hostname=True
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return ctx
