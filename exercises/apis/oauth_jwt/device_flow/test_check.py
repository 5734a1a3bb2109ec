"""Acceptance check: the device authorization grant as RFC 8628 specifies it. The device gets
`authorization_pending` until the user acts, `slow_down` (and a longer interval from then on) when it polls too
fast, `expired_token` once the code has expired, `access_denied` when the user says no, and one token per
approval; user codes use the base-20 alphabet of RFC 8628 section 6.1 and are matched the way people type them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from exercises import load_module

BASE20 = set("BCDFGHJKLMNPQRSTVWXZ")  # RFC 8628 section 6.1: no vowels, no digits, nothing to confuse
CLIENT = "tv-app"


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def server(answer: Path, clock: Clock) -> Any:
    return load_module(answer).DeviceAuthorizationServer(clock=clock, lifetime=600, interval=5)


def error_of(call: Any, *args: str) -> str | None:
    """The RFC error code a call raises, or None when it succeeds."""
    try:
        call(*args)
    except Exception as raised:  # the answer's own DeviceError
        error = getattr(raised, "error", None)
        assert isinstance(error, str), f"raise DeviceError with an RFC error code, not {raised!r}"
        return error
    return None


def test_one_approval_buys_one_token(answer: Path) -> None:
    clock = Clock()
    auth = server(answer, clock)
    started = auth.start(CLIENT)
    clock.advance(5)
    assert error_of(auth.poll, CLIENT, started.device_code) == "authorization_pending"
    auth.approve(started.user_code, "alice")
    clock.advance(5)
    token = auth.poll(CLIENT, started.device_code)
    assert auth.tokens[token] == "alice"
    clock.advance(5)
    assert error_of(auth.poll, CLIENT, started.device_code) == "invalid_grant", (
        "a device code that already bought a token must not buy another one"
    )
    assert len(auth.tokens) == 1


def test_polling_too_fast_gets_slow_down_and_a_longer_interval(answer: Path) -> None:
    clock = Clock()
    auth = server(answer, clock)
    code = auth.start(CLIENT).device_code
    clock.advance(5)
    assert error_of(auth.poll, CLIENT, code) == "authorization_pending"
    clock.advance(1)
    assert error_of(auth.poll, CLIENT, code) == "slow_down", "a poll 1 s after the last one is too fast"
    clock.advance(10)
    assert error_of(auth.poll, CLIENT, code) == "authorization_pending", "5 + 5 s after a slow_down is fine"
    clock.advance(5)
    assert error_of(auth.poll, CLIENT, code) == "slow_down", (
        "after a slow_down the interval grows by 5 s for every later request (RFC 8628 section 3.5)"
    )
    clock.advance(15)
    assert error_of(auth.poll, CLIENT, code) == "authorization_pending"


def test_an_expired_device_code_stays_dead(answer: Path) -> None:
    clock = Clock()
    auth = server(answer, clock)
    started = auth.start(CLIENT)
    clock.advance(601)
    assert error_of(auth.poll, CLIENT, started.device_code) == "expired_token", "the code expired 600 s after start"
    assert error_of(auth.approve, started.user_code, "alice") is not None, "an expired user code cannot be approved"
    clock.advance(5)
    assert error_of(auth.poll, CLIENT, started.device_code) == "expired_token"
    assert auth.tokens == {}


def test_user_codes_are_easy_to_type_and_hard_to_guess(answer: Path) -> None:
    auth = server(answer, Clock())
    codes = [auth.start(CLIENT).user_code for _ in range(200)]
    for code in codes:
        letters = re.sub(r"[-\s]", "", code)
        assert set(letters) <= BASE20, f"{code!r}: use the base-20 alphabet BCDFGHJKLMNPQRSTVWXZ"
        assert len(letters) >= 8, f"{code!r}: 8 base-20 characters give about 34 bits; fewer are guessable"
    assert len(set(codes)) == len(codes), "two pending requests must never share a user code"


def test_the_user_code_is_matched_the_way_people_type_it(answer: Path) -> None:
    clock = Clock()
    auth = server(answer, clock)
    started = [auth.start(CLIENT) for _ in range(3)]
    letters = [re.sub(r"[-\s]", "", s.user_code) for s in started]
    typed = [letters[0].lower(), f"{letters[1][:4]} {letters[1][4:]}".lower(), f"{letters[2][:4]}-{letters[2][4:]}"]
    for people, start, subject in zip(typed, started, ("ann", "bob", "cy"), strict=True):
        assert error_of(auth.approve, people, subject) is None, (
            f"the screen showed {start.user_code!r} and the user typed {people!r}: ignore case, spaces and dashes"
        )
        clock.advance(5)
        token = auth.poll(CLIENT, start.device_code)
        assert auth.tokens[token] == subject, f"typing {people!r} approved someone else's device"


@pytest.mark.starter_passes
def test_a_denied_request_stops_the_device(answer: Path) -> None:
    clock = Clock()
    auth = server(answer, clock)
    started = auth.start(CLIENT)
    auth.deny(started.user_code)
    clock.advance(5)
    assert error_of(auth.poll, CLIENT, started.device_code) == "access_denied"


@pytest.mark.starter_passes
def test_a_device_code_works_only_for_its_client_and_guesses_fail(answer: Path) -> None:
    clock = Clock()
    auth = server(answer, clock)
    started = auth.start(CLIENT)
    auth.approve(started.user_code, "alice")
    clock.advance(5)
    assert error_of(auth.poll, "other-app", started.device_code) == "invalid_grant"
    assert error_of(auth.poll, CLIENT, "made-up-device-code") == "invalid_grant"
    assert error_of(auth.approve, "BBBB-BBBB", "mallory") is not None
