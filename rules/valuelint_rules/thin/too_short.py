"""THIN001: a post too short for its kind for a reader to get value from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from valuelint.document import BlockKind, Document
from valuelint.facts import Scope
from valuelint.rule import Category, Finding, Option, Rule, RuleContext, Severity
from valuelint.scoring import PENALTY
from valuelint_rules.thin._helpers import VERSION, html_words, inline_code_spans, post_kind

_CHANGELOG_LINK = re.compile(
    r"change[-_ ]?log|changes\b|release[-_ ]?notes|releases|history|news\.md|/compare/|"
    r"milestone|/tags?/|what'?s[-_ ]new|full list|details|all the changes|/pull/|"
    r"/issues/|/commits?/",
    re.IGNORECASE)
_NOT_A_POST = ("template", "redirect_to", "redirect", "external_url", "external-url")


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
    if VERSION.search(doc.title) or str(doc.metadata.get("version", "")).strip() \
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
    found["inline"] = inline_code_spans(
        doc, [i for i, b in enumerate(doc.blocks) if Scope.RUNNING_PROSE_AND_FOOTNOTES.holds(b)])
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
               "reported as an error (0 never escalates).", minimum=0.0, maximum=1.0),
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
        words = ctx.facts.word_count
        if words >= floor:
            return
        words += sum(count for _, count in html_words(ctx))
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
        severity = ctx.severity_or(default)
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
