"""A mention is not a use: telling the writer's own pitch from talk about one.

Phrase rules (PROM001, PROM006, BAIT001, BAIT003) report a *use* of a listed
phrase: the writer addressing the reader, with an imperative that starts its
clause (possibly after fillers such as "please" or "just", or after a
directive frame such as "don't forget to" or "you should"), or the writer's
own claim. They do not report a *mention*: a phrase in a reporting frame
("the article explains how anyone can buy likes", "agencies that sell
instant followers"), negated or set against something ("never buy
followers", "tools over cutting-edge ones"), with a third-person or
past-tense subject ("marketers want results RIGHT NOW", "we were told to act
now"), an inflected verb where the list has an imperative ("bought
followers" is not "buy followers"), or in a speaker-labelled interview line
("**A:** It was the best decision we ever made."). Quotation marks and
blockquotes are skipped before any of this, by the matchers.

Lexicon rules (PROM002-PROM004) and PROM005 judge claims, not imperatives:
for them only the interview, reporting and negation frames apply, since
praise of a third party is still praise.

Everything here works on the tokenizer's words and sentence boundaries, with
small word lists kept as data in ``wordlists/mention_*.txt``; no tagger.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from valuelint.document import BlockKind, Document, ProseBlock
from valuelint.language import Pipeline, Sentence, Token
from valuelint.rule import RuleContext
from valuelint.wordlists import NUMBER, load_phrases, phrase_words

__all__ = ["Kind", "documents_mentions", "mention", "sentence_index"]

PACKAGE = "valuelint_rules"


class Kind(StrEnum):
    """What a rule's phrases are: imperatives and claims, or claims only."""

    PHRASE = "phrase"
    """Calls to action and pitches: every frame applies."""
    CLAIM = "claim"
    """Praise and superlatives: interview, reporting and negation frames apply."""


#: Tokens that end a clause; a hyphen or slash does only with spaces around it.
_CLAUSE_MARKS = frozenset({
    ",", ";", ":", "\u2014", "\u2013", "--", "(", ")", "[", "]", "!", "?", ".", "\u2026",
    "...", "|", '"', "\u201c", "\u201d", "\u00ab", "\u00bb", "*",
})
_SPACED_MARKS = frozenset({"-", "/"})
_COORDINATION = frozenset({"and", "or", "but", "plus"})
_RESET = frozenset({"but", "yet"})
#: How many words before a praise word or superlative a negation may end.
_CLAIM_WINDOW = 5
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it", "someone", "people"})
_LABEL = re.compile(r"^([^\W\d_][\w.'\u2019;-]*(?:\s+[^\W\d_][\w.'\u2019-]*){0,3})\s*:\s")


def _norm(word: str) -> str:
    return word.replace("\u2019", "'")


class _Frames:
    """The phrases of one frame list, found by their last word."""

    def __init__(self, phrases: Iterable[str], pipeline: Pipeline) -> None:
        self._by_last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(_norm(w) for w in phrase_words(phrase, pipeline))
            if words:
                self._by_last.setdefault(words[-1], []).append(words)
        for entries in self._by_last.values():
            entries.sort(key=len, reverse=True)

    def ending_at(self, lowers: Sequence[str], end: int, start: int) -> int | None:
        """Where a frame ending just before ``end`` starts (not before ``start``), or None."""
        if end <= start:
            return None
        for words in self._by_last.get(lowers[end - 1], ()):
            begin = end - len(words)
            if begin >= start and tuple(lowers[begin:end]) == words:
                return begin
        return None

    def found_in(self, tokens: Sequence[Token], lowers: Sequence[str], start: int,
                 end: int) -> int | None:
        """The end of the last frame wholly inside ``lowers[start:end]``, or None.

        A frame inside a hyphenated word ("fortune-telling") does not count.
        """
        for stop in range(end, start, -1):
            begin = self.ending_at(lowers, stop, start)
            if begin is not None and not _in_compound(tokens, begin, stop):
                return stop
        return None


def _in_compound(tokens: Sequence[Token], begin: int, end: int) -> bool:
    """Whether ``tokens[begin:end]`` is joined to a word before or after by a hyphen."""
    if begin > 0 and tokens[begin - 1].text == "-" and tokens[begin - 1].end == tokens[begin].start:
        return True
    return end < len(tokens) and tokens[end].text == "-" \
        and tokens[end].start == tokens[end - 1].end


