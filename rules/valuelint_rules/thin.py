"""Thin content: posts that give a reader too little to be worth the click."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from valuelint.document import BlockKind, Document, ProseBlock
from valuelint.language import Pipeline, Token
from valuelint.rule import ENGLISH, Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.scoring import PENALTY
from valuelint.wordlists import load_phrases, matcher_for

__all__ = [
    "RULES",
    "LinksWithoutCommentary",
    "LowInformationDensity",
    "LowLexicalDensity",
    "PlaceholderText",
    "RepeatedText",
    "SelfFocused",
    "ThinSection",
    "TooShort",
    "UndeliveredTitle",
    "concrete_content",
    "post_kind",
    "too_short_cost",
]

_WORD = re.compile("[^\\W_](?:[\\w'\u2019.-]*[^\\W_])?")

#: Blocks that hold the writer's own running prose.
_RUNNING = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE})


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _quote(text: str, limit: int = 60) -> str:
    """Text squeezed to one line and cut at ``limit`` characters for a message."""
    said = " ".join(text.split())
    return said if len(said) <= limit else said[: limit - 1].rstrip() + "…"


def _severity(ctx: RuleContext, default: Severity) -> Severity:
    """``default`` unless the user configured the rule's severity."""
    configured = ctx.options.get("severity", ctx.rule.severity)
    if Severity(configured) is not ctx.rule.severity:
        return Severity(configured)
    return default


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _own_tokens(ctx: RuleContext) -> list[tuple[int, Token]]:
    """Words and numbers of the writer's own running prose: (block index, token).

    Paragraphs, list items and footnotes outside blockquotes and quotation
    marks; headings, table cells and alt text are labels, not running prose.
    """
    cached: list[tuple[int, Token]] | None = ctx.shared.get("thin.own_tokens")
    if cached is not None:
        return cached
    analysis = ctx.analysis
    found: list[tuple[int, Token]] = []
    for index, block in enumerate(ctx.document.blocks):
        if block.quoted or block.kind not in _RUNNING:
            continue
        for token in analysis.tokens[index]:
            if (token.is_alpha or token.like_num) and not token.quoted:
                found.append((index, token))
    ctx.shared["thin.own_tokens"] = found
    return found


def _block_words(ctx: RuleContext) -> list[int]:
    """Words of each prose block, computed once for all thin rules."""
    cached: list[int] | None = ctx.shared.get("thin.block_words")
    if cached is None:
        cached = ctx.shared["thin.block_words"] = [_words(b.text) for b in ctx.document.blocks]
    return cached


def _word_count(ctx: RuleContext) -> int:
    """The document's prose word count, computed once for all thin rules."""
    cached: int | None = ctx.shared.get("thin.word_count")
    if cached is None:
        cached = ctx.shared["thin.word_count"] = ctx.document.word_count
    return cached


def _is_content(token: Token) -> bool:
    """A word that carries meaning: not a stop word, not a single letter."""
    return token.is_alpha and not token.is_stop and len(token.lower) > 1


# --------------------------------------------------------------------------- raw HTML

_HTML_BLOCK_START = re.compile(
    r"^ {0,3}</?(?:address|article|aside|blockquote|center|details|dd|dialog|div|dl|dt|"
    r"fieldset|figcaption|figure|footer|form|h[1-6]|header|li|main|nav|ol|p|section|"
    r"summary|table|tbody|td|tfoot|th|thead|tr|ul)(?:[\s/>]|$)", re.IGNORECASE)
#: A tag never holds "<": scanning stops there, so a line of unclosed "<" stays linear.
_TAG = re.compile(r"<[^<>]*>|&[#\w]+;")


def _html_words(doc: Document) -> list[tuple[int, int]]:
    """(line, words) of text inside raw HTML blocks, which the prose model leaves out.

    Follows CommonMark's rule for block-level HTML: a line opening with a
    block tag starts an HTML block that runs to the next blank line.
    """
    in_code: set[int] = set()
    for code in doc.code_blocks:
        in_code.update(range(code.line, code.line + code.lines + 2))
    lines = doc.source.split("\n")
    found: list[tuple[int, int]] = []
    inside = False
    for number in range(doc.front_matter.end_line + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            inside = False
            continue
        if number in in_code:
            continue
        if not inside and _HTML_BLOCK_START.match(line):
            inside = True
        if inside:
            count = _words(_TAG.sub(" ", line))
            if count:
                found.append((number, count))
    return found


def _shared_html_words(ctx: RuleContext) -> list[tuple[int, int]]:
    cached: list[tuple[int, int]] | None = ctx.shared.get("thin.html_words")
    if cached is None:
        cached = _html_words(ctx.document) if "<" in ctx.document.source else []
        ctx.shared["thin.html_words"] = cached
    return cached


# --------------------------------------------------------------------------- THIN001

#: Kinds of post, most specific first, and the front matter values naming them.
_KIND_TERMS: dict[str, frozenset[str]] = {
    "release": frozenset({
        "release", "releases", "release-notes", "release-note", "releasenotes",
        "changelog", "changelogs", "point-release", "new-release", "prerelease",
    }),
    "link-roundup": frozenset({
        "roundup", "roundups", "round-up", "link-roundup", "links", "linkpost", "link-post",
        "linkblog", "link", "this-week-in", "weekly", "newsletter", "digest", "link-list",
    }),
    "tutorial": frozenset({
        "tutorial", "tutorials", "how-to", "howto", "guide", "guides", "walkthrough",
    }),
    "announcement": frozenset({"announcement", "announcements", "announce"}),
}
_KIND_KEYS = ("kind", "type", "layout", "category", "categories", "tags", "tag", "series")
_KIND_PATH: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("release", re.compile(r"/releases?/|[-_.]released?\b|release[-_]?notes|"
                           r"pre-?release|changelog")),
    ("link-roundup", re.compile(r"this[-_]week[-_]in|/(?:link-)?roundups?/|round[-_]?up|"
                                r"/links/|/linkposts?/")),
    ("tutorial", re.compile(r"/tutorials?/|/how[-_]?to/|/guides?/")),
    ("announcement", re.compile(r"/announcements?/")),
)
_RELEASE_TITLE = re.compile(
    r"\b(?:released?|release notes?|announc(?:ing|ed)|changelog|is out|now available)\b",
    re.IGNORECASE)
_VERSION = re.compile(r"\bv?\d+\.\d+(?:\.\d+)*\b")
_CHANGELOG_LINK = re.compile(
    r"change[-_ ]?log|changes\b|release[-_ ]?notes|releases|history|news\.md|/compare/|"
    r"milestone|/tags?/|what'?s[-_ ]new|full list|details|all the changes|/pull/|"
    r"/issues/|/commits?/",
    re.IGNORECASE)
_NOT_A_POST = ("template", "redirect_to", "redirect", "external_url", "external-url")
_LINK_POST_KEYS = ("link", "link_url", "linkurl")


