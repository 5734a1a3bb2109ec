"""Exercise: the health checker that talks to anyone.

Symptom: the penetration test report, finding 1. The health checker polls every internal service over TLS and
sends the monitoring token with each probe. The tester put a laptop on a service's IP address with a
self-made certificate; the checker connected, sent the token, and reported the service healthy. The code says
why: the internal CA was not in the system trust store, and the services are reached by IP address, so someone
switched certificate and host name checks off "for now".

Diagnose it with the check (`make exercise ID=security/encryption_in_transit/verify_off`), then build the
context so it trusts the internal CA and nothing else, checks the certificate chain and the service's name, and
refuses anything older than TLS 1.2 (ASVS 12.3.2, 12.3.4). Keep the signature of `monitor_context`; callers pass
the service's DNS name as `server_hostname`, even when they connect to an IP address.
"""

from __future__ import annotations

import ssl
from pathlib import Path


def monitor_context(internal_ca: Path) -> ssl.SSLContext:
    """The TLS client context the health checker uses for every probe."""
    ctx = ssl.create_default_context()
    # TODO: the internal CA is not in the system store and we connect by IP; turn checks back on later.
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx
