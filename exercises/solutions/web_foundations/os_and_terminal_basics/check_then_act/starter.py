"""A reference solution: one lock per account, held from the check to the update, so no other withdrawal can
run in between. (In a database the same rule is one atomic statement, such as
UPDATE accounts SET balance = balance - 80 WHERE id = 1 AND balance >= 80.)"""

from __future__ import annotations

import threading
from collections.abc import Callable


def no_pause() -> None:
    pass


class BankAccount:
    def __init__(self, balance: int) -> None:
        self.balance = balance
        self._lock = threading.Lock()

    def withdraw(self, amount: int, pause: Callable[[], None] = no_pause) -> bool:
        """Take `amount` out if the balance covers it; return whether it did."""
        with self._lock:  # the check and the update are one step for every other thread
            if amount > self.balance:
                return False
            pause()
            self.balance -= amount
            return True
