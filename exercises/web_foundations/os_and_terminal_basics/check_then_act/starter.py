"""Exercise: an account that went below zero.

`withdraw()` refuses to take more than the balance. Symptom: the nightly reconciliation found an account at
-60: two payouts of 80 from a balance of 100 arrived at the same moment, on two threads of the same process,
and both were approved.

Diagnose it with the check (`make exercise ID=web_foundations/os_and_terminal_basics/check_then_act`), which
pauses each thread between the check and the update (the `pause` hook) until the other thread has reached the
same point, if it can. Then make the check and the update one step that no other withdrawal can interleave with.
"""

from __future__ import annotations

from collections.abc import Callable


def no_pause() -> None:
    pass


class BankAccount:
    def __init__(self, balance: int) -> None:
        self.balance = balance

    def withdraw(self, amount: int, pause: Callable[[], None] = no_pause) -> bool:
        """Take `amount` out if the balance covers it; return whether it did."""
        if amount > self.balance:  # check
            return False
        pause()  # another withdrawal may run here
        self.balance -= amount  # act: on a balance that may have changed since the check
        return True
