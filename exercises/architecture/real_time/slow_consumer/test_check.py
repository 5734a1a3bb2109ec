"""Acceptance check: a member that stops reading delays nobody else, is dropped with close code 1013 once it
falls MAX_QUEUE messages behind, and a member whose connection fails leaves without harming the others."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from exercises import load_module


class Phone:
    """A fake WebSocket. A stuck phone's send never completes (its TCP window is full); a broken one raises."""

    def __init__(self, name: str, stuck: bool = False, broken: bool = False) -> None:
        self.name, self.stuck, self.broken = name, stuck, broken
        self.received: list[dict[str, Any]] = []
        self.closed_with: int | None = None
        self._never = asyncio.Event()

    async def send_json(self, data: Any) -> None:
        if self.broken:
            raise ConnectionResetError(f"{self.name} went away")
        if self.stuck:
            await self._never.wait()
        self.received.append(data)

    async def close(self, code: int = 1000) -> None:
        self.closed_with = code


async def settle() -> None:
    """Let every ready task run (writer tasks included); nothing here waits on a clock."""
    for _ in range(50):
        await asyncio.sleep(0)


async def room_with(module: ModuleType, *phones: Phone) -> object:
    room = module.Room()
    for phone in phones:
        await room.join(phone)
    return room


def test_a_stuck_member_does_not_delay_the_others(answer: Path) -> None:
    module = load_module(answer)

    async def scenario() -> tuple[Phone, Phone]:
        alice, stuck, bob = Phone("alice"), Phone("stuck", stuck=True), Phone("bob")
        room = await room_with(module, alice, stuck, bob)
        for n in range(5):
            try:
                await asyncio.wait_for(room.broadcast({"n": n}), timeout=2.0)  # type: ignore[attr-defined]
            except TimeoutError:
                pytest.fail(
                    "broadcast was still waiting for the stuck phone after 2 s: the whole room waits at the speed "
                    "of its slowest member. Queue messages per member instead of sending inline"
                )
        await settle()
        return alice, bob

    alice, bob = asyncio.run(scenario())
    assert [m["n"] for m in alice.received] == [0, 1, 2, 3, 4]
    assert [m["n"] for m in bob.received] == [0, 1, 2, 3, 4]


def test_a_member_that_falls_too_far_behind_is_dropped(answer: Path) -> None:
    module = load_module(answer)

    async def scenario() -> tuple[Phone, Phone, object]:
        alice, stuck = Phone("alice"), Phone("stuck", stuck=True)
        room = await room_with(module, alice, stuck)
        for n in range(module.MAX_QUEUE + 20):
            try:
                await asyncio.wait_for(room.broadcast({"n": n}), timeout=2.0)  # type: ignore[attr-defined]
            except TimeoutError:
                pytest.fail("broadcast waited for the stuck phone; it must never wait for a member's network")
            await settle()
        return alice, stuck, room

    alice, stuck, room = asyncio.run(scenario())
    assert stuck.closed_with == 1013, (
        f"a member {module.MAX_QUEUE} messages behind must be closed with 1013 (try again later), not "
        f"{stuck.closed_with}: holding everything for it grows memory without bound"
    )
    assert stuck not in room.members, "and removed from the room"  # type: ignore[attr-defined]
    assert len(alice.received) == module.MAX_QUEUE + 20, "the healthy member receives every message"


def test_a_broken_member_leaves_without_harming_the_others(answer: Path) -> None:
    module = load_module(answer)

    async def scenario() -> tuple[Phone, object, Phone]:
        alice, broken = Phone("alice"), Phone("broken", broken=True)
        room = await room_with(module, broken, alice)
        try:
            await room.broadcast({"n": 1})  # type: ignore[attr-defined]
            await settle()
            await room.broadcast({"n": 2})  # type: ignore[attr-defined]
        except ConnectionResetError:
            pytest.fail("a send to one member that went away raised out of broadcast, into the sender's handler")
        await settle()
        return alice, room, broken

    alice, room, broken = asyncio.run(scenario())
    assert [m["n"] for m in alice.received] == [1, 2]
    assert broken not in room.members, "a member whose connection failed leaves the room"  # type: ignore[attr-defined]


@pytest.mark.starter_passes
def test_healthy_members_get_every_message_in_order(answer: Path) -> None:
    module = load_module(answer)

    async def scenario() -> list[Phone]:
        phones = [Phone(f"p{i}") for i in range(3)]
        room = await room_with(module, *phones)
        for n in range(20):
            await room.broadcast({"n": n})  # type: ignore[attr-defined]
        await settle()
        await room.leave(phones[0])  # type: ignore[attr-defined]
        await room.broadcast({"n": 20})  # type: ignore[attr-defined]
        await settle()
        return phones

    phones = asyncio.run(scenario())
    assert [m["n"] for m in phones[0].received] == list(range(20)), "a member that left receives nothing more"
    for phone in phones[1:]:
        assert [m["n"] for m in phone.received] == list(range(21))