@dataclass(frozen=True, slots=True)
class _Lists:
    reporting: _Frames
    negation: _Frames
    directives: _Frames
    fillers: frozenset[str]
    subjects: frozenset[str]
    past: frozenset[str]
    verbs: frozenset[str]
    speakers: frozenset[str]
    callouts: frozenset[str]


_lists: dict[int, _Lists] = {}


def _lists_for(pipeline: Pipeline) -> _Lists:
    found = _lists.get(id(pipeline))
    if found is None:
        def words(name: str) -> frozenset[str]:
            return frozenset(_norm(w) for w in load_phrases(PACKAGE, name))

        def frames(name: str) -> _Frames:
            return _Frames(load_phrases(PACKAGE, name), pipeline)

        found = _lists[id(pipeline)] = _Lists(
            reporting=frames("mention_reporting"), negation=frames("mention_negation"),
            directives=frames("mention_directives"), fillers=words("mention_fillers"),
            subjects=words("mention_subjects"), past=words("mention_past"),
            verbs=words("mention_verbs"), speakers=words("mention_speakers"),
            callouts=words("mention_callouts"))
    return found


_words: dict[tuple[int, str], list[str]] = {}


def _phrase_words(phrase: str, pipeline: Pipeline) -> list[str]:
    """A list entry's words, curly apostrophes made straight (once per process)."""
    key = (id(pipeline), phrase)
    found = _words.get(key)
    if found is None:
        if len(_words) >= 100_000:
            _words.clear()
        found = _words[key] = [_norm(w) for w in phrase_words(phrase, pipeline)]
    return found


def _ends_clause(tokens: Sequence[Token], at: int) -> bool:
    """Whether ``tokens[at]`` marks a clause boundary (punctuation or a symbol)."""
    token = tokens[at]
    text = token.text
    if text in _CLAUSE_MARKS:
        return True
    if text in _SPACED_MARKS:
        before = at > 0 and tokens[at - 1].end == token.start
        after = at + 1 < len(tokens) and tokens[at + 1].start == token.end
        return not (before or after)
    # Emoji, arrows and other symbols set a call to action apart ("👉 Buy now").
    return not token.is_punct and not any(c.isalnum() for c in text)


def sentence_index(ctx: RuleContext) -> dict[int, list[Sentence]]:
    """Sentences of each block, in order (computed once per post, shared by the pack)."""
    return ctx.per_post(_sentences_by_block)


def _sentences_by_block(ctx: RuleContext) -> dict[int, list[Sentence]]:
    by_block: dict[int, list[Sentence]] = {}
    for sentence in ctx.analysis.sentences:
        by_block.setdefault(sentence.block, []).append(sentence)
    return by_block


def _sentence(ctx: RuleContext, index: int, first: int) -> tuple[int, int]:
    """The token range of the sentence holding ``tokens[first]`` in block ``index``."""
    sentences = sentence_index(ctx).get(index, [])
    at = bisect.bisect_right([s.first_token for s in sentences], first) - 1
    if at < 0:
        return 0, len(ctx.analysis.tokens[index])
    return sentences[at].first_token, sentences[at].last_token


def _label(doc: Document, block: ProseBlock, lists: _Lists) -> tuple[str, bool] | None:
    """The label before a colon that opens a paragraph, and whether it is bold; None if none."""
    if block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
        return None
    found = _LABEL.match(block.text)
    if found is None:
        return None
    label = _norm(found.group(1).lower())
    if label in lists.callouts:
        return None
    at = block.source_offset(0)
    bold = doc.source[max(0, at - 2):at] in ("**", "__") \
        and all(word[:1].isupper() for word in found.group(1).split())
    return label, bold


def speaker_lines(doc: Document, lists: _Lists) -> frozenset[int]:
    """The paragraphs that are a speaker's line in an interview ("**A:** ...", "Q: ...").

    A label from mention_speakers.txt always counts; another label counts
    when it is bold, capitalised and opens at least two paragraphs, as a
    speaker's name does ("**Kat:**", "**Jan David Nose**:"), unlike a field
    label used once ("**Price:**").
    """
    labels = {index: found for index, block in enumerate(doc.blocks)
              if (found := _label(doc, block, lists)) is not None}
    bold = Counter(label for label, is_bold in labels.values() if is_bold)
    return frozenset(index for index, (label, is_bold) in labels.items()
                     if label in lists.speakers or (is_bold and bold[label] >= 2))


