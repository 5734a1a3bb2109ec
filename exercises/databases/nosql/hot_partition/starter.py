"""Exercise: the event log that throttled on Black Friday.

Symptom: the events table is on-demand, and its account limits are far above the traffic. Yet at the Black
Friday peak, about 5,000 events a second, most writes failed with ProvisionedThroughputExceededException,
and CloudWatch blamed one partition. Every event of the day carries the same partition key: the date.

Diagnose it with the check (`make exercise ID=databases/nosql/hot_partition`): it writes 5,000 events in
one second to the lesson's DynamoDB model, which gives each partition key value 1,000 write units a second,
then reads a day back. Then change the key design so a peak second is not throttled, and `events_on` still
returns the whole day in time order with a handful of Query calls and no Scan.

An event is a dict with id (unique), day ('2026-11-27'), at (milliseconds, grows with time) and kind. The
table has a partition key named pk and a sort key named sk, both strings.
"""

from __future__ import annotations

from typing import Any

from examples.databases.nosql_modelling.dynamo import Table

Event = dict[str, Any]


def put_event(table: Table, event: Event) -> None:
    table.put({**event, "pk": event["day"], "sk": f"{event['at']:013d}#{event['id']}"})


def events_on(table: Table, day: str) -> list[Event]:
    """Every event of the day, oldest first (ties broken by id)."""
    return [dict(item) for item in table.query(day)]
