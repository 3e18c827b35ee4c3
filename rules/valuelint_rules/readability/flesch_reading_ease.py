"""READ003: prose that scores as very hard to read on the Flesch reading-ease scale.

Syllables are counted as textstat counts them (see :func:`syllables`); the
syllable table and the hyphenation patterns are read on the first count only,
so a run that does not reach READ003 on a long enough English text never
loads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.hyphenation import english_points
from valuelint_rules.readability._helpers import is_measured
from valuelint_rules.syllable_table import syllable_table

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
    return _SYLLABLES[word]


def _count_syllables(text: str) -> int:
    text = _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).lower()
    table = syllable_table()
    count = 0
    for word in text.split():
        found = table.get(word)
        count += found if found is not None else english_points()(word) + 1
    return count


class _SyllableCounts(dict[str, int]):
    """Syllables of each word counted so far: a word is counted on its first use only."""

    def __missing__(self, word: str) -> int:
        found = self[word] = max(_count_syllables(word), 1)
        return found


#: Kept for the life of the process, so a worker counts each kind of word once.
_SYLLABLES = _SyllableCounts()


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
        if ctx.facts.word_count < min_words:
            return  # Before any analysis: running prose is a part of all prose.
        analysis = ctx.analysis
        if analysis.language != "en":
            return
        sentences = 0
        words: list[str] = []
        for sentence in analysis.sentences:
            if not is_measured(doc, sentence.block):
                continue
            found = [t.lower for t in analysis.sentence_tokens(sentence) if t.is_alpha]
            if found:
                sentences += 1
                words.extend(found)
        if len(words) < min_words:
            return
        total = sum(map(_SYLLABLES.__getitem__, words))
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
