"""What the fake provider answers and what it remembers: attempts per order, and charges per idempotency key."""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Behavior:
    """The first `fail_first` attempts for each order get `fail_status`; every answer waits `delay_s` first.
    With `charge_then_fail` a failing attempt still records the charge: a provider that committed, then timed out.
    """

    delay_s: float = 0.0
    fail_first: int = 0
    fail_status: int = 503
    charge_then_fail: bool = False

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Behavior:
        return cls(
            delay_s=min(float(data.get("delay_s", 0.0)), 30.0),
            fail_first=int(data.get("fail_first", 0)),
            fail_status=int(data.get("fail_status", 503)),
            charge_then_fail=bool(data.get("charge_then_fail", False)),
        )


@dataclass(frozen=True)
class Attempt:
    order_id: str
    idempotency_key: str
    amount_cents: int
    received_at: float
    status: int


@dataclass
class Ledger:
    behavior: Behavior = field(default_factory=Behavior)
    attempts: list[Attempt] = field(default_factory=list)
    # Idempotency-Key -> charge id: a repeated key gets the first charge back, not a new one.
    charges: dict[str, str] = field(default_factory=dict)
    charged: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, order_id: str, key: str, amount_cents: int) -> tuple[int, dict[str, str], float]:
        """Record one attempt; return the status, body and delay to answer it with."""
        with self.lock:
            behavior = self.behavior
            earlier = sum(1 for a in self.attempts if a.order_id == order_id)
            fail = earlier < behavior.fail_first
            # No key means no protection: every such attempt is a new charge, as a real provider would do.
            charge_key = key or f"no-key-{uuid.uuid4().hex}"
            if (not fail or behavior.charge_then_fail) and charge_key not in self.charges:
                self.charges[charge_key] = f"ch_{uuid.uuid4().hex[:16]}"
                self.charged.append(order_id)
            status = behavior.fail_status if fail else 201
            self.attempts.append(Attempt(order_id, key, amount_cents, time.monotonic(), status))
            body = (
                {"title": "provider unavailable"} if fail else {"id": self.charges[charge_key], "status": "succeeded"}
            )
        return status, body, behavior.delay_s

    def set_behavior(self, behavior: Behavior) -> None:
        with self.lock:
            self.behavior = behavior

    def report(self, order_id: str) -> dict[str, Any]:
        """Every attempt for one order (times in seconds, relative to the first) and how many charges it made."""
        with self.lock:
            attempts = [a for a in self.attempts if a.order_id == order_id]
            charges = self.charged.count(order_id)
        first = attempts[0].received_at if attempts else 0.0
        return {
            "attempts": [asdict(a) | {"received_at": round(a.received_at - first, 4)} for a in attempts],
            "charges": charges,
        }
