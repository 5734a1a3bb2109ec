"""The Bloom filter never forgets a key and is wrong about absent keys at about the rate it was sized for."""

from __future__ import annotations

from examples.architecture.bloom.bloom_filter import BloomFilter


def _filled(count: int, rate: float) -> BloomFilter:
    bloom = BloomFilter(expected_items=count, false_positive_rate=rate)
    for n in range(count):
        bloom.add(f"user:{n}")
    return bloom


def test_every_added_key_is_reported_as_present():
    bloom = _filled(10_000, 0.01)
    assert all(bloom.might_contain(f"user:{n}") for n in range(10_000))


def test_absent_keys_are_false_positives_at_about_the_chosen_rate():
    bloom = _filled(10_000, 0.01)
    false_positives = sum(bloom.might_contain(f"other:{n}") for n in range(20_000))
    assert 0.005 < false_positives / 20_000 < 0.02


def test_sizing_gives_about_ten_bits_and_seven_hashes_per_key_for_one_percent():
    bloom = BloomFilter(expected_items=1_000_000, false_positive_rate=0.01)
    assert 9.5 < bloom.size / 1_000_000 < 9.7  # 9.59 bits per key: about 1.2 MB for a million ids
    assert bloom.hashes == 7


def test_an_empty_filter_contains_nothing():
    assert not BloomFilter(expected_items=100, false_positive_rate=0.01).might_contain("anything")
