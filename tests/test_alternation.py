"""A keyed alternation finds exactly what the whole alternation finds, only sooner."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from valuelint_rules.alternation import KeyedAlternation
from valuelint_rules.promotion.unbacked_superlative import _UNBACKED

# Pieces of the claims PROM005 looks for, and of texts that only look like them.
PIECES = [
    "the", "our", "best", "fastest", "most", "secure", "editor", "ever", "in", "world",
    "on", "market", "of", "all", "time", "out", "there", "you'll", "you", "will", "need",
    "world's", "first", "#1", "# 1", "#", "1", "number", "one", "no.", "rated", "choice",
    "guaranteed", "results", "satisfaction", "we", "guarantee", "100", "%", "per cent",
    "hundred", "free", "never", "fails", "works", "every", "zero", "risk", "risk-free",
    "proven", "to", "work", "nothing", "else", "comes", "close", "unbeatable", "price",
    "only", "last", "no", "other", "tool", "can", "BEST", "Ever", "GUARANTEED",
    # Letters that match ASCII ones only when the case is ignored: long s is "s".
    "be\u017ft", "\u0130n", "\u0131n", "\u212aind",
]
SEPARATORS = [" ", "  ", ", ", "\n", "\u00a0", ". "]


def spans(found: object) -> list[tuple[int, int]]:
    return [m.span() for m in found]  # type: ignore[attr-defined]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)),
                max_size=14))
def test_unbacked_claims_are_found_as_the_whole_pattern_finds_them(
    words: list[tuple[str, str]],
) -> None:
    text = "".join(word + separator for word, separator in words)
    assert spans(_UNBACKED.finditer(text)) == spans(_UNBACKED.whole.finditer(text))


@pytest.mark.parametrize("claim", [
    "Ours is the fastest editor in the world.",
    "The world's first editor that reads your mind.",
    "Rated #1 by everyone.",
    "The #1 rated editor.",
    "The number one choice of writers.",
    "The No. 1 choice of writers.",
    "Guaranteed results in a week.",
    "Satisfaction guaranteed.",
    "We guarantee results.",
    "One hundred percent natural.",
    "It never fails.",
    "The only editor you'll ever need.",
    "No other tool can do this.",
])
def test_each_kind_of_claim_is_found_alone(claim: str) -> None:
    # One claim per text: no other branch's key words can hide a missing key.
    found = spans(_UNBACKED.finditer(claim))
    assert found == spans(_UNBACKED.whole.finditer(claim))
    assert found, claim


def test_branches_without_their_key_words_are_not_tried() -> None:
    cats = ((("cat",),), r"\bcats?\b")
    dogs = ((("dog",),), r"\bdogs?\b")
    keyed = KeyedAlternation((cats, dogs))
    assert keyed.pattern_for("Nothing to see here.") is None
    assert list(keyed.finditer("Nothing to see here.")) == []
    assert keyed.pattern_for("Two DOGS.") is not None
    assert keyed.pattern_for("Two DOGS.").pattern == r"\bdogs?\b"  # type: ignore[union-attr]
    assert spans(keyed.finditer("A cat, two dogs.")) == [(2, 5), (11, 15)]
    # A long s is an "s" to the pattern, not to str.lower: the whole pattern is searched.
    assert keyed.pattern_for("Two dog\u017f.") is keyed.whole
    assert spans(keyed.finditer("Two dog\u017f.")) == [(4, 8)]
    assert keyed.whole.flags & re.IGNORECASE
