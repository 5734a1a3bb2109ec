"""A reference solution: the previous credential is tried only when the current one is refused, and the logs name
the credential by role ("current", "previous") and the URL without its password."""

import logging
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

log = logging.getLogger("shop.db")


class CredentialRefused(Exception):
    """What the database adapter raises when the server rejects the user name or password (SQLSTATE 28P01)."""


Connect = Callable[[str], object]


def without_password(url: str) -> str:
    """The URL as it may be logged: user, host, port and database, never the password."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def connect_with_rotation(current_url: str, previous_url: str | None, connect: Connect) -> object:
    candidates = [("current", current_url)] + ([("previous", previous_url)] if previous_url else [])
    for which, url in candidates:
        try:
            connection = connect(url)
        except CredentialRefused:
            # Refused is the one failure the other credential can fix; a network error is not, so it propagates.
            log.warning("the %s database credential was refused for %s", which, without_password(url))
            continue
        log.info("connected to %s with the %s credential", without_password(url), which)
        return connection
    # `from None`: the adapter's exception text may quote the URL, and a traceback would print it.
    raise CredentialRefused(f"every configured credential was refused for {without_password(current_url)}") from None
