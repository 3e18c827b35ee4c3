"""Evidence: claims a reader cannot check, and writing with no concrete detail."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import ClassVar

from valuelint.document import BlockKind, Document, ProseBlock
from valuelint.language import Analysis, Pipeline, Sentence, Token
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.wordlists import load_phrases, matcher_for
from valuelint_rules.bait import block_matches
from valuelint_rules.phrases import PhraseRule

__all__ = [
    "RULES",
    "ClaimsWithoutLinks",
    "LowSpecificity",
    "UnsourcedStatistic",
    "UnsupportedResearchClaim",
    "WeaselAttribution",
    "specificity",
]

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
class _Claim:
    block: int
    start: int
    end: int
    kind: str


#: "The study shows", "our survey showed": a particular source the post is about.
_DEFINITE = frozenset((
    "the", "this", "that", "these", "those", "our", "their", "its", "his", "her", "my", "your",
))


def _attributions(ctx: RuleContext, phrases: Sequence[str], *,
                  exact: bool) -> Iterator[_Claim]:
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
                yield _Claim(index, match.start, match.end, "attribution")


def _inflected(tokens: Sequence[Token], phrase: str, pipeline: Pipeline) -> bool:
    """True when a word was matched by its lemma: "they said" for "they say".

    Past tense narrates what happened ("everyone agreed to ship it"); the
    weasel form is the timeless present ("everyone agrees").
    """
    words = _phrase_words.get(phrase)
    if words is None:
        words = _phrase_words[phrase] = tuple(
            t.lower_ for t in pipeline.nlp.tokenizer(phrase) if not t.is_space)
    return len(words) == len(tokens) and any(
        t.lower.replace("\u2019", "'") != w for t, w in zip(tokens, words, strict=True))


_phrase_words: dict[str, tuple[str, ...]] = {}


class _AttributionRule(PhraseRule):
    """Base class of the appeal-to-authority rules; not registered itself."""

    exact: ClassVar[bool] = False

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for claim in _attributions(ctx, self.phrases(ctx), exact=self.exact):
            yield self.report(ctx, claim.block, claim.start, claim.end)


class UnsupportedResearchClaim(_AttributionRule):
    """An appeal to unnamed research or experts with no source next to it.

    ## What it does
    Finds phrases from the `evid_research` word list ("studies show",
    "research proves", "experts agree", "scientists say", ...) and reports
    one when neither its sentence nor the next holds a link, a footnote, a
    citation ("(Smith, 2019)") or a named source ("a 2021 survey by the
    Linux Foundation", "according to Gartner").

    ## Why it matters to readers
    "Studies show" asks the reader to trust research they cannot see. A
    reader who wants to check the claim, or judge how strong it is, has
    nowhere to go; a reader who has been burnt by such claims before stops
    trusting the post.

    ## Example
    ```markdown
    Studies show that pair programming halves the number of bugs.
    ```

    ## Use instead
    Name and link the source, and say what it measured: "In a 2000 study of
    41 students, [Williams et al.](https://example.org/paper) found pairs
    passed 15% more tests." If there is no source, say it is your experience.

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in list.
    - `extend-phrases` (list of strings, default `[]`): add phrases to it.
    """

    code = "EVID001"
    languages = ENGLISH
    name = "unsupported-research-claim"
    category = Category.EVIDENCE
    severity = Severity.WARNING
    wordlist = "evid_research"
    advice = ("appeals to research or experts with no source nearby; "
              "link or name the study, or say it is your own experience")


class WeaselAttribution(_AttributionRule):
    """A claim credited to unnamed people ("some say", "it is widely known").

    ## What it does
    Finds vague attributions from the `weasel` word list ("some say",
    "many people believe", "it is widely known", "everyone knows", ...) and
    reports one when neither its sentence nor the next holds a link, a
    footnote, a citation or a named source.

    ## Why it matters to readers
    Vague attribution lends a claim the weight of a crowd without letting the
    reader see who that is. It can also put an opinion the writer does not
    want to own into nobody's mouth.

    ## Example
    ```markdown
    Many people believe that tabs are faster to navigate than spaces.
    ```

    ## Use instead
    Say who: link the discussion, quote the person, or own the view ("I find
    tabs faster to navigate"). When you introduce a view to argue with it,
    link where it is made.

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in list.
    - `extend-phrases` (list of strings, default `[]`): add phrases to it.
    """

    code = "EVID002"
    languages = ENGLISH
    name = "weasel-attribution"
    category = Category.EVIDENCE
    severity = Severity.INFO
    wordlist = "weasel"
    advice = "credits a claim to unnamed people; say who, link it, or own the view"
    exact = True


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


def _statistics(doc: Document) -> Iterator[_Claim]:
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
            if not _in_quotes(text, match.start()):
                yield _Claim(index, match.start(), match.end(), "statistic")


def _section_shows_data(doc: Document) -> set[int]:
    """Sections (by heading index, -1 before the first) holding a table, image or code."""
    heading_lines = [h.line for h in doc.headings]

    def section_of(line: int) -> int:
        return bisect.bisect_right(heading_lines, line) - 1

    shown = {section_of(i.line) for i in doc.images}
    shown |= {section_of(c.line) for c in doc.code_blocks}
    shown |= {b.section for b in doc.blocks if b.kind is BlockKind.TABLE_CELL}
    return shown


def _unsourced_statistics(doc: Document) -> Iterator[_Claim]:
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


class UnsourcedStatistic(Rule):
    """A statistic in a paragraph that gives no source for it.

    ## What it does
    Finds statistics in the prose: percentages ("73% of developers"),
    ratios ("3x faster", "ten times more likely") and rates ("1 in 5
    teams"). It reports one when its paragraph has no link, footnote,
    citation or named source, and does not say the number is the writer's
    own measurement ("we measured", "our benchmarks", "respondents").
    Numbers inside quotes, code and blockquotes are not read.

    ## Why it matters to readers
    A precise number looks authoritative, which is why an unsourced one
    misleads: the reader cannot tell a survey of thousands from a guess, or
    see what "faster" was measured on.

    ## Example
    ```markdown
    73% of developers say they ship faster with our framework.
    ```

    ## Use instead
    Say where the number comes from and link it: "In the [2023 survey](/survey)
    of 1,200 users, 73% said ...", or "In our benchmark (8 cores, 10k
    requests) the new parser was 3x faster."

    ## Options
    - `max-per-post` (integer, default 5): report at most this many statistics
      per post.
    """

    code = "EVID003"
    languages = ENGLISH
    name = "unsourced-statistic"
    category = Category.EVIDENCE
    severity = Severity.INFO
    options = (
        Option("max-per-post", 5, "Report at most this many statistics per post.",
               minimum=1, maximum=1000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        limit = int(ctx.options["max-per-post"])
        for reported, claim in enumerate(_unsourced_statistics(doc)):
            if reported >= limit:
                return
            block = doc.blocks[claim.block]
            said = " ".join(block.text[claim.start : claim.end].split())
            yield ctx.finding(
                f'"{said}": a statistic with no source in its paragraph; '
                "link or name where the number comes from",
                block=block, start=claim.start, end=claim.end)


_QUOTE_SPAN = re.compile(r'"[^"\n]{1,400}"|\u201c[^\u201d]{1,400}\u201d')


def _in_quotes(text: str, offset: int) -> bool:
    if '"' not in text and "\u201c" not in text:
        return False
    return any(m.start() < offset < m.end() for m in _QUOTE_SPAN.finditer(text))


# --------------------------------------------------------------------------- links

#: Superlatives stated as fact about the world: "the world's fastest",
#: "the most popular ... in the world", "#1", "market-leading".
_SUPERLATIVE = (r"(?:most \w+|best|worst|(?!(?:interest|request|test|contest|protest|forest|"
                r"guest|harvest|manifest|digest|honest|modest|latest|suggest|invest|rest|"
                r"nest|chest|quest)\b)\w{2,}est)")
_SUPERLATIVE_FACT = re.compile(
    rf"\b(?:the )?(?:world|industry|country|nation)['\u2019]s (?:{_SUPERLATIVE}|leading|top)\b"
    rf"|\bthe {_SUPERLATIVE} [\w -]{{1,40}}? in the "
    r"(?:world|industry|market|country|nation|universe|history|city|town)\b"
    r"|\b(?:the|our|a) #1\b|\bnumber one\b|\bmarket[- ]leading\b|\bindustry[- ]leading\b",
    re.IGNORECASE)
#: "According to the 2023 survey" is a claim; "according to plan" is an idiom.
_ACCORDING = re.compile(r"\baccording to (?!plan\b|schedule\b)", re.IGNORECASE)


class ClaimsWithoutLinks(Rule):
    """A post that makes factual claims but links to nothing outside itself.

    ## What it does
    Counts the factual claims of a post: statistics, appeals to research or
    experts, vague attributions, "according to ..." and superlatives stated
    as fact ("the world's fastest", "the most popular editor in the world").
    A post with at least `min-claims` of them and no link to another site is
    reported once, as info; from `warning-claims` up it is a warning.

    ## Why it matters to readers
    Links are how a reader checks a claim or reads further. A post full of
    numbers and "studies show" with no way out asks to be taken on faith.

    ## Example
    ```markdown
    Rust is the most loved language in the world. Studies show it prevents
    70% of security bugs, and experts agree it is the future.
    ```

    ## Use instead
    Link the survey, the study and the security report the claims rest on,
    or cut the claims you cannot source.

    ## Options
    - `min-claims` (integer, default 1): claims from which a post with no
      outbound link is reported.
    - `warning-claims` (integer, default 3): claims from which it is a warning.
    """

    code = "EVID005"
    languages = ENGLISH
    name = "claims-without-links"
    category = Category.EVIDENCE
    severity = Severity.WARNING
    options = (
        Option("min-claims", 1, "Claims from which a post with no outbound link is "
               "reported.", minimum=1, maximum=1000),
        Option("warning-claims", 3, "Claims from which it is a warning.",
               minimum=1, maximum=1000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        if any(link.external for link in doc.links):
            return
        claims = list(_unsourced_statistics(doc))
        for index, block in enumerate(doc.blocks):
            if block.quoted:
                continue
            claims.extend(_Claim(index, m.start(), m.end(), "superlative")
                          for m in _SUPERLATIVE_FACT.finditer(block.text))
            claims.extend(_Claim(index, m.start(), m.end(), "attribution")
                          for m in _ACCORDING.finditer(block.text))
        claims.extend(_attributions(ctx, load_phrases("valuelint_rules", "evid_research"),
                                    exact=False))
        claims.extend(_attributions(ctx, load_phrases("valuelint_rules", "weasel"), exact=True))
        claims = [c for c in claims if not _in_quotes(doc.blocks[c.block].text, c.start)]
        if len(claims) < int(ctx.options["min-claims"]):
            return
        first = min(claims, key=lambda c: (c.block, c.start))
        block = doc.blocks[first.block]
        said = " ".join(block.text[first.start : first.end].split())
        strong = len(claims) >= int(ctx.options["warning-claims"])
        plural = "s" if len(claims) != 1 else ""
        yield ctx.finding(
            f'{len(claims)} factual claim{plural} (first: "{said}") and no link to a source; '
            "link what the claims rest on",
            line=doc.title_line, severity=None if strong else Severity.INFO,
            weight=min(0.5 + 0.25 * len(claims), 2.0),
        )


# --------------------------------------------------------------------------- specificity

_DIGIT = re.compile(r"\d")
_SPELLED_NUMBERS = frozenset((
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million",
    "billion", "half", "dozen",
))
_EXAMPLE = re.compile(r"\b(?:for example|for instance|e\.g\.|such as|i\.e\.)", re.IGNORECASE)
_NOT_NAMES = frozenset(("i", "i'm", "i've", "i'd", "i'll", "ok", "okay", "mr", "mrs", "ms",
                        "dr"))


@dataclass(frozen=True, slots=True)
class Specificity:
    """How much concrete detail a post holds, and how much vague evaluation."""

    words: int
    concrete: float
    """Weighted count of numbers, names, units, examples, code, images and links."""
    generic: int
    """Vague evaluative words ("amazing", "experience", "highly recommend")."""

    @property
    def per_100(self) -> float:
        """Concrete detail per 100 words, less half a point per vague word."""
        if not self.words:
            return 0.0
        return 100 * (self.concrete - 0.5 * self.generic) / self.words


def _is_name(tokens: Sequence[Token], i: int) -> bool:
    token = tokens[i]
    if not token.is_alpha or not token.text[:1].isupper() or token.lower in _NOT_NAMES:
        return False
    if i == 0:
        return False
    before = tokens[i - 1]
    return not (before.is_punct and before.text in ".!?:;\"\u201c'\u2018(-\u2014\u2013\u2022*")


def specificity(doc: Document, analysis: Analysis, concrete_words: Sequence[str],
                generic_words: Sequence[str], pipeline: Pipeline) -> Specificity:
    """Count the concrete details and vague evaluations of a post's own prose."""
    concrete_matcher = matcher_for(concrete_words, pipeline)
    generic_matcher = matcher_for(generic_words, pipeline)
    words = 0
    concrete = 0.0
    generic = 0
    names: set[str] = set()
    for index, block in enumerate(doc.blocks):
        if block.quoted:
            continue
        tokens = analysis.tokens[index]
        for i, token in enumerate(tokens):
            if token.is_punct:
                continue
            words += 1
            if _DIGIT.search(token.text):
                concrete += 1
            elif token.lower in _SPELLED_NUMBERS:
                concrete += 0.5
            elif _is_name(tokens, i):
                names.add(token.lower)
        concrete += sum(1 for _ in concrete_matcher.finditer(tokens))
        concrete += len(_EXAMPLE.findall(block.text))
        generic += sum(1 for _ in generic_matcher.finditer(tokens))
    # Distinct names only, and lightly: repeating the subject's name adds
    # nothing new, and naming a place is easy without having been there.
    concrete += 0.25 * len(names)
    concrete += 2 * len(doc.code_blocks) + min(doc.inline_code, 20) + 2 * len(doc.images)
    concrete += len({link.href for link in doc.links})
    return Specificity(words=words, concrete=concrete, generic=generic)


class LowSpecificity(Rule):
    """Writing with little concrete detail for its length.

    ## What it does
    Counts the concrete details of the post's own prose: numbers, dates and
    versions, distinct names, units and physical details (`evid_concrete`
    word list: "minutes", "floor", "block", ...), examples ("for example",
    "such as"), code, images and links. Vague evaluative words
    (`evid_generic` word list: "amazing", "experience", "highly recommend")
    count half a point against. The measure is per 100 words, so length by
    itself neither helps nor hurts. Below `target-per-100` the post is
    reported as info, weighted by how far below it is. A post of at least
    `long-words` words with no concrete detail at all is a warning.

    ## Why it matters to readers
    Concrete detail is what a reader can use, picture or check. Text made of
    general praise or complaint ("everything was perfect, a wonderful
    experience") could be written without having been there, and readers
    learn to discount it.

    ## Example
    ```markdown
    Our new release is a huge step forward. Everything is faster, smoother
    and better than ever, and the whole experience is simply amazing.
    ```

    ## Use instead
    Show instead of rating: which release, what got faster and by how much,
    one example of what changed ("`build --watch` now reloads in 0.3 s
    instead of 2 s"), a screenshot, a link to the changelog.

    ## Options
    - `target-per-100` (number, default 4.0): concrete details per 100 words
      below which a post is reported.
    - `min-words` (integer, default 50): shorter posts are not measured.
    - `long-words` (integer, default 300): from this many words, a post with
      no concrete detail at all is a warning.
    """

    code = "EVID004"
    languages = ENGLISH
    name = "low-specificity"
    category = Category.EVIDENCE
    severity = Severity.INFO
    options = (
        Option("target-per-100", 4.0, "Concrete details per 100 words below which a post "
               "is reported.", minimum=0.0, maximum=100.0),
        Option("min-words", 50, "Shorter posts are not measured.", minimum=0,
               maximum=100_000),
        Option("long-words", 300, "From this many words, a post with no concrete detail at "
               "all is a warning.", minimum=1, maximum=100_000),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        if doc.word_count < int(ctx.options["min-words"]):
            return
        measured = specificity(
            doc, ctx.analysis, load_phrases("valuelint_rules", "evid_concrete"),
            load_phrases("valuelint_rules", "evid_generic"), ctx.pipeline)
        if measured.words < int(ctx.options["min-words"]):
            return
        target = float(ctx.options["target-per-100"])
        per_100 = measured.per_100
        if measured.concrete == 0 and measured.words >= int(ctx.options["long-words"]):
            yield ctx.finding(
                f"{measured.words} words with no concrete detail at all (no numbers, names, "
                "examples, code, images or links); show the reader what you mean",
                line=doc.title_line, severity=Severity.WARNING, weight=1.5)
            return
        if per_100 >= target:
            return
        shortfall = (target - per_100) / target if target else 0.0
        weight = round(min(3.0, 0.1 + 2.9 * shortfall), 2)
        plural = "s" if measured.generic != 1 else ""
        vague = (f", and {measured.generic} vague evaluative word{plural} (each counts "
                 "half a detail against)") if measured.generic else ""
        found = 100 * measured.concrete / measured.words
        yield ctx.finding(
            f"{found:.1f} concrete details per 100 words (numbers, names, examples, code, "
            f"links){vague}; aim for {target:g}: show what you saw, measured or did",
            line=doc.title_line, weight=weight)


RULES = (UnsupportedResearchClaim, WeaselAttribution, UnsourcedStatistic, LowSpecificity,
         ClaimsWithoutLinks)

