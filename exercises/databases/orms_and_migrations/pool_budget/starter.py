"""Exercise: too many connections after the scale-out, and a bad start every morning.

Symptom: the catalog service ran on three instances. Since autoscaling added a fourth, bursts of traffic
fail with "FATAL: too many connections for role catalog". The role may open 10 connections, and 2 of them
are kept for migrations and administrators, so the service's budget is 8, for all instances together.
Separately, every morning after the database's maintenance restart, the first requests on every instance
fail with "server closed the connection unexpectedly".

Diagnose it with the check (`make exercise ID=databases/orms_and_migrations/pool_budget`): it starts four
instances' engines against such a role, drives each one to its pool's limit, and restarts the role's
connections under a warm pool. Then change `make_engine` so that all instances together never exceed the
budget, each instance can still use its share, a caller who finds the pool busy waits a while instead of
failing at once, and connections the server closed are replaced without a failed request.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine


def make_engine(url: str, instances: int, connection_budget: int) -> Engine:
    """The engine each instance creates at start-up. `instances` is the most instances that can run at once,
    and `connection_budget` what the database allows the whole service."""
    return create_engine(url)
