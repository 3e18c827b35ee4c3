"""Word lists matched as written (the promotion lexicons, hype words in titles) find what a
plain word-by-word search finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from valuelint.language import Token, get_pipeline, untagged_token
from valuelint.wordlists import NUMBER, Forms, Match, PhraseMatcher

PHRASES = ("world class", "world", "best in class", "class", "<num> times faster",
           "<num> percent", "leading", "industry leading", "times", "the best")
WORDS = ("world", "class", "best", "in", "leading", "industry", "times", "faster",
         "percent", "the", "World", "CLASS", "10", "3.5", "ten", "plain")


def _token(i: int, text: str, quoted: bool) -> Token:
    number = text[0].isdigit() or text == "ten"
    return untagged_token(text, text.lower(), text.lower(), 6 * i, 6 * i + len(text),
                          text.isalpha(), number, False, False, quoted)


def _expected(tokens: list[Token], skip_quoted: bool) -> list[Match]:
    """Left to right; at each place the longest of the phrases that match word for word
    (then the first alphabetically), a <num> word matching any number."""
    entries = [(p, p.split()) for p in PHRASES]

    def ordered(first: str) -> list[tuple[str, list[str]]]:
        return sorted((e for e in entries if e[1][0] == first), key=lambda e: (-len(e[1]), e[0]))

    found: list[Match] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        hit = None
        if not (skip_quoted and token.quoted):
            candidates = sorted(ordered(token.lower) + (ordered(NUMBER) if token.like_num else []),
                                key=lambda e: (-len(e[1]), e[0]))
            for phrase, words in candidates:
                span = tokens[i:i + len(words)]
                if len(span) == len(words) and all(
                        t.like_num if w == NUMBER else t.lower == w
                        for t, w in zip(span, words, strict=True)):
                    hit = Match(phrase, i, i + len(words), token.start, span[-1].end)
                    break
        if hit is None:
            i += 1
        else:
            found.append(hit)
            i = hit.last_token
    return found


@settings(max_examples=400, derandomize=True, database=None, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.booleans()), max_size=14), st.booleans())
def test_exact_matches_are_those_a_word_by_word_search_finds(
    words: list[tuple[str, bool]], skip_quoted: bool,
) -> None:
    matcher = PhraseMatcher(PHRASES, get_pipeline("en"), Forms.WRITTEN)
    tokens = [_token(i, text, quoted) for i, (text, quoted) in enumerate(words)]
    assert list(matcher.finditer(tokens, skip_quoted=skip_quoted)) == _expected(tokens, skip_quoted)


def test_a_phrase_matches_as_written_in_any_case_and_a_number_stands_for_any_number() -> None:
    matcher = PhraseMatcher(PHRASES, get_pipeline("en"), Forms.WRITTEN)
    tokens = [_token(i, w, False) for i, w in enumerate(
        ["The", "BEST", "in", "class", ":", "3.5", "times", "faster"])]
    assert [m.phrase for m in matcher.finditer(tokens)] == [
        "the best", "class", "<num> times faster"]
