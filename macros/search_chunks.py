"""Re-split Pagefind's word index into smaller chunks, so a query downloads less (issue 16).

Pagefind cuts its word index into chunks of a fixed 20,000 word locations (about 27 KB gzip each, a
constant it does not expose as an option), and a query loads one chunk per word it searches. On this
site that made a two-word query cost 55 KB of index on top of Pagefind's own 92 KB. Here the words
are regrouped into chunks of about CHUNK_LOCATIONS locations (about 5 KB), and the metadata file that
tells the browser which chunk holds which words is rewritten to match; Pagefind's script and wasm are
untouched and read the new chunks as they read their own.

Where a chunk ends is chosen, within a window around the target size, at the pair of neighbouring words
that share the shortest prefix. Pagefind looks a typed word up in exactly one chunk, so a prefix that
straddles two chunks (`passk|passw`) would miss the words in the second one while the reader is still
typing; Pagefind's own cut falls wherever the count runs out, ours where the prefix is shortest.

The rewrite relies on Pagefind's file layout: a gzip of `pagefind_dcd` and CBOR (RFC 8949), read and
written with cbor2's C codec (about 0.4 s for this site). Every file is checked for the shape Pagefind 1.x
gives it, and a layout that differs fails the build with the file's name instead of publishing a broken
index. tests/test_search_chunks.py also checks that every file of a real index encodes back byte for byte,
so a Pagefind release that changes the encoding fails there first.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cbor2

CHUNK_LOCATIONS = 4000
# A chunk may end anywhere from LOW to HIGH times the target, where neighbouring words share least.
LOW, HIGH = 0.6, 1.4
SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"

Word = list[Any]  # [word, pages, ...]: only the word (item 0) and its pages (item 1) are read


class IndexLayoutError(Exception):
    """Pagefind wrote something this module does not recognise (a new release's format)."""


def rechunk_bundle(bundle: Path, target: int = CHUNK_LOCATIONS) -> int:
    """Rewrite the word index of the Pagefind bundle in `bundle` in chunks of about `target` locations.

    Returns the number of chunks written."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    total = 0
    for language in entry["languages"].values():
        meta_path = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) >= 3 and isinstance(meta[2], list)):
            raise IndexLayoutError(f"{meta_path}: no list of index chunks where Pagefind 1.x keeps it")
        old_files = [bundle / "index" / f"{_chunk_hash(chunk, meta_path)}.pf_index" for chunk in meta[2]]
        words: list[Word] = []
        for path in old_files:
            content = _read(path)
            if not (isinstance(content, list) and len(content) == 1 and isinstance(content[0], list)):
                raise IndexLayoutError(f"{path}: not a list of words")
            words.extend(content[0])  # type: ignore[arg-type]
        words.sort(key=lambda word: _word(word, bundle))
        chunks = split_words(words, target)
        prefix = str(language["hash"]).split("_", 1)[0]
        names = _write_chunks(bundle / "index", chunks, prefix, old_files)
        meta[2] = [[start, end, name] for (start, end), name in zip(bounds(chunks), names, strict=True)]
        meta_bytes = _pack(meta)
        new_hash = f"{prefix}_{hashlib.sha256(meta_bytes).hexdigest()[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(meta_bytes)
        language["hash"] = new_hash
        total += len(chunks)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return total


def split_words(words: Sequence[Word], target: int) -> list[list[Word]]:
    """Consecutive runs of `words` (sorted) of about `target` locations, cut where neighbours share least."""
    chunks: list[list[Word]] = []
    start = 0
    while start < len(words):
        end = _cut(words, start, target)
        chunks.append(list(words[start:end]))
        start = end
    return chunks


def _cut(words: Sequence[Word], start: int, target: int) -> int:
    """Where the chunk that begins at `start` ends (exclusive)."""
    low, high = target * LOW, target * HIGH
    size = 0
    best: tuple[int, float, int] | None = None  # (shared prefix, distance from target, end)
    for end in range(start + 1, len(words) + 1):
        size += locations(words[end - 1])
        if end == len(words):
            return end if best is None or size <= high else best[2]
        if size > high:
            if best:
                return best[2]
            # A word that is over the limit on its own gets a chunk of its own.
            return end - 1 if end - 1 > start else end
        if size >= low:
            shared = _shared_prefix(str(words[end - 1][0]), str(words[end][0]))
            candidate = (shared, abs(size - target), end)
            if best is None or candidate < best:
                best = candidate
    return len(words)


def locations(word: Word) -> int:
    """Pagefind's measure of a word's size: one per page it is on, plus one per location there."""
    pages = word[1]
    return sum(len(page[1]) + 1 for page in pages)  # type: ignore[arg-type, index, misc, union-attr]


def bounds(chunks: Sequence[Sequence[Word]]) -> list[tuple[str, str]]:
    """The `from` and `to` of each chunk: the browser loads, for a typed word, the first chunk with
    `from <= word <= to` (pagefind_web, `try_request_indexes`).

    `to` is the chunk's last word in full, so every word of the chunk and every prefix of one is at most
    `to`. `from` is the first word cut just after the prefix it shares with the previous chunk's last word
    (`passk` | `passw`; the first chunk's first letter), so a prefix typed so far reaches the chunk whose
    words continue it. Pagefind cuts
    `to` short as well (`1` for a chunk ending in `1xx`), which leaves `10` in no chunk until its fallback,
    and that runs only when no word of the query found a chunk."""
    edges = [("", "")] + [(str(chunk[0][0]), str(chunk[-1][0])) for chunk in chunks]
    return [(first[: _shared_prefix(last, first) + 1], end) for (_, last), (first, end) in itertools.pairwise(edges)]


def _shared_prefix(a: str, b: str) -> int:
    return len(os.path.commonprefix((a, b)))  # noqa: RUF071 - words, not paths: letter by letter is meant


def _write_chunks(folder: Path, chunks: list[list[Word]], prefix: str, old_files: list[Path]) -> list[str]:
    payloads = [_pack([chunk]) for chunk in chunks]
    names: list[str] = []
    for payload in payloads:
        digest = hashlib.sha256(payload).hexdigest()
        length = 7
        while f"{prefix}_{digest[:length]}" in names:  # as Pagefind does: lengthen a colliding name
            length += 1
        names.append(f"{prefix}_{digest[:length]}")
    for path in old_files:
        path.unlink()
    for name, payload in zip(names, payloads, strict=True):
        (folder / f"{name}.pf_index").write_bytes(payload)
    return names


def _read(path: Path) -> Any:
    """Decode one of Pagefind's files."""
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as error:
        raise IndexLayoutError(f"{path}: not a gzip file ({error})") from error
    if not raw.startswith(SIGNATURE):
        raise IndexLayoutError(f"{path}: does not start with Pagefind's signature {SIGNATURE!r}")
    try:
        return cbor2.loads(raw[len(SIGNATURE) :])
    except (cbor2.CBORDecodeError, ValueError) as error:
        raise IndexLayoutError(f"{path}: {error}") from error


def encoded(value: Any) -> bytes:
    """What goes after the signature: Pagefind's shortest-form CBOR, which cbor2 writes too."""
    return cbor2.dumps(value)


def _pack(value: Any) -> bytes:
    # mtime 0: the same index gives the same bytes, so a warm build matches a cold one.
    return gzip.compress(SIGNATURE + encoded(value), compresslevel=6, mtime=0)


def _chunk_hash(chunk: Any, meta_path: Path) -> str:
    if not (isinstance(chunk, list) and len(chunk) == 3 and all(isinstance(item, str) for item in chunk)):
        raise IndexLayoutError(f"{meta_path}: an index chunk is not [from, to, hash]: {chunk!r:.80}")
    return str(chunk[2])


def _word(word: Word, bundle: Path) -> str:
    if not (isinstance(word, list) and len(word) >= 2 and isinstance(word[0], str) and isinstance(word[1], list)):
        raise IndexLayoutError(f"{bundle}/index: a word entry is not [word, pages, ...]: {word!r:.80}")
    return word[0]


if __name__ == "__main__":  # `make serve` re-splits a bundle in a process of its own (macros/search_index.py)
    import sys

    try:
        rechunk_bundle(Path(sys.argv[1]))
    except IndexLayoutError as error:
        sys.exit(str(error))
