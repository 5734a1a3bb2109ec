"""The lab's data: authors and books in memory, shared by the REST and GraphQL interfaces."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AuthorRow:
    id: int
    name: str


@dataclass(frozen=True)
class BookRow:
    id: int
    title: str
    author_id: int
    year: int


@dataclass
class Store:
    authors: dict[int, AuthorRow] = field(default_factory=dict)
    books: dict[int, BookRow] = field(default_factory=dict)
    author_lookups: int = 0  # how many times authors were fetched: lets tests see N+1 vs batching

    def add_book(self, title: str, author_id: int, year: int) -> BookRow:
        book = BookRow(max(self.books, default=0) + 1, title, author_id, year)
        self.books[book.id] = book
        return book

    def books_after(self, after: int, limit: int, author_id: int | None = None) -> list[BookRow]:
        rows = (b for i, b in sorted(self.books.items()) if i > after and author_id in (None, b.author_id))
        return [b for _, b in zip(range(limit), rows, strict=False)]

    def authors_by_ids(self, ids: list[int]) -> list[AuthorRow | None]:
        self.author_lookups += 1
        return [self.authors.get(i) for i in ids]


def seeded() -> Store:
    store = Store()
    for author in (AuthorRow(1, "Ursula K. Le Guin"), AuthorRow(2, "Octavia E. Butler"), AuthorRow(3, "Frank Herbert")):
        store.authors[author.id] = author
    for title, author_id, year in [
        ("A Wizard of Earthsea", 1, 1968),
        ("The Left Hand of Darkness", 1, 1969),
        ("Kindred", 2, 1979),
        ("Dune", 3, 1965),
        ("The Dispossessed", 1, 1974),
        ("Parable of the Sower", 2, 1993),
    ]:
        store.add_book(title, author_id, year)
    return store
