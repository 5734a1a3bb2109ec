"""The smaller index chunks of the search (macros/search_chunks.py)."""

from __future__ import annotations

import asyncio
import bisect
import gzip
import itertools
import json
from pathlib import Path
from typing import Any

import cbor2
import pytest

from macros.search_chunks import (
    CHUNK_LOCATIONS,
    HIGH,
    SIGNATURE,
    IndexLayoutError,
    bounds,
    encoded,
    locations,
    rechunk_bundle,
    split_words,
)

# ---- splitting --------------------------------------------------------------------------------


def _word(text: str, count: int) -> list[Any]:
    return [text, [[0, list(range(count - 1)), []]], []]  # `count` locations, as Pagefind counts them


def _lookup(chunks_bounds: list[tuple[str, str]], term: str) -> int | None:
    """The chunk Pagefind's wasm loads for `term` (pagefind_web, try_request_indexes, strict bounds)."""
    return next((i for i, (start, end) in enumerate(chunks_bounds) if start <= term <= end), None)


def _assert_found_where_pagefind_looks(chunks: list[list[str]], prefixes: bool = True) -> None:
    """Every word is in the chunk Pagefind loads for it, and so is some word continuing each of its
    prefixes of two letters or more (what a reader has typed so far)."""
    edges = bounds([[[word, []] for word in chunk] for chunk in chunks])
    assert edges == sorted(edges) and all(a[1] < b[0] for a, b in itertools.pairwise(edges)), "not disjoint"
    starts = [start for start, _ in edges]

    def lookup(term: str) -> int | None:  # the first-match scan above, by bisection on disjoint ranges
        index = bisect.bisect_right(starts, term) - 1
        return index if index >= 0 and term <= edges[index][1] else None

    for index, chunk in enumerate(chunks):
        for word in chunk:
            assert lookup(word) == _lookup(edges, word) == index, word
            for length in range(2, len(word)) if prefixes else ():
                found = lookup(word[:length])
                assert found is not None and any(w.startswith(word[:length]) for w in chunks[found]), word[:length]


def test_a_chunk_ends_where_neighbouring_words_share_least() -> None:
    # Six words of 30 locations, target 90: the cut may fall after the 2nd to the 4th word (60 to 120),
    # and falls between "hashf" and "k", which share no prefix, not inside the "hash" family.
    words = [_word(text, 30) for text in ("hasha", "hashb", "hashf", "kube", "kubf", "kubg")]
    chunks = split_words(words, 90)
    assert [[word[0] for word in chunk] for chunk in chunks] == [["hasha", "hashb", "hashf"], ["kube", "kubf", "kubg"]]


def test_splitting_keeps_every_word_in_order_and_bounds_each_chunk() -> None:
    words = [_word(f"w{index:05d}", 1 + index % 37) for index in range(5_000)]
    words.insert(2_500, _word("w02499z", 3 * CHUNK_LOCATIONS))  # one word larger than a chunk
    words.sort(key=lambda word: str(word[0]))
    chunks = split_words(words, CHUNK_LOCATIONS)
    assert [word for chunk in chunks for word in chunk] == words
    for chunk in chunks:
        size = sum(locations(word) for word in chunk)
        assert size <= CHUNK_LOCATIONS * HIGH or len(chunk) == 1, size
    _assert_found_where_pagefind_looks([[str(word[0]) for word in chunk] for chunk in chunks])


def test_a_word_after_a_shorter_one_is_found_in_its_chunk() -> None:
    # Pagefind itself would bound the first chunk at `1`, and `10` would fall in no chunk.
    _assert_found_where_pagefind_looks([["#", "1", "10", "1xx"], ["2", "20"], ["hashed"], ["hashing", "k"]])
    assert bounds([[["1xx", []]], [["2", []]]]) == [("1", "1xx"), ("2", "2")]


# ---- the real bundle --------------------------------------------------------------------------


def _decoded(path: Path) -> Any:
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])


