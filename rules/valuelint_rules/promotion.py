"""Promotion: writing that sells to the reader instead of informing them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlsplit

from valuelint.document import BlockKind, Document, ProseBlock
from valuelint.language import Analysis, Pipeline, Sentence, Token
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.wordlists import NUMBER, Match, load_phrases, matcher_for, phrase_words
from valuelint_rules.alternation import KeyedAlternation
from valuelint_rules.mentions import Kind, documents_mentions, mention, sentence_index
from valuelint_rules.phrases import PhraseRule

PACKAGE = "valuelint_rules"

# --------------------------------------------------------------------------- helpers


class ExactMatcher:
    """Finds phrases by their exact word forms, case-insensitively.

    Lexicon lists hold adjectives whose lemmas are other words ("leading" ->
    "lead", "celebrated" -> "celebrate"); they match only as written. Same
    interface as :class:`valuelint.wordlists.PhraseMatcher`.
    """

    def __init__(self, phrases: Sequence[str], pipeline: Pipeline) -> None:
        #: (phrase, its words, whether a word is NUMBER) by first word, longest first.
        self._by_first: dict[str, list[tuple[str, list[str], bool]]] = {}
        for phrase in phrases:
            words = phrase_words(phrase, pipeline)
            if words:
                self._by_first.setdefault(words[0], []).append(
                    (phrase, list(words), NUMBER in words))
        for entries in self._by_first.values():
            entries.sort(key=lambda e: (-len(e[1]), e[0]))

    def finditer(self, tokens: Sequence[Token], *, skip_quoted: bool = True,
                 lowers: list[str] | None = None) -> Iterator[Match]:
        """Non-overlapping matches, left to right, longest phrase first at each place.

        ``lowers``, the tokens' lowercase forms, may be given by a caller that
        tries several matchers on the same tokens.
        """
        if lowers is None:
            lowers = [token.lower for token in tokens]
        count = len(tokens)
        by_first = self._by_first
        numbers = by_first.get(NUMBER)
        # The places where a phrase can start, found in one quick pass; phrases
        # are compared only there, a whole phrase at once unless it holds NUMBER.
        if numbers:
            starts = [i for i, word in enumerate(lowers)
                      if word in by_first or tokens[i].like_num]
        else:
            starts = [i for i, word in enumerate(lowers) if word in by_first]
        free = 0
        for i in starts:
            if i < free:
                continue  # Inside the previous match.
            token = tokens[i]
            if skip_quoted and token.quoted:
                continue
            candidates = by_first.get(lowers[i], [])
            if numbers and token.like_num:
                candidates = candidates + numbers
            for phrase, words, has_number in candidates:
                end = i + len(words)
                if end > count:
                    continue
                if has_number:
                    if not all(tokens[i + k].like_num if word == NUMBER else lowers[i + k] == word
                               for k, word in enumerate(words)):
                        continue
                elif lowers[i:end] != words:
                    continue
                free = end
                yield Match(phrase, i, end, token.start, tokens[end - 1].end)
                break


_exact_matchers: dict[tuple[int, tuple[str, ...]], ExactMatcher] = {}


def exact_matcher_for(phrases: Sequence[str], pipeline: Pipeline) -> ExactMatcher:
    """The exact-form matcher for a list of phrases, built once per process and pipeline."""
    key = (id(pipeline), tuple(phrases))
    matcher = _exact_matchers.get(key)
    if matcher is None:
        matcher = _exact_matchers[key] = ExactMatcher(phrases, pipeline)
    return matcher


def _sentence_starts(ctx: RuleContext, block: int) -> set[int]:
    return {s.first_token for s in sentence_index(ctx).get(block, [])}


def _looks_like_name(tokens: Sequence[Token], match: Match, block: ProseBlock,
                     starts: set[int]) -> bool:
    """True when the matched words are part of a name ("Great Britain", "the Premier").

    Headings are often written in title case, so only running prose is judged.
    """
    if block.kind is BlockKind.HEADING:
        return False
    text = tokens[match.first_token].text
    if not text[:1].isupper() or text.isupper():
        return False
    if match.first_token not in starts:
        return True
    if match.last_token < len(tokens):
        after = tokens[match.last_token].text
        return after[:1].isupper() and after.isalpha() and not after.isupper()
    return False


def _said(block: ProseBlock, start: int, end: int) -> str:
    return " ".join(block.text[start:end].split())


def _default_severity(ctx: RuleContext) -> bool:
    """True unless the user set this rule's severity in the configuration."""
    return str(ctx.options.get("severity", ctx.rule.severity)) == ctx.rule.severity.value


# --------------------------------------------------------------------------- PROM001

_DISCOUNT_CODE = re.compile(
    r"\b(?:use|enter|apply|with|using)\s+(?:the\s+|my\s+|our\s+)?"
    r"(?:promo(?:tional)?\s+|coupon\s+|discount\s+|voucher\s+)?code\s*:?\s*[\"'\u201c\u2018`]?"
    r"(?P<code>[A-Z][A-Z0-9_-]{2,}|[0-9]+[A-Z][A-Z0-9_-]+)[\"'\u201d\u2019`]?", re.IGNORECASE)
_DISCOUNT_CONTEXT = re.compile(
    r"\d+\s?%\s?off|\bper\s?cent\s+off\b|\bdiscount|\bcoupon\b|\bpromo\b|\bat\s+checkout\b"
    r"|\boff\s+(?:your|the|any|all)\b|\bsave\b|\bfree\s+shipping\b|\bvoucher\b", re.IGNORECASE)
_CODE_SHAPE = re.compile(r"^[A-Z0-9_-]+$")
_ERROR_CODE = re.compile(r"^E\d{3,}$")


@documents_mentions
class HardSell(PhraseRule):
    """Hard-sell calls to action, pressure phrases and discount codes.

    ## What it does
    Finds hard-sell phrases from the `hard_sell` word list ("buy now",
    "order today", "limited time offer", "act now", "don't miss out", ...),
    matched on words and lemmas, case-insensitively, outside code, quotes and
    link URLs; and discount codes offered to the reader ("use code SAVE20
    for 20% off"): a code in capitals after "use code", "enter code" or
    "with code", in a sentence about a discount. "don't delay" counts only
    where it ends its clause ("Don't delay!", not "Don't delay startup on
    a slow server" in a changelog: marked `{clause-end}` in the list).

    {use-not-mention}

    ## Why it matters to readers
    Readers come to a blog to learn, not to be closed on a sale. Pressure to
    buy reads as an advertisement, and readers who feel sold to stop trusting
    the rest of the post.

    ## Example
    ```markdown
    Don't miss out: buy now and get the limited time offer!
    Use code LAUNCH20 at checkout for 20% off.
    ```

    ## Use instead
    Explain what the product does for the reader, with specifics, and leave
    one plain link for readers who want it: "Pricing and trial details are
    on the [pricing page](/pricing)."

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in list.
    - `extend-phrases` (list of strings, default `[]`): add phrases to it.
    """

    code = "PROM001"
    languages = ENGLISH
    name = "hard-sell"
    category = Category.PROMOTION
    severity = Severity.ERROR
    wordlist = "hard_sell"
    advice = "hard-sell call to action; tell readers what it does for them instead"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        matcher = matcher_for(self.phrases(ctx), ctx.pipeline)
        analysis = ctx.analysis
        for index, block in enumerate(ctx.document.blocks):
            if block.quoted:
                continue
            tokens = analysis.tokens[index]
            codes = list(_discount_codes(block, tokens, sentence_index(ctx).get(index, [])))
            for start, end, _, _ in codes:
                said = _said(block, start, end)
                yield ctx.finding(f'"{said}": discount code pushed at the reader; say what the '
                                  "product does and link one plain pricing page instead",
                                  block=block, start=start, end=end)
            for match in matcher.finditer(tokens):
                if any(a <= match.start < b for _, _, a, b in codes):
                    continue
                if self.is_use(ctx, index, match):
                    yield self.report(ctx, index, match.start, match.end)


