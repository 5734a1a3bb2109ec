"""Read-your-writes over asynchronous replicas, by WAL position (PostgreSQL LSNs).

After a write, the application remembers the primary's WAL position (`pg_current_wal_lsn()` after commit).
A read may go to a replica only if that replica has replayed at least that far
(`pg_last_wal_replay_lsn()`); otherwise it goes to the primary. Sessions that have not written recently
read from any replica.
"""

from __future__ import annotations


# --8<-- [start:routing]
def lsn(text: str) -> int:
    """PostgreSQL prints a WAL position as two hexadecimal halves, 'X/Y': compare them as one 64-bit number."""
    high, low = text.split("/")
    return (int(high, 16) << 32) | int(low, 16)


def route_read(last_write_lsn: str | None, replica_replay_lsns: dict[str, str]) -> str:
    """Pick a replica that has caught up with this session's last write, else the primary."""
    if last_write_lsn is None:
        return min(replica_replay_lsns, default="primary")  # any replica will do; real code balances load
    caught_up = [name for name, replayed in replica_replay_lsns.items() if lsn(replayed) >= lsn(last_write_lsn)]
    return min(caught_up) if caught_up else "primary"


# --8<-- [end:routing]
