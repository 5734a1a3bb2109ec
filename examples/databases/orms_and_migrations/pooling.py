"""Connection pooling with SQLAlchemy's QueuePool: a fixed budget of connections per process."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine


# --8<-- [start:pool]
def pooled_engine(url: str, pool_size: int, max_overflow: int, pool_timeout: float) -> Engine:
    """At most pool_size + max_overflow connections; a caller waits pool_timeout seconds for one, then fails."""
    return create_engine(
        url,
        pool_size=pool_size,  # connections kept open between requests
        max_overflow=max_overflow,  # extra connections opened under a burst, closed when returned
        pool_timeout=pool_timeout,  # how long a checkout waits before sqlalchemy.exc.TimeoutError
        pool_pre_ping=True,  # test a connection on checkout, replacing ones the server or a proxy dropped
        pool_recycle=1800,  # replace connections older than 30 minutes
    )


def connections_needed(instances: int, pool_size: int, max_overflow: int) -> int:
    """The worst case the database must allow: every instance's pool full, overflow included."""
    return instances * (pool_size + max_overflow)


# --8<-- [end:pool]