def _discount_codes(block: ProseBlock, tokens: Sequence[Token],
                    sentences: Sequence[Sentence]) -> Iterator[tuple[int, int, int, int]]:
    text = block.text
    quoted = [(t.start, t.end) for t in tokens if t.quoted]
    for match in _DISCOUNT_CODE.finditer(text):
        code = match.group("code")
        if not _CODE_SHAPE.match(code) or _ERROR_CODE.match(code) or len(code) < 4:
            continue
        if any(a <= match.start("code") < b for a, b in quoted):
            continue
        start, end = 0, len(text)
        for sentence in sentences:
            if sentence.start <= match.start() < sentence.end:
                start, end = sentence.start, sentence.end
                break
        if _DISCOUNT_CONTEXT.search(text, start, end):
            yield match.start(), match.end(), start, end


# --------------------------------------------------------------------------- lexicons

LEXICON_OPTIONS = (
    Option("phrases", [], "Replace the built-in word lists with these phrases "
           "(empty: use the built-in lists)."),
    Option("extend-phrases", [], "Phrases to add to the word list."),
)


class _Lexicon(Rule):
    """Base of the rules that find words of graded word lists; not registered itself."""

    tiers: ClassVar[tuple[tuple[str, float], ...]]
    """(word list, weight of one match) pairs, strongest first."""
    yields_to: ClassVar[tuple[str, ...]] = ()
    """Word lists of other rules whose matches take the words first."""

    def matches(self, ctx: RuleContext) -> list[tuple[int, Match, float]]:
        """(block index, match, tier weight) of every listed phrase in the writer's prose."""
        pipeline = ctx.pipeline
        replaced = tuple(p.lower() for p in ctx.options.get("phrases") or [])
        extra = tuple(p.lower() for p in ctx.options.get("extend-phrases") or [])
        lists: list[tuple[tuple[str, ...], float]]
        if replaced:
            lists = [(replaced + extra, self.tiers[0][1])]
        else:
            lists = [(load_phrases(PACKAGE, name) + (extra if i == 0 else ()), weight)
                     for i, (name, weight) in enumerate(self.tiers)]
        matchers: list[tuple[ExactMatcher, float]] = [
            (exact_matcher_for(load_phrases(PACKAGE, name), pipeline), 0.0)
            for name in self.yields_to]
        matchers += [(exact_matcher_for(phrases, pipeline), weight)
                     for phrases, weight in lists if phrases]
        analysis = ctx.analysis
        found: list[tuple[int, Match, float]] = []
        for index, block in enumerate(ctx.document.blocks):
            if block.quoted:
                continue
            tokens = analysis.tokens[index]
            starts = _sentence_starts(ctx, index)
            lowers = [token.lower for token in tokens]
            taken: set[int] = set()
            for matcher, weight in matchers:
                for match in matcher.finditer(tokens, lowers=lowers):
                    span = range(match.first_token, match.last_token)
                    if taken.intersection(span) or _looks_like_name(tokens, match, block, starts):
                        continue
                    taken.update(span)
                    if weight and mention(ctx, index, match.first_token, match.last_token,
                                          kind=Kind.CLAIM) is None:
                        found.append((index, match, weight))
        found.sort(key=lambda item: (item[0], item[1].start))
        return found


@documents_mentions
class Puffery(_Lexicon):
    """Strong peacock terms and marketing puffery.

    ## What it does
    Finds the strongest promotional praise from the `puffery` word list
    ("world-class", "best-in-class", "industry-leading", "revolutionary",
    "game-changing", "cutting-edge", "unparalleled", "legendary", ...),
    matched on exact word forms, case-insensitively, outside code, quotes,
    blockquotes and link URLs. Names such as "Legendary Pictures" in running
    prose are left alone, and so is a listed word that the post also writes
    in code (a library called `stellar`, installed with `pip install
    stellar`): it is the name of something. One term in a short text counts
    fully; in a long post a single term counts about half as much, so
    density matters. The findings are warnings when the terms are dense (at
    least `warning-density` per 100 words; a text under 50 words counts as
    50) and advice (info) when they are sparse: one "cutting-edge" in a
    1,500-word tutorial is a word to reconsider, not a sales pitch.

    {claim-not-mention}

    ## Why it matters to readers
    Puffery asks the reader to take the writer's word for it. It says nothing
    they can check, and it signals that the text is selling: readers discount
    everything around it, including the parts that are true.

    ## Example
    ```markdown
    Our revolutionary, world-class platform is the game-changing solution
    your team has been waiting for.
    ```

    ## Use instead
    Say what the thing does and show it: "The new index cuts query time from
    120 ms to 9 ms on our 40 GB test set." Let the reader judge whether that
    is world-class.

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in list.
    - `extend-phrases` (list of strings, default `[]`): add phrases to it.
    - `warning-density` (number, default 0.4): terms per 100 words from which
      the findings are warnings (setting the rule's `severity` makes them all
      that severity).
    """

    code = "PROM002"
    languages = ENGLISH
    name = "puffery"
    category = Category.PROMOTION
    severity = Severity.WARNING
    options = (*LEXICON_OPTIONS, Option(
        "warning-density", 0.4, "Terms per 100 words of prose (a text under 50 words "
        "counts as 50) from which the findings are warnings; sparser ones are info.",
        minimum=0.0, maximum=100.0))
    tiers = (("puffery", 1.0),)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        names = _names_in_code(ctx.document)
        found = [(index, match, tier) for index, match, tier in self.matches(ctx)
                 if _said(ctx.document.blocks[index], match.start, match.end).lower()
                 not in names]
        if not found:
            return
        words = max(ctx.document.word_count, 1)
        weight = round(0.5 + 0.5 * min(1.0, 100 / words), 2)
        # A stray term in a long post is advice; puffery is selling when it is dense.
        density = 100 * len(found) / max(words, SHORT_TEXT)
        sparse = density < float(ctx.options["warning-density"]) and _default_severity(ctx)
        for index, match, _ in found:
            block = ctx.document.blocks[index]
            said = _said(block, match.start, match.end)
            yield ctx.finding(
                f'"{said}": puffery that praises without informing; show what makes it so '
                "(a number, a comparison, an example) instead",
                block=block, start=match.start, end=match.end, weight=weight,
                severity=Severity.INFO if sparse else None)


