"""Acceptance check: every real key in a pasted text is revoked and reported, keys not in the text keep working,
and a real key id with a wrong secret revokes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from examples.security.auth_schemes.api_keys import ApiKeyStore, KeyRejected, key_id_of
from exercises import load_module

# Secrets as secrets.token_urlsafe(32) makes them: 43 base64url characters, which may include "-" and "_".
SECRETS = (
    "Zx_9-k2LmQ8vR4tY7uI1oP3aS6dF0gH5jK8lZ2xC4vB",
    "pO-3_aB7cD1eF5gH9iJ2kL6mN0oP4qR8sT2uV6wX0yZ",
    "qWeRtY1uIoP2aSdF3gHjK4lZxC5vBnM6qWeRtY7uIo8",
)


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> ApiKeyStore:
    secrets = iter(SECRETS)
    monkeypatch.setattr("examples.security.auth_schemes.api_keys.secrets.token_urlsafe", lambda _n: next(secrets))
    return ApiKeyStore()


def works(store: ApiKeyStore, key: str) -> bool:
    try:
        store.authenticate(key, "orders:read")
    except KeyRejected:
        return False
    return True


def make_keys(store: ApiKeyStore) -> tuple[str, str, str]:
    return (
        store.create("partner-a", {"orders:read"}),
        store.create("partner-b", {"orders:read"}),
        store.create("partner-c", {"orders:read"}),
    )


def test_both_leaked_keys_are_revoked_and_reported(answer: Path, store: ApiKeyStore) -> None:
    leaked_a, leaked_b, safe = make_keys(store)
    gist = (
        "2026-12-01 10:02:11 DEBUG calling orders API\n"
        f'  headers={{"Authorization": "Bearer {leaked_a}", "Accept": "application/json"}}\n'
        f"  retrying with fallback key {leaked_b}.\n"
        "  done\n"
    )
    revoked = load_module(answer).revoke_leaked(store, gist)
    assert revoked == [key_id_of(leaked_a), key_id_of(leaked_b)], f"expected both leaked key ids, got {revoked}"
    assert not works(store, leaked_a) and not works(store, leaked_b), "the leaked keys must stop working"
    assert works(store, safe), "a key that is not in the text must keep working"


def test_a_real_key_id_with_a_wrong_secret_revokes_nothing(answer: Path, store: ApiKeyStore) -> None:
    key, _, _ = make_keys(store)
    forum_post = f"is this yours? bsk_live_{key_id_of(key)}_nonsenseNONSENSEnonsenseNONSENSEnonsense123"
    assert load_module(answer).revoke_leaked(store, forum_post) == []
    assert works(store, key), "key ids are public: only a matching secret proves the key leaked"


@pytest.mark.starter_passes
def test_text_without_keys_revokes_nothing(answer: Path, store: ApiKeyStore) -> None:
    keys = make_keys(store)
    assert load_module(answer).revoke_leaked(store, "no keys here, just bsk_live_ and some words") == []
    assert all(works(store, key) for key in keys)


def test_a_key_pasted_twice_is_reported_once(answer: Path, store: ApiKeyStore) -> None:
    key, _, _ = make_keys(store)
    assert load_module(answer).revoke_leaked(store, f"{key}\n{key}\n") == [key_id_of(key)]
