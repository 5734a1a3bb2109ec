"""Reference solution: divide the budget by the instances, and check connections before use.

SQLAlchemy's default pool is 5 connections plus 10 overflow per engine, per process: four instances could ask
for 60 against a budget of 8. Each instance gets budget // instances connections in total (pool_size plus
max_overflow), so the worst case, every pool full at once, still fits. A caller who finds its pool busy waits
up to pool_timeout for a connection to come back, which absorbs a burst instead of failing it. pool_pre_ping
tests each connection as it is checked out and replaces one the server closed (a restart, a failover, a
firewall's idle timeout), so no request sees the dead connection; pool_recycle retires old ones before a
proxy's idle timeout can cut them.
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine


def make_engine(url: str, instances: int, connection_budget: int) -> Engine:
    """The engine each instance creates at start-up. `instances` is the most instances that can run at once,
    and `connection_budget` what the database allows the whole service."""
    share = connection_budget // instances
    if share < 1:
        raise ValueError(f"a budget of {connection_budget} cannot give {instances} instances a connection each")
    return create_engine(
        url,
        pool_size=share,
        max_overflow=0,
        pool_timeout=10,
        pool_pre_ping=True,
        pool_recycle=1800,
    )
