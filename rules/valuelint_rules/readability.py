"""Readability: prose that is harder to read than it needs to be.

These rules are advisory (``info``) and weigh little in the score: a hard
topic can need long sentences, and a readability formula never says whether a
post is worth reading. They point at the places a reader is most likely to
give up.

Only the writer's own running prose is measured: paragraphs and list items,
not headings, table cells, captions or blockquotes. Syllables are counted as
textstat counts them (see :func:`syllables`); the syllable table and the
hyphenation patterns are read on the first count only, so a run that does not
reach READ003 on a long enough English text never loads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from valuelint.document import BlockKind, Document, ProseBlock
from valuelint.language import Analysis, Sentence, Token
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.hyphenation import english_points
from valuelint_rules.structure import block_words
from valuelint_rules.syllable_table import syllable_table

__all__ = [
    "RULES",
    "FleschReadingEase",
    "LongSentences",
    "PassiveVoice",
    "WallOfText",
    "flesch_band",
    "is_passive",
    "syllables",
]

#: Blocks whose prose the readability rules measure.
_RUNNING_PROSE = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
_QUOTE_WORDS = 8
#: Fewer words than this per comma make a list of items, not a sentence.
_ENUMERATION_RATIO = 4


def _is_word(token: Token) -> bool:
    return token.is_alpha or token.like_num or (
        not token.is_punct and any(c.isalnum() for c in token.text)
        and token.text[0] not in "'\u2019"
    )


def _enumeration(text: str, words: int) -> bool:
    """True for a run of names or items ("Ana Lima, Bo Chen, Cy Diaz, ..."), not prose.

    Prose has a comma every dozen words or so; a list of names written as a
    paragraph has one every two or three.
    """
    commas = text.count(",") + text.count(";")
    return commas >= 5 and words < _ENUMERATION_RATIO * commas


def _measured(doc: Document, index: int) -> bool:
    block = doc.blocks[index]
    return block.kind in _RUNNING_PROSE and not block.quoted


@dataclass(frozen=True, slots=True)
class _Measured:
    """A sentence of running prose with its word count."""

    sentence: Sentence
    words: int


def _sentences(doc: Document, analysis: Analysis) -> list[_Measured]:
    """Sentences of the writer's running prose that hold at least one word."""
    found: list[_Measured] = []
    for sentence in analysis.sentences:
        if not _measured(doc, sentence.block):
            continue
        words = sum(1 for t in analysis.sentence_tokens(sentence) if _is_word(t))
        if words:
            found.append(_Measured(sentence, words))
    return found


def _trimmed(block: ProseBlock, sentence: Sentence) -> tuple[int, int]:
    """The sentence's span in its block without the line breaks around it."""
    text = block.text[sentence.start : sentence.end]
    start = sentence.start + len(text) - len(text.lstrip())
    return start, max(start, sentence.start + len(text.rstrip()))


def _opening(block: ProseBlock, start: int, end: int) -> str:
    """The first few words of ``block.text[start:end]``, for quoting in a message."""
    words = block.text[start:end].split()
    said = " ".join(words[:_QUOTE_WORDS])
    return said + ("…" if len(words) > _QUOTE_WORDS else "")


