"""What the lesson says about character encodings, checked."""

from __future__ import annotations

from examples.web_foundations.http_semantics.encoding import mojibake, same_text, utf8_size


def test_characters_and_bytes_are_different_counts():
    assert (len("cafe"), utf8_size("cafe")) == (4, 4)
    assert (len("café"), utf8_size("café")) == (4, 5)
    assert (len("東京"), utf8_size("東京")) == (2, 6)
    assert (len("👍"), utf8_size("👍")) == (1, 4)  # four bytes: MySQL's old 3-byte utf8 cannot store it


def test_utf8_read_as_windows_1252_turns_each_accent_into_two_characters():
    assert mojibake("café") == "cafÃ©"
    assert mojibake("Müller") == "MÃ¼ller"


def test_two_spellings_of_the_same_letter_differ_until_normalized():
    composed, decomposed = "\u00e9t\u00e9", "e\u0301te\u0301"  # été, precomposed and with combining accents
    assert composed != decomposed and len(decomposed) == 5
    assert same_text(composed, decomposed)
