"""What the lesson says about SQLAlchemy's ORM, checked against a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError, InvalidRequestError
from sqlalchemy.orm import Session

from examples.databases.orms_and_migrations.catalogue import (
    add_author_with_books,
    authors_named_like,
    book_counts,
    count_queries,
    postgres_engine_url,
    seed,
    titles_by_author_joined,
    titles_by_author_lazy,
    titles_by_author_selectin,
    titles_by_author_strict,
)
from examples.databases.orms_and_migrations.models import Author, Base, Book

pytestmark = pytest.mark.postgres


@pytest.fixture
def engine(postgres_url: str) -> Iterator[Engine]:
    engine = create_engine(postgres_engine_url(postgres_url))
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


# --8<-- [start:unit_of_work]
def test_one_flush_inserts_the_parent_before_its_children(engine):
    with Session(engine) as session, session.begin(), count_queries(engine) as log:
        author = add_author_with_books(session, "Ada", "ada@example.com", ["Notes", "Sketch"])
        assert author.id is None  # nothing sent yet: the session only records what changed
        session.flush()
        assert author.id is not None
        assert [book.author_id for book in author.books] == [author.id, author.id]
    inserts = [s for s in log.statements if s.startswith("INSERT")]
    assert inserts[0].startswith("INSERT INTO authors")
    assert all(s.startswith("INSERT INTO books") for s in inserts[1:])


def test_identity_map_returns_the_same_object_without_a_second_query(engine):
    seed(engine, authors=1, books_each=0)
    with Session(engine) as session, count_queries(engine) as log:
        first = session.scalars(select(Author)).one()
        again = session.get(Author, first.id)
    assert again is first
    assert log.count == 1


def test_a_failed_unit_of_work_leaves_nothing_behind(engine):
    seed(engine, authors=1, books_each=0)  # author0@example.com exists
    with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
        add_author_with_books(session, "New", "new@example.com", ["Kept?"])
        add_author_with_books(session, "Clash", "author0@example.com", [])
    with Session(engine) as session:
        assert session.scalars(select(Author.email)).all() == ["author0@example.com"]
        assert session.scalars(select(Book)).all() == []


# --8<-- [end:unit_of_work]


def test_select_builds_sql_with_bound_parameters():
    hostile = "' OR '1'='1"
    compiled = select(Author).where(Author.email == hostile).compile(dialect=postgresql.dialect())
    assert hostile not in str(compiled)
    assert hostile in compiled.params.values()


def test_queries_return_typed_objects_and_aggregates(engine):
    seed(engine, authors=3, books_each=2)
    with Session(engine) as session, session.begin():
        add_author_with_books(session, "Zed", "zed@example.com", [])
    with Session(engine) as session:
        assert authors_named_like(session, "Author") == ["Author 0", "Author 1", "Author 2"]
        assert book_counts(session) == [("Author 0", 2), ("Author 1", 2), ("Author 2", 2), ("Zed", 0)]


# --8<-- [start:n_plus_one]
@pytest.mark.parametrize("authors", [10, 20])
def test_lazy_loading_runs_one_query_per_author(engine, authors):
    seed(engine, authors=authors, books_each=3)
    with Session(engine) as session, count_queries(engine) as log:
        titles = titles_by_author_lazy(session)
    assert len(titles) == authors
    assert log.count == 1 + authors


@pytest.mark.parametrize(
    ("load", "queries"),
    [(titles_by_author_selectin, 2), (titles_by_author_joined, 1)],
    ids=["selectinload", "joinedload"],
)
def test_eager_loading_runs_a_constant_number_of_queries(engine, load, queries):
    seed(engine, authors=20, books_each=3)
    with Session(engine) as session:
        expected = titles_by_author_lazy(session)
    with Session(engine) as session, count_queries(engine) as log:
        assert load(session) == expected
    assert log.count == queries


# --8<-- [end:n_plus_one]


def test_selectinload_fetches_children_with_an_in_list(engine):
    seed(engine, authors=5, books_each=1)
    with Session(engine) as session, count_queries(engine) as log:
        titles_by_author_selectin(session)
    assert "IN" in log.statements[1] and "books.author_id" in log.statements[1]


def test_joinedload_uses_an_outer_join_so_authors_without_books_survive(engine):
    seed(engine, authors=2, books_each=0)
    with Session(engine) as session, count_queries(engine) as log:
        assert titles_by_author_joined(session) == {"Author 0": [], "Author 1": []}
    assert "LEFT OUTER JOIN books" in log.statements[0]


def test_raiseload_turns_a_forgotten_eager_load_into_an_error(engine):
    seed(engine, authors=2, books_each=1)
    with Session(engine) as session, pytest.raises(InvalidRequestError, match=r"lazy='raise'"):
        titles_by_author_strict(session)
