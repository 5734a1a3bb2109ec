"""The shared server fixtures give each test an isolated, working PostgreSQL database and Redis keyspace."""

import psycopg
import pytest
import redis


@pytest.mark.postgres
def test_postgres_url_is_an_empty_database_of_its_own(postgres_url):
    with psycopg.connect(postgres_url) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
        conn.execute("CREATE TABLE scratch (id int)")
        name = conn.execute("SELECT current_database()").fetchone()[0]
    assert tables == 0
    assert name.startswith("test_") and postgres_url.endswith("/" + name)


@pytest.mark.postgres
def test_each_test_gets_a_different_database(postgres_url, postgres_admin_url):
    with psycopg.connect(postgres_admin_url) as admin:
        names = [row[0] for row in admin.execute("SELECT datname FROM pg_database WHERE datname LIKE 'test_%'")]
    assert postgres_url.rsplit("/", 1)[1] in names


@pytest.mark.redis
def test_redis_url_starts_empty_and_works(redis_url):
    client = redis.Redis.from_url(redis_url)
    assert client.dbsize() == 0
    client.set("greeting", "hello")
    assert client.get("greeting") == b"hello"
    client.close()
