"""Every word list of every phrase rule is matched in one pass over a post's tokens, and each
list finds exactly what it would find searched alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from valuelint.config import parse_config
from valuelint.document import parse_document
from valuelint.engine import check_text
from valuelint.language import Pipeline, Token, get_pipeline, untagged_token
from valuelint.plugins import load_rules
from valuelint.wordlists import (
    NUMBER,
    Forms,
    Match,
    PhraseList,
    PhraseScanner,
    load_phrases,
    phrase_words,
    scanner_for,
)

LISTS = (
    PhraseList(("buy now", "buy", "now", "the best", "share this with <num> friends",
                "studies show", "share this"), Forms.LEMMAS),
    PhraseList(("world class", "class", "the best", "best", "leading", "<num> friends",
                "industry leading"), Forms.WRITTEN),
    PhraseList(("buy now", "buying", "show", "shows"), Forms.WRITTEN),
    PhraseList(("now", "the", "study shows", "buying now"), Forms.LEMMAS),
)
WORDS = ("buy", "Buying", "bought", "now", "NOW", "the", "best", "world", "class", "share",
         "this", "with", "5", "five", "friends", "studies", "showed", "shows", "show",
         "leading", "industry", "plain")


def _token(i: int, text: str, quoted: bool, pipeline: Pipeline) -> Token:
    number = text[0].isdigit() or text == "five"
    lower = text.lower()
    return untagged_token(text, lower, pipeline.lemma(lower), 8 * i, 8 * i + len(text),
                          text.isalpha(), number, False, False, quoted)


def _expected(tokens: list[Token], phrases: PhraseList, skip_quoted: bool,
              pipeline: Pipeline) -> list[Match]:
    """Left to right, without overlaps; at each place the longest phrase whose every word
    matches, then the first alphabetically. A word matches a token as written, or (for a
    list of lemmas) by a lemma sharing its first three letters; <num> matches a number."""
    def matches(word: str, token: Token) -> bool:
        if word == NUMBER:
            return token.like_num
        forms = {word}
        lemma = pipeline.lemma(word)
        if phrases.forms is Forms.LEMMAS and lemma[:3] == word[:3]:
            forms.add(lemma)
        return token.lower in forms or (phrases.forms is Forms.LEMMAS and token.lemma in forms)

    entries = [(p, phrase_words(p, pipeline)) for p in phrases.phrases]
    found: list[Match] = []
    i = 0
    while i < len(tokens):
        hits = [] if skip_quoted and tokens[i].quoted else [
            (-len(words), phrase) for phrase, words in entries
            if len(tokens) - i >= len(words)
            and all(matches(w, t) for w, t in zip(words, tokens[i:], strict=False))]
        if hits:
            length, phrase = min(hits)
            found.append(Match(phrase, i, i - length, tokens[i].start, tokens[i - length - 1].end))
            i -= length
        else:
            i += 1
    return found


@settings(max_examples=300, derandomize=True, database=None, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.booleans()), max_size=14), st.booleans())
def test_each_list_of_a_pass_finds_what_a_search_for_it_alone_finds(
    words: list[tuple[str, bool]], skip_quoted: bool,
) -> None:
    pipeline = get_pipeline("en")
    scanner = PhraseScanner(pipeline)
    numbers = [scanner.add(phrases) for phrases in LISTS]
    assert numbers == [0, 1, 2, 3]
    assert scanner.add(LISTS[2]) == 2  # a list is added once
    tokens = [_token(i, text, quoted, pipeline) for i, (text, quoted) in enumerate(words)]
    found = scanner.scan(tokens, skip_quoted=skip_quoted)
    for number, phrases in enumerate(LISTS):
        expected = _expected(tokens, phrases, skip_quoted, pipeline)
        assert found.get(number, []) == expected, phrases
        alone = scanner.scan(tokens, [number], skip_quoted=skip_quoted)
        assert alone == ({number: expected} if expected else {})


def test_matches_of_different_lists_may_overlap_and_forms_are_kept_apart() -> None:
    pipeline = get_pipeline("en")
    scanner = PhraseScanner(pipeline)
    for phrases in LISTS:
        scanner.add(phrases)
    tokens = [_token(i, w, False, pipeline) for i, w in enumerate(
        ["Buying", "now", ":", "the", "best", "industry", "leading", "class"])]
    found = scanner.scan(tokens)
    assert [m.phrase for m in found[0]] == ["buy now", "the best"]
    assert [m.phrase for m in found[1]] == ["the best", "industry leading", "class"]
    assert [m.phrase for m in found[2]] == ["buying"]  # "buy now" is not written "Buying now"
    assert [m.phrase for m in found[3]] == ["buying now", "the"]


#: A post with a call to action in every paragraph, a quoted one and a blockquote.
POST = """---
title: Launch week
---
# Launch week

Don't miss out: buy now, only 3 seats left! Like this post and share it with 5 friends.

The "buy now" banner was removed. Studies show that it worked.

> Act now, said the old banner.

Our revolutionary, world-class platform is amazing. Follow us on Twitter! Sign up today.
"""


def _check(text: str, name: str, shared: dict[str, Any]) -> Any:
    rules = load_rules()
    config = parse_config({"select": ["PROM", "BAIT", "EVID"]}, None, rules)
    return check_text(text, name, config, rules, Path(name), shared)


def test_a_post_is_scanned_once_for_every_phrase_list_of_every_rule(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import valuelint.wordlists

    monkeypatch.setattr(valuelint.wordlists, "_scanners", {})  # no lists of other tests
    shared: dict[str, Any] = {}
    first = _check(POST, "first.md", shared)
    codes = {f.code for f in first.findings}
    assert {"PROM001", "PROM002", "PROM006", "BAIT001", "BAIT003", "EVID001"} <= codes
    scanner = scanner_for(shared["pipeline"])
    lists = scanner.lists
    assert set(lists) == {
        PhraseList(load_phrases("valuelint_rules", name), forms) for name, forms in [
            ("hard_sell", Forms.LEMMAS), ("puffery", Forms.WRITTEN),
            ("promo_peacock", Forms.WRITTEN), ("promo_loaded", Forms.WRITTEN),
            ("promo_editorial", Forms.WRITTEN), ("urgency", Forms.LEMMAS),
            ("promo_cta", Forms.LEMMAS), ("engagement_bait", Forms.LEMMAS),
            ("bait_follow", Forms.LEMMAS), ("evid_research", Forms.LEMMAS),
            ("weasel", Forms.LEMMAS), ("evid_concrete", Forms.LEMMAS),
            ("evid_generic", Forms.LEMMAS)]}
    scans: list[int] = []
    scan = PhraseScanner.scan

    def counted(self: PhraseScanner, tokens: Any, wanted: Any = None, **kwargs: Any) -> Any:
        if self is scanner:
            scans.append(len(self.lists if wanted is None else list(wanted)))
        return scan(self, tokens, wanted, **kwargs)

    monkeypatch.setattr(PhraseScanner, "scan", counted)
    second = _check(POST.replace("Launch", "Second"), "second.md", {})
    # One scan of each block, for every list at once; none of the blockquote.
    doc = parse_document("second.md", POST)
    blocks = sum(1 for block in doc.blocks if not block.quoted)
    assert 0 < blocks < len(doc.blocks)
    assert scans == [len(lists)] * blocks
    assert scanner.lists == lists
    assert [(f.code, f.line, f.column, f.message) for f in second.findings] == [
        (f.code, f.line, f.column, f.message.replace("Launch", "Second"))
        for f in first.findings]
