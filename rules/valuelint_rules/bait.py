"""Bait: asking readers for likes, follows and shares instead of earning them,
and titles that tease a click instead of naming their subject."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from valuelint.language import Pipeline, Token
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.wordlists import Match, load_phrases, matcher_for
from valuelint_rules.mentions import documents_mentions
from valuelint_rules.phrases import PhraseRule

__all__ = ["RULES", "ClickbaitTitle", "EngagementBegging", "SocialFollowRequest",
           "title_signals"]


@documents_mentions
class EngagementBegging(PhraseRule):
    """Begging for likes, shares, tags, comments on command or followers.

    ## What it does
    Finds engagement-bait phrases from the `engagement_bait` word list
    ("like this post", "share this with 5 friends", "tag a friend",
    "comment YES", "follow for more", "buy followers", ...), matched on
    words and lemmas, case-insensitively. An open question to readers
    ("What do you think?") is conversation, not bait, and is never reported;
    a plain "follow us on Mastodon" is left to BAIT003.

    {use-not-mention}

    ## Why it matters to readers
    Asking for likes and shares spends the reader's attention on the
    writer's reach. Platforms demote it and readers learn to skip it; a post
    worth sharing gets shared without being asked.

    ## Example
    ```markdown
    If you enjoyed this, like this post and share it with 5 friends!
    Comment YES below if you agree!
    ```

    ## Use instead
    End with something for the reader: a question that invites a real
    answer ("Which of these have you tried?"), a next step, or a link to go
    deeper.

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in list.
    - `extend-phrases` (list of strings, default `[]`): add phrases to it.
    """

    code = "BAIT001"
    languages = ENGLISH
    name = "engagement-begging"
    category = Category.BAIT
    severity = Severity.ERROR
    wordlist = "engagement_bait"
    advice = "asks readers for engagement instead of earning it; end with something for them"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        analysis = ctx.analysis
        for index, matches in enumerate(block_matches(ctx, self.phrases(ctx))):
            tokens = analysis.tokens[index]
            for match in matches:
                if not _shared_with_author(tokens, match.first_token, match.last_token) \
                        and self.is_use(ctx, index, match):
                    yield self.report(ctx, index, match.start, match.end)


def block_matches(ctx: RuleContext, phrases: tuple[str, ...]) -> list[list[Match]]:
    """Matches of a word list in each block (none in blockquotes), once per post and list."""
    cache: dict[tuple[str, ...], list[list[Match]]] = ctx.shared.setdefault(
        "valuelint_rules.matches", {})
    found = cache.get(phrases)
    if found is None:
        matcher = matcher_for(phrases, ctx.pipeline)
        analysis = ctx.analysis
        found = cache[phrases] = [
            [] if block.quoted else list(matcher.finditer(analysis.tokens[index]))
            for index, block in enumerate(ctx.document.blocks)]
    return found


_TO_AUTHOR = frozenset(("us", "me", "the team", "the maintainers"))


def _shared_with_author(tokens: Sequence[Token], first: int, last: int) -> bool:
    """"Share these posts with us" asks for contributions, not for reach."""
    if not any(t.lemma == "share" for t in tokens[first:last]):
        return False
    rest = [t.lower for t in tokens[last : last + 4]]
    if tokens[last - 1].lower != "with":
        if not rest or rest[0] != "with":
            return False
        rest = rest[1:]
    return bool(rest) and (rest[0] in _TO_AUTHOR or " ".join(rest[:2]) in _TO_AUTHOR)


@documents_mentions
class SocialFollowRequest(PhraseRule):
    """A plain request to follow or like an account on a social platform.

    ## What it does
    Finds mild social calls to action from the `bait_follow` word list
    ("follow us on Twitter", "like us on Facebook", "be sure to subscribe"),
    matched on words and lemmas, case-insensitively, outside quotes, code
    and link URLs. Pushier forms ("follow for more", "like and subscribe")
    are BAIT001's and are not reported twice. It is advisory: an event or
    project saying where it posts updates is common and mostly harmless.

    {use-not-mention}

    ## Why it matters to readers
    A follow request is about the writer's audience, not the reader's
    problem. One pointer to where updates appear is fine; several, or one in
    place of a real ending, make the post read like a channel promotion.

    ## Example
    ```markdown
    That's all for today. Follow us on Twitter!
    ```

    ## Use instead
    Tell readers what they get and where: "Release announcements are posted
    on [our Mastodon account](https://example.social/@project) and the
    [mailing list](/list)."

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in list.
    - `extend-phrases` (list of strings, default `[]`): add phrases to it.
    """

    code = "BAIT003"
    languages = ENGLISH
    name = "social-follow-request"
    category = Category.BAIT
    severity = Severity.INFO
    wordlist = "bait_follow"
    advice = ("asks readers to follow an account; say what they will get there, "
              "or link it plainly")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        begging = block_matches(ctx, load_phrases("valuelint_rules", EngagementBegging.wordlist))
        for index, matches in enumerate(block_matches(ctx, self.phrases(ctx))):
            block = ctx.document.blocks[index]
            strong = [(m.first_token, m.last_token) for m in begging[index]]
            for match in matches:
                if any(a < match.last_token and match.first_token < b for a, b in strong):
                    continue
                if not self.is_use(ctx, index, match):
                    continue
                finding = self.report(ctx, index, match.start, match.end)
                yield ctx.finding(finding.message, block=block, start=match.start,
                                  end=match.end, weight=0.5)


# --------------------------------------------------------------------------- titles

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
class Signal:
    """One clickbait device found in a title and how much it counts."""

    label: str
    weight: float


def _title_tokens(title: str, pipeline: Pipeline) -> list[Token]:
    text = title.replace("\u2019", "'")
    spans = [m.span() for m in _QUOTED.finditer(text)]
    tokens: list[Token] = []
    for tok in pipeline.nlp.tokenizer(text):
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


def _exact_matches(tokens: Sequence[Token], phrases: Sequence[str],
                   pipeline: Pipeline) -> list[str]:
    """Phrases found in ``tokens`` word for word (no lemmas), left to right."""
    wanted = _exact_phrases(tuple(phrases), pipeline)
    lowers = [t.lower for t in tokens]
    found: list[str] = []
    i = 0
    while i < len(lowers):
        for words in wanted.get(lowers[i], ()):
            if tuple(lowers[i : i + len(words)]) == words:
                found.append(" ".join(t.text for t in tokens[i : i + len(words)]))
                i += len(words) - 1
                break
        i += 1
    return found


_exact_cache: dict[tuple[int, tuple[str, ...]], dict[str, list[tuple[str, ...]]]] = {}


def _exact_phrases(phrases: tuple[str, ...],
                   pipeline: Pipeline) -> dict[str, list[tuple[str, ...]]]:
    key = (id(pipeline), phrases)
    table = _exact_cache.get(key)
    if table is None:
        table = {}
        for phrase in phrases:
            words = tuple(t.lower_ for t in pipeline.nlp.tokenizer(phrase) if not t.is_space)
            if words:
                table.setdefault(words[0], []).append(words)
        for entries in table.values():
            entries.sort(key=len, reverse=True)
        _exact_cache[key] = table
    return table


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


def title_signals(
    title: str,
    pipeline: Pipeline,
    curiosity: Sequence[str],
    hype: Sequence[str],
) -> list[Signal]:
    """The clickbait devices of a title, each with its weight."""
    tokens = _title_tokens(title, pipeline)
    words = [t for t in tokens if not t.is_punct or t.lower in ("'s", "'re", "'ll")]
    if not words:
        return []
    own = [t for t in words if not t.quoted]
    lowers = [t.lower for t in words]
    signals: list[Signal] = []
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
        signals.append(Signal(f'starts with a list number "{words[number_at].text}"', 0.8))
        if has_list_noun(number_at):
            signals.append(Signal("a listicle count", 0.7))
    elif first in _SPELLED and _counts_a_list(words, 0) and has_list_noun(0):
        signals.append(Signal(f'starts with a list number "{words[0].text}"', 0.8))
    # 2. Speaking to the reader: "... You Need To See", "Your Zodiac Sign". A how-to
    #    title ("How to Recruit a Maintainer for Your Package") names the reader's
    #    task: its "your" is where the steps apply, not a hook.
    how_to = any(pair == ("how", "to") for pair in pairwise(lowers))
    if not how_to and any(t.lower in _SECOND_PERSON for t in own):
        signals.append(Signal('speaks to "you"', 1.2))
    # 3. A demonstrative teaser: "This Dog ...", "Here's What ...", "These People ...".
    if first in _TEASERS and not words[0].quoted:
        following = lowers[1] if len(lowers) > 1 else ""
        if not _TIME_WORDS.intersection(lowers[1:3]) \
                and (first not in ("here", "that") or following in _TEASER_VERBS):
            signals.append(Signal(f'teases with "{words[0].text}"', 1.0))
    elif any(t.lower in ("this", "these") and i + 1 < len(own)
             and own[i + 1].lower not in _TIME_WORDS for i, t in enumerate(own[1:], 1)):
        signals.append(Signal('points at "this"', 0.5))
    # 4. A quiz or question headline: "Which ... Are You", "Can You Guess ...".
    if first in _QUESTION_OPENERS or (first == "how" and len(lowers) > 1
                                      and lowers[1] in _HOW_DEGREE) \
            or any(t.lower == "guess" for t in own):
        signals.append(Signal("a quiz-style question", 0.6))
    # 5. Curiosity-gap phrases ("you won't believe", "what happened next").
    found = [m.phrase for m in matcher_for(curiosity, pipeline).finditer(tokens)]
    if found:
        signals.append(Signal(f'curiosity gap "{found[0]}"', 1.5 * min(len(found), 2)))
    # 6. Hype, superlatives and empty intensifiers ("Most Amazing", "Literally"),
    #    matched exactly: "shocked" in a report is not "shocking".
    hyped = _exact_matches(own, hype, pipeline)
    if hyped:
        signals.append(Signal(f'hype word "{hyped[0]}"', 0.5 * min(len(hyped), 3)))
    # 7. A reaction tail: "... And It's Totally Adorable", "... Because Why Not".
    joined = " ".join(t.lower for t in own)
    if _TAIL.search(joined):
        signals.append(Signal("a reaction tail", 0.6))
    # 8. A generic audience: "People Who ...", "For Anyone Who ...".
    if any(t.lower in _AUDIENCE and i + 1 < len(own) and own[i + 1].lower == "who"
           for i, t in enumerate(own)):
        signals.append(Signal("a generic audience", 0.5))
    # 9. Style that plain headlines drop: articles, auxiliaries, "I"/"we", a
    #    "What ..." opener, a question mark. Alone these say nothing; they only
    #    add to a title that already uses a device above.
    if not any(s.weight >= 0.5 for s in signals):
        return []
    if title.rstrip().endswith("?"):
        signals.append(Signal("a question headline", 0.2))
    if any(t.lower in _ARTICLES for t in own):
        signals.append(Signal("", 0.2))
    if any(t.lower in _AUXILIARIES for t in own):
        signals.append(Signal("", 0.2))
    if any(t.lower in _FIRST_PERSON and t.text != "US" for t in own):
        signals.append(Signal("", 0.3))
    if first in _WH and (len(lowers) < 2 or lowers[1] != "to"):
        signals.append(Signal("", 0.3))
    return signals


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

    ## Options
    - `warning-score` (number, default 1.8): summed weight from which the
      title is a warning.
    - `min-score` (number, default 0.5): summed weight below which nothing
      is reported.
    - `extend-phrases` (list of strings, default `[]`): curiosity-gap
      phrases to add to the `clickbait` word list.
    - `extend-hype` (list of strings, default `[]`): words to add to the
      `bait_title_hype` word list.
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
        Option("extend-phrases", [], "Curiosity-gap phrases to add to the clickbait list."),
        Option("extend-hype", [], "Hype words to add to the bait_title_hype list."),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        title = ctx.document.title
        if not title:
            return
        curiosity = load_phrases("valuelint_rules", "clickbait") + tuple(
            p.lower() for p in ctx.options.get("extend-phrases") or [])
        hype = load_phrases("valuelint_rules", "bait_title_hype") + tuple(
            p.lower() for p in ctx.options.get("extend-hype") or [])
        signals = title_signals(title, ctx.pipeline, curiosity, hype)
        total = sum(s.weight for s in signals)
        if total < float(ctx.options["min-score"]) or total <= 0:
            return
        strong = total >= float(ctx.options["warning-score"])
        named = sorted((s for s in signals if s.label), key=lambda s: -s.weight)
        devices = ", ".join(s.label for s in named[:3])
        shown = title if len(title) <= 80 else title[:77] + "..."
        message = (f'title "{shown}" reads like clickbait ({devices}); '
                   "name the subject and what the reader will learn")
        yield ctx.finding(
            message, line=ctx.document.title_line, weight=round(min(max(total, 0.1), 3.0), 2),
            severity=None if strong else Severity.INFO,
        )


RULES = (EngagementBegging, ClickbaitTitle, SocialFollowRequest)
