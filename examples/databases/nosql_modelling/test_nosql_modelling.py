"""The NoSQL lesson's modelling claims, checked on the in-memory stand-ins (no database servers involved)."""

from __future__ import annotations

import random

import pytest

from examples.databases.nosql_modelling.documents import (
    FIRESTORE_MAX_DOCUMENT_BYTES,
    DocumentStore,
    ShardedCounter,
    add_comment_bucketed,
    order_document,
    size_bytes,
)
from examples.databases.nosql_modelling.replicas import Unavailable, quorum, three_replicas
from examples.databases.nosql_modelling.wide_column import (
    InvalidQuery,
    WideColumnTable,
    message_tables,
    post_message,
    token,
)

CUSTOMER = {"_id": "c1", "name": "Ada", "city": "London", "email": "ada@example.com"}


def test_order_page_is_one_read_with_embedded_lines():
    store = DocumentStore()
    lines = [{"sku": "lamp", "qty": 2, "price_cents": 2500}, {"sku": "desk", "qty": 1, "price_cents": 19900}]
    store.put("o1", order_document("o1", CUSTOMER, lines))
    order = store.get("o1")
    assert store.reads == 1
    assert order["total_cents"] == 24900 and len(order["lines"]) == 2
    assert "email" not in order["ship_to"]  # copy only what the order needs


def test_copied_address_does_not_follow_the_customer():
    store = DocumentStore()
    store.put("o1", order_document("o1", CUSTOMER, []))
    store.put("c1", {**CUSTOMER, "city": "Paris"})
    assert store.get("o1")["ship_to"]["city"] == "London"


def test_buckets_keep_every_document_small():
    store = DocumentStore()
    comment = {"by": "u", "text": "x" * 500}
    for _ in range(260):
        last = add_comment_bucketed(store, "p1", comment, bucket_size=50)
    assert last == "p1:comments:6"
    buckets = store.find(post_id="p1")
    assert sum(len(b["comments"]) for b in buckets) == 260
    assert max(size_bytes(b) for b in buckets) < 30_000
    one_array = {"_id": "p1", "comments": [comment] * 2_500}
    assert size_bytes(one_array) > FIRESTORE_MAX_DOCUMENT_BYTES


def test_sharded_counter_spreads_writes_and_sums_reads():
    counter = ShardedCounter(DocumentStore(), "likes", shards=10, rng=random.Random(1))  # noqa: S311
    touched = {counter.increment() for _ in range(1000)}
    assert counter.value() == 1000
    assert len(touched) == 10


# --8<-- [start:wide_tests]
def test_queries_must_name_the_partition():
    by_conversation, by_sender = message_tables()
    for n in range(30):
        post_message((by_conversation, by_sender), {"conversation_id": n % 3, "sender": f"u{n % 5}",
                                                    "sent_at": 202601 * 100 + n, "text": f"m{n}"})  # fmt: skip
    latest = by_conversation.select(conversation_id=1, limit=3)
    assert [m["text"] for m in latest] == ["m28", "m25", "m22"]  # newest first, straight from one partition
    with pytest.raises(InvalidQuery, match="ALLOW FILTERING"):
        by_conversation.select(sender="u1")
    assert by_conversation.partitions_touched(sender="u1") == 3
    assert by_sender.partitions_touched(sender="u1", month=202601) == 1


# --8<-- [end:wide_tests]


def test_same_primary_key_overwrites():
    table = WideColumnTable(partition_key=("sensor",), clustering=("ts",))
    table.insert({"sensor": "s1", "ts": 1, "celsius": 20})
    table.insert({"sensor": "s1", "ts": 1, "celsius": 21})
    assert table.select(sensor="s1") == [{"sensor": "s1", "ts": 1, "celsius": 21}]


def test_tokens_spread_neighbouring_keys():
    tokens = [token((f"user{n}",)) for n in range(1000)]
    quarter = 2**16 // 4
    counts = [sum(1 for t in tokens if q * quarter <= t < (q + 1) * quarter) for q in range(4)]
    assert all(200 <= c <= 300 for c in counts)


# --8<-- [start:quorum_tests]
def test_one_and_one_can_read_a_stale_value():
    cluster = three_replicas()
    cluster.write("k", "v1", w=3)
    cluster.write("k", "v2", w=1, deliver_to=1)  # only the fastest replica has v2 so far
    cluster.replicas[0].reachable = False  # ...and now it is cut off
    assert cluster.read("k", r=1)[0] == "v1"


def test_quorum_reads_see_quorum_writes_because_the_sets_overlap():
    cluster = three_replicas()
    n = len(cluster.replicas)
    cluster.write("k", "v1", w=n)
    cluster.write("k", "v2", w=quorum(n), deliver_to=quorum(n))
    cluster.replicas[0].reachable = False  # one of the two replicas holding v2 is gone
    assert cluster.read("k", r=quorum(n))[0] == "v2"


def test_during_a_partition_quorum_refuses_and_one_answers():
    cluster = three_replicas()
    cluster.write("k", "v1", w=3)
    cluster.replicas[0].reachable = cluster.replicas[1].reachable = False
    with pytest.raises(Unavailable):
        cluster.read("k", r=quorum(3))  # CP choice: consistent or nothing
    assert cluster.read("k", r=1)[0] == "v1"  # AP choice: an answer, possibly old


def test_else_latency_stronger_reads_wait_for_slower_replicas():
    cluster = three_replicas()
    cluster.write("k", "v", w=3)
    latencies = [cluster.read("k", r=r)[1] for r in (1, 2, 3)]
    assert latencies == [2, 5, 40]


# --8<-- [end:quorum_tests]
