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

from valuelint_rules.readability.flesch_reading_ease import (
    FleschReadingEase,
    flesch_band,
    syllables,
)
from valuelint_rules.readability.long_sentences import LongSentences
from valuelint_rules.readability.passive_voice import PassiveVoice, is_passive
from valuelint_rules.readability.wall_of_text import WallOfText

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

RULES = (LongSentences, WallOfText, FleschReadingEase, PassiveVoice)
