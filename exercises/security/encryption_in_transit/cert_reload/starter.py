"""Exercise: renewed on the 1st, expired on the 14th.

Symptom: the internal CA's agent renews the API's certificate every week and writes the new files over the old
ones. On the 14th every client failed with "certificate has expired": the agent had renewed it twice, but the
service loaded its TLS context once, at start-up, and had not restarted since. An earlier attempt to reload on
every change crashed the service: the agent writes the certificate first and the key a moment later, and in
between the two files do not match.

Diagnose it with the check (`make exercise ID=security/encryption_in_transit/cert_reload`), then make `current()`
return a context built from the files as they are now, rebuilt only when they change, and keep serving the
last good context when the files on disk are a pair that does not load. The server calls `current()` for every
new connection.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from examples.security.tls_in_transit.contexts import server_context


class ServerTls:
    def __init__(self, cert: Path, key: Path) -> None:
        self.cert, self.key = cert, key
        self._context = server_context(cert, key)

    def current(self) -> ssl.SSLContext:
        """The context for a new connection."""
        return self._context
