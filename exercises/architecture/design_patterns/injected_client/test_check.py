"""Acceptance check: each brand's service sends through its own client, a test can hand the service a client
through its constructor, no client lives at module level, and building services neither reads nor writes the
environment."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from exercises import load_module

ENV = ("SMS_API_KEY", "SMS_SENDER")


@pytest.fixture(autouse=True)
def no_sms_environment() -> Iterator[None]:
    """Start without the SMS variables and put back whatever was there, whatever the answer writes."""
    saved = {name: os.environ.pop(name) for name in ENV if name in os.environ}
    yield
    for name in ENV:
        os.environ.pop(name, None)
    os.environ.update(saved)


def recording(module: ModuleType, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Replace the vendor client with one that logs every text sent through any instance, in order."""
    log: list[tuple[str, str, str]] = []

    class RecordingSms(module.SmsClient):  # type: ignore[name-defined, misc]
        def send(self, to: str, text: str) -> None:
            log.append((self.sender, to, text))

    monkeypatch.setattr(module, "SmsClient", RecordingSms)
    return log


def brands(module: ModuleType) -> tuple[Any, Any]:
    shop = module.build_reminders(module.Settings(sms_api_key="key-shop", sms_sender="ShopCo"))
    garden = module.build_reminders(module.Settings(sms_api_key="key-garden", sms_sender="GardenCo"))
    return shop, garden


def test_each_brand_texts_under_its_own_sender(answer: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = load_module(answer)
    log = recording(module, monkeypatch)
    shop, garden = brands(module)
    shop.send_reminder("o-1", "+4915100000001")
    garden.send_reminder("o-2", "+4915100000002")
    senders = [sender for sender, _, _ in log]
    assert senders == ["ShopCo", "GardenCo"], (
        f"the two brands sent as {senders}: one client per process serves whichever brand configured it last"
    )


def test_a_test_hands_the_service_its_client(answer: Path) -> None:
    module = load_module(answer)
    fake = module.SmsClient(api_key="test", sender="Test")
    try:
        service = module.ReminderService(fake)
    except TypeError as error:
        pytest.fail(f"ReminderService(client) failed ({error}): take the client as a constructor parameter")
    service.send_reminder("o-3", "+4915100000003")
    assert fake.sent == [("Test", "+4915100000003", "Order o-3 is waiting for payment")]


def test_no_client_is_kept_at_module_level(answer: Path) -> None:
    module = load_module(answer)
    client_type = module.SmsClient
    for service in brands(module):
        service.send_reminder("o-4", "+4915100000004")
    cached = [name for name, value in vars(module).items() if isinstance(value, client_type)]
    assert not cached, f"module-level {cached} holds a client: every user of the module shares it, tests included"


def test_building_a_service_leaves_the_environment_alone(answer: Path) -> None:
    module = load_module(answer)
    brands(module)
    written = [name for name in ENV if name in os.environ]
    assert not written, (
        f"build_reminders wrote {written} into the process environment, which every brand and thread shares: pass "
        "the settings to the objects that need them instead"
    )
