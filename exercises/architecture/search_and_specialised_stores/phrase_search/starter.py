"""Exercise: the quotes that search ignores.

Symptom: customers who type "standing desk" in quotes get every desk in the shop, and the top hit is a standing
frame that happens to mention a desk. Support says other sites treat quotes as "these words, together, in this
order".

Diagnose it with the check (`make exercise ID=architecture/search_and_specialised_stores/phrase_search`): the
index keeps how often each term occurs, but not where. Then record each term's positions in the analysed text,
and make a quoted query match only documents where its analysed terms appear next to each other, in order.
Unquoted queries keep working as before. (Real engines also leave a gap where a stop word was removed; this toy
does not, and the check does not depend on it.)
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict

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


class InvertedIndex:
    """term -> {doc_id: term frequency}, ranked with BM25."""

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