class LongSentences(Rule):
    """Too many sentences longer than a reader can hold at once.

    ## What it does
    Counts the words of every sentence in the post's paragraphs and list
    items and reports the post when more than `max-share` of its sentences
    have over `max-words` words. The finding is placed on the longest
    sentence. Posts with fewer than `min-sentences` sentences are not
    measured, and a "sentence" that is a run of names or items (a comma
    every few words) is not counted as long.

    ## Why it matters to readers
    A reader keeps the start of a sentence in mind until its end. Past
    thirty words or so, many readers lose the thread and read it twice, or
    skim it; when most sentences are that long, a post is tiring even when
    its ideas are simple.

    ## Example
    ```markdown
    The new scheduler, which we started writing last spring after the old
    one had shown its limits under the load that the larger installations
    produce every night when their backups run, is now the default on every
    platform that we support except for the two that still lack the timer
    interface it relies on.
    ```

    ## Use instead
    Split at the joints: one idea per sentence. "The new scheduler is now the
    default. We started it last spring, when nightly backups on large
    installations pushed the old one past its limits. Two platforms still
    lack the timer it needs and keep the old one."

    ## Options
    - `max-words` (integer, default 30): a sentence with more words is long.
    - `max-share` (number, default 0.25): the post is reported when a larger
      share of its sentences is long.
    - `min-sentences` (integer, default 10): posts with fewer sentences are not measured.
    """

    code = "READ001"
    name = "long-sentences"
    category = Category.READABILITY
    severity = Severity.INFO
    options = (
        Option("max-words", 30, "A sentence with more words than this is long.",
               minimum=5, maximum=500),
        Option("max-share", 0.25, "Report the post when a larger share of its sentences "
               "is long.", minimum=0.0, maximum=1.0),
        Option("min-sentences", 10, "Posts with fewer sentences are not measured.",
               minimum=1, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        limit = int(ctx.options["max-words"])
        max_share = float(ctx.options["max-share"])
        doc = ctx.document
        measured = _sentences(doc, ctx.analysis)
        if len(measured) < int(ctx.options["min-sentences"]):
            return
        long = [m for m in measured if m.words > limit and not _enumeration(
            doc.blocks[m.sentence.block].text[m.sentence.start : m.sentence.end], m.words)]
        share = len(long) / len(measured)
        if not long or share <= max_share:
            return
        longest = max(long, key=lambda m: m.words)
        block = doc.blocks[longest.sentence.block]
        start, end = _trimmed(block, longest.sentence)
        excess = (share - max_share) / max(1.0 - max_share, 0.05)
        yield ctx.finding(
            f"{len(long)} of {len(measured)} sentences ({share:.0%}) run over {limit} words; "
            f"the longest ({longest.words} words) is \"{_opening(block, start, end)}\": "
            "split long sentences so each carries one idea",
            block=block, start=start, end=end, weight=round(0.5 + excess, 2),
        )


class WallOfText(Rule):
    """A paragraph so long that readers skip it.

    ## What it does
    Reports every paragraph of the writer's own prose (not blockquotes, list
    items or tables) with more than `max-words` words. A paragraph that is a
    run of names or items (a comma every few words, as in a list of
    contributors) is not prose to read through and is left alone.

    ## Why it matters to readers
    On a screen, a long unbroken block of text looks like work. Readers
    skim its first line and jump past it, and whatever it holds (often the
    explanation the post exists for) goes unread.

    ## Example
    ```markdown
    We moved the build to the new runners in March. (... another 250 words
    about the migration, the cache, the flaky tests and the plans for next
    quarter, all in one paragraph ...)
    ```

    ## Use instead
    Give each step of the argument its own paragraph, and open each with the
    sentence that says what it is about. A sequence of steps or options often
    reads better as a list.

    ## Options
    - `max-words` (integer, default 200): paragraphs with more words are reported.
    """

    code = "READ002"
    name = "wall-of-text"
    category = Category.READABILITY
    severity = Severity.INFO
    options = (
        Option("max-words", 200, "Paragraphs with more words than this are reported.",
               minimum=20, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        limit = int(ctx.options["max-words"])
        counts = block_words(ctx)
        for block, words in zip(ctx.document.blocks, counts, strict=True):
            if block.kind is not BlockKind.PARAGRAPH or block.quoted:
                continue
            if words <= limit or _enumeration(block.text, words):
                continue
            first_line = block.text.find("\n")
            yield ctx.finding(
                f"paragraph of {words} words (more than {limit}) starting "
                f"\"{_opening(block, 0, len(block.text))}\": break it into shorter "
                "paragraphs, one point each",
                block=block, start=0, end=first_line if first_line > 0 else len(block.text),
                weight=round(min(0.5 + 0.5 * (words / limit - 1), 1.5), 2),
            )


# ------------------------------------------------------------------ Flesch reading ease

_syllable_memo: dict[str, int] = {}
# textstat's word cleaning: apostrophes stay only in contractions, other punctuation goes.
_NONCONTRACTION_APOSTROPHE = re.compile(r"'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s']")


def syllables(word: str) -> int:
    """Syllables of a lowercased English word, counted the way textstat counts them.

    The first pronunciation in the CMU Pronouncing Dictionary (one syllable per
    vowel phone, the phones that carry a stress digit), else Pyphen's hyphenation
    points plus one (found by :mod:`valuelint_rules.hyphenation` from Pyphen's
    patterns); at least one.
    This is textstat's ``syllable_count`` for English, but the dictionary's
    counts come from the table valuelint ships (:mod:`valuelint_rules.syllable_table`),
    read in a few milliseconds, instead of the 0.7-1.9 s textstat spends building
    every pronunciation as lists on first use. Words are remembered once counted.
    """
    found = _syllable_memo.get(word)
    if found is None:
        found = max(_count_syllables(word), 1)
        _syllable_memo[word] = found
    return found


def _count_syllables(text: str) -> int:
    text = _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).lower()
    table = syllable_table()
    count = 0
    for word in text.split():
        found = table.get(word)
        count += found if found is not None else english_points()(word) + 1
    return count


#: Flesch's own bands: (lowest score, name), highest first.
_BANDS = (
    (90.0, "very easy"), (80.0, "easy"), (70.0, "fairly easy"), (60.0, "plain English"),
    (50.0, "fairly difficult"), (30.0, "difficult"), (0.0, "very difficult"),
)


def flesch_band(score: float) -> str:
    """Flesch's name for a reading-ease score."""
    for lowest, name in _BANDS:
        if score >= lowest:
            return name
    return "extremely difficult"


class FleschReadingEase(Rule):
    """Prose that scores as very hard to read on the Flesch reading-ease scale.

    ## What it does
    Computes the Flesch reading ease of the post's paragraphs and list items
    (206.835 - 1.015 x words per sentence - 84.6 x syllables per word;
    sentences and words as valuelint splits them, syllables from the CMU
    pronouncing dictionary) and reports the post when it scores below
    `min-score`. Posts with fewer than `min-words` words of running prose
    are not measured: the formula means nothing on a few sentences. Only
    English posts are measured.

    ## Why it matters to readers
    Long sentences built from long words are what makes text slow to read.
    A score below 30 ("very difficult") is what academic papers and legal
    contracts get; most readers of a blog expect far easier going, and a
    technical topic rarely needs more than "difficult" (30-50).

    ## Example
    ```markdown
    Consideration of the aforementioned organisational considerations
    necessitates a comprehensive reevaluation of infrastructural
    prioritisation methodologies, notwithstanding the considerable
    implementation complexity anticipated.
    ```

    ## Use instead
    Shorter sentences and everyday words: "Because the team changed, we
    need to decide again which parts of the infrastructure come first, even
    though that work will be hard." Keep the technical terms readers need,
    and drop the long words that only sound formal.

    ## Options
    - `min-score` (number, default 30): posts scoring below this are reported.
    - `min-words` (integer, default 100): posts with fewer words of running
      prose are not measured.
    """

    code = "READ003"
    languages = ENGLISH
    name = "flesch-reading-ease"
    category = Category.READABILITY
    severity = Severity.INFO
    options = (
        Option("min-score", 30.0, "Posts scoring below this Flesch reading ease are "
               "reported.", minimum=-200.0, maximum=120.0),
        Option("min-words", 100, "Posts with fewer words of running prose are not measured.",
               minimum=30, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        min_words = int(ctx.options["min-words"])
        min_score = float(ctx.options["min-score"])
        doc = ctx.document
        if sum(block_words(ctx)) < min_words:
            return  # Before any analysis: running prose is a part of all prose.
        analysis = ctx.analysis
        if analysis.language != "en":
            return
        sentences = 0
        words: list[str] = []
        for sentence in analysis.sentences:
            if not _measured(doc, sentence.block):
                continue
            found = [t.lower for t in analysis.sentence_tokens(sentence) if t.is_alpha]
            if found:
                sentences += 1
                words.extend(found)
        if len(words) < min_words:
            return
        memo = _syllable_memo
        total = 0
        for word in words:
            count = memo.get(word)
            total += count if count is not None else syllables(word)
        per_sentence = len(words) / sentences
        per_word = total / len(words)
        score = 206.835 - 1.015 * per_sentence - 84.6 * per_word
        if score >= min_score:
            return
        yield ctx.finding(
            f"Flesch reading ease is {score:.0f} ({flesch_band(score)}): sentences average "
            f"{per_sentence:.0f} words and words {per_word:.2f} syllables; shorten sentences "
            "and prefer everyday words",
            line=doc.title_line,
            weight=round(min(0.5 + (min_score - score) / 30, 1.5), 2),
        )


# ------------------------------------------------------------------------ passive voice

_PASSIVE_DEPS = frozenset({"nsubjpass", "auxpass", "csubjpass"})


def is_passive(tokens: Sequence[Token]) -> bool:
    """True when a tagged sentence has a passive construction.

    The parser's passive relations (``nsubjpass``, ``auxpass``) when present;
    otherwise a past participle (tag ``VBN``) after a form of "be", with
    adverbs and "not" allowed in between ("was quickly fixed").
    """
    be_before = False
    for token in tokens:
        if token.dep in _PASSIVE_DEPS:
            return True
        if token.tag == "VBN" and be_before:
            return True
        if token.lemma == "be":
            be_before = True
        elif token.tag in ("RB", "RBR", "RBS") or token.lower in ("not", "n't"):
            continue
        else:
            be_before = False
    return False


class PassiveVoice(Rule):
    """Many sentences in the passive voice (needs a trained spaCy pipeline).

    ## What it does
    With a trained spaCy pipeline configured (`model = "en_core_web_sm"`),
    finds sentences in the passive voice ("the bug was fixed", "it has been
    decided") in the post's paragraphs and list items and reports the post
    when more than `max-share` of its sentences are passive. The finding is
    placed on the first passive sentence. Posts with fewer than
    `min-sentences` sentences are not measured. Without a trained pipeline
    the rule is skipped, and valuelint says so once.

    ## Why it matters to readers
    The passive hides who acted: "mistakes were made" tells the reader
    nothing about who made them or who fixes them. A few passives are
    natural; a post full of them reads as evasive and is slower to follow.

    ## Example
    ```markdown
    The release was delayed. The decision was made to rewrite the parser,
    and the old one was removed after the tests were updated.
    ```

    ## Use instead
    Name the actor: "We delayed the release. We decided to rewrite the
    parser, updated the tests and then removed the old one." Keep the
    passive where the actor does not matter ("the file is created on first
    run").

    ## Options
    - `max-share` (number, default 0.25): the post is reported when a larger
      share of its sentences is passive.
    - `min-sentences` (integer, default 10): posts with fewer sentences are not measured.
    """

    code = "READ004"
    languages = ENGLISH
    name = "passive-voice"
    category = Category.READABILITY
    severity = Severity.INFO
    needs_tagger = True
    options = (
        Option("max-share", 0.25, "Report the post when a larger share of its sentences "
               "is passive.", minimum=0.0, maximum=1.0),
        Option("min-sentences", 10, "Posts with fewer sentences are not measured.",
               minimum=1, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        max_share = float(ctx.options["max-share"])
        minimum = int(ctx.options["min-sentences"])
        doc = ctx.document
        analysis = ctx.analysis
        if not analysis.tagged or analysis.language != "en":
            return
        measured = _sentences(doc, analysis)
        if len(measured) < minimum:
            return
        passive = [m.sentence for m in measured
                   if is_passive(analysis.sentence_tokens(m.sentence))]
        share = len(passive) / len(measured)
        if not passive or share <= max_share:
            return
        first = passive[0]
        block = doc.blocks[first.block]
        start, end = _trimmed(block, first)
        excess = (share - max_share) / max(1.0 - max_share, 0.05)
        yield ctx.finding(
            f"{len(passive)} of {len(measured)} sentences ({share:.0%}) are in the passive "
            f"voice, such as \"{_opening(block, start, end)}\": say who does "
            "what (\"we fixed the bug\", not \"the bug was fixed\")",
            block=block, start=start, end=end, weight=round(0.5 + excess, 2),
        )


RULES = (LongSentences, WallOfText, FleschReadingEase, PassiveVoice)
