"""A reference solution: match the key format exactly, and revoke only keys whose secret matches the stored digest.

The key id is public (it is in every log line and support ticket), so it proves nothing: only the secret does.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from examples.security.auth_schemes.api_keys import PREFIX, ApiKeyStore

# A key id is 16 hex digits; the secret is base64url (letters, digits, "-" and "_") and runs to the first
# character outside that alphabet. The lookarounds keep a key glued to other base64url text from matching.
KEY_PATTERN = re.compile(rf"(?<![A-Za-z0-9_-]){PREFIX}_([0-9a-f]{{16}})_([A-Za-z0-9_-]{{43}})(?![A-Za-z0-9_-])")


def revoke_leaked(store: ApiKeyStore, text: str) -> list[str]:
    revoked: list[str] = []
    for match in KEY_PATTERN.finditer(text):
        key_id, secret = match.groups()
        record = store.records.get(key_id)
        if record is None or record.revoked or key_id in revoked:
            continue
        # Same digest comparison as authentication: a pasted key id with a made-up secret revokes nothing.
        if hmac.compare_digest(record.digest, hashlib.sha256(secret.encode()).hexdigest()):
            store.revoke(key_id)
            revoked.append(key_id)
    return revoked