def _lowers(ctx: RuleContext, index: int) -> list[str]:
    """The lowercase words of block ``index``, curly apostrophes made straight (cached)."""
    cache = ctx.per_post(_lowers_by_block)
    found = cache.get(index)
    if found is None:
        found = cache[index] = [_norm(t.lower) for t in ctx.analysis.tokens[index]]
    return found


def _lowers_by_block(ctx: RuleContext) -> dict[int, list[str]]:
    """The post's blocks' lowercase words, filled in block by block as they are asked for."""
    return {}


def _is_speaker_line(ctx: RuleContext, index: int) -> bool:
    return index in ctx.per_post(_speaker_lines)


def _speaker_lines(ctx: RuleContext) -> frozenset[int]:
    return speaker_lines(ctx.document, _lists_for(ctx.pipeline))


def mention(ctx: RuleContext, index: int, first: int, last: int, phrase: str | None = None,
            *, markers: frozenset[str] = frozenset(), kind: Kind = Kind.PHRASE) -> str | None:
    """Why ``tokens[first:last]`` of block ``index`` are a mention, or None for a use.

    ``phrase`` is the word-list entry they matched (its words tell an
    imperative from an inflected form); ``markers`` are the entry's markers
    (``clause-end``: the phrase counts only where it ends its clause).
    """
    lists = _lists_for(ctx.pipeline)
    if _is_speaker_line(ctx, index):
        return "a speaker's line in an interview"
    tokens = ctx.analysis.tokens[index]
    start, end = _sentence(ctx, index, first)
    if "clause-end" in markers and last < end and not _ends_clause(tokens, last):
        return "the phrase goes on into something else"
    lowers = _lowers(ctx, index)
    verb_first = False
    if phrase is not None and kind is Kind.PHRASE:
        words = _phrase_words(phrase, ctx.pipeline)
        verb_first = bool(words) and words[0] in lists.verbs
        if len(words) == last - first:
            for k, word in enumerate(words):
                form = lowers[first + k]
                # A clitic ("n't" for "not", "'ll" for "will") is the same word.
                if word == NUMBER or form == word or form.startswith(("'", "n'")):
                    continue
                if k == 0 and verb_first:
                    return f'"{tokens[first].text}" is not the imperative "{word}"'
                # A plural, or the base form of an inflected entry word ("while
                # stock lasts" found as "while stocks last"), is the same phrase.
                if form not in (word + "s", word + "es", ctx.pipeline.lemma(word)):
                    return f'"{tokens[first + k].text}" is another form of "{word}"'
    if lists.reporting.found_in(tokens, lowers, start, first) is not None:
        return "reported or talked about, not addressed to the reader"
    # The start of the clause, and any negation or contrast in it.
    clause = start
    for at in range(first - 1, start - 1, -1):
        if _ends_clause(tokens, at):
            clause = at + 1
            break
    if kind is Kind.CLAIM:
        # A claim is negated by a word close before it, unless the writer owns
        # it ("competitors cannot keep up with our unrivaled ...").
        if lowers[first - 1:first] in (["our"], ["my"]):
            return None
        near = max(clause, first - _CLAIM_WINDOW)
        return "negated or set against something" \
            if _negated(tokens, lowers, clause, first, lists, near) else None
    negated = _negated(tokens, lowers, clause, first, lists, clause)
    # An imperative: the phrase starts its clause, over fillers only.
    at = first
    while at > start and lowers[at - 1] in lists.fillers:
        at -= 1
    coordinated = any(lowers[k] in _COORDINATION for k in range(at, first))
    if at == start or _ends_clause(tokens, at - 1):
        if coordinated and _narrative(tokens, lowers, start, at, lists):
            return "goes on a third-person or past-tense clause"
        return None
    if lists.directives.ending_at(lowers, at, start) is not None:
        return None
    # "Subscribe to my channel and hit the bell": one imperative joined to another.
    if coordinated and _starts_with_imperative(lowers, clause, at, lists):
        return None
    if verb_first:
        return "not an imperative: the verb has a subject or an auxiliary of its own"
    if negated:
        return "negated or set against something"
    if _narrative(tokens, lowers, clause, first, lists):
        return "a third-person or past-tense subject"
    return None


