"""Acceptance check: a quoted phrase matches only documents with its analysed terms adjacent and in order (so
plurals, accents and punctuation behave as in any other query), and unquoted queries are unchanged."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from exercises import load_module

DOCS = {
    "p1": "Oak desk with two drawers",
    "p2": "Standing desk, electric, with memory presets",
    "p3": "Desk lamp for the office desk",
    "p4": "Café chair in walnut",
    "p5": "Office chairs: ergonomic, adjustable",
    "p6": "Standing frame for any desk",
}


def shop(answer: Path) -> Any:
    index = load_module(answer).InvertedIndex()
    for doc_id, text in DOCS.items():
        index.add(doc_id, text)
    return index


def found(answer: Path, query: str) -> list[str]:
    return [doc_id for doc_id, _ in shop(answer).search(query)]


def test_a_quoted_phrase_needs_its_words_together_and_in_order(answer: Path) -> None:
    hits = found(answer, '"standing desk"')
    assert hits == ["p2"], (
        f'"standing desk" found {hits}: p6 has both words but not next to each other, and p1 and p3 have no '
        '"standing" at all; store term positions and check adjacency'
    )
    assert found(answer, '"desk standing"') == [], "a phrase is ordered: nothing says 'desk standing'"


def test_the_phrase_goes_through_the_same_analysis_as_the_text(answer: Path) -> None:
    assert found(answer, '"standing desks"') == ["p2"], "the quoted words are analysed too: desks -> desk"
    assert found(answer, '"cafe chair"') == ["p4"], "accents fold in phrases as everywhere else"
    assert found(answer, '"desk electric"') == ["p2"], "the comma between them is not a word"


@pytest.mark.starter_passes
def test_unquoted_queries_still_rank_every_match(answer: Path) -> None:
    hits = found(answer, "standing desk")
    assert set(hits) == {"p1", "p2", "p3", "p6"}, "without quotes, any of the words will do"
    assert found(answer, "desk lamp")[0] == "p3"
    assert found(answer, "unicorn") == []
