"""Analysis normalises text, the index finds documents SQL LIKE would miss, BM25 ranks sensibly."""

from __future__ import annotations

from examples.architecture.search.inverted_index import InvertedIndex, analyse

DOCS = {
    "p1": "Oak desk with two drawers",
    "p2": "Standing desk, electric, with memory presets",
    "p3": "Desk lamp for the office desk",
    "p4": "Café chair in walnut",
    "p5": "Office chairs: ergonomic, adjustable",
}


def build() -> InvertedIndex:
    index = InvertedIndex()
    for doc_id, text in DOCS.items():
        index.add(doc_id, text)
    return index


def test_analysis_folds_case_accents_stop_words_and_plurals():
    assert analyse("The Cafés of Paris") == ["cafe", "pari"]
    assert analyse("Glass") == ["glass"]


def test_finds_plural_and_accent_variants():
    index = build()
    assert {doc for doc, _ in index.search("chair")} == {"p4", "p5"}
    assert [doc for doc, _ in index.search("cafe")] == ["p4"]


def test_rare_terms_outweigh_common_ones():
    index = build()
    # "desk" is in three documents, "lamp" in one: the lamp document must win
    assert index.search("desk lamp")[0][0] == "p3"


def test_term_frequency_helps_but_saturates():
    index = InvertedIndex()
    index.add("once", "desk chair table")
    index.add("twice", "desk desk chair table")
    index.add("spam", "desk " * 50)
    index.add("other", "sofa bed")
    ranked = dict(index.search("desk"))
    assert ranked["twice"] > ranked["once"]
    assert ranked["spam"] < 2 * ranked["twice"]  # fifty repetitions do not buy fifty times the score


def test_unknown_terms_and_empty_index():
    assert build().search("unicorn") == []
    assert InvertedIndex().search("desk") == []