_CODE_SPAN = re.compile(r"`+([^`\n]+?)`+")
_CODE_WORD = re.compile(r"[A-Za-z][\w.-]*")


def _names_in_code(doc: Document) -> frozenset[str]:
    """Lowercase words written in the post's code (inline spans and code blocks): the
    names of its libraries, commands and settings. A listed word that is also one
    (a package called ``stellar``, installed with ``pip install stellar``) is a name."""
    lines = doc.source.split("\n")
    texts = [m.group(1) for m in _CODE_SPAN.finditer(doc.source)]
    for block in doc.code_blocks:
        texts.extend(lines[block.line : block.line + block.lines])
    return frozenset(w.lower().strip(".-") for text in texts for w in _CODE_WORD.findall(text))


def density_options(default: float) -> tuple[Option, ...]:
    """The ``min-density`` option of a density-gated lexicon rule."""
    return (Option("min-density", default, "Report only when the weighted count of listed "
                   "words per 100 words of prose reaches this (a text under 50 words counts "
                   "as 50).", minimum=0.0, maximum=100.0),)


#: A text shorter than this many words counts as this long for density.
SHORT_TEXT = 50


class _DensityLexicon(_Lexicon):
    """A lexicon rule that reports only where listed words are dense."""

    advice: ClassVar[str]

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        found = self.matches(ctx)
        if not found:
            return
        words = max(ctx.document.word_count, SHORT_TEXT)
        density = 100 * sum(weight for _, _, weight in found) / words
        if density < float(ctx.options["min-density"]):
            return
        scale = min(1.0, SHORT_TEXT / words)
        for index, match, weight in found:
            block = ctx.document.blocks[index]
            said = _said(block, match.start, match.end)
            yield ctx.finding(
                f'"{said}": {self.advice} ({density:.1f} such words per 100)',
                block=block, start=match.start, end=match.end,
                weight=round(max(0.1, weight * scale), 2))


@documents_mentions
class PeacockTerms(_DensityLexicon):
    """Peacock terms: fame, importance and praise asserted instead of shown.

    ## What it does
    Finds milder peacock terms from the `promo_peacock` word list ("famous",
    "renowned", "prestigious", "highly regarded", "one of the greatest",
    "amazing", "incredible", "outstanding", "very successful", ...), matched
    on exact word forms outside code, quotes, blockquotes and link URLs, and
    reports them when they are dense: at least `min-density` per 100 words
    (a text under 50 words counts as 50, so one term in a sentence counts).
    Each finding is advisory and counts little; many of them add up.

    {claim-not-mention}

    ## Why it matters to readers
    Praise the reader cannot check is the writer's opinion dressed as fact.
    A sentence now and then is harmless; a post thick with "amazing" and
    "world-famous" reads as a brochure, and readers stop trusting it.

    ## Example
    ```markdown
    The famous, highly regarded studio released an amazing, incredible
    album that was very successful.
    ```

    ## Use instead
    Replace the praise with the fact behind it: "The album sold 2 million
    copies in its first year and won two national awards."

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in list.
    - `extend-phrases` (list of strings, default `[]`): add phrases to it.
    - `min-density` (number, default 0.5): listed words per 100 words
      needed before anything is reported.
    """

    code = "PROM003"
    languages = ENGLISH
    name = "peacock-terms"
    category = Category.PROMOTION
    severity = Severity.INFO
    options = LEXICON_OPTIONS + density_options(0.5)
    tiers = (("promo_peacock", 1.0),)
    yields_to = ("puffery",)
    advice = "praise the reader cannot check; give the fact behind it instead"


@documents_mentions
class LoadedLanguage(_DensityLexicon):
    """Loaded, judgemental and editorializing wording.

    ## What it does
    Finds words that tell the reader what to think instead of what happened:
    contentious labels, insults and expressions of doubt from the
    `promo_loaded` word list ("so-called", "notorious", "ridiculous",
    "allegedly", ...), and, counting half as much, editorializing adverbs,
    inflating intensifiers and opinion verbs from the `promo_editorial` word
    list ("clearly", "of course", "unfortunately", "extremely", "claimed",
    "widely regarded", ...). Everyday intensifiers ("very", "really",
    "actually", "particularly", "completely") are not listed: they grade a
    fact without judging it. Matched on exact word forms outside code,
    quotes, blockquotes and link URLs, and reported only when dense: at
    least `min-density` per 100 words (a text under 50 words counts as 50).

    {claim-not-mention}

    ## Why it matters to readers
    Loaded words do the reader's judging for them. Readers who notice the
    slant trust the facts less, and readers who do not are steered without
    being given the reasons. A text dense with verdicts is advocacy, not
    information.

    ## Example
    ```markdown
    The so-called experts clearly made a ridiculous, extremely costly
    mistake, as critics rightly claimed.
    ```

    ## Use instead
    Report what was done and what followed, and attribute opinions to the
    people who hold them: "The review board approved the design; the
    rollback cost 40 hours of downtime (incident report)."

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in lists.
    - `extend-phrases` (list of strings, default `[]`): add phrases to the
      stronger list.
    - `min-density` (number, default 0.75): weighted listed words per 100
      words needed before anything is reported.
    """

    code = "PROM004"
    languages = ENGLISH
    name = "loaded-language"
    category = Category.PROMOTION
    severity = Severity.INFO
    options = LEXICON_OPTIONS + density_options(0.75)
    tiers = (("promo_loaded", 1.0), ("promo_editorial", 0.5))
    yields_to = ("puffery", "promo_peacock")
    advice = "loaded or editorializing wording; state the facts and let readers judge"


# --------------------------------------------------------------------------- PROM005

_SUPERLATIVES = ("best", "fastest", "cheapest", "easiest", "simplest", "smartest", "strongest",
                 "safest", "biggest", "largest", "greatest", "finest", "quickest", "coolest",
                 "smoothest")
_SUPERLATIVE = rf"(?:{'|'.join(_SUPERLATIVES)}|most\s+[a-z][a-z-]+)"
_CLAIM_TAIL = (r"(?:ever|in\s+the\s+(?:world|industry|universe|galaxy)"
               r"|on\s+the\s+(?:market|planet|web|internet)|in\s+(?:history|its\s+class)"
               r"|of\s+all\s+time|anywhere|money\s+can\s+buy|out\s+there"
               r"|you(?:'ll|\u2019ll|\s+will)\s+ever\s+\w+)")
_SUPERLATIVE_KEYS = (*_SUPERLATIVES, "most")
_CLAIM_TAIL_KEYS = ("ever", "world", "industry", "universe", "galaxy", "market", "planet", "web",
                    "internet", "history", "class", "time", "anywhere", "money", "there")
