"""Reading and writing the catalogue through the ORM: select(), sessions, the unit of work and loader options."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session, joinedload, raiseload, selectinload

from examples.databases.orms_and_migrations.models import Author, Book


def postgres_engine_url(url: str) -> str:
    """`postgresql://...` selects psycopg2 by default in SQLAlchemy; name the psycopg 3 driver explicitly."""
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


# --8<-- [start:unit_of_work]
def add_author_with_books(session: Session, name: str, email: str, titles: list[str]) -> Author:
    """Build an object graph in memory; the session works out the INSERTs and their order at flush time."""
    author = Author(name=name, email=email, books=[Book(title=title) for title in titles])
    session.add(author)  # the books come along: `save-update` cascades over the relationship
    return author


def seed(engine: Engine, authors: int, books_each: int) -> None:
    # Session.begin() commits when the block ends and rolls back if it raises: one unit of work, one transaction.
    with Session(engine) as session, session.begin():
        for n in range(authors):
            titles = [f"Book {n}-{b}" for b in range(books_each)]
            add_author_with_books(session, f"Author {n}", f"author{n}@example.com", titles)


# --8<-- [end:unit_of_work]


# --8<-- [start:select]
def authors_named_like(session: Session, prefix: str) -> list[str]:
    """A 2.0-style query: build a select(), run it with session.scalars(), get typed objects back."""
    statement = select(Author).where(Author.name.startswith(prefix)).order_by(Author.name)
    return [author.name for author in session.scalars(statement)]


def book_counts(session: Session) -> list[tuple[str, int]]:
    """Joins and aggregates stay in SQL; rows come back as named tuples."""
    statement = (
        select(Author.name, func.count(Book.id).label("books"))
        .join(Author.books, isouter=True)
        .group_by(Author.id)
        .order_by(Author.name)
    )
    return [(row.name, row.books) for row in session.execute(statement)]


# --8<-- [end:select]


# --8<-- [start:counter]
@dataclass
class QueryLog:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)


@contextmanager
def count_queries(engine: Engine) -> Iterator[QueryLog]:
    """Record every statement the engine sends while the block runs."""
    log = QueryLog()

    def before_cursor_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        log.statements.append(statement)

    event.listen(engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield log
    finally:
        event.remove(engine, "before_cursor_execute", before_cursor_execute)


# --8<-- [end:counter]


# --8<-- [start:loading]
def titles_by_author_lazy(session: Session) -> dict[str, list[str]]:
    """N+1: one query for the authors, then one lazy load of `books` per author."""
    authors = session.scalars(select(Author).order_by(Author.id))
    return {author.name: [book.title for book in author.books] for author in authors}


def titles_by_author_selectin(session: Session) -> dict[str, list[str]]:
    """Two queries whatever the count: the authors, then all their books with `WHERE author_id IN (...)`."""
    statement = select(Author).options(selectinload(Author.books)).order_by(Author.id)
    return {author.name: [book.title for book in author.books] for author in session.scalars(statement)}


def titles_by_author_joined(session: Session) -> dict[str, list[str]]:
    """One query: a LEFT OUTER JOIN; unique() folds the repeated author rows back into one object each."""
    statement = select(Author).options(joinedload(Author.books)).order_by(Author.id)
    return {author.name: [book.title for book in author.books] for author in session.scalars(statement).unique()}


def titles_by_author_strict(session: Session) -> dict[str, list[str]]:
    """raiseload('*') turns any lazy load into an error, so a forgotten eager load fails in tests, not in prod."""
    statement = select(Author).options(raiseload("*")).order_by(Author.id)
    return {author.name: [book.title for book in author.books] for author in session.scalars(statement)}


# --8<-- [end:loading]
