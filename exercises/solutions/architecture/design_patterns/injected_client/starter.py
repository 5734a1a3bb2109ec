"""A reference solution: the client is a constructor parameter, built per brand in the composition root."""

from __future__ import annotations

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


class ReminderService:
    def __init__(self, client: SmsClient) -> None:
        # The dependency is visible in the signature: a test passes a fake, each brand passes its own client.
        self.client = client

    def send_reminder(self, order_id: str, phone: str) -> None:
        self.client.send(phone, f"Order {order_id} is waiting for payment")


def build_reminders(settings: Settings) -> ReminderService:
    """The composition root: the only code that knows which concrete client a brand uses."""
    return ReminderService(SmsClient(api_key=settings.sms_api_key, sender=settings.sms_sender))