def _flatten(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield from re.split(r"[,;]", value)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _flatten(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _flatten(item)


def _term(value: str) -> str:
    return re.sub(r"[\s_]+", "-", value.strip().lower())


def _kind_from_metadata(metadata: dict[str, Any]) -> str:
    tables = [metadata]
    for nested in ("extra", "taxonomies", "params"):
        table = metadata.get(nested)
        if isinstance(table, dict):
            tables.append(table)
    terms: set[str] = set()
    for table in tables:
        for key in _KIND_KEYS:
            if key in table:
                terms.update(_term(v) for v in _flatten(table[key]))
        if table.get("release") is True:
            terms.add("release")
    for kind, names in _KIND_TERMS.items():
        if terms & names:
            return kind
    if any(isinstance(metadata.get(key), str) and metadata[key] for key in _LINK_POST_KEYS):
        return "link-roundup"
    return ""


def post_kind(doc: Document) -> str:
    """The kind of post: ``release``, ``link-roundup``, ``tutorial``, ``announcement`` or ``post``.

    Read from the front matter (``kind``, ``type``, ``layout``, ``categories``,
    ``tags``, ...), else the file's path (``/releases/``, ``-released``,
    ``this-week-in``, ...), else a title naming a released version or opening
    with "Announcing" or "Introducing".
    """
    kind = _kind_from_metadata(doc.metadata)
    if kind == "announcement" and _names_release(doc.title):
        return "release"
    if kind:
        return kind
    path = "/" + "/".join(doc.path.replace("\\", "/").lower().split("/")[-3:])
    for name, pattern in _KIND_PATH:
        if pattern.search(path):
            return name
    title = doc.title
    if _names_release(title):
        return "release"
    if _ANNOUNCING_TITLE.match(title):
        return "announcement"
    return "post"


#: A title that is a name and a version and nothing else: "haven 2.3.0", "Gadget v4.1".
_NAME_AND_VERSION = re.compile(r"\s*[\w.+-]+(?:\s+[\w.+-]+){0,2}\s+v?\d+\.\d+(?:\.\d+)*\s*")


def _names_release(title: str) -> bool:
    """Whether a title names a released version ("GeoServer 2.5.4 Released", "haven 2.3.0")."""
    return bool(_RELEASE_TITLE.search(title) and _VERSION.search(title)) \
        or bool(_NAME_AND_VERSION.fullmatch(title))


#: A title that opens by announcing something ("Announcing the Inside Rust blog").
_ANNOUNCING_TITLE = re.compile(r"\s*(?:announcing|introducing)\b", re.IGNORECASE)


#: A link to one issue, pull or merge request ("/issues/1234", "/pull/88").
_ISSUE_LINK = re.compile(r"/(?:issues|pull|pulls|merge_requests|tickets?|bugs?)/(\d+)\b",
                         re.IGNORECASE)
#: An issue named in the text: "#1234", "GH-1234".
_ISSUE_REF = re.compile(r"(?<![\w&/#])(?:#|GH-)(\d{2,})\b", re.IGNORECASE)
#: A version in running text: three parts ("4.3.4") or a "v" before two ("v2.5").
_BODY_VERSION = re.compile(r"\b(?:v\d+\.\d+|\d+\.\d+\.\d+)")

#: Kinds of post whose floor concrete content lowers.
_CONCRETE_KINDS = frozenset({"release", "announcement"})


@dataclass(frozen=True, slots=True)
class _Element:
    """A kind of concrete content and how much of the floor it leaves."""

    one: str
    many: str
    keeps: float
    """Share of the floor above the lowest one that each such element leaves."""
    limit: int
    """At most this many of them count."""


_ELEMENTS: dict[str, _Element] = {
    "version": _Element("its version number", "", 0.3, 1),
    "changelog": _Element("a changelog link", "", 0.6, 1),
    "code": _Element("a code block", "{n} code blocks", 0.6, 2),
    "list": _Element("a list item", "{n} list items", 0.8, 8),
    "issue": _Element("an issue reference", "{n} issue references", 0.8, 8),
    "inline": _Element("an inline code span", "{n} inline code spans", 0.9, 8),
    "link": _Element("a link", "{n} links", 0.9, 4),
}

#: What to add, by the element a post lacks, in the order it is suggested, by kind.
_ADVICE: dict[str, tuple[tuple[str, str], ...]] = {
    "release": (
        ("changelog", "link the full changelog or release notes"),
        ("list", "list the changes"),
        ("issue", "name the issues or pull requests they close"),
        ("code", "show the upgrade or install command"),
    ),
    "announcement": (
        ("list", "list the facts a reader needs (what, when, where, how to take part)"),
        ("link", "link where to read more"),
    ),
}


def concrete_content(doc: Document) -> dict[str, int]:
    """The concrete content of a post: how many of each kind of element it has.

    The elements are ``version`` (a version number in the title, the front
    matter ``version`` or the text), ``changelog`` (a link to a changelog,
    release notes or a comparison), ``code`` (code blocks), ``list`` (list
    items of the writer's own prose), ``issue`` (issues and pull requests, by
    link or by number), ``inline`` (inline code spans: a command, an option,
    a file) and ``link`` (other links to other sites).
    """
    found = dict.fromkeys(_ELEMENTS, 0)
    own = [b for b in doc.blocks if not b.quoted and b.kind is not BlockKind.ALT_TEXT]
    texts = [b.text for b in own]
    if _VERSION.search(doc.title) or str(doc.metadata.get("version", "")).strip() \
            or any(_BODY_VERSION.search(text) for text in texts):
        found["version"] = 1
    issues: set[str] = set()
    for link in doc.links:
        number = _ISSUE_LINK.search(link.href)
        if number:
            issues.add(number.group(1))
        elif _CHANGELOG_LINK.search(link.text) or _CHANGELOG_LINK.search(link.href):
            found["changelog"] = 1
        elif link.external:
            found["link"] += 1
    for text in texts:
        issues.update(m.group(1) for m in _ISSUE_REF.finditer(text))
    found["issue"] = len(issues)
    found["code"] = len(doc.code_blocks)
    found["list"] = sum(1 for b in own if b.kind is BlockKind.LIST_ITEM)
    found["inline"] = _inline_code_spans(
        doc, [i for i, b in enumerate(doc.blocks) if not b.quoted
              and b.kind in _RUNNING])
    return found


def _floor_left(found: dict[str, int]) -> float:
    """Share of the distance between a kind's floor and the lowest floor that is left."""
    left = 1.0
    for key, element in _ELEMENTS.items():
        left *= element.keeps ** min(found[key], element.limit)
    return left


def _named(found: dict[str, int]) -> str:
    """The concrete content found, in words: "its version number, 2 list items"."""
    parts = []
    for key, element in _ELEMENTS.items():
        count = found[key]
        if count:
            parts.append(element.one if count == 1 or not element.many
                         else element.many.format(n=count))
    return ", ".join(parts)


#: Share of the substance dimension a post with no prose at all loses.
_EMPTY_COST = 0.95
#: Cost at or below which a short post is only an informational finding (the most
#: an info finding of weight 3 takes): a post close to its floor is advised, not failed.
_INFO_COST = 0.15
#: In kinds other than release notes and announcements, concrete content can lower
#: the floor to this share of it at the most: such posts still need words around it.
_OTHER_LOWEST_SHARE = 0.5


#: Share of the floor's words missing at which a finding takes all it can.
_FULL_COST_AT = 0.85


def too_short_cost(words: int, floor: float) -> float:
    """Share of the substance dimension a post of ``words`` under ``floor`` loses.

    A smooth step of the share ``m`` of the floor's words the post lacks,
    reaching 0.95 when 85% are missing: almost nothing just under the
    floor, 0.15 when a fifth is missing, 0.6 at half the floor. The same for
    every severity, so the score moves smoothly with the words and the floor.
    """
    if floor <= 0 or words >= floor:
        return 0.0
    step = min(1.0, (1.0 - words / floor) / _FULL_COST_AT)
    return _EMPTY_COST * step * step * (3.0 - 2.0 * step)


_KIND_LABEL = {
    "release": "release note", "link-roundup": "link roundup", "tutorial": "tutorial",
    "announcement": "announcement", "post": "post",
}


class TooShort(Rule):
    """A post too short for its kind for a reader to get value from.

    ## What it does
    Counts the words of prose in the post (headings, paragraphs, lists,
    quotes, table cells and text in raw HTML blocks; not code, front matter
    or markup) and reports a post with fewer words than the floor for its
    kind. The kind comes from the front matter (`kind`, `type`, `layout`,
    `categories`, `tags`: values such as `release`, `release-notes`,
    `roundup`, `link-roundup`, `tutorial`, `how-to`, `announcement`), else
    from the path (`/releases/`, `-released`, `release-notes`,
    `this-week-in`, `/tutorials/`), else from a title that names a released
    version ("Jekyll 4.1.2 released", "haven 2.3.0") or opens with
    "Announcing" or "Introducing" (an announcement).

    A short post is thin only when it is short *and* says little, so
    concrete content lowers the floor: in a release note or an announcement
    towards `min-words-release-notes`, in any other post towards half of its
    kind's floor. Each element leaves a share of the distance between the
    kind's floor and that lowest floor, so several together bring it down
    smoothly and no single one decides. A version
    number (in the title, the front matter `version` or the text) leaves
    30%; a link to the changelog, the release notes or a comparison 60%; a
    code block (an upgrade command, an example) 60% each, for up to two;
    each list item and each issue or pull request (linked, or written as
    `#1234`) 80%, for up to eight; each inline code span (a command, an
    option) and each other link to another site 90%, for up to eight and
    four. A patch note that
    names its version, lists its two fixes with their issue numbers and
    shows the upgrade command has a floor of about 12 words; the same text
    with no version, list or command has the kind's whole floor.

    The share of the substance score the finding takes grows smoothly with
    the share of the floor's words that is missing, whatever its severity:
    almost nothing just under the floor, 15% when a fifth is missing, 60% at
    half of it, 95% with 85% missing; so one more word or one more link never
    makes the score jump. A post with at most `error-share` of its floor's
    words is an error: a stub, not a short post. A post close to its floor
    (the finding takes at most 15% of the substance score: about a fifth of
    the floor's words missing) is only an informational finding, so one
    word more or less never decides whether a run fails. A page with no
    prose that is rendered from a template or redirects is not a post and
    is skipped.

    ## Why it matters to readers
    A reader who follows a link expects to learn something. A post of a few
    sentences rarely explains, shows or argues enough to be worth the visit,
    and a blog full of them teaches readers to stop clicking. A short
    release note is the exception when it gives the facts a reader came for:
    the version, the changes, the issues and how to upgrade.

    ## Example
    ```markdown
    # Some updates
    We changed a few things. More details coming soon!
    ```

    ## Use instead
    Say what changed, why, and what the reader should do about it; or fold
    the news into a fuller post. A short release note should list its
    changes, name the issues they close, show the upgrade command and link
    the full changelog: each lowers its floor.

    ## Options
    - `min-words` (integer, default 150): floor for ordinary posts.
    - `min-words-release` (integer, default 100): floor for a release note
      with no concrete content.
    - `min-words-announcement` (integer, default 100): floor for an
      announcement with no concrete content.
    - `min-words-release-notes` (integer, default 5): the lowest floor
      concrete content can bring a release note or announcement down to.
    - `min-words-link-roundup` (integer, default 80): floor for link roundups
      and link posts.
    - `min-words-tutorial` (integer, default 300): floor for tutorials and how-tos.
    - `error-share` (number, default 0.5): a post with at most this share of
      its floor's words is reported as an error (0 never escalates).
    """

    code = "THIN001"
    name = "too-short"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("min-words", 150, "Floor for ordinary posts.", minimum=0, maximum=100_000),
        Option("min-words-release-notes", 5, "The lowest floor concrete content can bring a "
               "release note or announcement down to.", minimum=0, maximum=100_000),
        Option("min-words-release", 100, "Floor for a release note with no concrete content.",
               minimum=0, maximum=100_000),
        Option("min-words-announcement", 100, "Floor for an announcement with no concrete "
               "content.", minimum=0, maximum=100_000),
        Option("min-words-link-roundup", 80, "Floor for link roundups and link posts.",
               minimum=0, maximum=100_000),
        Option("min-words-tutorial", 300, "Floor for tutorials and how-tos.",
               minimum=0, maximum=100_000),
        Option("error-share", 0.5, "A post with at most this share of its floor's words is "
               "an error (0: never).", minimum=0.0, maximum=1.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        kind = post_kind(doc)
        option = "min-words" if kind == "post" else f"min-words-{kind}"
        base = int(ctx.options[option])
        found = concrete_content(doc)
        if kind in _CONCRETE_KINDS:
            lowest = float(min(int(ctx.options["min-words-release-notes"]), base))
        else:
            lowest = base * _OTHER_LOWEST_SHARE
        floor = lowest + (base - lowest) * _floor_left(found)
        words = _word_count(ctx)
        if words >= floor:
            return
        words += sum(count for _, count in _shared_html_words(ctx))
        if words >= floor:
            return
        if words == 0 and any(key in doc.metadata for key in _NOT_A_POST):
            return
        cost = too_short_cost(words, floor)
        concrete = any(found.values())
        if words <= floor * float(ctx.options["error-share"]):
            default = Severity.ERROR
        elif cost <= _INFO_COST:
            default = Severity.INFO
        else:
            default = Severity.WARNING
        severity = _severity(ctx, default)
        shown = round(floor)
        if concrete:
            why = f"`{option}` {base}, lowered by {_named(found)}"
        elif kind in _CONCRETE_KINDS:
            why = f"`{option}`; concrete content lowers it"
        else:
            why = f"`{option}`"
        if kind in _CONCRETE_KINDS:
            missing = [text for key, text in _ADVICE[kind] if not found.get(key)]
            advice = "; ".join(missing[:2]) if missing else "say what it changes for readers"
        else:
            advice = "say more, or merge it into a fuller post"
        yield ctx.finding(
            f"{_KIND_LABEL[kind]} has {words} word{'s' if words != 1 else ''} of prose, fewer "
            f"than the {shown} a reader "
            f"needs to get something out of it ({why}); {advice}",
            line=doc.title_line, severity=severity,
            weight=min(3.0, cost / PENALTY[severity]),
        )


# --------------------------------------------------------------------------- THIN002

_MARKER = re.compile(r"\b(TODO|FIXME|XXX|TBD|TBA)\b")
_MARKER_BEFORE = ("(", "[", ":", ".", "!", "?", "|", "*", "_")
_MARKER_AFTER = (":", "-", "\u2013", "\u2014", ")", "]", ".", "!", "?", ",", ";", "*", "_")
_BRACKETED = re.compile(
    r"\[\s*(?:insert|add|placeholder|todo|tk)\b[^\]\n]{0,80}\]", re.IGNORECASE)
_ANGLED = re.compile(r"<\s*(?:insert|add)\s[^<>\n]{0,80}>", re.IGNORECASE)


_OPENERS: dict[tuple[int, tuple[str, ...]], frozenset[str]] = {}


def _openers(phrases: tuple[str, ...], pipeline: Pipeline) -> frozenset[str]:
    """First words of the phrases and their lemmas: a block without one cannot match."""
    key = (id(pipeline), phrases)
    found = _OPENERS.get(key)
    if found is None:
        words: set[str] = set()
        for phrase in phrases:
            first = next((t.lower_ for t in pipeline.nlp.tokenizer(phrase) if not t.is_space),
                         "")
            words.update((first, pipeline.lemma(first)))
        found = _OPENERS[key] = frozenset(words)
    return found


def _is_marker(text: str, start: int, end: int) -> bool:
    """A draft marker where it stands for missing text, not the word in a sentence."""
    before = text[:start].rstrip()
    after = text[end:].lstrip()
    return ((not before or before.endswith(_MARKER_BEFORE))
            and (not after or after.startswith(_MARKER_AFTER)))


def _in_code_span(line: str, column: int) -> bool:
    return line.count("`", 0, column) % 2 == 1


class PlaceholderText(Rule):
    """Placeholder text left in a post: TODO markers, lorem ipsum, "[insert ...]".

    ## What it does
    Reports text that stands in for writing not done yet:
    - filler and template text from the `thin_placeholders` word list
      ("lorem ipsum", "text goes here", "insert link here") and bracketed
      slots ("[insert screenshot]", "[add link]", "<insert chart here>"): error;
    - a paragraph or list item that opens with a draft marker and a colon,
      a note to the writer where the text should be ("TODO: add the
      numbers"): error;
    - other draft markers `TODO`, `FIXME`, `XXX`, `TBD`, `TBA` in capitals
      where they stand for missing text ("(TBD)", "Date: TBA", or a block
      of just the marker): warning;
    - a paragraph or list item that holds nothing but a promise from the
      `thin_stubs` word list ("Coming soon.", "More details to follow.")
      and is all there is under its heading (or in the post): warning. A
      sign-off such as "More to come!" after a section that says something,
      or "Coming soon:" over a list, which labels it, is not reported.

    Code, inline code, HTML comments, blockquotes and quotation marks never
    count, nor does a marker used as a word in a sentence ("our TODO list",
    "one FIXME comment"), nor a promise inside a paragraph that says
    something else.

    ## Why it matters to readers
    A placeholder tells the reader the post was published before it was
    finished. They get a gap where the content should be and reason to
    doubt the rest of the page.

    ## Example
    ```markdown
    ## Benchmarks

    TODO: add the numbers.

    ## Pricing

    Coming soon.
    ```

    ## Use instead
    Write the missing part, or cut the section until it is ready. If a
    detail is genuinely undecided, say what is known and when it will be
    settled: "The venue will be announced by 1 May."

    ## Options
    - `phrases` (list of strings, default `[]`): replace the built-in
      `thin_placeholders` list.
    - `extend-phrases` (list of strings, default `[]`): add phrases to it.
    - `markers` (list of strings, default `["TODO", "FIXME", "XXX", "TBD", "TBA"]`):
      draft markers to report, matched in capitals.
    """

    code = "THIN002"
    languages = ENGLISH
    name = "placeholder-text"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("phrases", [], "Replace the built-in placeholder word list with these phrases "
               "(empty: use the built-in list)."),
        Option("extend-phrases", [], "Phrases to add to the placeholder word list."),
        Option("markers", ["TODO", "FIXME", "XXX", "TBD", "TBA"],
               "Draft markers to report, matched in capitals."),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        markers = frozenset(ctx.options["markers"])
        replaced = [p.lower() for p in ctx.options.get("phrases") or []]
        phrases = tuple(replaced) or load_phrases("valuelint_rules", "thin_placeholders")
        phrases += tuple(p.lower() for p in ctx.options.get("extend-phrases") or [])
        placeholders = matcher_for(phrases, ctx.pipeline)
        openers = _openers(phrases, ctx.pipeline)
        stubs = matcher_for(load_phrases("valuelint_rules", "thin_stubs"), ctx.pipeline)
        analysis = ctx.analysis
        error = _severity(ctx, Severity.ERROR)
        warning = _severity(ctx, Severity.WARNING)
        per_section = Counter(b.section for b in doc.blocks if b.kind is not BlockKind.HEADING)
        for index, block in enumerate(doc.blocks):
            if block.quoted:
                continue
            text = block.text
            tokens = analysis.tokens[index]
            filler = list(placeholders.finditer(tokens)) if any(
                t.lower in openers or t.lemma in openers for t in tokens) else []
            if filler:
                # Filler runs on ("lorem ipsum dolor sit amet..."): one finding per block.
                start, end = filler[0].start, filler[-1].end
                said = _quote(text[start:end])
                yield ctx.finding(
                    f'placeholder text "{said}" left in the post; write the real text or '
                    "cut it", block=block, start=start, end=end, severity=error)
            for found in _BRACKETED.finditer(text):
                yield ctx.finding(
                    f'placeholder "{_quote(found.group(0))}" left in the post; put the real '
                    "content there or cut it", block=block, start=found.start(),
                    end=found.end(), severity=error)
            for found in _MARKER.finditer(text):
                if found.group(1) in markers and _is_marker(text, found.start(), found.end()):
                    note = not text[:found.start()].strip() \
                        and text[found.end():].lstrip().startswith(":")
                    yield ctx.finding(
                        f'draft marker "{found.group(1)}" left in the post; finish that part '
                        "or cut it", block=block, start=found.start(), end=found.end(),
                        severity=error if note else warning)
            if block.kind in (BlockKind.HEADING, BlockKind.TABLE_CELL) \
                    or per_section[block.section] > 1:
                continue
            yield from self._stub(ctx, block, tokens, stubs.finditer(tokens), warning)
        yield from self._angled(ctx, error)

    def _stub(self, ctx: RuleContext, block: ProseBlock, tokens: Sequence[Token],
              matches: Iterable[Any], severity: Severity) -> Iterator[Finding]:
        found = list(matches)
        # Every stub phrase of the block is left out ("More soon. Stay tuned!").
        inside = {i for match in found for i in range(match.first_token, match.last_token)}
        others = [t for i, t in enumerate(tokens) if i not in inside and _is_content(t)]
        for match in found:
            limit = 0 if block.kind is BlockKind.LIST_ITEM else 1
            # "Coming soon:" over a list labels what follows; it is not a stub.
            if len(others) <= limit and not block.text.rstrip().endswith(":"):
                said = _quote(block.text[match.start:match.end])
                yield ctx.finding(
                    f'"{said}" stands where the content should be; write it, or cut the part '
                    "until it is ready", block=block, start=match.start, end=match.end,
                    severity=severity)
                return

    def _angled(self, ctx: RuleContext, severity: Severity) -> Iterator[Finding]:
        doc = ctx.document
        if "<" not in doc.source:
            return
        in_code: set[int] = set()
        for code in doc.code_blocks:
            in_code.update(range(code.line, code.line + code.lines + 2))
        commented: set[int] = set()
        for comment in doc.comments:
            commented.update(range(comment.line, comment.end_line + 1))
        for number, line in enumerate(doc.source.split("\n"), start=1):
            if number <= doc.front_matter.end_line or number in in_code or number in commented:
                continue
            if "<" not in line or line.lstrip().startswith(">"):
                continue
            for found in _ANGLED.finditer(line):
                if not _in_code_span(line, found.start()):
                    yield ctx.finding(
                        f'placeholder "{_quote(found.group(0))}" left in the post; put the '
                        "real content there or cut it", line=number, severity=severity)


# --------------------------------------------------------------------------- THIN003

_MEDIA_LINE = re.compile(r"`|\{%|\{\{[<%]|<(?:img|video|iframe|picture|figure|embed|object|svg)\b",
                         re.IGNORECASE)


class ThinSection(Rule):
    """A section whose heading promises more than the few words under it deliver.

    ## What it does
    For every heading, counts the words of prose from the heading to the
    next heading of the same or a higher level (subsections count towards
    their parent) and reports a section with fewer than `min-words`. The
    fewer the words, the more the finding weighs. Only sections of bare
    prose are judged: a section that shows or points to its content (code,
    inline or in a block, an image, a table, an embed, raw HTML with text,
    or a link) is never reported, whatever its word count, since a heading
    over a snippet, a screenshot or a pointer to the full list ("Check out
    everything that changed in the changelog") is a normal way to present
    one; whether a post of bare links has commentary is THIN006's question.
    Headings that name reference or closing material ("References", "See
    also", "Thanks", "TL;DR", ...: option `ignore-headings`) are left alone,
    as are headings inside blockquotes and a heading with no prose at all
    under it (it groups the headings below it, stands as a closing line,
    or is an outline slip: questions for the structure rules).

    ## Why it matters to readers
    Headings are promises: a reader scanning the page jumps to the one that
    answers their question. A section of one line under a big heading
    breaks that promise and pads the outline of a post that has less to say
    than it looks.

    ## Example
    ```markdown
    ## Performance

    It's fast.

    ## Security

    We take it seriously.
    ```

    ## Use instead
    Give the section what its heading promises (how fast, measured how,
    compared to what), or fold the sentence into a neighbouring section and
    drop the heading.

    ## Options
    - `min-words` (integer, default 15): sections with fewer words of prose
      are reported.
    - `ignore-headings` (list of strings): headings, lowercased, whose
      sections are never reported.
    """

    code = "THIN003"
    name = "thin-section"
    category = Category.THIN
    severity = Severity.INFO
    options = (
        Option("min-words", 15, "Sections with fewer words of prose are reported.",
               minimum=1, maximum=10_000),
        Option("ignore-headings", [
            "references", "see also", "further reading", "resources", "links", "credits",
            "acknowledgements", "acknowledgments", "thanks", "thank you", "contributors",
            "footnotes", "notes", "related", "related posts", "sources", "update", "updates",
            "edit", "tl;dr", "tldr", "summary", "contact", "questions", "feedback",
            "changelog", "downloads", "download", "installation", "install",
        ], "Headings (lowercased) whose sections are never reported."),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        minimum = int(ctx.options["min-words"])
        ignored = {h.lower() for h in ctx.options["ignore-headings"]}
        headings = doc.headings
        if not headings:
            return
        lines = doc.source.split("\n")
        counts = _block_words(ctx)
        shown = [code.line for code in doc.code_blocks]
        shown += [image.line for image in doc.images]
        shown += [line for line, _ in _shared_html_words(ctx)]
        shown += [link.line for link in doc.links]
        shown += [b.line for b in doc.blocks if b.kind is BlockKind.TABLE_CELL]
        # Each section ends at the next heading of its level or above: found in one pass.
        ends: list[int | None] = [None] * len(headings)
        open_sections: list[int] = []
        for number, heading in enumerate(headings):
            while open_sections and headings[open_sections[-1]].level >= heading.level:
                ends[open_sections.pop()] = number
            open_sections.append(number)
        for number, heading in enumerate(headings):
            block = doc.blocks[heading.block]
            if block.quoted or _heading_key(heading.text) in ignored:
                continue
            end_block, end_line = len(doc.blocks), len(lines) + 1
            end = ends[number]
            if end is not None:
                end_block, end_line = headings[end].block, headings[end].line
            body = [i for i in range(heading.block + 1, end_block)
                    if doc.blocks[i].kind not in (BlockKind.HEADING, BlockKind.ALT_TEXT)]
            if not body:
                # A heading with nothing under it groups the headings below it, stands
                # as a closing line, or is an outline slip: the structure rules' question.
                continue
            words = 0
            for i in body:
                words += counts[i]
                if words >= minimum:
                    break
            if words >= minimum:
                continue
            inside = range(heading.line + 1, end_line)
            if any(line in inside for line in shown):
                continue
            if any(_MEDIA_LINE.search(lines[i - 1]) for i in inside if i <= len(lines)):
                continue
            share = 1 - words / minimum
            yield ctx.finding(
                f'section "{_quote(heading.text, 50)}" has {words} '
                f"word{'s' if words != 1 else ''} under its heading; "
                "give it what the heading promises, or fold it into a neighbouring section",
                block=block, weight=0.5 + share,
            )


def _heading_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w;' ]+", " ", text.lower()).split())


# --------------------------------------------------------------------------- THIN004

_REPEAT_KINDS = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE})
_KEY_CHARS = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class _Sentence:
    block: int
    start: int
    end: int
    key: str
    words: int


_DETAILS = re.compile(r"<(/?)details\b", re.IGNORECASE)


def _collapsed_lines(doc: Document) -> set[int]:
    """Lines inside ``<details>`` elements: text a reader sees only on request."""
    if "<details" not in doc.source and "<DETAILS" not in doc.source:
        return set()
    lines: set[int] = set()
    depth = 0
    for number, line in enumerate(doc.source.split("\n"), start=1):
        for match in _DETAILS.finditer(line):
            depth = max(depth - 1, 0) if match.group(1) else depth + 1
        if depth:
            lines.add(number)
    return lines


class RepeatedText(Rule):
    """The same sentence or paragraph said twice in one post.

    ## What it does
    Compares the sentences of the post's paragraphs, list items and
    footnotes as written in the source (inline code and link targets
    included), ignoring case, punctuation and spacing, and reports
    sentences of at least `min-words` words that repeat an earlier one. A
    run of repeated sentences (a copied paragraph or list) is reported once
    and weighs more the more words it repeats; a sentence said many times
    is reported once, with the count. Each further finding in the same post
    weighs less than the one before, so a templated post is not scored as
    fifty separate problems. Headings and table cells, which repeat by
    design, blockquotes (quoting the same source twice is not padding your
    own prose) and short sentences ("Thanks!", "Stay safe.") are ignored,
    and so is text inside a collapsed `<details>` element, which readers
    open only when they want the full record.

    ## Why it matters to readers
    Readers notice when they are reading the same thing again. Repeated
    sentences pad a post to look longer than its content, and often mark a
    copy-and-paste slip nobody reviewed.

    ## Example
    ```markdown
    Our new dashboard makes it easy to see every metric in one place.

    ...

    Our new dashboard makes it easy to see every metric in one place.
    ```

    ## Use instead
    Say it once, where it matters most. If you need a reminder at the end,
    summarise in new words and add what the reader now knows.

    ## Options
    - `min-words` (integer, default 10): shorter sentences are never compared.
    - `warning-share` (number, default 0.03): the findings are warnings when
      the repeated sentences make up at least this share of the post's
      words, and advice (info) below it: a note repeated under two items of
      a 3,000-word post is not padding. Setting the rule's `severity` makes
      them all that severity.
    """

    code = "THIN004"
    name = "repeated-text"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("min-words", 10, "Shorter sentences are never compared.",
               minimum=2, maximum=1000),
        Option("warning-share", 0.03, "Share of the post's words that its repeats must "
               "reach for warnings; below it the findings are info.", minimum=0.0,
               maximum=1.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        sentences = self._sentences(ctx)
        times = Counter(s.key for s in sentences)
        seen: dict[str, int] = {}
        covered: set[str] = set()
        runs: list[list[tuple[_Sentence, int]]] = [[]]
        for item in sentences:
            first = seen.get(item.key)
            if first is None:
                seen[item.key] = ctx.document.blocks[item.block].line
                if runs[-1]:
                    runs.append([])
            else:
                runs[-1].append((item, first))
        kept: list[list[tuple[_Sentence, int]]] = []
        for run in runs:
            keys = {item.key for item, _ in run}
            # A sentence said many times is one problem: report it where it first repeats.
            if not run or keys <= covered:
                continue
            covered |= keys
            kept.append(run)
        # A few repeated sentences in a long post (a note repeated under each item, the
        # same step for two systems) are advice; padding is a large share of the post.
        repeated = sum(item.words for run in kept for item, _ in run)
        share = repeated / max(ctx.document.word_count, 1)
        severity = (_severity(ctx, Severity.INFO)
                    if share < float(ctx.options["warning-share"]) else None)
        for reported, run in enumerate(kept):
            yield self._report(ctx, run, reported, times[run[0][0].key], severity)

    def _sentences(self, ctx: RuleContext) -> list[_Sentence]:
        """The sentences worth comparing, each with its normalised source text."""
        doc = ctx.document
        minimum = int(ctx.options["min-words"])
        analysis = ctx.analysis
        folded = _collapsed_lines(doc)
        found: list[_Sentence] = []
        for sentence in analysis.sentences:
            block = doc.blocks[sentence.block]
            if block.kind not in _REPEAT_KINDS or block.quoted or block.line in folded:
                continue
            words = sum(1 for t in analysis.sentence_tokens(sentence)
                        if t.is_alpha or t.like_num)
            if words < minimum:
                continue
            source = doc.source[block.source_offset(sentence.start):
                                block.source_offset(sentence.end)]
            key = _KEY_CHARS.sub(" ", source.lower()).strip()
            found.append(_Sentence(sentence.block, sentence.start, sentence.end, key, words))
        return found

    def _report(self, ctx: RuleContext, run: list[tuple[_Sentence, int]],
                earlier: int, times: int, severity: Severity | None) -> Finding:
        doc = ctx.document
        head, first = run[0]
        block = doc.blocks[head.block]
        end = max(s.end for s, _ in run if s.block == head.block)
        words = sum(s.words for s, _ in run)
        # Each further repeat weighs less: a templated post is one problem, not fifty.
        weight = max(0.1, _clamp(0.5 + words / 40, 0.5, 2.5) * 0.75 ** earlier)
        if len(run) == 1:
            said = _quote(block.text[head.start:head.end], 50)
            again = f" ({times} times in all)" if times > 2 else ""
            message = f'"{said}" repeats a sentence from line {first}{again}; say it once'
        else:
            message = (f"{len(run)} sentences ({words} words) from here repeat text from "
                       f"line {first} on; say it once")
        return ctx.finding(message, block=block, start=head.start, end=end, weight=weight,
                           severity=severity)


# --------------------------------------------------------------------------- THIN005

def moving_average_ttr(items: Sequence[str], window: int) -> float:
    """Mean share of distinct items over every window of ``window`` consecutive items."""
    if len(items) <= window:
        return len(set(items)) / max(len(items), 1)
    counts = Counter(items[:window])
    distinct = len(counts)
    total = distinct
    for i in range(window, len(items)):
        counts[items[i]] += 1
        if counts[items[i]] == 1:
            distinct += 1
        old = items[i - window]
        counts[old] -= 1
        if counts[old] == 0:
            distinct -= 1
        total += distinct
    return total / (len(items) - window + 1) / window


class LowInformationDensity(Rule):
    """A long post that says the same few things over and over.

    ## What it does
    Takes the content words of the writer's own prose (lemmas of words that
    are not stop words; no code, quotes, headings or tables) and measures
    how varied they are with the moving-average type-token ratio: the share
    of distinct words in every run of `window` consecutive content words,
    averaged over the post. Unlike a plain count of distinct words, this
    does not fall just because a post is long. A post with at least
    `window` content words scoring under `min-variety` is reported with the
    words it leans on; the lower the variety, the more the finding weighs.

    ## Why it matters to readers
    A post that circles the same few words is usually restating one idea:
    the reader scrolls through a long page to collect a paragraph of
    content. Varied vocabulary goes with new facts, examples and steps.

    ## Example
    ```markdown
    Our platform is the best platform for teams. Teams love the platform
    because the platform helps teams work as a team. With our platform, every
    team gets a platform that works for the team ...
    ```

    ## Use instead
    Cut the restatements and spend the words on what is missing: how it
    works, an example, a number, a limitation. A shorter post that says
    more serves readers better.

    ## Options
    - `window` (integer, default 100): content words per window.
    - `min-variety` (number, default 0.45): posts whose average share of
      distinct content words per window is lower are reported. Most posts
      run at 60-75%; technical posts that keep naming the same few
      components ("glibc", "kernel", "target") at 47-55%.
    """

    code = "THIN005"
    languages = ENGLISH
    name = "low-information-density"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("window", 100, "Content words per window.", minimum=10, maximum=10_000),
        Option("min-variety", 0.45, "Posts whose average share of distinct content words "
               "per window is lower are reported.", minimum=0.0, maximum=1.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        window = int(ctx.options["window"])
        threshold = float(ctx.options["min-variety"])
        lemmas = [t.lemma for _, t in _own_tokens(ctx) if _is_content(t)]
        if len(lemmas) < window:
            return
        variety = moving_average_ttr(lemmas, window)
        if variety >= threshold:
            return
        top = ", ".join(f'"{w}" ({n} times)' for w, n in Counter(lemmas).most_common(3))
        yield ctx.finding(
            f"only {variety:.0%} of the content words in each stretch of {window} are "
            f"distinct (typical posts: about 70%); the post keeps returning to {top}: cut "
            "the restatements and add what is missing",
            line=ctx.document.title_line,
            weight=_clamp(1.0 + (threshold - variety) * 10, 1.0, 3.0),
        )


# --------------------------------------------------------------------------- THIN006

class LinksWithoutCommentary(Rule):
    """A roundup of links or quotes with little of the writer's own commentary.

    ## What it does
    Splits the body's words (not headings) into borrowed words and the
    writer's own words. Borrowed are blockquotes, list items and paragraphs
    that are mostly link text (a bare link, or a link and its author), and
    link text elsewhere (links to a place on the same page, as in a table of
    contents, are navigation and count as neither); the rest is the
    writer's own. A post with at least `min-items` links or quotes (each
    blockquote counts once, however many paragraphs it has) is reported
    when borrowed words make up at least
    `max-borrowed` of the body and the writer adds fewer than
    `min-own-words` words per link or quote. The larger the borrowed share,
    the more the finding weighs. Release notes, whose lists of changes and
    pull requests are reference material, are not judged.

    ## Why it matters to readers
    A list of links is something a reader can get from a feed or a search.
    What makes a roundup worth reading is the curator's judgement: why each
    link matters, what is new in it, who should read it. Without that, the
    post adds a click between the reader and the sources.

    ## Example
    ```markdown
    ## Links this week

    - [Faster builds with caching](https://example.com/a)
    - [A tour of the new parser](https://example.com/b)
    - [Release candidate 2](https://example.com/c)
    - [Notes from the maintainers' meeting](https://example.com/d)
    - [Why the test suite got slower](https://example.com/e)
    ```

    ## Use instead
    Add a sentence or two per link saying what the reader gets from it and
    why you picked it, or cut the list to the few links you can say
    something about.

    ## Options
    - `min-items` (integer, default 5): posts with fewer links and quotes
      are never reported.
    - `max-borrowed` (number, default 0.5): share of borrowed words from
      which a post is a candidate.
    - `min-own-words` (number, default 12): own words per link or quote below
      which a candidate is reported.
    """

    code = "THIN006"
    name = "links-without-commentary"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("min-items", 5, "Posts with fewer links and quotes are never reported.",
               minimum=1, maximum=10_000),
        Option("max-borrowed", 0.5, "Share of borrowed words from which a post is a "
               "candidate.", minimum=0.0, maximum=1.0),
        Option("min-own-words", 12.0, "Own words per link or quote below which a candidate "
               "is reported.", minimum=0.0, maximum=10_000.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        if post_kind(doc) == "release":
            return
        in_block = _link_words_by_block(doc)
        counts = _block_words(ctx)
        lines = doc.source.split("\n")
        body = borrowed = items = 0
        previous: ProseBlock | None = None
        for index, block in enumerate(doc.blocks):
            if block.kind in (BlockKind.HEADING, BlockKind.ALT_TEXT):
                continue
            count = counts[index]
            body += count
            linked = min(in_block.get(index, 0), count)
            if block.quoted:
                borrowed += count
                items += 0 if _same_quote(lines, previous, block) else 1
            elif count and linked / count >= 0.6:
                borrowed += count
                items += 1
            else:
                borrowed += linked
                items += 1 if linked else 0
            previous = block
        if items < int(ctx.options["min-items"]) or body == 0:
            return
        share = borrowed / body
        per_item = (body - borrowed) / items
        if share < float(ctx.options["max-borrowed"]) \
                or per_item >= float(ctx.options["min-own-words"]):
            return
        yield ctx.finding(
            f"{share:.0%} of the post is link text or quotation, with {per_item:.0f} words "
            f"of your own per link or quote ({items} in all); say why each one is worth "
            "the reader's time",
            line=doc.title_line, weight=_clamp(0.5 + 2 * (share - 0.4), 0.5, 2.0),
        )


def _same_quote(lines: Sequence[str], previous: ProseBlock | None, block: ProseBlock) -> bool:
    """Whether ``block`` continues the blockquote ``previous`` belongs to."""
    if previous is None or not previous.quoted:
        return False
    between = lines[previous.line:block.line - 1]
    return all(line.lstrip().startswith(">") for line in between)


def _link_words_by_block(doc: Document) -> dict[int, int]:
    """Words of link text in each prose block, by block index."""
    spans: list[tuple[int, int, int]] = []
    for index, block in enumerate(doc.blocks):
        if block.runs:
            last = block.runs[-1]
            spans.append((block.runs[0].source, last.source + last.length, index))
    spans.sort()
    starts = [start for start, _, _ in spans]
    found: dict[int, int] = {}
    for link in doc.links:
        if not link.text or link.text == link.href or link.href.startswith("#") \
                or link.line > len(doc.line_starts):
            continue
        offset = doc.line_starts[link.line - 1] + link.column - 1
        at = bisect.bisect_right(starts, offset) - 1
        # A link's "[" stands just before its text, so allow the block to start after it.
        for candidate in (at, at + 1):
            if 0 <= candidate < len(spans):
                start, end, index = spans[candidate]
                if start - 1 <= offset < end:
                    found[index] = found.get(index, 0) + _words(link.text)
                    break
    return found


# --------------------------------------------------------------------------- THIN007

class UndeliveredTitle(Rule):
    """A title whose words the body never takes up.

    ## What it does
    Takes the content words of the title: not stop words, numbers or dates,
    nor the generic title words of the `thin_title_generic` word list
    ("update", "weekly", "announcing", "part", month names, ...). It looks
    for each in the body by word, lemma or a shared stem of five letters
    ("benchmarking" finds "benchmarks"), anywhere in the body as written,
    code and link targets included. A post of at least `min-words` words
    whose title has at least `min-title-words` such words and where fewer
    than `min-share` of them appear in the body is reported; a title with
    no word in the body weighs most. Shorter titles are not judged: with
    two words, a synonym in the body ("Security fixes" over a post about a
    patched vulnerability) is enough to miss. The title is the front
    matter `title`, or an H1 that opens the post (an H1 further down is a
    section, not the title).

    ## Why it matters to readers
    The title is what the reader clicked on. When the body is about
    something else, the reader feels tricked, and a search engine or a feed
    sends the wrong readers to the post.

    ## Example
    ```markdown
    ---
    title: How we cut our cloud bill in half
    ---
    Our team had a great offsite this spring. We spent three days in the
    mountains, ...
    ```

    ## Use instead
    Retitle the post after what it actually says, or deliver what the title
    promises: here, the numbers and the steps behind the savings.

    ## Options
    - `min-words` (integer, default 150): shorter posts are never reported.
    - `min-share` (number, default 0.25): posts where a smaller share of the
      title's content words appears in the body are reported.
    - `min-title-words` (integer, default 3): titles with fewer content words
      are never judged.
    """

    code = "THIN007"
    languages = ENGLISH
    name = "undelivered-title"
    category = Category.THIN
    severity = Severity.WARNING
    options = (
        Option("min-words", 150, "Shorter posts are never reported.",
               minimum=0, maximum=100_000),
        Option("min-share", 0.25, "Posts where a smaller share of the title's content "
               "words appears in the body are reported.", minimum=0.0, maximum=1.0),
        Option("min-title-words", 3, "Titles with fewer content words are never judged.",
               minimum=1, maximum=100),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        doc = ctx.document
        title, title_block = _opening_title(doc)
        if not title or _word_count(ctx) < int(ctx.options["min-words"]):
            return
        pipeline = ctx.pipeline
        generic = frozenset(load_phrases("valuelint_rules", "thin_title_generic"))
        wanted: dict[str, str] = {}
        for tok in pipeline.nlp.tokenizer(title):
            lower = tok.lower_
            if tok.is_alpha and not tok.is_stop and len(lower) > 2 and lower not in generic \
                    and pipeline.lemma(lower) not in generic:
                wanted.setdefault(lower, tok.text)
        if len(wanted) < int(ctx.options["min-title-words"]):
            return
        # The body as written, code and link targets included, after the title.
        start = doc.line_starts[min(max(doc.front_matter.end_line, doc.title_line if
                                        title_block >= 0 else 0), len(doc.line_starts) - 1)]
        body = doc.source[start:].lower()
        found = sum(1 for lower in wanted if _in_body(body, lower, pipeline.lemma(lower)))
        if found / len(wanted) >= float(ctx.options["min-share"]):
            return
        words = ", ".join(f'"{text}"' for text in list(wanted.values())[:5])
        yield ctx.finding(
            f"the body never takes up the title's words ({words}); retitle the post after "
            "what it says, or deliver what the title promises",
            line=doc.title_line, weight=1.5 if found == 0 else 1.0,
        )


def _in_body(body: str, word: str, lemma: str) -> bool:
    """Whether the body has the word or its lemma, as a whole word or a word's start.

    Long forms match on their first five letters ("benchmarking" finds
    "benchmarks"); a four-letter lemma as a word's start ("turns" finds
    "turned" through "turn"); shorter forms only as whole words.
    """
    for form in {word, lemma}:
        stem = form[:5]
        whole = len(form) < 4 or (len(form) == 4 and form == word)
        at = body.find(stem)
        while at >= 0:
            after = at + len(stem)
            if (at == 0 or not body[at - 1].isalpha()) and (
                    not whole or after >= len(body) or not body[after].isalpha()):
                return True
            at = body.find(stem, at + 1)
    return False


def _opening_title(doc: Document) -> tuple[str, int]:
    """The post's title and the index of its heading block (-1 if in front matter)."""
    value = doc.metadata.get("title")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split()), -1
    if doc.blocks and doc.blocks[0].kind is BlockKind.HEADING and doc.blocks[0].level == 1:
        return doc.blocks[0].text.strip(), 0
    return "", -1


# --------------------------------------------------------------------------- THIN008

#: Articles, prepositions and conjunctions: needed in any sentence, never the padding.
_GRAMMAR = frozenset({"the", "a", "an", "of", "to", "in", "and", "on", "for", "with", "at",
                      "by", "from", "or", "as", "into", "than", "but", "if", "so"})


def _inline_code_spans(doc: Document, blocks: Sequence[int]) -> int:
    """Number of inline code spans written in the given prose blocks."""
    count = 0
    for index in blocks:
        block = doc.blocks[index]
        if block.runs:
            last = block.runs[-1]
            ticks = doc.source.count("`", block.runs[0].source, last.source + last.length + 1)
            count += ticks // 2
    return count


class LowLexicalDensity(Rule):
    """Prose where few of the words carry content.

    ## What it does
    Measures lexical density: the share of the writer's own running words
    (paragraphs, lists, footnotes; not quotes, headings, tables or code)
    that are content words rather than stop words such as pronouns,
    auxiliaries, articles and fillers ("really", "just", "very", "quite");
    an inline code span counts as one content word. A post of at least
    `min-words` words whose density is under `min-density` is reported;
    the lower, the more it weighs. Written explanation usually runs at
    45-60% content words, and plain opinion essays that speak to the reader
    ("we", "you", "it is") at 40-45%; chatty, padded or vague text falls
    below 40%.

    ## Why it matters to readers
    Every word costs the reader a moment. Text built mostly from "I think
    it's really just that you would have to..." makes the reader work
    through filler to find the few words that say something.

    ## Example
    ```markdown
    I think it is really just something that you will have to try for
    yourself, because it is not the same for everyone and it will be what
    it is for you.
    ```

    ## Use instead
    Name the things you are talking about and cut the padding: "Time both
    builds on the same machine; results vary with disk speed and core
    count."

    ## Options
    - `min-words` (integer, default 60): shorter posts are never reported.
    - `min-density` (number, default 0.4): posts with a lower share of
      content words are reported.
    """

    code = "THIN008"
    languages = ENGLISH
    name = "low-lexical-density"
    category = Category.THIN
    severity = Severity.INFO
    options = (
        Option("min-words", 60, "Shorter posts are never reported.",
               minimum=1, maximum=100_000),
        Option("min-density", 0.4, "Posts with a lower share of content words are "
               "reported.", minimum=0.0, maximum=1.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        own = _own_tokens(ctx)
        tokens = [t for _, t in own]
        if len(tokens) < int(ctx.options["min-words"]):
            return
        # Inline code names a thing ("`Vec::new` is now const"): a content word.
        code = _inline_code_spans(ctx.document, sorted({index for index, _ in own}))
        content = sum(1 for t in tokens if _is_content(t) or t.like_num) + code
        density = content / (len(tokens) + code)
        threshold = float(ctx.options["min-density"])
        if density >= threshold:
            return
        fillers = Counter(t.lower for t in tokens if t.is_stop and t.lower not in _GRAMMAR)
        top = ", ".join(f'"{w}"' for w, _ in fillers.most_common(5))
        yield ctx.finding(
            f"only {density:.0%} of the words carry content (the most frequent of the rest: "
            f"{top}); name the things you mean and cut the padding",
            line=ctx.document.title_line,
            weight=_clamp((threshold - density) * 40, 0.3, 3.0),
        )


# --------------------------------------------------------------------------- THIN009

_SELF = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})


class SelfFocused(Rule):
    """Prose that is more about the writer than about its subject.

    ## What it does
    Counts first-person singular words ("I", "me", "my", "myself") in the
    writer's own running prose (not quotes, headings or code) and reports a
    post of at least `min-words` words where they make up more than
    `max-share` of the words; the higher the share, the more it weighs. A
    personal story is fine; this flags text where the writer's feelings
    and doings crowd out facts about the subject (one "I" every twenty
    words or more). Posts that explain a subject rarely pass one in a
    hundred, and a personal essay or a team retrospective runs at 2-4%,
    which is ordinary and not reported.

    ## Why it matters to readers
    Readers come for the subject: how the tool works, what the place is
    like, what to do. "I loved it, I was so happy, my husband and I..." tells
    them about the writer and little they can use; specific facts about the
    subject serve them better and are easier to trust.

    ## Example
    ```markdown
    I have to say I was thrilled. I booked it for my anniversary and I felt
    like my husband and I were treated like royalty. I will be back!
    ```

    ## Use instead
    Turn the experience into facts the reader can use: "The room on the
    12th floor faced the lake; check-in took five minutes; the bar closes
    at 11 pm."

    ## Options
    - `min-words` (integer, default 80): shorter posts are never reported.
    - `max-share` (number, default 0.05): posts with a higher share of
      first-person singular words are reported.
    """

    code = "THIN009"
    languages = ENGLISH
    name = "self-focused"
    category = Category.THIN
    severity = Severity.INFO
    options = (
        Option("min-words", 80, "Shorter posts are never reported.",
               minimum=1, maximum=100_000),
        Option("max-share", 0.05, "Posts with a higher share of first-person singular "
               "words are reported.", minimum=0.0, maximum=1.0),
    )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tokens = [t for _, t in _own_tokens(ctx)]
        if len(tokens) < int(ctx.options["min-words"]):
            return
        mine = sum(1 for t in tokens if t.lower in _SELF)
        share = mine / len(tokens)
        threshold = float(ctx.options["max-share"])
        if share <= threshold:
            return
        yield ctx.finding(
            f'{mine} of {len(tokens)} words ({share:.0%}) are "I", "me" or "my": the post is '
            "more about the writer than the subject; give the reader facts they can use",
            line=ctx.document.title_line,
            weight=_clamp((share - threshold) * 60, 0.3, 3.0),
        )


RULES = (TooShort, PlaceholderText, ThinSection, RepeatedText, LowInformationDensity,
         LinksWithoutCommentary, UndeliveredTitle, LowLexicalDensity, SelfFocused)