_RANKED = (r"(?:rated|ranked|choice|brand|solution|tool|platform|app|product"
           r"|provider|service|seller|bestseller|best-seller|best-selling|in\s+the)\b")
# Each branch with the words it cannot match without (see KeyedAlternation).
_UNBACKED = KeyedAlternation((
    ((_SUPERLATIVE_KEYS, _CLAIM_TAIL_KEYS),
     rf"\b(?:the|our|its|their|this|my)\s+{_SUPERLATIVE}\b(?:[\s,]+[\w'\u2019-]+){{0,5}}?"
     rf"[\s,]+{_CLAIM_TAIL}\b"),
    ((("world",),),
     r"\bworld['\u2019]?s\s+(?:first|best|fastest|largest|biggest|leading|greatest|smartest"
     r"|only|number\s+one|#\s?1|most\s+[a-z][a-z-]+)\b"),
    ((("#",),), r"\b(?:the|our|their|a|is|are|ranked|rated|voted)\s+#\s?1(?![\d\w])"),
    ((("#",),), r"(?<![\w/#&])#\s?1\s+" + _RANKED),
    ((("number",),), r"\bnumber[- ]one\s+" + _RANKED),
    ((("no.",),), r"\bno\.\s?1\s+" + _RANKED),
    ((("guaranteed",),),
     r"\bguaranteed\s+(?:results?|success|satisfaction|savings|returns|income|profits?"
     r"|to\s+(?:work|improve|increase|boost|save|make|grow|double|triple|win|sell|rank"
     r"|deliver|pass|impress|transform|change))\b"),
    ((("guaranteed",),), r"\b(?:satisfaction|results|success)\s+guaranteed\b"),
    ((("guarantee",),),
     r"\bwe\s+guarantee\s+(?:you\b|that\s+you\b|results|success|satisfaction|it\s+will)"),
    ((("100", "hundred"),),
     r"\b(?:100|one\s+hundred)\s?(?:%|per\s?cent)\s+(?:guaranteed|free|natural|organic"
     r"|pure|satisfaction|risk[- ]free|effective|legit|authentic|success|money[- ]back)\b"),
    ((("fail", "works", "zero", "risk", "proven", "nothing", "unbeatable"),),
     r"\b(?:never\s+fails?|works\s+every\s+time|zero\s+risk|risk[- ]free"
     r"|proven\s+results|proven\s+to\s+(?:work|increase|boost|improve|double|grow|help)"
     r"|nothing\s+else\s+comes\s+close|unbeatable\s+(?:price|prices|value|quality))\b"),
    ((("only", "last"), ("ever",)),
     r"\bthe\s+(?:only|last)\s+[\w-]+(?:\s+[\w-]+)?\s+you(?:'ll|\u2019ll|\s+will)\s+ever"
     r"\s+need\b"),
    ((("other",),),
     r"\bno\s+other\s+(?:product|tool|solution|service|platform|company|app)\s+"
     r"(?:can|does|comes|offers|gives)\b"),
))
_NEGATED = re.compile(
    r"(?:\bnot|n['\u2019]t|\bno\s+longer|\bnever|\bwithout)\s*\S*\s*$", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DIGIT = re.compile(r"\d")
_SOURCE_WORDS = re.compile(
    r"\b(?:according\s+to|benchmark\w*|measured|measurements?|survey\w*|study|studies"
    r"|source[sd]?|data\s+(?:from|shows?)|results\s+show|tested|reviewed\s+by|ranked\s+by"
    r"|rated\s+by|report(?:ed)?\s+by|cited)\b", re.IGNORECASE)
_SOURCE_MARKUP = re.compile(r"\]\(|\]\[|https?://|www\.|<a\s|\[\^|\[\d+\]", re.IGNORECASE)


@documents_mentions
class UnbackedSuperlative(Rule):
    """Superlatives, rankings and guarantees with nothing to back them.

    ## What it does
    Finds claims of being the best, first or only ("the best tool ever",
    "the fastest on the market", "the world's first", "#1", "number one
    rated"), and guarantees ("guaranteed results", "100% guaranteed",
    "never fails", "risk-free", "the only app you'll ever need"), and reports
    them when neither their sentence nor the sentences next to it (up to
    `window` away, same paragraph) has a number, a link, a footnote or a
    source ("according to", "benchmark", "survey"). Years and the claim's
    own "#1" or "100%" do not count as evidence. Advice such as "the best
    way to start is ..." is not a claim and is not reported.

    {claim-not-mention}

    ## Why it matters to readers
    A superlative is a measurement claim. Without the measurement, the
    reader cannot tell a fact from a slogan, and absolute guarantees are
    the language of advertising, not of people who know their subject.

    ## Example
    ```markdown
    Quickpad is the fastest editor on the market, guaranteed to double
    your productivity.
    ```

    ## Use instead
    Give the comparison and its source: "Quickpad opened a 1 GB log in
    2.1 s against 9.8 s for the next editor we tried ([benchmark](/bench))."

    ## Options
    - `window` (integer, default 1): how many sentences before and after
      the claim are searched for a number, link or source.
    """

    code = "PROM005"
    languages = ENGLISH
    name = "unbacked-superlative"
    category = Category.PROMOTION
    severity = Severity.WARNING
    options = (
        Option("window", 1, "Sentences before and after a claim searched for evidence.",
               minimum=0, maximum=5),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        window = int(ctx.options["window"])
        analysis = ctx.analysis
        link_offsets = sorted(_link_offset(doc, link.line, link.column) for link in doc.links)
        for index, sentences in sentence_index(ctx).items():
            block = doc.blocks[index]
            if block.quoted:
                continue
            tokens = analysis.tokens[index]
            starts = [t.start for t in tokens]
            quoted = [(t.start, t.end) for t in tokens if t.quoted]
            for position, sentence in enumerate(sentences):
                text = block.text[sentence.start:sentence.end]
                for match in _UNBACKED.finditer(text):
                    start = sentence.start + match.start()
                    end = sentence.start + match.end()
                    if any(a <= start < b for a, b in quoted):
                        continue
                    if _NEGATED.search(text[max(0, match.start() - 16):match.start()]):
                        continue
                    first = bisect.bisect_left(starts, start)
                    last = max(first + 1, bisect.bisect_left(starts, end))
                    if first < len(tokens) and mention(ctx, index, first, last,
                                                       kind=Kind.CLAIM) is not None:
                        continue
                    near = sentences[max(0, position - window):position + window + 1]
                    if _has_evidence(doc, block, near, (start, end), link_offsets):
                        continue
                    said = _said(block, start, end)
                    yield ctx.finding(
                        f'"{said}": superlative or guarantee with no number, link or source '
                        "nearby; back it with the measurement or drop it",
                        block=block, start=start, end=end)


def _link_offset(doc: Document, line: int, column: int) -> int:
    return doc.line_starts[line - 1] + column - 1 if 0 < line <= len(doc.line_starts) else -1


def _has_evidence(doc: Document, block: ProseBlock, sentences: Sequence[Sentence],
                  claim: tuple[int, int], link_offsets: Sequence[int]) -> bool:
    for sentence in sentences:
        text = block.text[sentence.start:sentence.end]
        if claim[0] >= sentence.start and claim[1] <= sentence.end:
            a, b = claim[0] - sentence.start, claim[1] - sentence.start
            text = text[:a] + " " + text[b:]
        if _DIGIT.search(_YEAR.sub(" ", text)) or _SOURCE_WORDS.search(text):
            return True
        low = block.source_offset(sentence.start)
        high = block.source_offset(sentence.end)
        at = bisect.bisect_left(link_offsets, low)
        if at < len(link_offsets) and link_offsets[at] < high:
            return True
        if _SOURCE_MARKUP.search(doc.source, low, high + 1):
            return True
    return False


# --------------------------------------------------------------------------- PROM006

_CALL_TO_BUY = re.compile(
    r"\b(?:buy|purchase|shop\s+now|sign\s+up|subscribe|enrol+|register\s+(?:now|today|here)"
    r"|order\s+(?:now|today|yours|online|a\s+copy)|claim\s+your|grab\s+your"
    r"|book\s+(?:now|today|your|a\s+demo)|call\s+(?:now|today|us))\b", re.IGNORECASE)


@documents_mentions
class Urgency(PhraseRule):
    """Artificial urgency and scarcity.

    ## What it does
    Finds urgency and scarcity phrases from the `urgency` word list
    ("limited-time offer", "only 3 left", "offer ends", "last chance",
    "hurry up", "before it's too late", ...), matched on words and lemmas outside
    code, quotes, blockquotes and link URLs. "right now" is ordinary in
    honest writing ("the build is slow right now") and counts only when
    shouted ("RIGHT NOW") or in a sentence that asks the reader to buy,
    order, sign up or register (it is marked `{in-context}` in the list).
    "don't wait" counts only where it ends its clause ("Don't wait!", not
    "Don't wait for permission to refactor": marked `{clause-end}`).

    {use-not-mention}

    ## Why it matters to readers
    Deadlines and dwindling stock are pressure tactics: they push the reader
    to act before thinking. A post that informs has no reason to rush its
    reader.

    ## Example
    ```markdown
    Only 3 seats left, and the offer ends tonight. Sign up RIGHT NOW!
    ```

    ## Use instead
    State real dates plainly and without pressure: "Registration closes on
    14 May; the workshop has 30 places."

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in list.
    - `extend-phrases` (list of strings, default `[]`): add phrases to it.
    """

    code = "PROM006"
    languages = ENGLISH
    name = "urgency"
    category = Category.PROMOTION
    severity = Severity.WARNING
    wordlist = "urgency"
    advice = "artificial urgency pushes readers to act before thinking; state real dates plainly"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        matcher = matcher_for(self.phrases(ctx), ctx.pipeline)
        markers = self.markers(ctx)
        analysis = ctx.analysis
        sentences = sentence_index(ctx)
        for index, block in enumerate(ctx.document.blocks):
            if block.quoted:
                continue
            tokens = analysis.tokens[index]
            for match in matcher.finditer(tokens):
                # Phrases ordinary on their own ("right now", marked {in-context}) count
                # only when shouted or in a sentence that asks the reader to buy.
                if "in-context" in markers.get(match.phrase, ()):
                    words = tokens[match.first_token:match.last_token]
                    shouted = all(t.text.isupper() for t in words)
                    if not shouted and not _near_call_to_buy(block, match,
                                                             sentences.get(index, [])):
                        continue
                if self.is_use(ctx, index, match):
                    yield self.report(ctx, index, match.start, match.end)


def _near_call_to_buy(block: ProseBlock, match: Match, sentences: Sequence[Sentence]) -> bool:
    for sentence in sentences:
        if sentence.start <= match.start < sentence.end:
            return bool(_CALL_TO_BUY.search(block.text, sentence.start, sentence.end))
    return bool(_CALL_TO_BUY.search(block.text))


# --------------------------------------------------------------------------- PROM007

_SELF = frozenset({"we", "our", "ours", "us", "ourselves"})
_READER = frozenset({"you", "your", "yours", "yourself", "yourselves", "ya", "y'all"})
_BRAND_KEYS = ("company", "brand", "organization", "organisation", "author")


class SelfFocus(Rule):
    """A post about the writer ("we", "our") far more than about the reader ("you").

    ## What it does
    Counts first-person plural words ("we", "our", "us") and mentions of the
    brand named in the front matter (`company`, `brand`, `organization`, or
    `author` written out in full), against words for the reader ("you",
    "your"), outside quotes and blockquotes. A post of at least `min-words`
    words is reported when the writer's words reach `min-density` per 100
    words and outnumber the reader's words by `min-ratio` to one. The weight
    grows with the ratio; very lopsided posts are a warning.

    ## Why it matters to readers
    Readers ask "what is in it for me?". A post that talks only about the
    company, its pride and its achievements is a press release; it leaves the
    reader to work out why they should care. Team posts naturally say "we";
    the signal is "we" with almost no "you".

    ## Example
    ```markdown
    We are proud to announce that our team has reached our biggest
    milestone. We have worked hard, and our partners love us. We thank our
    investors for believing in us ...
    ```

    ## Use instead
    Turn the news toward the reader: what changes for them, what they can do
    now, what problem it solves. "You can now export reports as CSV: open
    Settings > Export."

    ## Options
    - `min-words` (integer, default 150): shorter posts are not judged.
    - `min-ratio` (number, default 10.0): writer's words per reader's word.
    - `min-density` (number, default 4.0): writer's words per 100 words.
    """

    code = "PROM007"
    languages = ENGLISH
    name = "self-focus"
    category = Category.PROMOTION
    severity = Severity.INFO
    options = (
        Option("min-words", 150, "Posts with fewer prose words are not judged.",
               minimum=0, maximum=100_000),
        Option("min-ratio", 10.0, "Writer's words per reader's word needed to report.",
               minimum=1.0, maximum=100.0),
        Option("min-density", 4.0, "Writer's words per 100 words needed to report.",
               minimum=0.0, maximum=100.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        words = doc.word_count
        if words < int(ctx.options["min-words"]):
            return
        own, reader = _self_and_reader(doc, ctx.analysis)
        own += _brand_mentions(doc)
        ratio = own / max(reader, 1)
        density = 100 * own / max(words, 1)
        min_ratio = float(ctx.options["min-ratio"])
        min_density = float(ctx.options["min-density"])
        if ratio < min_ratio or density < min_density:
            return
        # min-density may be 0 (report at any density): the density then counts fully.
        strength = min(ratio / min_ratio, 3.0) * (
            min(density / min_density, 2.0) if min_density else 2.0)
        weight = round(min(0.5 + 0.5 * strength, 3.0), 2)
        severity = None
        if _default_severity(ctx) and ratio >= 2 * min_ratio and density >= 2 * min_density:
            severity = Severity.WARNING
            weight = round(min(0.5 + 0.25 * strength, 3.0), 2)
        yield ctx.finding(
            f"post speaks of itself {own} times (we, our, us, the brand) and of the reader "
            f"{reader} time{'s' if reader != 1 else ''} in {words} words; say what it means "
            "for the reader",
            line=doc.title_line, weight=weight, severity=severity)


def _self_and_reader(doc: Document, analysis: Analysis) -> tuple[int, int]:
    own = reader = 0
    for index, block in enumerate(doc.blocks):
        if block.quoted:
            continue
        for token in analysis.tokens[index]:
            if token.quoted:
                continue
            lower = token.lower
            if lower in _SELF and token.text != "US":
                own += 1
            elif lower in _READER:
                reader += 1
    return own, reader


def _brand_mentions(doc: Document) -> int:
    names: list[str] = []
    for key in _BRAND_KEYS:
        value: Any = doc.metadata.get(key)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, dict):
                item = item.get("name")
            if isinstance(item, str) and 2 < len(item.strip()) < 60:
                name = re.sub(r"^the\s+", "", item.strip(), flags=re.IGNORECASE)
                if key != "author" or " " in name or name[:1].isupper():
                    names.append(name)
    if not names:
        return 0
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names),
                         re.IGNORECASE)
    return sum(len(pattern.findall(block.text)) for block in doc.blocks if not block.quoted)


# --------------------------------------------------------------------------- PROM008

_PRICE = re.compile(
    r"(?:(?<![\w$€£¥₹])(?:US\$|[$€£¥₹])\s?\d[\d,]*(?:\.\d+)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:USD|EUR|GBP|dollars|euros|bucks)\b)"
    r"(?!\d|[,.]\d|\s?(?:k|m|bn|mn|million|billion|thousand)\b)"
    r"(?:\s?(?:/|per|a)\s?(?:month|mo|year|yr|user|seat|license|licence)\b)?",
    re.IGNORECASE)


class SalesDensity(Rule):
    """Many prices and calls to action for the length of the post.

    ## What it does
    Counts prices ("$49.99", "€10 per month", "20 USD") and calls to action
    from the `promo_cta` word list ("sign up", "buy", "subscribe now",
    "get started", "free trial", "book a demo", ...) in the prose, and
    reports the post when there are at least `min-count` of them, at least
    `min-density` per 100 words, and at least one call to action (a report
    of costs or a budget is not a sales pitch). Sums in thousands or
    millions ("$90k", "$2 million") are grants and budgets, not prices, and
    are not counted. The weight grows with the density. A call to action
    counts only as a use, the writer's own imperative or offer: "bought
    followers", "anyone can buy likes" or "they asked us to sign up" are not
    calls to action (see "Mentions are not reported" on PROM001's page; the
    same frames apply).

    ## Why it matters to readers
    A post whose every paragraph carries a price or a button is a sales
    page. Readers looking for information have to dig through the pitch, and
    they learn that the blog exists to sell to them.

    ## Example
    ```markdown
    Plans start at $9 per month. Sign up today, or buy the annual plan for
    $90 and get started in minutes. Subscribe now for the free trial!
    ```

    ## Use instead
    Keep prices on the pricing page and calls to action to one, at the end.
    Spend the words on what the reader came for: how it works, what it
    costs them in effort, what the alternatives are.

    ## Options
    - `min-count` (integer, default 4): fewest prices and calls to action to report.
    - `min-density` (number, default 1.0): prices and calls to action per 100 words.
    - `extend-phrases` (list of strings, default `[]`): calls to action to add.
    """

    code = "PROM008"
    languages = ENGLISH
    name = "sales-density"
    category = Category.PROMOTION
    severity = Severity.WARNING
    options = (
        Option("min-count", 4, "Fewest prices and calls to action to report.",
               minimum=1, maximum=1000),
        Option("min-density", 1.0, "Prices and calls to action per 100 words to report.",
               minimum=0.0, maximum=100.0),
        Option("extend-phrases", [], "Calls to action to add to the word list."),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        extra = tuple(p.lower() for p in ctx.options.get("extend-phrases") or [])
        matcher = matcher_for(load_phrases(PACKAGE, "promo_cta") + extra, ctx.pipeline)
        analysis = ctx.analysis
        prices = actions = 0
        examples: list[str] = []
        for index, block in enumerate(doc.blocks):
            if block.quoted:
                continue
            tokens = analysis.tokens[index]
            quoted = [(t.start, t.end) for t in tokens if t.quoted]
            for match in _PRICE.finditer(block.text):
                if not any(a <= match.start() < b for a, b in quoted):
                    prices += 1
                    if len(examples) < 3:
                        examples.append(_said(block, match.start(), match.end()))
            for found in matcher.finditer(tokens):
                if mention(ctx, index, found.first_token, found.last_token,
                           found.phrase) is not None:
                    continue
                actions += 1
                if len(examples) < 3:
                    examples.append(_said(block, found.start, found.end))
        count = prices + actions
        words = max(doc.word_count, SHORT_TEXT)
        density = 100 * count / words
        min_density = float(ctx.options["min-density"])
        if not actions or count < int(ctx.options["min-count"]) or density < min_density:
            return
        quoted_examples = ", ".join(f'"{e}"' for e in examples)
        yield ctx.finding(
            f"{prices} prices and {actions} calls to action in {doc.word_count} words "
            f"({density:.1f} per 100; {quoted_examples}); keep one call to action and spend "
            "the words on what the reader came for",
            line=doc.title_line,
            # min-density = 0 reports any sales talk, at the highest weight.
            weight=round(min(3.0, density / min_density), 2) if min_density else 3.0)


# --------------------------------------------------------------------------- PROM009

_AFFILIATE_HOSTS = (
    "amzn.to", "amzn.com", "amzn.eu", "a.co", "shareasale.com", "shareasale-analytics.com",
    "clickbank.net", "linksynergy.com", "awin1.com", "anrdoezrs.net", "dpbolvw.net",
    "jdoqocy.com", "kqzyfj.com", "tkqlhce.com", "emjcd.com", "go.skimresources.com",
    "go.redirectingat.com", "redirect.viglink.com", "rstyle.me", "shopstyle.it", "prf.hn",
    "avantlink.com", "pntra.com", "gopjn.com", "pjtra.com", "pjatr.com", "sjv.io", "pxf.io",
    "7eer.net", "evyy.net", "ojrq.net", "rover.ebay.com", "click.linksynergy.com",
    "refersion.com", "partnerstack.com", "hop.clickbank.net", "m.do.co",
)
_AFFILIATE_PARAMS = frozenset({
    "aff", "aff_id", "affid", "affiliate", "affiliate_id", "affiliateid", "aff_sub",
    "afid", "aff_code", "affcode", "partner_id", "ps_partner_key", "ps_xid", "fpr", "irclickid",
    "clickref", "ranmid", "ransiteid", "associate_id", "assoc",
})
_AFFILIATE_MEDIUMS = frozenset({"affiliate", "affiliates", "aff", "influencer", "cpa", "cps"})
#: Hosts where ``aff=`` only tags where a visitor came from (event listings).
_SOURCE_TAG_HOSTS = ("eventbrite.",)
#: Hosts where ``ref=`` names a branch, tag or commit, not a referrer.
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "sr.ht",
               "githubusercontent.com", "docs.rs", "crates.io", "pypi.org", "npmjs.com",
               "readthedocs.io", "readthedocs.org", "git.")
#: Community chat and forum hosts: a project's invitation to its own chat earns
#: nobody anything, whatever campaign tag its link carries.
_COMMUNITY_HOSTS = ("discord.gg", "discord.com", "discordapp.com", "zulipchat.com", "gitter.im",
                    "matrix.to", "slack.com", "t.me", "telegram.me", "discourse.org",
                    "groups.google.com", "libera.chat", "irc.libera.chat", "element.io")
_DISCLOSURE = re.compile(
    r"\b(?:affiliate|affiliates|commissions?|sponsored|sponsorship|paid\s+partnerships?"
    r"|partner\s+links?|referral\s+(?:links?|codes?|programs?|programmes?)|advertisement"
    r"|paid\s+links?|(?:we|i)\s+(?:may\s+|might\s+|will\s+)?(?:earn|receive|get)\s+(?:a\s+)?"
    r"(?:small\s+)?(?:fee|commission|share|kickback|cut)|at\s+no\s+(?:extra|additional)\s+cost"
    r"\s+to\s+you|disclosure)\b|#ad\b|\[ad\]|\(ad\)", re.IGNORECASE)


def affiliate_kind(href: str, rel: str = "") -> str | None:
    """``"affiliate"``, ``"tracking"`` or None for a link destination."""
    if "sponsored" in rel.lower().split():
        return "affiliate"
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not host:
        return None
    if any(host == h or host.endswith("." + h) for h in _AFFILIATE_HOSTS):
        return "affiliate"
    query = parse_qsl(parts.query, keep_blank_values=True)
    keys = {k.lower(): v for k, v in query}
    if "amazon." in host and ("tag" in keys or "/ref=as_li" in parts.path):
        return "affiliate"
    if any(k in _AFFILIATE_PARAMS for k in keys):
        return "tracking" if any(h in host for h in _SOURCE_TAG_HOSTS) else "affiliate"
    if keys.get("utm_medium", "").lower() in _AFFILIATE_MEDIUMS:
        return "affiliate"
    code_host = any(host == h or host.endswith("." + h) or host.startswith(h)
                    for h in _CODE_HOSTS)
    if not code_host and any(k in ("ref", "referral", "referrer", "via") for k in keys):
        return "tracking"
    if any(k.startswith("utm_") for k in keys):
        community = any(host == h or host.endswith("." + h) for h in _COMMUNITY_HOSTS)
        return None if community else "tracking"
    return None


class UndisclosedAffiliateLink(Rule):
    """Affiliate or tracking links in a post that discloses nothing.

    ## What it does
    Looks at every link's destination for affiliate and referral networks
    (amzn.to, Amazon links with `tag=`, ShareASale, ClickBank, CJ, Impact,
    Awin, Rakuten, Skimlinks, ...), affiliate parameters (`aff=`,
    `affiliate_id=`, `utm_medium=affiliate`) and `rel="sponsored"` (error),
    and for referral and campaign tracking (`?ref=`, `?via=`, `utm_`
    parameters; warning). The first link of each kind counts fully, later
    ones little: they repeat the same lapse. `ref=` on code hosts (GitHub, GitLab, docs.rs,
    ...) names a branch and is ignored, and so are `utm_` tags on links to community
    chats and forums (Discord, Zulip, Gitter, Matrix, Slack, Discourse...): a project
    inviting readers to its own chat earns nothing from it. Nothing is reported when the post
    discloses the relationship anywhere ("affiliate", "commission",
    "sponsored", "paid partnership", "#ad", "we may earn a fee").

    ## Why it matters to readers
    A reader who follows a recommendation deserves to know the writer is
    paid when they buy. Undisclosed affiliate links are unfair to readers and,
    in many countries, against advertising law.

    ## Example
    ```markdown
    I use this [standing desk](https://amzn.to/3xYz12) every day.
    ```

    ## Use instead
    Say so plainly near the top: "Links to products are affiliate links: we
    earn a commission if you buy, at no cost to you." Or link to the maker's
    page without the tracking code.

    ## Options
    - `check-tracking` (true or false, default true): also report plain
      referral and `utm_` campaign links (as warnings).
    """

    code = "PROM009"
    languages = ENGLISH
    name = "undisclosed-affiliate-link"
    category = Category.PROMOTION
    severity = Severity.ERROR
    options = (
        Option("check-tracking", True, "Also report referral and utm_ campaign links."),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        flagged = [(link, kind) for link in doc.links
                   if (kind := affiliate_kind(link.href, link.rel)) is not None]
        if not ctx.options["check-tracking"]:
            flagged = [(link, kind) for link, kind in flagged if kind == "affiliate"]
        if not flagged or _discloses(doc):
            return
        seen: set[str] = set()
        for link, kind in flagged:
            host = urlsplit(link.href.strip()).hostname or link.href
            # The first link of each kind counts fully; the rest repeat the same lapse.
            again = kind in seen
            seen.add(kind)
            if kind == "affiliate":
                yield ctx.finding(
                    f"affiliate link to {host} and no disclosure in the post; tell readers "
                    "you earn from it, near the top", line=link.line,
                    weight=0.3 if again else 1.0)
            else:
                yield ctx.finding(
                    f"referral or campaign-tracking link to {host} and no disclosure; link "
                    "without the tracking code or say why it is there", line=link.line,
                    severity=Severity.WARNING if _default_severity(ctx) else None,
                    weight=0.1 if again else 0.5)


def _discloses(doc: Document) -> bool:
    if any(_DISCLOSURE.search(block.text) for block in doc.blocks):
        return True
    for key in ("disclosure", "sponsored", "affiliate", "affiliates", "ad", "advertisement"):
        if doc.metadata.get(key):
            return True
    tags = doc.metadata.get("tags")
    return isinstance(tags, list) and any(
        isinstance(t, str) and _DISCLOSURE.search(t) for t in tags)


# --------------------------------------------------------------------------- PROM010

_CAPS_WORD = re.compile(r"^[A-Z]+(?:['\u2019][A-Z]+)?$")
_VOWEL = re.compile(r"[AEIOUY]")
#: Capitalised words with a technical meaning: methods, keywords, levels, formats.
_TECHNICAL = frozenset((
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE", "SELECT",
    "INSERT", "UPDATE", "UPSERT", "FROM", "WHERE", "JOIN", "INNER", "OUTER", "LEFT", "RIGHT",
    "FULL", "CROSS", "GROUP", "ORDER", "LIMIT", "OFFSET", "VALUES", "TABLE", "CREATE", "DROP",
    "ALTER", "INDEX", "PRIMARY", "FOREIGN", "KEY", "REFERENCES", "NULL", "DEFAULT", "UNIQUE",
    "DISTINCT", "HAVING", "UNION", "CASE", "WHEN", "THEN", "ELSE", "END", "BEGIN", "COMMIT",
    "ROLLBACK", "RETURNING", "EXISTS", "LIKE", "BETWEEN", "CASCADE", "GRANT", "REVOKE", "VIEW",
    "INTO", "SET", "MUST", "SHALL", "SHOULD", "MAY", "REQUIRED", "RECOMMENDED", "OPTIONAL",
    "NOT", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "TRACE", "NOTE", "TODO",
    "FIXME", "XXX", "HACK", "README", "LICENSE", "CHANGELOG", "CONTRIBUTING", "AUTHORS", "FAQ",
    "TLDR", "TRUE", "FALSE", "NONE", "NAN", "EOF", "STDIN", "STDOUT", "STDERR", "PATH", "HOME",
    "USER", "ASCII", "UNICODE", "JSON", "YAML", "TOML", "HTML", "XML", "HTTP", "HTTPS",
    "POSIX", "UNIX", "LINUX", "MACOS", "WINDOWS", "LLVM", "WASM", "WASI", "MSRV", "ABI", "API",
    "CLI", "GUI", "SDK",
))


class Shouting(Rule):
    """Shouting: runs of capitalised words and rows of exclamation marks.

    ## What it does
    Reports runs of three or more words in capitals ("THIS CHANGES
    EVERYTHING", "DON'T MISS OUT") as warnings, and rows of exclamation
    marks ("!!", "!!!", "?!?!") in the writer's own prose as advice (info),
    counting more the longer the row: a cheerful "Thank you!!" costs little.
    Acronyms and technical words in capitals ("API", "HTTP GET POST",
    "MUST NOT", "NOT NULL"), lists of acronyms, safety notices ("WARNING:
    THIS WILL ERASE THE DISK"), code, quotes and blockquotes do not count.

    ## Why it matters to readers
    Capitals and stacked exclamation marks are the typography of
    advertising: they raise the volume instead of the content. Readers find
    shouted text harder to read and easier to dismiss.

    ## Example
    ```markdown
    This release is HUGE FOR EVERY TEAM!!! You have to see it!!
    ```

    ## Use instead
    Let the content carry the emphasis. Use one exclamation mark at most,
    and *italics* for the one word that needs stress: "This release makes
    incremental builds *three times* faster."

    ## Options
    - `min-run` (integer, default 3): fewest capitalised words in a row to report.
    """

    code = "PROM010"
    name = "shouting"
    category = Category.PROMOTION
    severity = Severity.WARNING
    options = (
        Option("min-run", 3, "Fewest capitalised words in a row to report.",
               minimum=2, maximum=20),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        min_run = int(ctx.options["min-run"])
        analysis = ctx.analysis
        for index, block in enumerate(ctx.document.blocks):
            if block.quoted:
                continue
            tokens = analysis.tokens[index]
            for first, last in _caps_runs(tokens, min_run):
                start, end = tokens[first].start, tokens[last - 1].end
                said = _said(block, start, end)
                yield ctx.finding(
                    f'"{said}": shouting in capitals; let the content carry the emphasis',
                    block=block, start=start, end=end,
                    weight=round(min(1.5, 0.5 + 0.1 * (last - first - min_run)), 2))
            if "!" in block.text:
                yield from _exclamation_rows(ctx, block, tokens)


def _caps_runs(tokens: Sequence[Token], min_run: int) -> Iterator[tuple[int, int]]:
    """(first, last) token ranges of shouted runs of capitalised words.

    A run is shouting when it has at least two words that are not acronyms
    or technical words, and either an everyday word ("THE", "NOW", "YOUR")
    or two long words ("LIMITED TIME OFFER"); lists of acronyms are not.
    """
    run: list[int] = []
    for i, token in enumerate([*tokens, None]):
        if token is not None and not token.quoted and _CAPS_WORD.match(token.text) \
                and (len(token.text) > 1 or token.text in ("I", "A")):
            run.append(i)
            continue
        if token is not None and run and token.text == "-" and not token.quoted:
            continue
        words = [tokens[j].text for j in run]
        span = (run[0], run[-1] + 1) if run else (0, 0)
        run = []
        if len(words) < min_run or _CAUTION.intersection(words):
            continue
        loud = [w for w in words if w not in _TECHNICAL and (
            (len(w) >= 4 and _VOWEL.search(w)) or w.lower() in _EVERYDAY)]
        everyday = sum(1 for w in loud if w.lower() in _EVERYDAY)
        long_words = sum(1 for w in loud if len(w) >= 5)
        if len(loud) >= 2 and (everyday or long_words >= 2):
            yield span


#: Everyday words that are not acronyms when written in capitals.
_EVERYDAY = frozenset((
    "the", "and", "you", "your", "now", "all", "for", "our", "are", "was", "get", "buy", "off",
    "new", "big", "one", "two", "out", "can", "it's", "don't", "won't", "this", "that", "its",
    "not", "yes", "wow", "omg", "hot", "top", "win", "free", "more", "best", "just", "only",
    "today", "must", "see", "is", "be", "to", "of", "in", "on", "at", "we", "my", "me", "he",
    "she", "they", "them", "so", "do", "go", "no", "up", "if", "or", "as", "by", "an", "us",
    "will", "with", "what", "when", "have", "has", "every", "ever", "never", "here", "there",
    "deal", "sale", "last", "time", "offer", "how", "why", "who",
))
#: Words of safety notices, which are written in capitals for good reason.
_CAUTION = frozenset({"WARNING", "CAUTION", "DANGER", "IMPORTANT", "NOTE", "ERASE", "DELETE",
                      "WIPE", "BACKUP", "ATTENTION", "NOTICE"})

_EXCLAIM = re.compile(r"[!?]*![!?]*")


def _exclamation_rows(ctx: RuleContext, block: ProseBlock,
                      tokens: Sequence[Token]) -> Iterator[Finding]:
    quoted = [(t.start, t.end) for t in tokens if t.quoted]
    for match in _EXCLAIM.finditer(block.text):
        marks = match.group(0)
        if marks.count("!") < 2 and len(marks) < 3:
            continue
        if any(a <= match.start() < b for a, b in quoted):
            continue
        yield ctx.finding(
            f'"{marks}": a row of exclamation marks shouts; one is enough, none is better',
            block=block, start=match.start(), end=match.end(),
            severity=Severity.INFO if _default_severity(ctx) else None,
            weight=min(1.0, 0.3 * (len(marks) - 1)))


RULES = (HardSell, Puffery, PeacockTerms, LoadedLanguage, UnbackedSuperlative, Urgency,
         SelfFocus, SalesDensity, UndisclosedAffiliateLink, Shouting)
