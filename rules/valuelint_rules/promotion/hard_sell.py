"""PROM001 hard-sell: hard-sell calls to action, pressure phrases and discount codes."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from valuelint.document import ProseBlock
from valuelint.language import Sentence, Token
from valuelint.rule import ENGLISH, Category, Finding, RuleContext, Severity
from valuelint_rules.mentions import documents_mentions, sentence_index
from valuelint_rules.phrases import PhraseRule, phrase_matches, span_text

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
    """

    code = "PROM001"
    languages = ENGLISH
    name = "hard-sell"
    category = Category.PROMOTION
    severity = Severity.ERROR
    wordlist = "hard_sell"
    advice = "hard-sell call to action; tell readers what it does for them instead"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        matches = phrase_matches(ctx, self.phrase_list(ctx))
        analysis = ctx.analysis
        for index, block in enumerate(ctx.document.blocks):
            if block.quoted:
                continue
            tokens = analysis.tokens[index]
            codes = list(_discount_codes(block, tokens, sentence_index(ctx).get(index, [])))
            for start, end, _, _ in codes:
                said = span_text(block, start, end)
                yield ctx.finding(f'"{said}": discount code pushed at the reader; say what the '
                                  "product does and link one plain pricing page instead",
                                  block=block, start=start, end=end)
            for match in matches[index]:
                # A phrase in a sentence that offers a discount code is part of that finding.
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
