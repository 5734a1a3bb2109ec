"""Which words of a query name a topic, and when two words are the same word: one rule for the browser and
for the tests that measure search.

The build writes the word lists into assets/search/words.json (macros/search/inventory.py), and
docs/assets/javascripts/search.js drops the words `content_words` drops here; `shares_stem` and
`light_stem` have line-for-line twins there (`sharesStem`, `lightStem`), pinned by tests/test_search.py.
"""

from __future__ import annotations

import re


def _listed(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that name no topic. Pagefind wants every word of a query in a result, so each of these would keep
# out the section that answers the question, or rank it below one that happens to say "how".
# English function words, the closed classes (articles and determiners, pronouns, prepositions,
# conjunctions, auxiliary and modal verbs, question words, negation, and their contractions), are dropped
# from every query. Never a word that names something on its own: `get` (HTTP GET), `go` (the language),
# `set` and `type` (SQL and type hints), `right` (right to erasure), `exactly` (exactly-once).
FUNCTION_WORDS = _listed(
    """
    a an the this that these those some any each every all no other another such own same both either neither
    much many more most few less least several enough
    i me my mine myself we us our ours you your yours he him his she her it its they them their one ones
    something anything someone anyone somebody anybody everything nothing
    about above across after against along among around at before behind below beside between beyond by down
    during for from in inside into like near of off on onto out outside over past since through to toward
    towards under until up upon via with within without
    and or but nor so yet if then than because as while whether though although unless else
    am is are was were be been being do does did doing done have has had having
    can could may might must shall should will would ought need needs
    what when where which who whom whose why how
    not very too also just only really still even again ever always never here there now
    can't cannot don't doesn't didn't isn't aren't wasn't weren't won't wouldn't shouldn't couldn't haven't
    hasn't i'm i've i'd i'll it's what's how's that's there's let's you're we're they're
    """
)
# The verbs and nouns a question or a comparison is built from ("explain", "difference", "work" in "how
# does X work"). Dropped from questions only: elsewhere they may be part of a name ("unit of work"), so
# they are searched, but a result that lacks one is not said to miss it.
FRAMING_WORDS = _listed(
    """
    difference differences different differ compare compared comparison versus vs v
    explain describe define definition mean means meaning happen happens
    use uses used using work works working make makes making keep keeps want try trying know learn understand
    best better good way ways example examples pros cons handle handling
    """
)
# A query is a question when it opens with one of these, or when it compares.
QUESTION_OPENERS = _listed(
    """
    what when where which who whom whose why how is are was were do does did can could should would will shall
    may might must explain describe define compare what's how's can't
    """
)
COMPARISON_WORDS = _listed("vs versus v difference differences compare compared comparison")

# A word, as search compares them: letters and digits, and `#` and `+` (C#, N+1), as Pagefind indexes them
# (macros/search/pagefind.py, --include-characters).
_WORD = re.compile(r"[\w#+']+")


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'")
    return [word.strip("'") for word in _WORD.findall(text.replace("_", " ")) if word.strip("'")]


def _plain(word: str) -> str:
    """A word without its apostrophes: `git's` is `git`, `don't` is `dont`."""
    return word.removesuffix("'s").replace("'", "")


def words(text: str) -> list[str]:
    """The words of `text`, lowercased, without apostrophes (curly or straight); hyphens and slashes
    separate words, as Pagefind splits them."""
    return [plain for plain in map(_plain, _tokens(text)) if plain]


def is_question(tokens: list[str]) -> bool:
    return bool(tokens) and (tokens[0] in QUESTION_OPENERS or any(token in COMPARISON_WORDS for token in tokens))


def content_words(text: str) -> list[str]:
    """The words of `text` that name something: function words dropped, and in a question the words that
    frame it; all of them when nothing else is left."""
    found = _tokens(text)
    stop = FUNCTION_WORDS | FRAMING_WORDS if is_question(found) else FUNCTION_WORDS
    meaningful = [word for word in found if word not in stop]
    return [plain for plain in map(_plain, meaningful or found) if plain]


def shares_stem(word: str, other: str, *, typing: bool = False) -> bool:
    """Whether `other` (a word of a text) is `word` (a word of a query) for search:
    - the same word;
    - any word it begins, while the reader is still typing it (`typing`: `kube`, `kubernetes`); once it is
      typed, only a word derived from it or that it derives from (`apis`, `restful`, `logging`, `pod` for
      `pods`): `press` is not `pressure`;
    - the same word once `light_stem` has taken the ending off both (`denormalization`, `denormalize`);
    - a word sharing its first five letters or more with it, all but the last two of the longer (`limiter`
      and `limit`, and a slip near the end of a long word; not `control` and `content`, nor `press` and
      `pressure`).
    Not Pagefind's fallback to a shorter prefix, which answers `zzqxv` with a page that says `Z`."""
    if other == word or (typing and other.startswith(word)):
        return True
    if _derived(word, other) or _derived(other, word):
        return True  # `api` and `apis`, `rest` and `restful`, `log` and `logging`, either way round
    stem = light_stem(word)
    if len(stem) >= 4 and stem == light_stem(other):
        return True  # `denormalization` and `denormalize`, `deploying` and `deployment`
    common = 0
    for left, right in zip(word, other, strict=False):
        if left != right:
            break
        common += 1
    return common >= max(5, max(len(word), len(other)) - 2)


# Endings that make one word several, in the order they are tried (the first that fits is taken off):
# British and US -ise/-ize forms become one, derived words lose -ment, -ation, -ate and -ing, plurals their -s,
# and a final -e goes (`cache` and `caching`, `scale` and `scaling`).
ENDINGS = (
    *(("isations", "iz"), ("izations", "iz"), ("isation", "iz"), ("ization", "iz"), ("ising", "iz"), ("izing", "iz")),
    *(("ised", "iz"), ("ized", "iz"), ("ises", "iz"), ("izes", "iz"), ("ise", "iz"), ("ize", "iz")),
    *(("ments", ""), ("ment", "")),  # codespell:ignore
    *(("ations", ""), ("ation", ""), ("ates", ""), ("ated", ""), ("ate", ""), ("ings", ""), ("ing", "")),
    *(("ies", "y"), ("ied", "y"), ("es", ""), ("ed", ""), ("s", ""), ("e", "")),
)


# Endings that derive a word from another without changing what it names (`restful`, `monolithic`).
SUFFIXES = _listed("s es ful ness ic ical al er ers ive ing ings ed ation ations ization isation ity ities ly")


def _derived(base: str, word: str) -> bool:
    """Whether `word` derives from `base` (of two letters or more) by one of `SUFFIXES`, perhaps after a
    doubled last letter (`log`, `logging`)."""
    rest = word[len(base) :]
    if len(base) < 2 or not word.startswith(base):
        return False
    return rest in SUFFIXES or (rest[:1] == base[-1:] and rest[1:] in SUFFIXES)


def light_stem(word: str) -> str:
    """`word` without the first of `ENDINGS` it ends with, when four letters or more are left."""
    for ending, replacement in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)] + replacement
    return word


def names(title: str, name: str) -> bool:
    """Whether `title` names `name`: every content word of the name is a word of the title (`shares_stem`)."""
    title_words = words(title)
    return all(any(shares_stem(word, other) for other in title_words) for word in content_words(name))
