"""Sentence starts are remembered per (text, excluded ranges): a caller never sees another's list."""

from __future__ import annotations

from scriptlint.text.sentences import sentence_starts

TEXT = "Hi Dana,\n\nJust checking in. Any update?\n\n> On Monday you wrote:\n> ok\nThanks,\nSam\n"


def test_each_call_gets_its_own_list_and_the_same_starts():
    first = sentence_starts(TEXT)
    expected = list(first)
    first.append(10_000)  # a caller changing its list must not change the next caller's
    assert sentence_starts(TEXT) == expected
    assert expected[0] == 0 and expected == sorted(set(expected))


def test_excluded_ranges_are_part_of_what_is_remembered():
    plain = sentence_starts(TEXT)
    quote = TEXT.index("> On")
    with_quote = sentence_starts(TEXT, [(quote, quote + 5, "quote")])
    assert quote + 5 in with_quote and quote + 5 not in plain
    assert sentence_starts(TEXT) == plain
