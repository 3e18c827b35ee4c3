"""The language layer's tokens: made quickly, yet the same immutable tokens as ``Token(...)``."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest

from valuelint.document import parse_document
from valuelint.language import Token, analyse, get_pipeline, untagged_token


def test_quickly_made_tokens_equal_tokens_made_by_the_dataclass() -> None:
    fields = ("Buying", "buying", "buy", 4, 10, True, False, False, False, True)
    quick = untagged_token(*fields)
    assert quick == Token(*fields)
    assert dataclasses.astuple(quick) == (*fields, "", "", "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick.lower = "selling"  # type: ignore[misc]


def test_every_field_of_an_analysed_token_is_the_words_own() -> None:
    doc = parse_document("post.md", 'We measured "2 GB" and it\'s 10 times faster.\n')
    tokens = analyse(doc, get_pipeline("en")).tokens[0]
    by_text = {t.text: t for t in tokens}
    assert [t.text for t in tokens] == ["We", "measured", '"', "2", "GB", '"', "and", "it",
                                        "'s", "10", "times", "faster", "."]
    assert by_text["measured"] == Token("measured", "measured", "measure", 3, 11, True,
                                        False, False, False, False)
    assert by_text["2"].like_num and by_text["2"].quoted
    assert by_text["We"].is_stop and not by_text["10"].is_alpha
    assert by_text["."].is_punct
    assert all(doc.blocks[0].text[t.start:t.end] == t.text for t in tokens)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Don't buy it! We measured 2.5 GB/s (e.g. on U.S. servers) -- it's 10x faster."),
    ("de", "Wir haben's gemessen: z. B. 2,5 GB/s. Das ist schneller als 1.000 andere."),
    ("fr", "L'outil est prêt ; aujourd'hui c'est 10 % plus rapide. Voilà !"),
])
def test_the_pipeline_splits_text_as_spacy_blank_does(lang: str, text: str) -> None:
    from valuelint.language import import_spacy

    spacy = import_spacy()
    blank = spacy.blank(lang)
    blank.add_pipe("sentencizer")
    ours = get_pipeline(lang).nlp(text)
    theirs = blank(text)

    def fields(doc: object) -> list[tuple[object, ...]]:
        return [(t.text, t.idx, t.lower_, t.is_alpha, t.like_num, t.is_punct, t.is_stop,
                 t.is_sent_start) for t in doc]  # type: ignore[attr-defined]

    assert fields(ours) == fields(theirs)


#: Paragraphs whose sentence ends are easy to get wrong: marks in a row, marks
#: followed by quotes or brackets, spaces before and after, marks spaCy does not
#: split off, a paragraph that opens with a mark, marks of other scripts.
_SENTENCE_TEXTS = [
    "It works. It is fast! Is it? Yes.",
    "Wait... what?! Really?? Yes!!! OK .",
    'He said "stop." Then he left. (It was late.) Next [day.] Done',
    "Version 2.5 ships on Jan. 3. The U.S. team, e.g. Bob, agrees.",
    ". Leading mark. \u2014 dash. . . spaced dots",
    "Two  spaces.  After   a mark.   Ends with spaces.   ",
    "\u3053\u308c\u306f\u30da\u30f3\u3067\u3059\u3002\u305d\u3046\uff01 Mixed\uff1f yes\u3002",
    "A line\nbreak. Another line\nand more.\nLast line",
    "no marks at all here",
    "!",
]


def test_sentences_are_those_of_spacys_sentencizer() -> None:
    # analyse applies the sentencizer's rule while it reads the tokens; spaCy's own
    # sentencizer, run on each paragraph, must give the same sentences.
    from valuelint.language import import_spacy

    nlp = import_spacy().blank("en")
    nlp.add_pipe("sentencizer")
    post = "\n\n".join(_SENTENCE_TEXTS) + "\n"
    doc = parse_document("post.md", post)
    analysis = analyse(doc, get_pipeline("en"))
    expected = []
    for index, block in enumerate(doc.blocks):
        starts = [t.start for t in analysis.tokens[index]]
        for sent in nlp(block.text).sents:
            words = [t.idx for t in sent if not t.is_space]
            if words:
                expected.append((index, sent.start_char, sent.end_char, starts.index(words[0]),
                                 starts.index(words[-1]) + 1))
    ours = [(s.block, s.start, s.end, s.first_token, s.last_token) for s in analysis.sentences]
    assert len(doc.blocks) == len(_SENTENCE_TEXTS)
    assert ours == expected
    assert len(ours) > 20


_THREADS_AFTER_LOADING = """
import os
from valuelint.language import get_pipeline
get_pipeline("en")
print(len(os.listdir("/proc/self/task")), os.environ["OPENBLAS_NUM_THREADS"])
"""


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
@pytest.mark.parametrize("setting", [None, "2"])
def test_loading_spacy_starts_no_blas_threads_unless_the_user_asks(setting: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    if setting is not None:
        env["OPENBLAS_NUM_THREADS"] = setting
    done = subprocess.run([sys.executable, "-c", _THREADS_AFTER_LOADING], env=env,
                          capture_output=True, text=True, check=True)
    threads, asked = done.stdout.split()
    assert asked == (setting or "1")
    if setting is None:
        assert threads == "1"
    elif (os.cpu_count() or 1) > 1:
        assert int(threads) > 1  # the user's choice is kept: BLAS runs its own thread


def test_words_met_once_are_not_kept_by_the_process() -> None:
    """A worker judging millions of posts must not grow with every new word it reads:
    spaCy forgets a post's new words once the post is read."""
    pipeline = get_pipeline("en")
    strings = pipeline.nlp.vocab.strings

    def read(number: int) -> None:
        made_up = " ".join(f"zorbix{number}q{word}" for word in range(200))
        doc = parse_document("post.md", f"# Post {number}\n\nWe tried {made_up} today.\n")
        tokens = analyse(doc, pipeline).tokens[1]
        assert tokens[2].text == f"zorbix{number}q0"

    read(0)
    before = len(strings)
    for number in range(1, 30):
        read(number)
    assert len(strings) == before
    assert "zorbix7q3" not in strings


