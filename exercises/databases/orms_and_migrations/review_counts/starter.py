"""Exercise: the author page that got slower with every review.

Symptom: the author page lists each book with its number of reviews. It took 40 ms at launch and takes
2 seconds now for prolific authors; the database shows thousands of small SELECTs per page view, and the
application's memory jumps on every view.

Diagnose it with the check (`make exercise ID=databases/orms_and_migrations/review_counts`): it counts the
statements `review_counts` sends for an author with 5 books and one with 50, and looks at what the session
loaded. Then rewrite the function so the number of statements stays the same however many books and reviews
there are, and no Review object is loaded just to be counted. Keep the models as they are.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, select
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
    author = session.scalars(select(Author).where(Author.id == author_id)).one()
    return {book.title: len(book.reviews) for book in author.books}
