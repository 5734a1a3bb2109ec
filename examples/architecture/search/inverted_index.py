"""A minimal full-text search engine: analysis, an inverted index and BM25 ranking."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict

STOP_WORDS = frozenset({"a", "an", "and", "the", "of", "to", "in", "for", "on", "with", "is"})


# --8<-- [start:analyse]
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


# --8<-- [end:analyse]


# --8<-- [start:index]
class InvertedIndex:
    """term -> {doc_id: term frequency}. Lookups touch only documents that contain the term."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.postings: dict[str, dict[str, int]] = defaultdict(dict)
        self.lengths: dict[str, int] = {}
        self.k1, self.b = k1, b

    def add(self, doc_id: str, text: str) -> None:
        terms = analyse(text)
        self.lengths[doc_id] = len(terms)
        for term, count in Counter(terms).items():
            self.postings[term][doc_id] = count

    def search(self, query: str, limit: int = 10) -> list[tuple[str, float]]:
        """Rank with BM25: rare terms weigh more, repeated terms saturate, long documents are normalised."""
        n_docs = len(self.lengths)
        if n_docs == 0:
            return []
        avg_len = sum(self.lengths.values()) / n_docs
        scores: dict[str, float] = defaultdict(float)
        for term in set(analyse(query)):
            docs = self.postings.get(term, {})
            idf = math.log(1 + (n_docs - len(docs) + 0.5) / (len(docs) + 0.5))
            for doc_id, tf in docs.items():
                norm = 1 - self.b + self.b * self.lengths[doc_id] / avg_len
                scores[doc_id] += idf * tf * (self.k1 + 1) / (tf + self.k1 * norm)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(doc_id, round(score, 4)) for doc_id, score in ranked[:limit]]


# --8<-- [end:index]