def _bundle_words(bundle: Path) -> tuple[list[tuple[str, str, str]], list[Any]]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = _decoded(bundle / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")
    chunks = [tuple(chunk) for chunk in meta[2]]  # type: ignore[index, union-attr]
    words = []
    for _, _, name in chunks:
        words.extend(_decoded(bundle / "index" / f"{name}.pf_index")[0])  # type: ignore[index]
    return chunks, words  # type: ignore[return-value]


def _chunk_words(bundle: Path, chunks: list[tuple[str, str, str]]) -> list[list[str]]:
    return [
        [str(word[0]) for word in _decoded(bundle / "index" / f"{name}.pf_index")[0]]  # type: ignore[index, union-attr]
        for *_, name in chunks
    ]


@pytest.fixture
def small_bundle(tmp_path: Path) -> Path:
    """A Pagefind bundle of 40 short pages, written by the real Pagefind binary."""
    from pagefind.index import PagefindIndex

    stage = tmp_path / "stage"
    vocabulary = ["hash", "hashing", "hashed", "kubernetes", "kube", "probe", "probes", "password", "token", "10"]
    for number in range(40):
        text = " ".join(vocabulary[(number + offset) % len(vocabulary)] for offset in range(60))
        page = stage / f"page{number}" / "index.html"
        page.parent.mkdir(parents=True)
        body = f"<main data-pagefind-body><h1>Page {number}</h1><p>{text}</p></main>"
        page.write_text(f"<html lang='en'><body>{body}</body></html>")

    async def write() -> None:
        config = {"output_path": str(tmp_path / "pagefind"), "force_language": "en"}
        async with PagefindIndex(config=config) as index:  # type: ignore[arg-type]
            await index.add_directory(str(stage))

    asyncio.run(write())
    return tmp_path / "pagefind"


def test_rechunking_a_pagefind_bundle_keeps_every_word_and_points_the_browser_at_the_new_chunks(
    small_bundle: Path,
) -> None:
    before_chunks, before_words = _bundle_words(small_bundle)
    written = rechunk_bundle(small_bundle, target=60)
    after_chunks, after_words = _bundle_words(small_bundle)
    assert written == len(after_chunks) > len(before_chunks)
    assert after_words == sorted(before_words, key=lambda word: word[0])  # type: ignore[index]
    # Only the new chunks and the new metadata file are left.
    assert sorted(path.stem for path in (small_bundle / "index").iterdir()) == sorted(name for *_, name in after_chunks)
    assert len(list(small_bundle.glob("pagefind.*.pf_meta"))) == 1
    _assert_found_where_pagefind_looks(_chunk_words(small_bundle, after_chunks))


def test_the_rewrite_is_reproducible(small_bundle: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(small_bundle, copy)
    rechunk_bundle(small_bundle, target=60)
    rechunk_bundle(copy, target=60)
    for path in sorted(small_bundle.rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (copy / path.relative_to(small_bundle)).read_bytes(), path


def test_pagefinds_files_encode_back_byte_for_byte(small_bundle: Path) -> None:
    """The rewrite writes Pagefind's words back with cbor2: a release that encodes differently fails here."""
    files = [*small_bundle.glob("pagefind.*.pf_meta"), *(small_bundle / "index").iterdir()]
    assert len(files) > 1
    for path in files:
        raw = gzip.decompress(path.read_bytes())
        assert SIGNATURE + encoded(cbor2.loads(raw[len(SIGNATURE) :])) == raw, path.name


def test_a_word_in_another_shape_fails_with_the_files_name(small_bundle: Path) -> None:
    _, _, name = _bundle_words(small_bundle)[0][0]
    chunk = small_bundle / "index" / f"{name}.pf_index"
    chunk.write_bytes(gzip.compress(SIGNATURE + encoded([[{"word": "hash"}]])))
    with pytest.raises(IndexLayoutError, match=r"a word entry is not \[word, pages, ...\]"):
        rechunk_bundle(small_bundle)


def test_a_file_without_pagefinds_signature_fails_with_its_name(small_bundle: Path) -> None:
    meta = next(small_bundle.glob("pagefind.*.pf_meta"))
    meta.write_bytes(gzip.compress(b"something else"))
    with pytest.raises(IndexLayoutError, match=rf"{meta.name}: does not start with Pagefind's signature"):
        rechunk_bundle(small_bundle)


def test_the_built_site_has_small_chunks_that_hold_every_word_where_pagefind_looks(built_site: Path) -> None:
    chunks, words = _bundle_words(built_site / "pagefind")
    sizes = [(built_site / "pagefind" / "index" / f"{name}.pf_index").stat().st_size for *_, name in chunks]
    # A query loads one chunk per word: most are a few KB (a very common word may fill one alone).
    assert sorted(sizes)[len(sizes) // 2] < 8_000, sorted(sizes)
    words_by_chunk = _chunk_words(built_site / "pagefind", chunks)
    assert sum(map(len, words_by_chunk)) == len(words) > 5_000
    _assert_found_where_pagefind_looks(words_by_chunk)
