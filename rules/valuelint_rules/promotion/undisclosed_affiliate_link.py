"""PROM009 undisclosed-affiliate-link: affiliate or tracking links in a post that discloses
nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

from valuelint.document import Document, Link
from valuelint.rule import (
    ENGLISH,
    Category,
    Edit,
    Finding,
    Fix,
    Option,
    Rule,
    RuleContext,
    Severity,
)

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
    """

    code = "PROM009"
    languages = ENGLISH
    name = "undisclosed-affiliate-link"
    category = Category.PROMOTION
    severity = Severity.ERROR
    options = (
        Option("check-tracking", True, "Also report plain referral and `utm_` "
               "campaign links (as warnings)."),
    )
    fixes = (
        "Where a link's only problem is campaign tracking (`utm_source`, `utm_medium`, ... "
        "parameters), `valuelint check --fix` and the editor's quick fix drop the `utm_*` "
        "parameters from its address, keeping the other parameters and the `#fragment` "
        "(and the `?` only while a parameter is left): "
        "`https://example.com/guide?utm_source=blog&page=2` becomes "
        "`https://example.com/guide?page=2`. The address is changed where it is written: in "
        "the link, or in the one reference definition (`[label]: URL`) that gives it. No "
        "fix is offered for an affiliate or referral link (that needs a disclosure, which "
        "only the writer can word), nor where the address is not written in the file as it "
        "reads (an entity or escape in it, or two definitions giving it)."
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
                    severity=None if ctx.severity_configured else Severity.WARNING,
                    weight=0.1 if again else 0.5, fix=_untracking_fix(doc, link))


def without_utm(url: str) -> str | None:
    """``url`` without its ``utm_*`` query parameters, the others and the fragment kept
    as written (the ``?`` goes when none is left); None when it has no ``utm_*``
    parameter, or a query this cannot take apart safely (``;`` separators, ``&amp;``).
    """
    base, hash_, fragment = url.partition("#")
    address, question, query = base.partition("?")
    if not question or ";" in query:
        return None
    params = query.split("&")
    kept = [p for p in params if not p.split("=", 1)[0].lower().startswith("utm_")]
    if len(kept) == len(params) or any("utm_" in p.lower() for p in kept):
        return None
    kept = [p for p in kept if p]
    return address + ("?" + "&".join(kept) if kept else "") + hash_ + fragment


def _untracking_fix(doc: Document, link: Link) -> Fix | None:
    """The fix dropping the ``utm_*`` parameters from ``link``'s address, when that
    tracking is all the rule has against it and the address is written as it reads."""
    shorter = without_utm(link.href)
    if shorter is None or affiliate_kind(shorter, link.rel) is not None:
        return None
    where = _address_span(doc, link)
    if where is None:
        return None
    start, end = where
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return Fix("Drop the utm_* tracking parameters from the link",
               (Edit(line, column, end_line, end_column, shorter),))


#: A link's reference definition: ``[label]: URL``, the URL perhaps on the next line.
_DEFINITION = re.compile(r"^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:[ \t]*\n?[ \t]*<?", re.MULTILINE)
#: An HTML link's opening tag up to its ``href`` attribute's value.
_HTML_HREF = re.compile(r"<a\b[^>]*?\bhref\s*=\s*[\"']?", re.IGNORECASE)
#: What may follow an address written in the file: its end, a blank, a closing
#: bracket or quote.
_AFTER_ADDRESS = frozenset(" \t\n)>\"'")


def _address_span(doc: Document, link: Link) -> tuple[int, int] | None:
    """Where ``link.href`` is written in the document's source: (start, end) offsets.

    In the link itself (``[text](URL)``, ``<URL>``, ``<a href="URL">``), else in
    the one reference definition that gives it; None when it is not written as
    it reads there.
    """
    source, href = doc.source, link.href
    if not href or link.line > len(doc.line_starts):
        return None
    at = doc.line_starts[link.line - 1] + link.column - 1
    opener = source[at : at + 2]
    start = -1
    if opener.startswith("<") and opener != "<a" and opener != "<A":
        start = at + 1  # an autolink
    elif opener.lower() == "<a":
        tag = _HTML_HREF.match(source, at)
        start = tag.end() if tag else -1
    elif opener.startswith("["):
        close = _closing_bracket(source, at)
        if close >= 0 and source[close + 1 : close + 2] == "(":
            start = close + 2
            while source[start : start + 1] in (" ", "\t", "\n"):
                start += 1
            if source[start : start + 1] == "<":
                start += 1
        elif close >= 0:
            return _definition_span(source, href)
    if start < 0 or not _written_at(source, start, href):
        return None
    return start, start + len(href)


def _closing_bracket(source: str, at: int) -> int:
    """Offset of the ``]`` closing the ``[`` at ``at`` (escapes skipped), or -1."""
    depth = 0
    i = at
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return i
        elif char == "\n" and source[i + 1 : i + 2] == "\n":
            return -1  # a paragraph ends first
        i += 1
    return -1


def _written_at(source: str, start: int, href: str) -> bool:
    end = start + len(href)
    return source[start:end] == href and (end == len(source) or source[end] in _AFTER_ADDRESS)


def _definition_span(source: str, href: str) -> tuple[int, int] | None:
    """Where the one reference definition giving ``href`` writes it; None unless
    exactly one does."""
    found = [m.end() for m in _DEFINITION.finditer(source) if _written_at(source, m.end(), href)]
    return (found[0], found[0] + len(href)) if len(found) == 1 else None


def _discloses(doc: Document) -> bool:
    if any(_DISCLOSURE.search(block.text) for block in doc.blocks):
        return True
    for key in ("disclosure", "sponsored", "affiliate", "affiliates", "ad", "advertisement"):
        if doc.metadata.get(key):
            return True
    tags = doc.metadata.get("tags")
    return isinstance(tags, list) and any(
        isinstance(t, str) and _DISCLOSURE.search(t) for t in tags)
