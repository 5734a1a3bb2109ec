"""Exercise: GardenCo's customers get texts from ShopCo.

Symptom: the platform now runs two brands in one process, each with its own SMS account and sender name. After
every deploy, whichever brand sends a reminder first decides the sender for both, so GardenCo customers get
texts signed "ShopCo" (on ShopCo's bill). The test suite has the same disease: the reminder tests pass alone and
fail when run together, because each one patches `_client` and the next one inherits it.

Diagnose it with the check (`make exercise ID=architecture/design_patterns/injected_client`): find where the
SMS client comes from. Then inject it: `ReminderService(client)` receives its client through the constructor,
and `build_reminders(settings)`, the composition root, builds one client per brand from that brand's settings.
No module-level client, and nothing read from the environment inside the service.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass
class SmsClient:
    """Stands in for the SMS vendor's SDK client (do not edit)."""

    api_key: str
    sender: str
    sent: list[tuple[str, str, str]] = field(default_factory=list)  # (sender, to, text)

    def send(self, to: str, text: str) -> None:
        self.sent.append((self.sender, to, text))


@dataclass(frozen=True)
class Settings:
    sms_api_key: str
    sms_sender: str


_client: SmsClient | None = None


def get_client() -> SmsClient:
    """One client for the whole process, created on first use."""
    global _client
    if _client is None:
        _client = SmsClient(api_key=os.environ["SMS_API_KEY"], sender=os.environ["SMS_SENDER"])
    return _client


class ReminderService:
    def send_reminder(self, order_id: str, phone: str) -> None:
        get_client().send(phone, f"Order {order_id} is waiting for payment")


def build_reminders(settings: Settings) -> ReminderService:
    os.environ["SMS_API_KEY"] = settings.sms_api_key
    os.environ["SMS_SENDER"] = settings.sms_sender
    return ReminderService()