def _starts_with_imperative(lowers: Sequence[str], clause: int, end: int,
                            lists: _Lists) -> bool:
    """Whether the clause ``lowers[clause:end]`` opens with an imperative or a directive frame."""
    at = clause
    while at < end and lowers[at] in lists.fillers:
        at += 1
    return at < end and lowers[at] in lists.verbs


def _negated(tokens: Sequence[Token], lowers: Sequence[str], clause: int, first: int,
             lists: _Lists, near: int) -> bool:
    """A negation or contrast in the clause that ends at or after ``near``."""
    for at in range(first - 1, near - 1, -1):
        if lowers[at] in _RESET:
            return False
        begin = lists.negation.ending_at(lowers, at + 1, clause)
        if begin is None or _in_compound(tokens, begin, at + 1):
            continue
        # "over 50% off" is a quantity, not a contrast.
        if at + 1 == first and tokens[first].like_num:
            continue
        return True
    return False


def _narrative(tokens: Sequence[Token], lowers: Sequence[str], start: int, end: int,
               lists: _Lists) -> bool:
    """A third-person subject or a past tense in ``tokens[start:end]``."""
    for at in range(start, end):
        word = lowers[at]
        if word in lists.subjects or word in lists.past:
            return True
        if at > start and word.endswith("ed") and tokens[at].lemma != word \
                and lowers[at - 1] in _PRONOUNS:
            return True
    return False


# --------------------------------------------------------------------------- rule docs

#: What a rule's page says it leaves alone, written once for every rule that judges
#: mentions; a docstring names one with a line ``{use-not-mention}`` or
#: ``{claim-not-mention}``, and :func:`documents_mentions` puts the paragraph there.
_MENTION_DOCS = {
    "use-not-mention": """\
*Mentions are not reported.* Only a *use* counts: the writer addressing
the reader, with an imperative that starts its clause (after a sentence
start, a clause mark or a symbol, possibly after "please", "just", "now"
or "and", or after a directive frame such as "don't forget to", "be sure
to", "you should", "you can"), or the writer's own claim. A *mention* is
not reported: quoted or in a blockquote; in reported speech or a
reporting frame ("said", "asked", "explains how", "an article about",
"services that"); negated or contrasted ("not", "never", "over", "than",
"far from"); with a third-person or past-tense subject ("marketers want
results RIGHT NOW", "we were told to act now"); an inflected verb where
the list has an imperative ("bought followers" is not "buy followers");
or in a speaker-labelled interview line ("**A:** ...", "Q: ..."). The
frames are the `mention_*` word lists; phrases added with
`extend-phrases` are judged the same way.
""",
    "claim-not-mention": """\
*Mentions are not reported.* Praise the writer only mentions is not
reported: in reported speech or a reporting frame ("critics called it",
"referred to as", "the vendor claims"), negated or set against something
close before it ("not quite as spectacular", "proven tools over
cutting-edge ones", "far from state-of-the-art"; not after "our" or
"my", where the claim is the writer's own), or in a speaker-labelled
interview line ("**A:** It was the best decision we ever made."). The
frames are the `mention_*` word lists.
""",
}
_DOC_PLACEHOLDER = re.compile(r"^( *)\{(" + "|".join(_MENTION_DOCS) + r")\}$", re.MULTILINE)

_RuleClass = TypeVar("_RuleClass", bound=type)


def documents_mentions(cls: _RuleClass) -> _RuleClass:
    """Class decorator: fill the mention paragraphs a rule's docstring names."""
    if cls.__doc__:
        cls.__doc__ = _DOC_PLACEHOLDER.sub(_indented_paragraph, cls.__doc__)
    return cls


def _indented_paragraph(placeholder: re.Match[str]) -> str:
    indent, name = placeholder.group(1), placeholder.group(2)
    return "\n".join(indent + line if line else line
                     for line in _MENTION_DOCS[name].rstrip("\n").split("\n"))
