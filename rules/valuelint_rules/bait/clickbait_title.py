"""BAIT002 clickbait-title: a title that teases a click instead of naming its subject."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from valuelint.language import Pipeline, Token
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.wordlists import Forms, load_phrases, matcher_for

_LIST_NUMBER = re.compile(r"^[0-9]{1,3}$")
_SPELLED = frozenset((
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty", "hundred",
))
#: Words after a leading number that make it a count in a report, not a list:
#: "30 dead in ...", "46 die in ...", "5 percent ...".
_COUNT_WORDS = frozenset((
    "dead", "die", "dies", "died", "killed", "injured", "hurt", "arrested", "missing",
    "wounded", "percent", "%", "year", "years", "month", "months", "day", "days", "hour",
    "hours", "million", "billion", "thousand", "more", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
))
_SECOND_PERSON = frozenset(("you", "your", "yours", "yourself", "yourselves", "ya", "y'all"))
_TEASERS = frozenset(("this", "these", "here", "that"))
_TEASER_VERBS = frozenset(("'s", "is", "are", "'re"))
#: "This week in ...", "This development cycle in ...": dates, not teasers.
_TIME_WORDS = frozenset((
    "week", "weekend", "year", "month", "day", "morning", "evening", "night", "season", "time",
    "summer", "winter", "spring", "fall", "autumn", "release", "edition", "quarter", "cycle",
    "development-cycle", "sprint", "iteration", "month's", "week's", "year's",
))
_QUESTION_OPENERS = frozenset((
    "can", "could", "do", "does", "did", "are", "is", "would", "will", "should", "have", "has",
    "which", "guess", "quiz",
))
_HOW_DEGREE = frozenset(("well", "much", "many"))
_ARTICLES = frozenset(("the", "a", "an"))
_FIRST_PERSON = frozenset(("i", "me", "my", "we", "us", "our", "'m"))
_WH = frozenset(("what", "why", "how", "who", "where", "when"))
_AUXILIARIES = frozenset(("is", "are", "will", "be", "should", "can", "'ll", "'re"))
_AUDIENCE = frozenset(("people", "anyone", "everyone", "everybody", "someone"))
_TAIL = re.compile(
    r"\band (?:it ?'s|it is|it will|it ?'ll|it was|they|their|the internet|the results?)\b"
    r"|\bbecause\b")
_QUOTED = re.compile(
    r'"[^"]*"|\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019|(?:(?<=\s)|^)\'[^\']{2,}\'(?=\W|$)')


@dataclass(frozen=True, slots=True)
class TitleDevice:
    """One clickbait device found in a title and how much it counts."""

    label: str
    weight: float


def _title_tokens(title: str, pipeline: Pipeline) -> list[Token]:
    text = title.replace("\u2019", "'")
    spans = [m.span() for m in _QUOTED.finditer(text)]
    tokens: list[Token] = []
    for tok in pipeline.tokenize(text):
        if tok.is_space:
            continue
        start = tok.idx
        lower = tok.lower_
        tokens.append(Token(
            text=tok.text, lower=lower, lemma=pipeline.lemma(lower), start=start,
            end=start + len(tok.text), is_alpha=tok.is_alpha, like_num=tok.like_num,
            is_punct=tok.is_punct, is_stop=tok.is_stop,
            quoted=any(a <= start < b for a, b in spans),
        ))
    return tokens


def _counts_a_list(words: Sequence[Token], at: int) -> bool:
    """Whether the number at ``words[at]`` counts list items, not casualties or dates."""
    if at + 1 >= len(words):
        return False
    number, after = words[at], words[at + 1]
    if after.start == number.end:  # "10-Year-Old", "3D", "1.5"
        return False
    return after.lower not in _COUNT_WORDS


def _word_set(name: str) -> frozenset[str]:
    return frozenset(load_phrases("valuelint_rules", name))


def title_devices(
    title: str,
    pipeline: Pipeline,
    curiosity: Sequence[str],
    hype: Sequence[str],
) -> list[TitleDevice]:
    """The clickbait devices of a title, each with its weight."""
    tokens = _title_tokens(title, pipeline)
    words = [t for t in tokens if not t.is_punct or t.lower in ("'s", "'re", "'ll")]
    if not words:
        return []
    own = [t for t in words if not t.quoted]
    lowers = [t.lower for t in words]
    devices: list[TitleDevice] = []
    list_nouns = _word_set("bait_title_list_nouns")

    def has_list_noun(after: int) -> bool:
        window = words[after + 1 : after + 5]
        return any(t.lower in list_nouns or t.lemma in list_nouns for t in window) or \
            lowers[after + 1 : after + 3] == ["of", "the"]

    first = lowers[0]
    # 1. A listicle number: "17 Things ...", "21 Reasons Why ...", "These 7 ...".
    number_at = next((i for i, t in enumerate(words[:3]) if _LIST_NUMBER.match(t.text)
                      and (i == 0 or lowers[0] in _TEASERS)), -1)
    if number_at >= 0 and int(words[number_at].text) > 1 and _counts_a_list(words, number_at):
        devices.append(TitleDevice(f'starts with a list number "{words[number_at].text}"', 0.8))
        if has_list_noun(number_at):
            devices.append(TitleDevice("a listicle count", 0.7))
    elif first in _SPELLED and _counts_a_list(words, 0) and has_list_noun(0):
        devices.append(TitleDevice(f'starts with a list number "{words[0].text}"', 0.8))
    # 2. Speaking to the reader: "... You Need To See", "Your Zodiac Sign". A how-to
    #    title ("How to Recruit a Maintainer for Your Package") names the reader's
    #    task: its "your" is where the steps apply, not a hook.
    how_to = any(pair == ("how", "to") for pair in pairwise(lowers))
    if not how_to and any(t.lower in _SECOND_PERSON for t in own):
        devices.append(TitleDevice('speaks to "you"', 1.2))
    # 3. A demonstrative teaser: "This Dog ...", "Here's What ...", "These People ...".
    if first in _TEASERS and not words[0].quoted:
        following = lowers[1] if len(lowers) > 1 else ""
        if not _TIME_WORDS.intersection(lowers[1:3]) \
                and (first not in ("here", "that") or following in _TEASER_VERBS):
            devices.append(TitleDevice(f'teases with "{words[0].text}"', 1.0))
    elif any(t.lower in ("this", "these") and i + 1 < len(own)
             and own[i + 1].lower not in _TIME_WORDS for i, t in enumerate(own[1:], 1)):
        devices.append(TitleDevice('points at "this"', 0.5))
    # 4. A quiz or question headline: "Which ... Are You", "Can You Guess ...".
    if first in _QUESTION_OPENERS or (first == "how" and len(lowers) > 1
                                      and lowers[1] in _HOW_DEGREE) \
            or any(t.lower == "guess" for t in own):
        devices.append(TitleDevice("a quiz-style question", 0.6))
    # 5. Curiosity-gap phrases ("you won't believe", "what happened next"). A title
    #    from the front matter is no block of the post, so it is not part of the one
    #    phrase pass (phrase_matches): its own tokens are matched here.
    found = [m.phrase for m in matcher_for(curiosity, pipeline).finditer(tokens)]
    if found:
        devices.append(TitleDevice(f'curiosity gap "{found[0]}"', 1.5 * min(len(found), 2)))
    # 6. Hype, superlatives and empty intensifiers ("Most Amazing", "Literally"),
    #    matched exactly: "shocked" in a report is not "shocking".
    hyped = [" ".join(t.text for t in own[m.first_token:m.last_token])
             for m in matcher_for(hype, pipeline, Forms.WRITTEN).finditer(own)]
    if hyped:
        devices.append(TitleDevice(f'hype word "{hyped[0]}"', 0.5 * min(len(hyped), 3)))
    # 7. A reaction tail: "... And It's Totally Adorable", "... Because Why Not".
    joined = " ".join(t.lower for t in own)
    if _TAIL.search(joined):
        devices.append(TitleDevice("a reaction tail", 0.6))
    # 8. A generic audience: "People Who ...", "For Anyone Who ...".
    if any(t.lower in _AUDIENCE and i + 1 < len(own) and own[i + 1].lower == "who"
           for i, t in enumerate(own)):
        devices.append(TitleDevice("a generic audience", 0.5))
    # 9. Style that plain headlines drop: articles, auxiliaries, "I"/"we", a
    #    "What ..." opener, a question mark. Alone these say nothing; they only
    #    add to a title that already uses a device above.
    if not any(d.weight >= 0.5 for d in devices):
        return []
    if title.rstrip().endswith("?"):
        devices.append(TitleDevice("a question headline", 0.2))
    if any(t.lower in _ARTICLES for t in own):
        devices.append(TitleDevice("", 0.2))
    if any(t.lower in _AUXILIARIES for t in own):
        devices.append(TitleDevice("", 0.2))
    if any(t.lower in _FIRST_PERSON and t.text != "US" for t in own):
        devices.append(TitleDevice("", 0.3))
    if first in _WH and (len(lowers) < 2 or lowers[1] != "to"):
        devices.append(TitleDevice("", 0.3))
    return devices


class ClickbaitTitle(Rule):
    """A title that teases a click instead of naming its subject.

    ## What it does
    Reads the post's title (front matter `title`, or else the first H1) and
    adds up clickbait devices, each with a weight: a leading list number
    ("17 Things ..."), speaking to "you" (except in a how-to title, "How to
    ... your ...", where it names the reader's task), a demonstrative teaser ("This
    Dog ...", "Here's What ..."), a quiz-style question, curiosity-gap
    phrases from the `clickbait` word list ("you won't believe", "what
    happened next"), hype words and superlatives ("the most amazing"), a
    reaction tail ("... and it's adorable") and a generic audience ("people
    who ..."). A title whose sum reaches `warning-score` is a warning; one from
    `min-score` up is reported as info, weighted by the sum.

    ## Why it matters to readers
    A title is the promise a reader clicks on. A teaser hides what the post
    is about, so readers cannot tell whether it is for them, and when the
    post does not live up to the hype they stop trusting the blog.

    ## Example
    ```markdown
    ---
    title: "17 Things About Caching You Won't Believe"
    ---
    ```

    ## Use instead
    Name the subject and what the reader will learn: "How our CDN cache
    cut page loads from 2 s to 300 ms", "Sharding a Postgres table: three
    approaches compared". A number reads as a fact when it measures
    something, and as a listicle when it leads the title.
    """

    code = "BAIT002"
    languages = ENGLISH
    name = "clickbait-title"
    category = Category.BAIT
    severity = Severity.WARNING
    options = (
        Option("warning-score", 1.8, "Summed weight of clickbait devices from which the "
               "title is a warning.", minimum=0.1, maximum=10.0),
        Option("min-score", 0.5, "Summed weight below which nothing is reported.",
               minimum=0.0, maximum=10.0),
        Option("extend-phrases", [], "Curiosity-gap phrases to add to the `clickbait` word list."),
        Option("extend-hype", [], "Hype words to add to the `bait_title_hype` word list."),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        title = ctx.document.title
        if not title:
            return
        curiosity = load_phrases("valuelint_rules", "clickbait") + tuple(
            p.lower() for p in ctx.options.get("extend-phrases") or [])
        hype = load_phrases("valuelint_rules", "bait_title_hype") + tuple(
            p.lower() for p in ctx.options.get("extend-hype") or [])
        devices = title_devices(title, ctx.pipeline, curiosity, hype)
        total = sum(d.weight for d in devices)
        if total < float(ctx.options["min-score"]) or total <= 0:
            return
        strong = total >= float(ctx.options["warning-score"])
        named = sorted((d for d in devices if d.label), key=lambda d: -d.weight)
        strongest = ", ".join(d.label for d in named[:3])
        shown = title if len(title) <= 80 else title[:77] + "..."
        message = (f'title "{shown}" reads like clickbait ({strongest}); '
                   "name the subject and what the reader will learn")
        yield ctx.finding(
            message, line=ctx.document.title_line, weight=round(min(max(total, 0.1), 3.0), 2),
            severity=None if strong else Severity.INFO,
        )
