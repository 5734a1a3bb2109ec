"""A reference solution: rebuild the context when the certificate or key file changes, and keep the last good
one while the pair on disk does not load (a renewal half-written).

Existing connections keep the context they were accepted with; only new handshakes see the new certificate.
"""

from __future__ import annotations

import ssl
from pathlib import Path

from examples.security.tls_in_transit.contexts import server_context


def fingerprint(path: Path) -> tuple[int, int, int]:
    """Cheap change detection: inode (an atomic rename gives a new one), size and modification time."""
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns


class ServerTls:
    def __init__(self, cert: Path, key: Path) -> None:
        self.cert, self.key = cert, key
        self._seen = self._files()
        self._context = server_context(cert, key)  # fail at start-up if the first pair is broken

    def _files(self) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
        return fingerprint(self.cert), fingerprint(self.key)

    def current(self) -> ssl.SSLContext:
        seen = self._files()
        if seen != self._seen:
            try:
                self._context = server_context(self.cert, self.key)
            except (ssl.SSLError, OSError):
                # Certificate and key do not match yet: serve the previous pair and try again next time.
                return self._context
            self._seen = seen
        return self._context