def test_an_edited_post_is_read_as_a_fresh_process_reads_it() -> None:
    """The editor sends a post again after each keystroke: blocks read before come from
    the pipeline's memo, and the reading equals one made with nothing remembered."""
    from valuelint.language import BLOCK_MEMO_CHARS, BlockMemo

    pipeline = get_pipeline("en")
    first = ('# Launch notes\n\nWe said "it is 2x faster" and measured it. Really!\n\n'
             "- one item\n- two items\n\nA closing paragraph. With two sentences.\n")
    edited = first.replace("one item", "one item, now longer. And a new sentence")
    analyse(parse_document("post.md", first), pipeline)
    remembered = analyse(parse_document("post.md", edited), pipeline)
    kept = pipeline.blocks
    try:
        pipeline.blocks = BlockMemo(BLOCK_MEMO_CHARS)
        fresh = analyse(parse_document("post.md", edited), pipeline)
    finally:
        pipeline.blocks = kept
    assert remembered.tokens == fresh.tokens
    assert remembered.sentences == fresh.sentences
    assert "A closing paragraph. With two sentences." in kept


def test_the_block_memo_stays_within_its_size() -> None:
    from valuelint.language import BlockMemo

    pipeline = get_pipeline("en")
    kept = pipeline.blocks
    try:
        memo = pipeline.blocks = BlockMemo(2_000)
        for number in range(200):
            analyse(parse_document("post.md", f"Paragraph number {number} of many.\n"), pipeline)
        assert 0 < len(memo) <= 2_000 // len("Paragraph number 100 of many.")
        assert "Paragraph number 199 of many." in memo
        assert "Paragraph number 0 of many." not in memo
    finally:
        pipeline.blocks = kept
