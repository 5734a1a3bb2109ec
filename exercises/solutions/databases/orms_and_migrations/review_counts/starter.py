"""Reference solution: let the database count.

The starter loaded the author, then lazily each book's reviews, one SELECT per book, and built a Review object
for every review only to take len() of the list. One query with an outer join and GROUP BY returns exactly
what the page shows, a title and a number per book; count(Review.id) gives 0 for a book without reviews,
where count(*) would count the row the outer join pads with NULLs.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    books: Mapped[list[Book]] = relationship(back_populates="author", order_by="Book.id")


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"), index=True)
    author: Mapped[Author] = relationship(back_populates="books")
    reviews: Mapped[list[Review]] = relationship(back_populates="book")


class Review(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id"), index=True)
    stars: Mapped[int]
    book: Mapped[Book] = relationship(back_populates="reviews")


def review_counts(session: Session, author_id: int) -> dict[str, int]:
    """For one author: each book's title and its number of reviews (0 for a book nobody reviewed)."""
    statement = (
        select(Book.title, func.count(Review.id))
        .outerjoin(Book.reviews)
        .where(Book.author_id == author_id)
        .group_by(Book.id, Book.title)
    )
    return {title: count for title, count in session.execute(statement)}
