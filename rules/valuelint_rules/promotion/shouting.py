"""PROM010 shouting: runs of capitalised words and rows of exclamation marks."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from valuelint.document import ProseBlock
from valuelint.language import Token
from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity
from valuelint_rules.phrases import span_text

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
                said = span_text(block, start, end)
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
            severity=None if ctx.severity_configured else Severity.INFO,
            weight=min(1.0, 0.3 * (len(marks) - 1)))
