"""A metastable failure: a short spike tips a server into a retry storm that outlives the spike.

A discrete-time model, one step ("tick") at a time, with whole numbers so every run is the same. The server
finishes `capacity` requests a tick from a FIFO queue of at most `queue_limit`. A caller waits `timeout` ticks;
then it gives up and retries, but its first request stays in the queue, and the server later spends capacity
on it for nobody. A request refused because the queue is full is retried too.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Server:
    capacity: int = 100  # requests finished per tick
    queue_limit: int = 1_000


# --8<-- [start:clients]
@dataclass(frozen=True)
class Clients:
    timeout: int = 5  # ticks a caller waits for an answer before it gives up
    max_attempts: int = 3  # per request, as the SRE book recommends: the first try and two retries
    retry_budget: float | None = None  # retries allowed per tick as a share of new requests; None: no budget

    def retries_allowed(self, new_requests: int, waiting: int) -> int:
        """How many of the `waiting` retries may go out this tick."""
        if self.retry_budget is None:
            return waiting
        return min(waiting, int(self.retry_budget * new_requests))


# --8<-- [end:clients]


@dataclass
class Cohort:
    """Requests that joined the queue in the same tick, on the same attempt."""

    arrived: int
    count: int
    attempt: int
    abandoned: bool = False  # their callers have given up; the server does not know


@dataclass(frozen=True)
class Tick:
    new: int  # requests users made this tick
    sent: int  # attempts that reached the server: new requests and retries
    good: int  # answers that reached a caller who was still waiting (goodput)
    wasted: int  # answers nobody was waiting for any more
    queued: int  # queue length at the end of the tick


def simulate(load: Callable[[int], int], ticks: int, clients: Clients, server: Server | None = None) -> list[Tick]:
    server = server or Server()
    queue: deque[Cohort] = deque()
    queued = 0
    retries: dict[int, int] = {}  # attempt number -> callers waiting to send it this tick
    history: list[Tick] = []
    for now in range(ticks):
        new = load(now)
        arrivals = [(1, new), *_budgeted(retries, clients, new)]
        retries = {}
        for attempt, count in arrivals:
            admitted = min(count, server.queue_limit - queued)
            if admitted:
                queue.append(Cohort(now, admitted, attempt))
                queued += admitted
            _retry_later(retries, clients, attempt, count - admitted)  # refused at the door
        good = wasted = 0
        budget = server.capacity
        while budget and queue:
            head = queue[0]
            served = min(budget, head.count)
            if now - head.arrived < clients.timeout and not head.abandoned:
                good += served
            else:
                wasted += served
            head.count -= served
            queued -= served
            budget -= served
            if not head.count:
                queue.popleft()
        for cohort in queue:  # callers whose next tick would be past their timeout give up now
            if now - cohort.arrived < clients.timeout - 1:
                break
            if not cohort.abandoned:
                cohort.abandoned = True
                _retry_later(retries, clients, cohort.attempt, cohort.count)
        sent = sum(count for _, count in arrivals)
        history.append(Tick(new=new, sent=sent, good=good, wasted=wasted, queued=queued))
    return history


def _budgeted(retries: dict[int, int], clients: Clients, new: int) -> list[tuple[int, int]]:
    """The retries that go out this tick; the rest fail back to their users without another attempt."""
    allowed = clients.retries_allowed(new, sum(retries.values()))
    out: list[tuple[int, int]] = []
    for attempt in sorted(retries):
        count = min(allowed, retries[attempt])
        if count:
            out.append((attempt, count))
        allowed -= count
    return out


def _retry_later(retries: dict[int, int], clients: Clients, attempt: int, count: int) -> None:
    if count and attempt < clients.max_attempts:
        retries[attempt + 1] = retries.get(attempt + 1, 0) + count


# --8<-- [start:scenario]
def spike(base: int, peak: int, start: int = 100, length: int = 10) -> Callable[[int], int]:
    """`base` requests a tick, except `peak` for `length` ticks from `start`: the trigger."""
    return lambda now: peak if start <= now < start + length else base


def goodput(history: list[Tick], first: int, last: int) -> float:
    """Average answers per tick that reached a caller still waiting, over ticks first..last-1."""
    return sum(tick.good for tick in history[first:last]) / (last - first)


# --8<-- [end:scenario]
