"""A semaphore caps how many threads run at once; a mutex is the special case of one."""

from __future__ import annotations

import threading
import time

import pytest

from examples.web_foundations.os_basics.semaphores import Limited, run_calls


def test_twenty_threads_but_never_more_than_three_calls_at_once():
    limited = Limited(lambda: time.sleep(0.05), limit=3)
    elapsed = run_calls(limited, calls=12, threads=20)
    assert limited.most_at_once == 3
    assert elapsed >= 4 * 0.05  # 12 calls, 3 at a time: at least four rounds


def test_a_limit_of_one_behaves_as_a_mutex():
    limited = Limited(lambda: time.sleep(0.005), limit=1)
    run_calls(limited, calls=10, threads=10)
    assert limited.most_at_once == 1


def test_a_bounded_semaphore_refuses_a_release_without_an_acquire():
    slots = threading.BoundedSemaphore(2)
    with pytest.raises(ValueError):
        slots.release()
