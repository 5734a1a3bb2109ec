"""Row-level security keeps each tenant to its own rows, on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import errors

from examples.databases.schema_design import tenancy

pytestmark = pytest.mark.postgres


@pytest.fixture
def tenant_db(postgres_url: str) -> Iterator[str]:
    tenancy.setup(postgres_url)
    yield postgres_url
    tenancy.drop_role(postgres_url)


def test_each_tenant_sees_only_its_own_invoices(tenant_db):
    assert tenancy.invoices_for(tenant_db, "acme") == ["A-1", "A-2"]
    assert tenancy.invoices_for(tenant_db, "globex") == ["G-1"]


def test_a_session_without_a_tenant_sees_nothing_rather_than_everything(tenant_db):
    assert tenancy.invoices_for(tenant_db, "") == []


def test_writing_a_row_for_another_tenant_is_refused(tenant_db):
    with pytest.raises(errors.InsufficientPrivilege, match="row-level security"):
        tenancy.insert_as(tenant_db, "acme", "globex", "G-2")
    tenancy.insert_as(tenant_db, "acme", "acme", "A-3")
    assert tenancy.invoices_for(tenant_db, "acme") == ["A-1", "A-2", "A-3"]


def test_the_tables_owner_bypasses_the_policy(tenant_db):
    """Why the application must not connect as the owner: RLS does not apply to it by default."""
    with psycopg.connect(tenant_db) as owner:
        assert owner.execute("SELECT count(*) FROM invoices").fetchone() == (3,)
