"""PROM005 unbacked-superlative: superlatives, rankings and guarantees with nothing to back them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from valuelint.document import Document, ProseBlock
from valuelint.language import Sentence
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.alternation import KeyedAlternation
from valuelint_rules.mentions import Kind, documents_mentions, mention, sentence_index
from valuelint_rules.phrases import span_text

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
    """

    code = "PROM005"
    languages = ENGLISH
    name = "unbacked-superlative"
    category = Category.PROMOTION
    severity = Severity.WARNING
    options = (
        Option("window", 1, "How many sentences before and after a claim are searched "
               "for evidence: a number, a link or a source.",
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
                    said = span_text(block, start, end)
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
