"""Exercise: the leak responder that revoked the wrong key.

Symptom: a partner pasted a debug log into a public gist; it held two live API keys. The on-call engineer fed
the gist to `revoke_leaked`, which reported one key id, revoked a key that was still safe, and left both leaked
keys working. A week later someone posted `bsk_live_<a real key id>_nonsense` in a forum, and the responder
revoked a customer's healthy key: key ids are not secret, so anyone could have done that on purpose.

Diagnose it with the check (`make exercise ID=security/authentication_schemes/leaked_keys`), then make
`revoke_leaked` find every complete key in the text and revoke exactly those that are real, returning their
key ids. The key store is the lesson's `ApiKeyStore` (examples/security/auth_schemes/api_keys.py).
"""

from __future__ import annotations

import re

from examples.security.auth_schemes.api_keys import ApiKeyStore

KEY_PATTERN = re.compile(r"bsk_live_(\w+)_(\w+)")


def revoke_leaked(store: ApiKeyStore, text: str) -> list[str]:
    """Revoke every API key of ours that appears in `text`; return the key ids revoked, in order of appearance."""
    revoked = []
    for match in KEY_PATTERN.finditer(text):
        key_id = match.group(1)
        if key_id in store.records:
            store.revoke(key_id)
            revoked.append(key_id)
    return revoked
