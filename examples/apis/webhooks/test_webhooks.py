"""Webhook signature verification, replay window and de-duplication."""

from __future__ import annotations

import base64

import pytest

from examples.apis.webhooks.receiver import WebhookReceiver, WebhookRejected, sign

SECRET = "whsec_" + base64.b64encode(b"a test secret of 32 bytes length").decode()
NOW = 1_800_000_000
BODY = b'{"type": "payment.succeeded", "data": {"id": "pay_1", "amount": 1200}}'


def delivery(body: bytes = BODY, msg_id: str = "msg_1", timestamp: int = NOW, secret: str = SECRET) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, msg_id, timestamp, body),
    }


@pytest.fixture
def receiver() -> WebhookReceiver:
    return WebhookReceiver(SECRET, clock=lambda: NOW + 10)


# --8<-- [start:tests]
def test_genuine_delivery_is_accepted_once(receiver: WebhookReceiver) -> None:
    assert receiver.receive(delivery(), BODY)["data"]["amount"] == 1200
    assert receiver.receive(delivery(), BODY) is None  # the provider retried: no second payment


def test_tampered_body_is_rejected(receiver: WebhookReceiver) -> None:
    with pytest.raises(WebhookRejected, match="signature"):
        receiver.receive(delivery(), BODY.replace(b"1200", b"9999"))


def test_old_delivery_is_rejected_even_with_a_valid_signature(receiver: WebhookReceiver) -> None:
    with pytest.raises(WebhookRejected, match="tolerance"):
        receiver.receive(delivery(timestamp=NOW - 3600), BODY)


# --8<-- [end:tests]


def test_wrong_secret_and_missing_headers_are_rejected(receiver: WebhookReceiver) -> None:
    other = "whsec_" + base64.b64encode(b"somebody else's secret").decode()
    with pytest.raises(WebhookRejected, match="signature"):
        receiver.receive(delivery(secret=other), BODY)
    with pytest.raises(WebhookRejected, match="missing"):
        receiver.receive({"webhook-id": "msg_1"}, BODY)


def test_one_valid_signature_among_several_is_enough(receiver: WebhookReceiver) -> None:
    headers = delivery()
    headers["webhook-signature"] = "v1,bm90IGl0 " + headers["webhook-signature"]  # old secret first, during rotation
    assert receiver.receive(headers, BODY) is not None


def test_signature_covers_the_id_and_timestamp(receiver: WebhookReceiver) -> None:
    headers = delivery() | {"webhook-id": "msg_2"}  # reuse a signature under a new id to dodge de-duplication
    with pytest.raises(WebhookRejected, match="signature"):
        receiver.receive(headers, BODY)
