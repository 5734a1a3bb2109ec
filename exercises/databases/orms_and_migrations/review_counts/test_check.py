"""Acceptance check: the same small number of statements for 5 and for 50 books, no Review object loaded, and
the right count for every book (0 included)."""

from __future__ import annotations

import random
from pathlib import Path
from types import ModuleType

import pytest
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from examples.databases.orms_and_migrations.catalogue import count_queries
from exercises import load_module

MAX_STATEMENTS = 2


def shop(module: ModuleType, books: int, seed: int) -> tuple[Engine, dict[str, int]]:
    """One author with `books` books and 0 to 40 reviews each; another author whose reviews must not count."""
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret
    engine = create_engine("sqlite://")
    module.Base.metadata.create_all(engine)
    expected: dict[str, int] = {}
    with Session(engine) as session, session.begin():
        for author_id, name in ((1, "Prolific"), (2, "Other")):
            author = module.Author(id=author_id, name=name)
            for n in range(books):
                reviews = [module.Review(stars=rng.randint(1, 5)) for _ in range(rng.choice((0, 3, 12, 40)))]
                author.books.append(module.Book(title=f"{name} {n}", reviews=reviews))
                if author_id == 1:
                    expected[f"{name} {n}"] = len(reviews)
            session.add(author)
    return engine, expected


def run(module: ModuleType, engine: Engine) -> tuple[dict[str, int], int, int]:
    """The answer's result, the statements it sent, and how many Review objects the ORM built from rows."""
    loaded: list[object] = []

    def on_load(target: object, context: object) -> None:
        loaded.append(target)

    event.listen(module.Review, "load", on_load)
    try:
        with Session(engine) as session, count_queries(engine) as log:
            found = dict(module.review_counts(session, 1))
    finally:
        event.remove(module.Review, "load", on_load)
    return found, log.count, len(loaded)


@pytest.mark.parametrize("books", [5, 50])
def test_the_statements_do_not_grow_with_the_books(answer: Path, books: int) -> None:
    module = load_module(answer)
    engine, _ = shop(module, books, seed=books)
    _, statements, _ = run(module, engine)
    assert statements <= MAX_STATEMENTS, f"{statements} statements for {books} books: an N+1 loop"


def test_no_review_is_loaded_to_be_counted(answer: Path) -> None:
    module = load_module(answer)
    engine, _ = shop(module, 20, seed=3)
    _, _, loaded = run(module, engine)
    assert loaded == 0, f"{loaded} Review objects were built to be counted: count in SQL"


@pytest.mark.starter_passes
@pytest.mark.parametrize("seed", [1, 2])
def test_every_book_has_its_count(answer: Path, seed: int) -> None:
    module = load_module(answer)
    engine, expected = shop(module, 30, seed)
    found, _, _ = run(module, engine)
    assert found == expected
