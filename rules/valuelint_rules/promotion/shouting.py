"""PROM010 shouting: runs of capitalised words and rows of exclamation marks."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from valuelint.document import BlockKind, ProseBlock
from valuelint.language import Token
from valuelint.rule import Category, Edit, Finding, Fix, Option, Rule, RuleContext, Severity
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
    fixes = (
        "`valuelint check --fix` and the editor's quick fix collapse a row of exclamation "
        'marks to one ("!!!" becomes "!"; a row mixing "?" and "!" keeps one of each, in '
        'the order it starts with: "?!?!" becomes "?!"), except right before a `[`, where '
        '"!" would turn a link into an image. They write a shouted run in lower case, '
        'keeping acronyms and technical words ("API", "HTTP", "MUST NOT", words without a '
        'vowel such as "CSS", short words that are not everyday English such as "AWS"), a '
        'word the post writes in capitals or with a capital elsewhere ("NASA", "London"), '
        '"I", and a capital first letter where the run starts a sentence or a heading: '
        '"THIS CHANGES EVERYTHING" becomes "This changes everything". The words stay the '
        "writer's; only their case changes. No fix is offered where the marks or words are "
        "not written in the file as they read (an entity, an escape)."
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
                    weight=round(min(1.5, 0.5 + 0.1 * (last - first - min_run)), 2),
                    fix=_lower_case_fix(ctx, block, tokens, first, last))
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


#: Technical words that are English words too: in a shouted run they are kept in
#: capitals only beside another such word or a word of :data:`_TECHNICAL_CONTEXT`
#: ("MUST NOT", "GET POST", "HTTP GET").
_TECHNICAL_ENGLISH = frozenset((
    "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE", "SELECT",
    "INSERT", "UPDATE", "FROM", "WHERE", "JOIN", "INNER", "OUTER", "LEFT", "RIGHT", "FULL",
    "CROSS", "GROUP", "ORDER", "LIMIT", "OFFSET", "VALUES", "TABLE", "CREATE", "DROP",
    "ALTER", "INDEX", "PRIMARY", "FOREIGN", "KEY", "REFERENCES", "DEFAULT", "UNIQUE",
    "DISTINCT", "HAVING", "UNION", "CASE", "WHEN", "THEN", "ELSE", "END", "BEGIN", "COMMIT",
    "EXISTS", "LIKE", "BETWEEN", "CASCADE", "GRANT", "VIEW", "INTO", "SET", "MUST", "SHALL",
    "SHOULD", "MAY", "REQUIRED", "RECOMMENDED", "OPTIONAL", "NOT", "WARNING", "ERROR", "NOTE",
    "HACK", "TRUE", "FALSE", "NONE", "PATH", "HOME", "USER", "WINDOWS", "INFO",
))
#: Technical words that make an English one beside them technical too ("HTTP GET",
#: "NOT NULL").
_TECHNICAL_CONTEXT = frozenset(("HTTP", "HTTPS", "NULL", "SQL"))
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
#: Short English words that are not acronyms either, for the fix's lower case.
_SHORT_WORDS = _EVERYDAY | frozenset((
    "a", "it", "am", "let", "try", "too", "day", "way", "fun", "any", "few", "lot", "via",
    "per", "why", "own", "put", "say", "use", "did", "had", "her", "his", "him", "ask",
    "bad", "cut", "pay", "run", "yet", "got", "ago", "far", "old", "end",
))
#: Words only a sentence has: a shouted run without one (column headings, a name in
#: capitals) is not lower-cased.
_FUNCTION_WORDS = frozenset((
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "is", "are", "was", "were", "be", "been", "it", "its", "it's", "this", "that",
    "these", "those", "you", "your", "we", "our", "us", "i", "my", "me", "he", "she", "they",
    "them", "their", "not", "no", "don't", "won't", "can't", "will", "can", "do", "does",
    "did", "have", "has", "had", "so", "if", "as", "all", "every", "now", "just", "only",
    "what", "when", "how", "why", "who",
))
#: What may stand between two words of a run the fix lower-cases: a blank, a line
#: break, a hyphen, or markup as written ("**BUY THE NEW** PRODUCT").
_JOIN = re.compile(r"[ \n]|-| - |[ \n]?[*_~`\[\]()]*[ \n]?")
#: Blocks of running prose, where a shouted run is a sentence to lower-case.
_RUNNING_PROSE = frozenset((BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING))
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
            weight=min(1.0, 0.3 * (len(marks) - 1)),
            fix=_collapse_fix(ctx, block, match.start(), match.end()))


def collapsed(marks: str) -> str:
    """A row of marks as one: "!!!" -> "!"; with both "?" and "!", one of each in the
    order the row starts with ("?!?!" -> "?!", "!!?" -> "!?")."""
    return "".join(dict.fromkeys(marks))


def _collapse_fix(ctx: RuleContext, block: ProseBlock, start: int, end: int) -> Fix | None:
    """The fix collapsing ``block.text[start:end]``, a row of marks, to :func:`collapsed`.

    None where the row is not written as it reads, or stands right before a ``[``:
    "Wow![docs](url)" would make the link an image.
    """
    marks = block.text[start:end]
    shorter = collapsed(marks)
    edit = ctx.edit(block, start, end, shorter)
    after = block.source_offset(end - 1) + 1
    if edit is None or ctx.document.source[after : after + 1] == "[":
        return None
    return Fix(f'Collapse "{marks}" to "{shorter}"', (edit,))


# --------------------------------------------------------------------------- lower case

#: What may stand between the end of a sentence and the next one: blanks, closing
#: quotes and brackets.
_BETWEEN = frozenset(" \t\n\"')]\u201d\u2019")


def _opens_sentence(text: str, at: int, *, or_line: bool = False) -> bool:
    """Whether ``text[at:]`` starts a sentence: nothing but blanks, closing quotes and
    brackets stand between it and the start of the block or a ".", "!", "?" or "...";
    ``or_line``: or a line break (a sentence may go on over it, or not)."""
    while at > 0 and text[at - 1] in _BETWEEN:
        if or_line and text[at - 1] == "\n":
            return True
        at -= 1
    return at == 0 or text[at - 1] in ".!?\u2026"


def _beside(tokens: Sequence[Token], i: int) -> list[str]:
    """The tokens before and after ``tokens[i]``, across a hyphen ("PRE-RELEASE")."""
    found = []
    for step in (-1, 1):
        j = i + step
        if 0 <= j < len(tokens) and tokens[j].text == "-":
            j += step
        if 0 <= j < len(tokens):
            found.append(tokens[j].text)
    return found


def _casings(ctx: RuleContext) -> dict[str, frozenset[str]]:
    """How the post writes each word in running prose where its case tells something,
    by lower-case form.

    A word at the start of a sentence or a line says nothing (it has a capital
    anyway), nor does a word in capitals beside another (shouting), a capital beside
    another (Title Case: a title, or a name of several words), a letter on its own,
    or a word of a heading, a table or an alt text; a word in capitals on its own
    ("NASA said") is an acronym or a name, a capital between lower-case words ("our
    friends in London read") a name.
    """
    seen: dict[str, set[str]] = {}
    for block, tokens in zip(ctx.document.blocks, ctx.analysis.tokens, strict=True):
        if block.kind not in _RUNNING_PROSE or block.kind is BlockKind.HEADING:
            continue
        for i, token in enumerate(tokens):
            text = token.text
            if not text[:1].isalpha() or len(text) < 2:
                continue
            if not text.islower():
                beside = _beside(tokens, i)
                if _CAPS_WORD.match(text):
                    if any(_CAPS_WORD.match(w) for w in beside):
                        continue
                elif _opens_sentence(block.text, token.start, or_line=True) or any(
                        w[:1].isalpha() and not w.islower() for w in beside):
                    continue  # a sentence's first word, or Title Case (a title, a name)
            seen.setdefault(token.lower, set()).add(text)
    return {word: frozenset(forms) for word, forms in seen.items()}


def _recased(word: str, seen: frozenset[str], technical: bool, joined: bool) -> str:
    """A shouted word as the fix writes it: in lower case, unless it is an acronym,
    a technical word (``technical``: one that is not an English word too, or one
    beside another technical word), "I" or a word the post writes otherwise elsewhere.
    A short word ``joined`` by a hyphen to another ("PRE-RELEASE") is not taken for an
    acronym."""
    lower = word.lower()
    if word == "I" or word[:2] in ("I'", "I\u2019"):
        return "I" + lower[1:]
    if technical or not _VOWEL.search(word) or word in seen:
        return word
    if lower in seen:
        return lower
    if seen:
        return sorted(seen)[0]
    if len(word) <= 3 and lower not in _SHORT_WORDS and not joined:
        return word  # "AWS", "USA", "CEO": short, and likely an acronym
    return lower


def _lower_case_fix(ctx: RuleContext, block: ProseBlock, tokens: Sequence[Token],
                    first: int, last: int) -> Fix | None:
    """The fix writing the shouted run ``tokens[first:last]`` in lower case (see
    :func:`_recased`), with a capital where it starts a sentence; None when it would
    change nothing or a word is not written as it reads."""
    if block.kind not in _RUNNING_PROSE or ctx.analysis.language != "en":
        return None
    words = [i for i in range(first, last) if _CAPS_WORD.match(tokens[i].text)]
    if not any(tokens[i].lower in _FUNCTION_WORDS for i in words):
        return None  # column headings of pasted output, a name: not a sentence shouted
    text = block.text
    for before, after in itertools.pairwise(words):
        if not _JOIN.fullmatch(text[tokens[before].end : tokens[after].start]):
            return None  # words set apart by wide spaces: a table or pasted output
    casings = ctx.per_post(_casings)
    opens = _opens_sentence(text, tokens[first].start)
    start = tokens[first].start
    new = list(text[start : tokens[last - 1].end])
    edits: list[Edit] = []
    for at, i in enumerate(words):
        token = tokens[i]
        beside = [tokens[words[j]].text for j in (at - 1, at + 1) if 0 <= j < len(words)]
        technical = token.text in _TECHNICAL and (
            token.text not in _TECHNICAL_ENGLISH
            or any(w in _TECHNICAL_ENGLISH or w in _TECHNICAL_CONTEXT for w in beside))
        joined = any(text[a:b] == "-" for a, b in (
            (tokens[words[at - 1]].end if at else -1, token.start),
            (token.end, tokens[words[at + 1]].start if at + 1 < len(words) else -1)))
        word = _recased(token.text, casings.get(token.lower, frozenset()), technical, joined)
        if i == first and opens:
            word = word[:1].upper() + word[1:]
        if word == token.text:
            continue
        edit = ctx.edit(block, token.start, token.end, word)
        if edit is None:
            return None
        edits.append(edit)
        new[token.start - start : token.end - start] = list(word)
    if not edits:
        return None
    said = " ".join(block.text[start : tokens[last - 1].end].split())
    return Fix(f'Write "{said}" as "{" ".join("".join(new).split())}"', tuple(edits))
