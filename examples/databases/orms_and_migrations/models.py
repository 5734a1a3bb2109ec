"""A small catalogue mapped with SQLAlchemy 2.x typed declarative models.

`Mapped[...]` annotations give each attribute its Python type (so type checkers see `author.name` as `str`)
and its nullability: `Mapped[str | None]` is a NULLable column, `Mapped[str]` is NOT NULL.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, MetaData, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints: Alembic can only drop or alter a constraint it can name, so name them all the same way.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# --8<-- [start:models]
class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Author(Base):
    __tablename__ = "authors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    # One author has many books; `back_populates` keeps both sides in step in memory.
    books: Mapped[list[Book]] = relationship(back_populates="author", order_by="Book.id")


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"), index=True)
    isbn: Mapped[str | None] = mapped_column(String(17), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(server_default=func.now())
    author: Mapped[Author] = relationship(back_populates="books")


# --8<-- [end:models]
