"""A reference solution: positions in the index, and quoted phrases matched as adjacent terms in order."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict

STOP_WORDS = frozenset({"a", "an", "and", "the", "of", "to", "in", "for", "on", "with", "is", "any"})


def analyse(text: str) -> list[str]:
    """Lower-case, strip accents, split on non-letters, drop stop words, crude plural stemming."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    terms = []
    for token in re.findall(r"[a-z0-9]+", folded):
        if token in STOP_WORDS:
            continue
        if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
            token = token[:-1]
        terms.append(token)
    return terms


PHRASE = re.compile(r'"([^"]*)"')


class InvertedIndex:
    """term -> {doc_id: positions of the term in the analysed text}, ranked with BM25."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.positions: dict[str, dict[str, set[int]]] = defaultdict(dict)
        self.lengths: dict[str, int] = {}
        self.k1, self.b = k1, b

    def add(self, doc_id: str, text: str) -> None:
        terms = analyse(text)
        self.lengths[doc_id] = len(terms)
        for position, term in enumerate(terms):
            self.positions[term].setdefault(doc_id, set()).add(position)

    def has_phrase(self, doc_id: str, terms: list[str]) -> bool:
        """True if the terms occur one after another, in this order, somewhere in the document."""
        if not terms:
            return True
        starts = self.positions.get(terms[0], {}).get(doc_id, set())
        return any(
            all(start + offset in self.positions.get(term, {}).get(doc_id, set()) for offset, term in enumerate(terms))
            for start in starts
        )

    def search(self, query: str, limit: int = 10) -> list[tuple[str, float]]:
        n_docs = len(self.lengths)
        if n_docs == 0:
            return []
        avg_len = sum(self.lengths.values()) / n_docs
        scores: dict[str, float] = defaultdict(float)
        # Every term counts towards the score; each quoted phrase is also a condition a result must meet.
        for term in set(analyse(query)):
            docs = self.positions.get(term, {})
            idf = math.log(1 + (n_docs - len(docs) + 0.5) / (len(docs) + 0.5))
            for doc_id, positions in docs.items():
                tf = len(positions)
                norm = 1 - self.b + self.b * self.lengths[doc_id] / avg_len
                scores[doc_id] += idf * tf * (self.k1 + 1) / (tf + self.k1 * norm)
        phrases = [analyse(phrase) for phrase in PHRASE.findall(query)]
        matching = {doc: score for doc, score in scores.items() if all(self.has_phrase(doc, p) for p in phrases)}
        ranked = sorted(matching.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(doc_id, round(score, 4)) for doc_id, score in ranked[:limit]]
