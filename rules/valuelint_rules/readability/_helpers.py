"""What the readability rules share: the sentences of running prose they measure, and how
they quote one in a message."""

from __future__ import annotations

from dataclasses import dataclass

from valuelint.document import Document, ProseBlock
from valuelint.facts import Scope
from valuelint.language import Analysis, Sentence, Token

#: Words of a sentence quoted in a message.
_QUOTE_WORDS = 8
#: Fewer words than this per comma make a list of items, not a sentence.
_ENUMERATION_RATIO = 4


def _is_word(token: Token) -> bool:
    """A word to count in a sentence: letters, a number, or a name like "C++" or "3.12"."""
    return token.is_alpha or token.like_num or (
        not token.is_punct and any(c.isalnum() for c in token.text)
        and token.text[0] not in "'\u2019"
    )


def is_enumeration(text: str, words: int) -> bool:
    """True for a run of names or items ("Ana Lima, Bo Chen, Cy Diaz, ..."), not prose.

    Prose has a comma every dozen words or so; a list of names written as a
    paragraph has one every two or three.
    """
    commas = text.count(",") + text.count(";")
    return commas >= 5 and words < _ENUMERATION_RATIO * commas


def is_measured(doc: Document, index: int) -> bool:
    """Whether the block at ``index`` is the writer's running prose (not quoted)."""
    return Scope.RUNNING_PROSE.holds(doc.blocks[index])


@dataclass(frozen=True, slots=True)
class MeasuredSentence:
    """A sentence of running prose with its word count."""

    sentence: Sentence
    words: int


def measured_sentences(doc: Document, analysis: Analysis) -> list[MeasuredSentence]:
    """Sentences of the writer's running prose that hold at least one word."""
    found: list[MeasuredSentence] = []
    for sentence in analysis.sentences:
        if not is_measured(doc, sentence.block):
            continue
        words = sum(1 for t in analysis.sentence_tokens(sentence) if _is_word(t))
        if words:
            found.append(MeasuredSentence(sentence, words))
    return found


def trimmed(block: ProseBlock, sentence: Sentence) -> tuple[int, int]:
    """The sentence's span in its block without the line breaks around it."""
    text = block.text[sentence.start : sentence.end]
    start = sentence.start + len(text) - len(text.lstrip())
    return start, max(start, sentence.start + len(text.rstrip()))


def opening(block: ProseBlock, start: int, end: int) -> str:
    """The first few words of ``block.text[start:end]``, for quoting in a message."""
    words = block.text[start:end].split()
    said = " ".join(words[:_QUOTE_WORDS])
    return said + ("…" if len(words) > _QUOTE_WORDS else "")
