"""Named signals of a post: what a reader would count in it, from what valuelint already has.

A signal is a number with a name, a one-line meaning and, where it comes from
places in the text, the lines it comes from ("3 code blocks, lines 12, 30,
41"). Signals are read from the document model, the language analysis the
rules already shared and the post's findings: nothing is parsed a second time
and no spaCy component runs. They are what a fitted model of reader value
reads; docs/signals.md lists every one of them.

Families:

* ``findings.*``: finding counts per category, per severity and per rule;
* ``shape.*``: code blocks, inline code, headings, lists, tables, images, links,
  footnotes;
* ``specificity.*``: numbers, measurements, versions, dates, multi-word names,
  examples;
* ``voice.*``: who the post speaks for and to, questions, exclamations, capitals,
  sentence length;
* ``density.*``: distinct content words, repeated sentences;
* ``title.*``: the title's length and marks;
* ``length.*``: words, and their logarithm.

Counts are plain counts; rates say "per 100 words" in their meaning. A model
decides how to scale them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from valuelint.document import BlockKind, Document, ProseBlock, parse_document
from valuelint.frontmatter import DocumentError
from valuelint.language import Analysis
from valuelint.rule import Category, Finding, Rule, Severity

if TYPE_CHECKING:
    from valuelint.config import Config
    from valuelint.result import PostResult

__all__ = ["FAMILIES", "MEANINGS", "Signal", "Signals", "check_with_signals", "compute_signals",
           "meaning"]


@dataclass(frozen=True, slots=True)
class Signal:
    """One named figure of a post."""

    name: str
    value: float
    meaning: str
    """One line saying what the figure counts or measures."""
    lines: tuple[int, ...] = ()
    """Sorted distinct lines it comes from; empty for figures of the whole post."""


@dataclass(frozen=True, slots=True)
class Signals:
    """Every signal of one post, in a fixed order (:data:`MEANINGS`, then rules by code)."""

    signals: tuple[Signal, ...]
    _by_name: dict[str, Signal] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {signal.name: signal for signal in self.signals})

    def __iter__(self) -> Iterator[Signal]:
        return iter(self.signals)

    def __len__(self) -> int:
        return len(self.signals)

    def __getitem__(self, name: str) -> Signal:
        found = self._by_name.get(name)
        if found is not None:
            return found
        if name.startswith(_RULE_PREFIX):
            return Signal(name, 0.0, meaning(name))
        raise KeyError(name)

    def value(self, name: str) -> float:
        """The value of a signal; a rule that reported nothing counts 0."""
        return self[name].value

    def as_dict(self) -> dict[str, float]:
        """``{name: value}`` for every signal."""
        return {signal.name: signal.value for signal in self.signals}


_RULE_PREFIX = "findings.rule."

#: Every signal of fixed name and its meaning, in the order they are reported.
MEANINGS: Mapping[str, str] = {
    **{f"findings.category.{c.value}": f"findings of category {c.value}" for c in Category},
    **{f"findings.severity.{s.value}": f"findings at severity {s.value}" for s in Severity},
    "shape.code_blocks": "fenced, indented or template code blocks",
    "shape.code_lines": "lines of code in those blocks",
    "shape.inline_code": "inline code spans",
    "shape.headings": "headings (the title's H1 included)",
    "shape.list_items": "list items",
    "shape.tables": "tables",
    "shape.images": "images",
    "shape.images_with_alt": "images with alt text",
    "shape.internal_links": "links within the site (relative or to a fragment)",
    "shape.external_links": "links to other sites",
    "shape.footnotes": "footnote paragraphs",
    "specificity.numbers": "numbers written with digits",
    "specificity.measurements": "numbers with a unit or a percent sign (40 ms, 2.5 GB, 30%, 3x)",
    "specificity.versions": "version numbers (v2, 1.4.0, Python 3.12, version 2.3)",
    "specificity.dates": "dates (2024-05-01, May 1, 12 March 2023, June 2021)",
    "specificity.money": "amounts of money ($20, €5, 30 dollars, USD 400)",
    "specificity.names": "capitalised names of two words or more (Linux Foundation)",
    "specificity.examples": "examples introduced by 'for example', 'for instance' or 'e.g.'",
    "voice.we_rate": "we, our, us per 100 words",
    "voice.you_rate": "you, your per 100 words",
    "voice.i_rate": "I, me, my per 100 words",
    "voice.questions": "sentences ending in a question mark",
    "voice.exclamations": "sentences ending in an exclamation mark",
    "voice.capitalised_share": "share of words after a sentence's first that start with a "
                               "capital (0-1)",
    "voice.sentence_words": "mean words per sentence of running text (not headings or cells)",
    "voice.word_length": "mean letters per word of prose",
    "density.content_words": "distinct content words (lemmas that are not stop words)",
    "density.content_ratio": "distinct content words over all content words (0-1)",
    "density.repeated_sentences": "sentences of four words or more that repeat an earlier one",
    "title.words": "words in the title",
    "title.question": "1 when the title ends in a question mark",
    "title.exclamation": "1 when the title holds an exclamation mark",
    "title.number": "1 when the title holds a number written with digits",
    "title.you": "1 when the title speaks to the reader (you, your)",
    "title.i": "1 when the title speaks for its writer alone (I, me, my)",
    "length.words": "words of prose",
    "length.log_words": "natural log of 1 + words of prose",
}

#: Signals whose names are made from a rule's code: pattern and meaning, as in docs/signals.md.
FAMILIES: Mapping[str, str] = {
    f"{_RULE_PREFIX}<CODE>": "findings of rule CODE (only rules that reported something are "
                             "listed; any other rule counts 0)",
}


def meaning(name: str) -> str:
    """The one-line meaning of a signal name."""
    if name.startswith(_RULE_PREFIX):
        return f"findings of rule {name[len(_RULE_PREFIX):]}"
    return MEANINGS[name]


# --------------------------------------------------------------------------- patterns

_UNIT = (r"%|percent\b|[µnm]?s\b|sec(?:ond)?s?\b|min(?:ute)?s?\b|h(?:ours?|rs?)?\b|days?\b"
         r"|weeks?\b|[KMGTP]i?B\b|bytes?\b|[kMG]bps\b|[kKMG]?Hz\b|px\b|rem\b|em\b|pt\b"
         r"|fps\b|[rq]ps\b|ops/s\b|req(?:uests)?/s\b|x\b|times\b|°[CF]\b|[ckm]?m\b|kg\b|g\b"
         r"|W\b|kWh\b|cores?\b|CPUs?\b|threads\b")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[,.]\d+)*(?![\w.]*\d)")
_MEASUREMENT = re.compile(rf"(?<![\w.])\d+(?:[,.]\d+)*\s?(?:{_UNIT})")
_VERSION = re.compile(
    r"(?<![\w.])v\d+(?:\.\d+)*\b"
    r"|(?<![\w.])\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.]+)?\b"
    r"|(?:\b(?:[Vv]ersion|[Rr]elease)\s|\b[A-Z][\w+#-]*\s)(?P<v>\d+\.\d+)\b")
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = re.compile(
    r"\b(?:19|20)\d\d-[01]\d-[0-3]\d\b"
    rf"|\b{_MONTH}\s+(?:[0-3]?\d(?:st|nd|rd|th)?\b(?:,?\s+(?:19|20)\d\d\b)?|(?:19|20)\d\d\b)"
    rf"|\b[0-3]?\d(?:st|nd|rd|th)?\s+{_MONTH}\s+(?:19|20)\d\d\b")
_CAPITALISED = r"[A-Z][\w&'\u2019.-]*[\w&]|[A-Z]"
_NAME = re.compile(rf"\b(?:{_CAPITALISED})(?:\s+(?:(?:of|the|de|for|and)\s+)?(?:{_CAPITALISED}))+")
_MONEY = re.compile(
    r"[$€£¥]\s?\d+(?:[,.]\d+)*(?:\s?(?:[kKmMbB]n?|million|billion)\b)?"
    r"|\b(?:USD|EUR|GBP)\s?\d+(?:[,.]\d+)*"
    r"|(?<![\w.])\d+(?:[,.]\d+)*\s?(?:(?:million|billion)\s)?"
    r"(?:dollars?|euros?|pounds? sterling|USD|EUR|GBP)\b")
_EXAMPLE = re.compile(r"\b(?:for example|for instance)\b|\be\.g\.", re.IGNORECASE)
_QUESTION = re.compile(r"\?[\"'\u201d\u2019)\]]*\s*$")
_EXCLAMATION = re.compile(r"![\"'\u201d\u2019)\]]*\s*$")
_DIGIT = re.compile(r"\d")
_TITLE_WORD = re.compile(r"[^\W_][\w'\u2019.-]*")
_SPACES = re.compile(r"\s+")

_WE = frozenset({"we", "our", "ours", "us", "ourselves"})
_YOU = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_I = frozenset({"i", "me", "my", "mine", "myself"})
#: In a title "Mine" is as often a name or a noun as the pronoun.
_TITLE_I = _I - {"mine"}
#: Each word of :data:`_WE`, :data:`_YOU` and :data:`_I`, and which of the three it is.
_VOICE = {**dict.fromkeys(_WE, 0), **dict.fromkeys(_YOU, 1), **dict.fromkeys(_I, 2)}
#: Capitalised words that open a sentence rather than a name ("The Linux Foundation").
_OPENERS = frozenset({"The", "A", "An", "This", "That", "These", "Those", "In", "On", "At",
                      "For", "If", "When", "We", "Our", "You", "Your", "I", "It", "And", "But",
                      "With", "As", "To", "Today", "Now", "Here", "There"})
#: Blocks of running text (sentence length, repeated sentences).
_RUNNING = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.QUOTE,
                      BlockKind.FOOTNOTE})


# --------------------------------------------------------------------------- computing

class _Builder:
    """Collects signals in order."""

    def __init__(self) -> None:
        self.found: list[Signal] = []

    def add(self, name: str, value: float, lines: Iterable[int] = ()) -> None:
        self.found.append(Signal(name, float(value), meaning(name), tuple(sorted(set(lines)))))


def _matches(doc: Document, blocks: Sequence[ProseBlock],
             pattern: re.Pattern[str]) -> tuple[int, list[int]]:
    """How often ``pattern`` matches the blocks, and the lines of the matches."""
    count = 0
    lines: list[int] = []
    for block in blocks:
        for match in pattern.finditer(block.text):
            count += 1
            lines.append(doc.position(block.source_offset(match.start()))[0])
    return count, lines


def _opens_sentence(text: str, at: int) -> bool:
    """True when only blanks stand between ``at`` and the block's start or a sentence's end."""
    before = at - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    return before < 0 or text[before] in ".!?:;"


def _names(doc: Document, blocks: Sequence[ProseBlock],
           stop_words: frozenset[str]) -> tuple[int, list[int]]:
    """Runs of two capitalised words or more; a sentence's first word counts only when
    it is not a stop word ("On Linux" is one word of name, "Linux Foundation" two)."""
    count = 0
    lines: list[int] = []
    for block in blocks:
        for match in _NAME.finditer(block.text):
            words = match.group(0).split()
            start = match.start()
            opens = _opens_sentence(block.text, start)
            if words[0] in _OPENERS or (opens and words[0].lower() in stop_words):
                start += len(words[0]) + 1
                words = words[1:]
            if len(words) >= 2 and not all(w.isupper() and len(w) <= 1 for w in words):
                count += 1
                lines.append(doc.position(block.source_offset(start))[0])
    return count, lines


def _tables(doc: Document) -> tuple[int, list[int]]:
    """Runs of table cells with no other block between them: one run is one table."""
    lines: list[int] = []
    previous = False
    for block in doc.blocks:
        cell = block.kind is BlockKind.TABLE_CELL
        if cell and not previous:
            lines.append(block.line)
        previous = cell
    return len(lines), lines


def _finding_signals(out: _Builder, findings: Sequence[Finding]) -> None:
    for category in Category:
        found = [f for f in findings if f.category is category]
        out.add(f"findings.category.{category.value}", len(found), (f.line for f in found))
    for severity in Severity:
        found = [f for f in findings if f.severity is severity]
        out.add(f"findings.severity.{severity.value}", len(found), (f.line for f in found))


def _rule_signals(out: _Builder, findings: Sequence[Finding]) -> None:
    by_rule: dict[str, list[int]] = {}
    for finding in findings:
        by_rule.setdefault(finding.code, []).append(finding.line)
    for code in sorted(by_rule):
        out.add(f"{_RULE_PREFIX}{code}", len(by_rule[code]), by_rule[code])


def compute_signals(doc: Document, analysis: Analysis, findings: Sequence[Finding]) -> Signals:
    """The signals of a parsed post, from its analysis and its (filtered) findings."""
    out = _Builder()
    _finding_signals(out, findings)

    # Shape.
    code = doc.code_blocks
    out.add("shape.code_blocks", len(code), (c.line for c in code))
    out.add("shape.code_lines", sum(c.lines for c in code), (c.line for c in code))
    out.add("shape.inline_code", doc.inline_code)
    out.add("shape.headings", len(doc.headings), (h.line for h in doc.headings))
    items = [b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    out.add("shape.list_items", len(items), (b.line for b in items))
    tables, table_lines = _tables(doc)
    out.add("shape.tables", tables, table_lines)
    out.add("shape.images", len(doc.images), (i.line for i in doc.images))
    described = [i for i in doc.images if i.alt.strip()]
    out.add("shape.images_with_alt", len(described), (i.line for i in described))
    internal = [link for link in doc.links if not link.external]
    external = [link for link in doc.links if link.external]
    out.add("shape.internal_links", len(internal), (link.line for link in internal))
    out.add("shape.external_links", len(external), (link.line for link in external))
    notes = [b for b in doc.blocks if b.kind is BlockKind.FOOTNOTE]
    out.add("shape.footnotes", len(notes), (b.line for b in notes))

    # Words, voice and density, from the shared tokens: one pass.
    words = letters = capitalised = later_words = 0
    voices = [0, 0, 0]  # we, you, I
    content: list[str] = []
    stop_words: set[str] = set()
    #: Per block, the number of words and numbers before each token.
    counted: list[list[int]] = []
    #: Per block, the positions of the tokens that open a sentence.
    firsts: dict[int, set[int]] = {}
    for sentence in analysis.sentences:
        firsts.setdefault(sentence.block, set()).add(sentence.first_token)
    for index, tokens in enumerate(analysis.tokens):
        cumulative = [0]
        counted.append(cumulative)
        total = 0
        if doc.blocks[index].kind is BlockKind.ALT_TEXT:  # counted, not read
            for token in tokens:
                if token.is_alpha or token.like_num:
                    total += 1
                cumulative.append(total)
            continue
        first = firsts.get(index, set())
        for position, token in enumerate(tokens):
            if token.is_alpha:
                total += 1
                words += 1
                text = token.text
                letters += len(text)
                lower = token.lower
                voice = _VOICE.get(lower)
                if voice is not None:
                    voices[voice] += 1
                if token.is_stop:
                    stop_words.add(lower)
                else:
                    content.append(token.lemma)
                if position not in first:
                    later_words += 1
                    if text[0].isupper():
                        capitalised += 1
            elif token.like_num:
                total += 1
            cumulative.append(total)
    we, you, me = voices
    questions: list[int] = []
    exclamations: list[int] = []
    running_sentences = running_words = 0
    seen: set[str] = set()
    repeated: list[int] = []

    def line_of(block: ProseBlock, text: str, start: int) -> int:
        lead = len(text) - len(text.lstrip())
        return doc.position(block.source_offset(start + lead))[0]

    for sentence in analysis.sentences:
        block = doc.blocks[sentence.block]
        if block.kind is BlockKind.ALT_TEXT:
            continue
        text = block.text[sentence.start : sentence.end]
        if _QUESTION.search(text):
            questions.append(line_of(block, text, sentence.start))
        elif _EXCLAMATION.search(text):
            exclamations.append(line_of(block, text, sentence.start))
        if block.kind not in _RUNNING:
            continue
        cumulative = counted[sentence.block]
        count = cumulative[sentence.last_token] - cumulative[sentence.first_token]
        if not count:
            continue
        running_sentences += 1
        running_words += count
        if count >= 4:
            key = _SPACES.sub(" ", text.strip().lower())
            if key in seen:
                repeated.append(line_of(block, text, sentence.start))
            seen.add(key)

    # Specificity: read in the prose a reader reads (not headings or alt text).
    prose = [b for b in doc.blocks if b.kind not in (BlockKind.HEADING, BlockKind.ALT_TEXT)]
    numeric = [b for b in prose if _DIGIT.search(b.text)]
    for name, pattern in (("numbers", _NUMBER), ("measurements", _MEASUREMENT),
                          ("versions", _VERSION), ("dates", _DATE), ("money", _MONEY)):
        out.add(f"specificity.{name}", *_matches(doc, numeric, pattern))
    out.add("specificity.names", *_names(doc, prose, frozenset(stop_words)))
    out.add("specificity.examples", *_matches(doc, prose, _EXAMPLE))

    per_100 = 100 / words if words else 0.0
    out.add("voice.we_rate", we * per_100)
    out.add("voice.you_rate", you * per_100)
    out.add("voice.i_rate", me * per_100)
    out.add("voice.questions", len(questions), questions)
    out.add("voice.exclamations", len(exclamations), exclamations)
    out.add("voice.capitalised_share", capitalised / later_words if later_words else 0.0)
    out.add("voice.sentence_words",
            running_words / running_sentences if running_sentences else 0.0)
    out.add("voice.word_length", letters / words if words else 0.0)
    distinct = len(set(content))
    out.add("density.content_words", distinct)
    out.add("density.content_ratio", distinct / len(content) if content else 0.0)
    out.add("density.repeated_sentences", len(repeated), repeated)

    # Title.
    title = doc.title
    title_line = (doc.title_line,) if title else ()
    out.add("title.words", len(_TITLE_WORD.findall(title)), title_line)
    out.add("title.question", float(title.rstrip().endswith("?")), title_line)
    out.add("title.exclamation", float("!" in title), title_line)
    out.add("title.number", float(bool(_DIGIT.search(title))), title_line)
    title_words = {word.lower() for word in _TITLE_WORD.findall(title)}
    out.add("title.you", float(bool(title_words & _YOU)), title_line)
    out.add("title.i", float(bool(title_words & _TITLE_I)), title_line)

    # Length.
    count_words = doc.word_count
    out.add("length.words", count_words)
    out.add("length.log_words", math.log1p(count_words))

    _rule_signals(out, findings)
    return Signals(tuple(out.found))


def check_with_signals(text: str, display: str, config: Config,
                       rules: Mapping[str, type[Rule]]) -> tuple[PostResult, Signals | None]:
    """Check a post's text as :func:`valuelint.engine.check_text` does, and compute its
    signals from the same parse and analysis; None when the post could not be checked."""
    from valuelint.engine import check_document
    from valuelint.result import PostResult

    try:
        doc = parse_document(display, text)
    except DocumentError as exc:
        return PostResult(path=display, errors=(str(exc),)), None
    shared: dict[str, Any] = {}
    result = check_document(doc, config, rules, display, shared=shared)
    return result, shared["signals"]
