"""What the evidence rules share: what supports a claim, the appeals to unnamed sources
and the statistics of a post."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from valuelint.document import BlockKind, Document, ProseBlock
from valuelint.language import Analysis, Pipeline, Sentence, Token
from valuelint.rule import Finding, RuleContext
from valuelint_rules.phrases import PhraseRule, block_matches

# --------------------------------------------------------------------------- support

#: Source syntax of a link, footnote or citation next to a claim.
_LINK_SYNTAX = re.compile(
    r"\]\(|\]\[|<a\s|https?://|www\.|\[\^|\[\d{1,3}\]|\bdoi:|\bet al\b|\barxiv\b",
    re.IGNORECASE)
_TRAILING_MARK = re.compile(r"[.,;:!?)\s]{0,3}\[(?:\^|\d{1,3}\])")
#: "(Smith, 2019)", "(Smith et al. 2020)", "Smith (2019)".
_CITATION = re.compile(
    r"\(\s*[A-Z][\w'\u2019-]+(?:\s+(?:et al\.?|and|&)\s*[A-Z]?[\w'\u2019-]*)?,?"
    r"\s+(?:19|20)\d\d[a-z]?\s*\)"
    r"|\b[A-Z][\w'\u2019-]+\s+\((?:19|20)\d\d\)")
#: A named source: "according to Gartner", "a study by MIT", "Google's 2021 report".
_NAMED = re.compile(
    r"\baccording to (?:the |a |an )?(?:[\w'\u2019-]+ )?[A-Z][\w&.'\u2019-]*"
    r"|\b(?:by|from|at|of|in) (?:the )?[A-Z][\w&.'\u2019-]+(?:'s|\u2019s)? "
    r"(?:[\w-]+ )?(?:study|survey|report|research|paper|analysis|data|team|lab|university|"
    r"institute|benchmark|census)"
    r"|\b(?:study|survey|report|research|paper|analysis|poll|census|review) "
    r"(?:[\w-]+ )?(?:by|from|at|of) (?:the )?[A-Z][\w&.'\u2019-]+"
    r"|\b[A-Z][\w&.'\u2019-]+(?:'s|\u2019s) (?:[\w-]+ ){0,2}(?:study|survey|report|research|paper|"
    r"analysis|data|findings|benchmark|census|poll)"
    r"|\b(?:a|the|an) (?:19|20)\d\d (?:[\w-]+ )?(?:study|survey|report|paper|analysis|poll|"
    r"census|review)"
    r"|\b[A-Z][\w&.'\u2019-]+ (?:found|reported|reports|published|surveyed|measured|estimates|"
    r"estimated)\b")
#: The writer's own measurement: "we measured", "in our benchmarks", "respondents".
_OWN = re.compile(
    r"\b(?:we|I) (?:measured|benchmarked|tested|timed|counted|profiled|ran|found|saw|"
    r"observed|surveyed|asked)\b"
    r"|\bour (?:[\w-]+ )?(?:benchmarks?|measurements?|tests?|survey|data|numbers|results|"
    r"experiments?|metrics|telemetry|logs|profiling)\b"
    r"|\brespondents?\b|\bparticipants?\b|\bbenchmarks?\b|\bmeasured\b|\bsurvey(?:ed)?\b",
    re.IGNORECASE)


def _link_offsets(doc: Document) -> list[int]:
    starts = doc.line_starts
    return sorted(starts[link.line - 1] + link.column - 1 for link in doc.links
                  if 0 < link.line <= len(starts))


def _supported(doc: Document, block: ProseBlock, start: int, end: int) -> bool:
    """Whether a link, citation or named source stands in this span of prose."""
    text = block.text[start:end]
    if _CITATION.search(text) or _NAMED.search(text):
        return True
    first = block.source_offset(start)
    last = block.source_offset(min(end, len(block.text)))
    if doc.links:
        offsets = _link_offsets(doc)
        at = bisect.bisect_left(offsets, first)
        if at < len(offsets) and offsets[at] <= last:
            return True
    # A footnote or reference mark right after the sentence ("files.[^1]") is
    # markup, not prose, so it lies just past the sentence's last character.
    return bool(_LINK_SYNTAX.search(doc.source[first:last])
                or _TRAILING_MARK.match(doc.source, last))


def _sentence_at(sentences: Sequence[Sentence], block: int, offset: int) -> int:
    for i, sentence in enumerate(sentences):
        if sentence.block == block and sentence.start <= offset < max(sentence.end, offset + 1):
            return i
    return -1


def _claim_supported(doc: Document, analysis: Analysis, block_index: int, start: int,
                     end: int) -> bool:
    """A claim is supported by a source in its own sentence or the next one."""
    sentences = analysis.sentences
    at = _sentence_at(sentences, block_index, start)
    if at < 0:
        block = doc.blocks[block_index]
        return _supported(doc, block, 0, len(block.text))
    for sentence in sentences[at : at + 2]:
        block = doc.blocks[sentence.block]
        if _supported(doc, block, sentence.start, sentence.end):
            return True
    return False


# --------------------------------------------------------------------------- claims

@dataclass(frozen=True, slots=True)
class Claim:
    block: int
    start: int
    end: int
    kind: str


#: "The study shows", "our survey showed": a particular source the post is about.
_DEFINITE = frozenset((
    "the", "this", "that", "these", "those", "our", "their", "its", "his", "her", "my", "your",
))


def attributions(ctx: RuleContext, phrases: Sequence[str], *,
                  exact: bool) -> Iterator[Claim]:
    """Appeals to unnamed sources with no support in their sentence or the next."""
    analysis = ctx.analysis
    doc = ctx.document
    for index, matches in enumerate(block_matches(ctx, tuple(phrases))):
        tokens = analysis.tokens[index]
        for match in matches:
            if match.first_token and tokens[match.first_token - 1].lower in _DEFINITE:
                continue
            if exact and _inflected(tokens[match.first_token : match.last_token], match.phrase,
                                   ctx.pipeline):
                continue
            if not _claim_supported(doc, analysis, index, match.start, match.end):
                yield Claim(index, match.start, match.end, "attribution")


def _inflected(tokens: Sequence[Token], phrase: str, pipeline: Pipeline) -> bool:
    """True when a word was matched by its lemma: "they said" for "they say".

    Past tense narrates what happened ("everyone agreed to ship it"); the
    weasel form is the timeless present ("everyone agrees").
    """
    words = _phrase_words.get(phrase)
    if words is None:
        words = _phrase_words[phrase] = tuple(
            t.lower_ for t in pipeline.tokenize(phrase) if not t.is_space)
    return len(words) == len(tokens) and any(
        t.lower.replace("\u2019", "'") != w for t, w in zip(tokens, words, strict=True))


_phrase_words: dict[str, tuple[str, ...]] = {}


class AttributionRule(PhraseRule):
    """Base class of the appeal-to-authority rules; not registered itself."""

    exact: ClassVar[bool] = False

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for claim in attributions(ctx, self.phrases(ctx), exact=self.exact):
            yield self.report(ctx, claim.block, claim.start, claim.end)


# --------------------------------------------------------------------------- statistics

_NUMBER = r"\d+(?:[.,]\d+)*"
_SPELLED_TIMES = r"two|three|four|five|six|seven|eight|nine|ten|a hundred|a thousand"
_COMPARATIVE = (r"faster|slower|quicker|more|less|fewer|better|worse|smaller|larger|bigger|"
                r"cheaper|higher|lower|likelier|more likely|less likely|as \w+")
_STATISTIC = re.compile(
    rf"(?<![\w.])(?:{_NUMBER}\s?(?:%|percent\b|per cent\b)"
    rf"|{_NUMBER}\s?[x\u00d7]\s+(?:{_COMPARATIVE})\b"
    rf"|(?:{_NUMBER}|{_SPELLED_TIMES})\s+times\s+(?:{_COMPARATIVE})\b"
    rf"|\d{{1,3}}\s+(?:out of|in)\s+(?:every\s+)?\d{{1,3}}(?=\s+(?!19\d\d|20\d\d)[a-z]))",
    re.IGNORECASE)
_MAYBE_STATISTIC = re.compile(r"\d|%| times ")
#: "100%" and "0%" are idiom ("100% sure") or trivia, not statistics; "at least
#: 90%" is a target.
_TRIVIAL = re.compile(r"^(?:100|0)\s?(?:%|percent|per cent)$", re.IGNORECASE)
_THRESHOLD = re.compile(r"\b(?:at least|at most|no more than|no less than|above|below)\s*$",
                        re.IGNORECASE)
#: A post that reports its own data: "Survey results", "Benchmarks", "Performance report".
_DATA_POST = re.compile(
    r"\b(?:surveys?|census|benchmarks?|results|report|metrics|measurements?|statistics|"
    r"numbers|performance|postmortem|retrospective|analysis|update)\b", re.IGNORECASE)


def _statistics(doc: Document) -> Iterator[Claim]:
    """Statistics in the writer's own prose (not quotes, tables or thresholds)."""
    for index, block in enumerate(doc.blocks):
        if block.quoted or block.kind is BlockKind.TABLE_CELL:
            continue
        text = block.text
        if not _MAYBE_STATISTIC.search(text):
            continue
        for match in _STATISTIC.finditer(text):
            if _TRIVIAL.match(match.group()) or _THRESHOLD.search(text, 0, match.start()):
                continue
            if not in_quotes(text, match.start()):
                yield Claim(index, match.start(), match.end(), "statistic")


