"""A TCP proxy that adds network latency between a service and PostgreSQL.

On one machine a query round trip takes a fraction of a millisecond, so a page that makes one query per
row (N+1) looks fast; across a network each round trip costs a millisecond or more, and the same page is
slow. The harness starts the catalog references through `run-with`, which puts this proxy in front of
the database, so the latency budget sees what production would.

python -m capstones.catalog.db_latency serve --listen 5433 --to 127.0.0.1:5432 --delay-ms 2
python -m capstones.catalog.db_latency run-with --delay-ms 2 -- <service command...>
"""