def _section_shows_data(doc: Document) -> set[int]:
    """Sections (by heading index, -1 before the first) holding a table, image or code."""
    heading_lines = [h.line for h in doc.headings]

    def section_of(line: int) -> int:
        return bisect.bisect_right(heading_lines, line) - 1

    shown = {section_of(i.line) for i in doc.images}
    shown |= {section_of(c.line) for c in doc.code_blocks}
    shown |= {b.section for b in doc.blocks if b.kind is BlockKind.TABLE_CELL}
    return shown


def unsourced_statistics(doc: Document) -> Iterator[Claim]:
    """Statistics whose paragraph and section give no source and show no data."""
    claims = list(_statistics(doc))
    if not claims or _DATA_POST.search(doc.title):
        return
    shown = _section_shows_data(doc)
    sourced: dict[int, bool] = {}
    for claim in claims:
        block = doc.blocks[claim.block]
        if claim.block not in sourced:
            sourced[claim.block] = block.section in shown or _paragraph_sourced(doc, block)
        if not sourced[claim.block]:
            yield claim


def _paragraph_sourced(doc: Document, block: ProseBlock) -> bool:
    """A link, citation, named source or own measurement anywhere in the paragraph."""
    return _supported(doc, block, 0, len(block.text)) or bool(_OWN.search(block.text))


_QUOTE_SPAN = re.compile(r'"[^"\n]{1,400}"|\u201c[^\u201d]{1,400}\u201d')


def in_quotes(text: str, offset: int) -> bool:
    if '"' not in text and "\u201c" not in text:
        return False
    return any(m.start() < offset < m.end() for m in _QUOTE_SPAN.finditer(text))
