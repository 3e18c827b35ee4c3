"""The site checks: from every post's result and text to site findings and figures.

:func:`analyse_site` reads the posts of one site (see
:mod:`valuelint.site.posts`), computes what the ``SITE`` rules look at and
returns a :class:`SiteAnalysis`: the findings on each post, the findings on
the site as a whole, and the figures the text overview and the HTML report
draw. :meth:`SiteAnalysis.apply` adds the findings to the results of
``valuelint check`` so that every reporter shows them.

Site findings do not change a post's score (the score is the post's own value
to a reader); like any finding, one at or above ``fail-on`` fails the run.
Findings about the whole site (the share of thin posts, the score trend) are
reported on the site's folder, shown with a trailing ``/``.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from statistics import fmean
from typing import TYPE_CHECKING, Any, TypeVar

from valuelint.cache import finding_from_json, finding_to_json
from valuelint.changes import last_change
from valuelint.config import Config
from valuelint.engine import FileResult
from valuelint.rule import Category, Finding, Rule, Severity
from valuelint.selection import specificity
from valuelint.site import rules as site_rules
from valuelint.site.generators import Generator
from valuelint.site.posts import (
    Features,
    SitePost,
    post_from_json,
    post_from_text,
    post_to_json,
    shingles_of_text,
    words_of,
)
from valuelint.site.similarity import (
    Pair,
    clusters,
    is_number_word,
    jaccard,
    similar_texts,
    sketched_near_duplicates,
)
from valuelint.site.timeline import Silence, month_counts, period_key, silences
from valuelint.source import InputError, read_bytes, read_file

if TYPE_CHECKING:
    from valuelint.cache import EntryKey, ResultCache

__all__ = [
    "MIN_SITE_POSTS", "Cluster", "FeatureRequest", "Member", "SiteAnalysis", "analyse_site",
    "features_for", "remember_features",
]

#: Sites with fewer published posts get no share or trend findings.
MIN_SITE_POSTS = 10
SITE_CODES = tuple(rule.code for rule in site_rules.RULES)
#: The versions of the post features and packed shingles kept in the cache: change
#: them with their shape.
POST_FEATURES = "post-features-1"
POST_SHINGLES = "post-shingles-1"
NEAR_PAIRS = "near-duplicate-pairs-1"
SITE_VERDICT = "site-findings-1"
_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in site_rules.RULES}
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Member:
    """A file of the site: its check result and where it is."""

    result: FileResult
    file: Path
    drafts_folder: bool = False


@dataclass(frozen=True, slots=True)
class Cluster:
    """Posts that are near-duplicates of each other (linked pair by pair)."""

    paths: tuple[str, ...]
    similarity: float
    """The highest similarity between two of them (0-1)."""


@dataclass(frozen=True, slots=True)
class StaleDraft:
    path: str
    changed: date
    age_days: int
    how: str
    """Where the date came from: ``last commit`` or ``file modified``."""


@dataclass(slots=True)
class SiteAnalysis:
    """Everything the site checks found, and the figures behind them."""

    root: Path
    display: str
    """The site's folder as shown in reports, ending in ``/``."""
    generator: Generator | None
    posts: list[SitePost] = field(default_factory=list)
    results: dict[str, FileResult] = field(default_factory=dict)
    """Each post's check result, by path."""
    enabled: tuple[str, ...] = ()
    """The site rules that ran."""
    file_findings: dict[str, list[Finding]] = field(default_factory=dict)
    site_findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    months: list[tuple[str, int]] = field(default_factory=list)
    """Published posts per month, from the first dated post's month to the last's."""
    silences: list[Silence] = field(default_factory=list)
    period: str = "quarter"
    trend: list[tuple[str, float, int]] = field(default_factory=list)
    """(period, mean score, posts) for every period with dated, scored posts."""
    duplicates: list[Cluster] = field(default_factory=list)
    title_groups: list[tuple[str, ...]] = field(default_factory=list)
    description_groups: list[tuple[str, ...]] = field(default_factory=list)
    boilerplate: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """(paragraph, the posts that hold it), most repeated first."""
    thin: list[str] = field(default_factory=list)
    promotional: list[str] = field(default_factory=list)
    stale: list[StaleDraft] = field(default_factory=list)

    @property
    def published(self) -> list[SitePost]:
        return [post for post in self.posts if not post.draft]

    @property
    def drafts(self) -> list[SitePost]:
        return [post for post in self.posts if post.draft]

    def findings(self) -> list[tuple[str, Finding]]:
        """Every site finding with the path it is on, in report order."""
        found = [(path, finding) for path in self.results
                 for finding in self.file_findings.get(path, [])]
        found.extend((self.display, finding) for finding in self.site_findings)
        return found

    def site_result(self, fail_on: Severity) -> FileResult | None:
        """The result for the site's folder: the findings about the whole site."""
        if not self.site_findings and not self.errors:
            return None
        return FileResult(path=self.display, findings=list(self.site_findings),
                          errors=list(self.errors),
                          failing=any(f.severity.rank >= fail_on.rank
                                      for f in self.site_findings),
                          fail_on=fail_on, site=True)

    def apply(
        self, results: Sequence[FileResult], fail_on: Callable[[str], Severity],
    ) -> list[FileResult]:
        """``results`` with the site findings added, then the site's own result.

        ``fail_on`` gives the ``fail-on`` severity governing a path.
        """
        merged: list[FileResult] = []
        for result in results:
            extra = self.file_findings.get(result.path)
            if not extra:
                merged.append(result)
                continue
            limit = fail_on(result.path)
            merged.append(replace(
                result, findings=sorted([*result.findings, *extra], key=Finding.sort_key),
                failing=result.failing or any(f.severity.rank >= limit.rank for f in extra)))
        site = self.site_result(fail_on(self.display))
        if site is not None:
            merged.append(site)
        return merged


# --------------------------------------------------------------------------- helpers

def _pct(value: float) -> str:
    return f"{round(value * 100)}%"


def _others(paths: Sequence[str], limit: int = 3) -> str:
    shown = ", ".join(paths[:limit])
    more = len(paths) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def _excerpt(text: str, words: int = 8) -> str:
    parts = text.split()
    cut = " ".join(parts[:words])
    return f'"{cut}{"..." if len(parts) > words else ""}"'


def features_for(config: Config) -> Features:
    """What a site's configuration asks of each post's features (SITE001's, SITE002's options)."""
    shingles = config.rule_options(_BY_CODE["SITE001"])
    boilerplate = config.rule_options(_BY_CODE["SITE002"])
    return Features(
        shingle_size=max(1, int(shingles["shingle-size"])),
        min_words=int(boilerplate["min-words"]),
        allow=tuple(words for words in (words_of(str(text)) for text in boilerplate["allow"])
                    if words))


class _Context:
    """Options, severities and suppressions of the site rules for one analysis."""

    def __init__(self, config: Config, file_config: Callable[[Path], Config | None]) -> None:
        self.config = config
        self.file_config = file_config
        self.options: dict[str, dict[str, Any]] = {
            code: config.rule_options(rule) for code, rule in _BY_CODE.items()}
        self.enabled = tuple(code for code, rule in _BY_CODE.items()
                             if config.selects(code, rule.name))
        self.max_bytes = int(config.max_file_size_mb * 1_000_000)
        self.digests: dict[str, str] = {}
        """SHA-256 of the bytes each post's cached values were made from, by path."""
        self.features = features_for(config)

    def on(self, code: str) -> bool:
        return code in self.enabled

    def finding(self, code: str, message: str, line: int = 1, end_column: int = 1) -> Finding:
        rule = _BY_CODE[code]
        return Finding(
            code=code, name=rule.name, category=rule.category,
            severity=Severity(self.options[code]["severity"]), message=message, line=line,
            column=1, end_line=line, end_column=max(end_column, 1), url=rule.url())

    def allowed_on(self, post: SitePost, code: str) -> bool:
        """False when ``per-file-ignores`` or the post's front matter turn ``code`` off."""
        name = _BY_CODE[code].name
        selectors = list(post.ignored)
        config = self.file_config(post.file)
        if config is not None:
            selectors.extend(config.ignored_for(post.file))
        return not any(specificity(code, name, s) >= 0 for s in selectors)


def _is_flagged(result: FileResult | None, category: Category) -> bool:
    if result is None:
        return False
    return any(f.category is category and f.severity.rank >= Severity.WARNING.rank
               and f.code not in SITE_CODES for f in result.findings)


# --------------------------------------------------------------------------- the checks

def _pack(shingles: Iterable[int]) -> str:
    packed = array("q", shingles)
    if sys.byteorder == "big":  # stored little-endian, on every machine
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def _unpack(stored: Any) -> array[int]:
    """Shingles :func:`_pack` stored; raises ``ValueError`` or ``TypeError`` on anything else."""
    raw = base64.b64decode(stored, validate=True)
    packed: array[int] = array("q")
    if len(raw) % packed.itemsize:
        raise ValueError("not a whole number of shingles")
    packed.frombytes(raw)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed


def _packed_shingles(post: SitePost, size: int, ctx: _Context,
                     cache: ResultCache | None) -> array[int]:
    """A post's shingles, packed 8 bytes each: from the cache, or read again from its file."""
    found = _cached(post.file, post.path, [POST_SHINGLES, post.path, size], ctx, cache,
                    lambda text: array("q", shingles_of_text(text, post.file, post.path, size)),
                    save=_pack, load=_unpack)
    return array("q") if found is None else found


def _digest_of(made_from: Any) -> str:
    """The SHA-256 of what a value kept for the whole site is made from (JSON values)."""
    return hashlib.sha256(json.dumps(made_from).encode("utf-8", "surrogatepass")).hexdigest()


def _pairs_from_json(stored: Any, count: int) -> list[Pair]:
    """Pairs :func:`_cached_pairs` stored; raises ``TypeError`` or ``ValueError`` on
    anything else."""
    pairs = []
    for first, second, similarity in stored:
        if not (type(first) is int and type(second) is int and 0 <= first < second < count
                and type(similarity) in (int, float) and 0 <= similarity <= 1):
            raise TypeError("not a near-duplicate pair")
        pairs.append(Pair(first, second, float(similarity)))
    return pairs


def _cached_pairs(ctx: _Context, site: SiteAnalysis, posts: Sequence[SitePost],
                  cache: ResultCache | None, measure: Callable[[], list[Pair]]) -> list[Pair]:
    """The near-duplicate pairs among ``posts``: ``measure()``, or the pairs a run over
    the same posts (the same bytes, paths and options) measured."""
    if cache is None or any(post.path not in ctx.digests for post in posts):
        return measure()
    options = ctx.options["SITE001"]
    entry = cache.site_key([NEAR_PAIRS, site.display], _digest_of(
        [options["threshold"], dataclasses.astuple(ctx.features),
         [[post.path, ctx.digests[post.path]] for post in posts]]))
    stored = cache.load_value(entry)
    if stored is not None:
        try:
            return _pairs_from_json(stored, len(posts))
        except (TypeError, ValueError):
            pass
    pairs = measure()
    cache.store_value(entry, [[pair.first, pair.second, pair.similarity] for pair in pairs])
    return pairs


def _order(post: SitePost) -> tuple[bool, date, str]:
    """Publication order: dated posts by date, then undated ones, then by path."""
    return (post.date is None, post.date or date.min, post.path)


def _series(first: SitePost, second: SitePost) -> bool:
    """True when two titles differ only in numbers or months: installments of a series
    ("1.58.0 pre-release testing", "1.59.0 pre-release testing")."""
    a, b = words_of(first.title), words_of(second.title)
    return bool(a) and a != b and len(a) == len(b) and all(
        x == y or (is_number_word(x) and is_number_word(y)) for x, y in zip(a, b, strict=True))


def _near_duplicates(ctx: _Context, site: SiteAnalysis, add: Callable[..., None],
                     cache: ResultCache | None) -> None:
    options = ctx.options["SITE001"]
    size = options["shingle-size"]
    posts = [p for p in site.published if p.word_count >= options["min-words"]]
    # Candidates only, unless their shingles are known to be the same: their
    # shingles are read again from their files, and kept packed (8 bytes each)
    # while the pairs are measured.
    shingles: dict[int, array[int]] = {}
    unpacked: tuple[int, frozenset[int]] = (-1, frozenset())  # pairs come by first post

    def exact(first: int, second: int) -> float:
        nonlocal unpacked
        digest = posts[first].shingle_digest
        if digest and digest == posts[second].shingle_digest:
            return 1.0  # the same shingles: no need to read them again
        for index in (first, second):
            if index not in shingles:
                shingles[index] = _packed_shingles(posts[index], size, ctx, cache)
        if unpacked[0] != first:
            unpacked = (first, frozenset(shingles[first]))
        return jaccard(unpacked[1], frozenset(shingles[second]))

    def measure() -> list[Pair]:
        return sketched_near_duplicates([p.sketch for p in posts],
                                        [p.shingle_count for p in posts],
                                        options["threshold"], exact)

    pairs = _cached_pairs(ctx, site, posts, cache, measure)
    shingles.clear()
    # The finding is on the later post of each pair: its writer repeated the other
    # one and can act on it; the earlier post was fine when it was published.
    best: dict[int, list[tuple[float, str]]] = defaultdict(list)
    series: dict[int, bool] = {}
    for pair in pairs:
        earlier, later = sorted((pair.first, pair.second), key=lambda i: _order(posts[i]))
        best[later].append((pair.similarity, posts[earlier].path))
        series[later] = series.get(later, True) and _series(posts[earlier], posts[later])
    for group in clusters(pairs, len(posts)):
        members = set(group)
        top = max(p.similarity for p in pairs if p.first in members and p.second in members)
        site.duplicates.append(Cluster(tuple(posts[i].path for i in group), top))
    for index, matches in sorted(best.items()):
        post = posts[index]
        matches.sort(key=lambda m: (-m[0], m[1]))
        similarity, other = matches[0]
        message = (f"near-duplicate of {other} ({_pct(similarity)} of {size}-word phrases "
                   "shared)")
        if len(matches) > 1:
            message += f", and of {_others([m[1] for m in matches[1:]])}"
        if series[index]:
            # Installments of a numbered series share their template on purpose.
            add(post, "SITE001", message + "; a numbered series shares its template: say "
                "what this installment adds", post.title_line, severity=Severity.INFO)
            continue
        add(post, "SITE001", message + "; keep one, or make each answer its own question",
            post.title_line)


def _boilerplate(ctx: _Context, site: SiteAnalysis, add: Callable[..., None]) -> None:
    options = ctx.options["SITE002"]
    holders: dict[int, list[tuple[SitePost, int]]] = defaultdict(list)
    text_of: dict[int, str] = {}
    for post in site.published:
        seen: set[int] = set()
        # Only paragraphs long enough and not allowed are kept (see Features).
        for paragraph in post.paragraphs:
            key = paragraph.key
            if key in seen:
                continue
            seen.add(key)
            holders[key].append((post, paragraph.line))
            text_of.setdefault(key, paragraph.preview)
    repeated = [(key, found) for key, found in holders.items()
                if len(found) >= options["min-posts"]]
    repeated.sort(key=lambda item: (-len(item[1]), item[1][0][0].path, item[1][0][1]))
    in_post: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for key, found in repeated:
        paths = tuple(post.path for post, _ in found)
        site.boilerplate.append((text_of[key], paths))
        for post, line in found:
            in_post[post.path].append((line, key))
    counts = {key: len(found) for key, found in repeated}
    for post in site.published:
        places = sorted(in_post.get(post.path, []))
        if not places:
            continue
        line, key = places[0]
        others = [p for p, _ in holders[key] if p.path != post.path]
        message = (f"paragraph repeated word for word in {counts[key]} posts (also "
                   f"{_others([p.path for p in others], 2)}): {_excerpt(text_of[key])}")
        if len(places) > 1:
            lines = ", ".join(str(at) for at, _ in places[1:6])
            more = "..." if len(places) > 6 else ""
            message += (f"; {len(places) - 1} more repeated paragraph"
                        f"{'s' if len(places) > 2 else ''} on line"
                        f"{'s' if len(places) > 2 else ''} {lines}{more}")
        add(post, "SITE002", message + "; move a template into the layout, or allow it "
            "with the rule's 'allow' option", line)


def _duplicate_texts(ctx: _Context, site: SiteAnalysis, add: Callable[..., None],
                     code: str) -> None:
    threshold = ctx.options[code]["threshold"]
    title = code == "SITE003"
    posts = [p for p in site.published if (p.title if title else p.description)]
    texts = [words_of(p.title if title else p.description) for p in posts]
    pairs = similar_texts(texts, threshold, min_words=3 if title else 4)
    # On the later post of each pair, whose writer repeated the other (see SITE001).
    related: dict[int, list[tuple[bool, str]]] = defaultdict(list)
    recurring: dict[int, bool] = {}
    apart = ctx.options[code]["recurring-days"]
    for pair in pairs:
        equal = texts[pair.first] == texts[pair.second]
        earlier, later = sorted((pair.first, pair.second), key=lambda i: _order(posts[i]))
        related[later].append((equal, posts[earlier].path))
        first, second = posts[earlier].date, posts[later].date
        far = first is not None and second is not None and (second - first).days >= apart
        recurring[later] = recurring.get(later, True) and far
    groups = [tuple(posts[i].path for i in group) for group in clusters(pairs, len(posts))]
    if title:
        site.title_groups = groups
    else:
        site.description_groups = groups
    what = "title" if title else "description"
    for index, matches in sorted(related.items()):
        post = posts[index]
        matches.sort(key=lambda m: (not m[0], m[1]))
        same = [path for is_same, path in matches if is_same]
        near = [path for is_same, path in matches if not is_same]
        parts = []
        if same:
            parts.append(f"same {what} as {_others(same)}")
        if near:
            parts.append(f"{what} nearly the same as {_others(near)}")
        text = post.title if title else post.description
        line = post.title_line if title else post.description_line
        if recurring[index]:
            # A recurring post ("Lang team February update", a year later): the two
            # never meet in a feed, and the date tells them apart. Advice.
            add(post, code, f"{'; '.join(parts)}, at least {apart} days earlier: "
                f"{_excerpt(text, 10)}; say what this one adds", line, severity=Severity.INFO)
            continue
        add(post, code, f"{'; '.join(parts)}: {_excerpt(text, 10)}", line)


def _cadence(ctx: _Context, site: SiteAnalysis) -> None:
    options = ctx.options["SITE005"]
    dated = [p for p in site.published if p.date is not None]
    site.months = month_counts(p.date for p in dated if p.date is not None)
    site.silences = silences(site.months, options["silence-months"], options["burst-months"])
    if not ctx.on("SITE005") or not site.silences:
        return
    average = len(dated) / len(site.months)
    # The rhythm is the site's, not one post's: the finding is on the site's folder,
    # where no single post's writer is asked to act on it.
    for silence in site.silences:
        span = (silence.before[0][0] if len(silence.before) == 1
                else f"{silence.before[0][0]}..{silence.before[-1][0]}")
        figures = ", ".join(f"{month}: {count}" for month, count in silence.before)
        months = "month" if silence.months == 1 else "months"
        site.site_findings.append(ctx.finding(
            "SITE005",
            f"{silence.burst} post{'s' if silence.burst != 1 else ''} in {span} ({figures}), "
            f"then none for {silence.months} {months} ({silence.first} to {silence.last}); "
            f"the site averages {average:.1f} posts a month"))


def _shares(ctx: _Context, site: SiteAnalysis) -> None:
    published = site.published
    for post in published:
        result = site.results.get(post.path)
        if _is_flagged(result, Category.THIN):
            site.thin.append(post.path)
        if _is_flagged(result, Category.PROMOTION):
            site.promotional.append(post.path)
    if len(published) < MIN_SITE_POSTS:
        return
    for code, paths, what, category in (
            ("SITE006", site.thin, "thin", Category.THIN),
            ("SITE007", site.promotional, "promotional", Category.PROMOTION)):
        limit = ctx.options[code]["max-share"]
        share = len(paths) / len(published)
        if not ctx.on(code) or share <= limit:
            continue
        codes = Counter(f.code for path in paths for f in site.results[path].findings
                        if f.category is category and f.code not in SITE_CODES
                        and f.severity.rank >= Severity.WARNING.rank)
        common = ", ".join(f"{c} ({n})" for c, n in
                           sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
        site.site_findings.append(ctx.finding(
            code, f"{_pct(share)} of posts are {what} ({len(paths)} of {len(published)}; "
            f"over {_pct(limit)}); most often {common}"))


def _trend(ctx: _Context, site: SiteAnalysis) -> None:
    options = ctx.options["SITE008"]
    period = options["period"]
    if period not in ("quarter", "month"):
        site.errors.append(f"'rules.SITE008.period': expected \"quarter\" or \"month\", "
                           f"got {period!r}")
        period = "quarter"
    site.period = period
    scored: dict[str, list[int]] = defaultdict(list)
    for post in site.published:
        result = site.results.get(post.path)
        if post.date is not None and result is not None and result.score is not None:
            scored[period_key(post.date, period)].append(result.score)
    site.trend = [(key, round(fmean(values), 1), len(values))
                  for key, values in sorted(scored.items())]
    total = sum(count for _, _, count in site.trend)
    recent = site.trend[-options["periods"]:]
    earlier = site.trend[:-options["periods"]]
    if not ctx.on("SITE008") or total < MIN_SITE_POSTS or not earlier:
        return
    recent_posts = [s for key, _, _ in recent for s in scored[key]]
    earlier_posts = [s for key, _, _ in earlier for s in scored[key]]
    before, now = fmean(earlier_posts), fmean(recent_posts)
    if before - now < options["min-drop"]:
        return
    unit = "quarters" if period == "quarter" else "months"
    figures = ", ".join(f"{key} {mean:g}" for key, mean, _ in recent)
    site.site_findings.append(ctx.finding(
        "SITE008",
        f"mean score fell from {before:.0f} ({earlier[0][0]}..{earlier[-1][0]}, "
        f"{len(earlier_posts)} posts) to {now:.0f} in the last {len(recent)} {unit} "
        f"({recent[0][0]}..{recent[-1][0]}, {len(recent_posts)} posts); by {period}: "
        f"{figures}"))


def _stale_drafts(ctx: _Context, site: SiteAnalysis, add: Callable[..., None],
                  today: date) -> None:
    if not ctx.on("SITE009"):
        return
    limit = ctx.options["SITE009"]["max-age-days"]
    for post in site.drafts:
        changed, how = last_change(post.file)
        age = (today - changed).days
        if age <= limit:
            continue
        site.stale.append(StaleDraft(post.path, changed, age, how))
        verb = "last committed" if how == "last commit" else "last modified"
        add(post, "SITE009",
            f"draft {verb} {changed.isoformat()}, {age} days ago ({post.draft_reason}); "
            "finish it, merge it into another post or delete it", post.draft_line)


# --------------------------------------------------------------------------- entry point

def _cached(
    file: Path, display: str, parts: list[Any], ctx: _Context, cache: ResultCache | None,
    make: Callable[[str], _T | None], *, save: Callable[[_T], Any], load: Callable[[Any], _T],
) -> _T | None:
    """What ``make`` builds from a post's text, kept in ``cache`` by the post's bytes and
    ``parts``; None when the post cannot be read. A stored value ``load`` refuses
    (``ValueError``, ``TypeError``, ``KeyError``, ``AttributeError``: made by another
    version, or damaged) is built again.

    When this run looked the post's result up, the digest of the bytes it read
    then finds the value without reading the post again. The digest of the
    bytes each value was made from is kept in ``ctx.digests``.
    """
    def stored(entries: ResultCache, digest: str) -> _T | None:
        value = entries.load_value(entries.site_key(parts, digest))
        if value is None:
            return None
        try:
            found = load(value)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        ctx.digests[display] = digest
        return found

    known = cache.digest_of(display) if cache is not None else None
    if cache is not None and known is not None and (found := stored(cache, known)) is not None:
        return found
    try:
        data = read_file(file, ctx.max_bytes)
        text = read_bytes(data, ctx.max_bytes)
    except InputError:
        return None
    if cache is None:
        return make(text)
    digest = hashlib.sha256(data).hexdigest()
    if digest != known and (found := stored(cache, digest)) is not None:
        return found
    made = make(text)
    if made is not None:
        ctx.digests[display] = digest
        cache.store_value(cache.site_key(parts, digest), save(made))
    return made


def _feature_parts(display: str, drafts_folder: bool, features: Features) -> list[Any]:
    return [POST_FEATURES, display, drafts_folder, dataclasses.astuple(features)]


def _site_post(member: Member, ctx: _Context, cache: ResultCache | None) -> SitePost | None:
    """A member's site features: from the cache when its bytes are unchanged, else read."""
    file, display = member.file, member.result.path
    return _cached(
        file, display, _feature_parts(display, member.drafts_folder, ctx.features), ctx, cache,
        lambda text: post_from_text(text, file, display, ctx.features, member.drafts_folder),
        save=post_to_json, load=lambda stored: post_from_json(stored, file, display))


@dataclass(frozen=True, slots=True)
class FeatureRequest:
    """A post of a site being checked, whose features are worked out while it is checked.

    A cold ``check DIR`` reads each post once for its check, in a worker; the
    site analysis afterwards, in the main process, would read and split every
    post again. Working the features out where the text already is, and
    keeping them in the cache where the analysis looks first, takes that
    second pass off the main process (its site phase over 853 posts went
    from 2.1 s to 0.4 s).
    """

    file: Path
    """The post, resolved (as the site analysis names its members)."""
    drafts_folder: bool
    features: Features


def remember_features(cache: ResultCache, request: FeatureRequest, display: str, data: bytes,
                      text: str) -> None:
    """Store the site features of a post just checked, as :func:`_site_post` would."""
    made = post_from_text(text, request.file, display, request.features, request.drafts_folder)
    if made is not None:
        digest = cache.digest_of(display) or hashlib.sha256(data).hexdigest()
        parts = _feature_parts(display, request.drafts_folder, request.features)
        cache.store_value(cache.site_key(parts, digest), post_to_json(made))


def _verdict_entry(
    site: SiteAnalysis, config: Config, members: Sequence[Member], cache: ResultCache,
) -> EntryKey | None:
    """The cache entry of the site's findings (SITE009's apart), or None when a
    member's result was not looked up in this process.

    The result entry keys fix each post's bytes, result and configuration
    (``per-file-ignores`` included); with the site's configuration and which
    posts it holds, they fix every finding but SITE009's, which depend on
    today's date and on git.
    """
    posts: list[list[Any]] = []
    for member in members:
        key = cache.result_key_of(member.result.path)
        if key is None:
            return None
        posts.append([member.result.path, key, str(member.file), member.drafts_folder])
    return cache.site_key([SITE_VERDICT, site.display],
                          _digest_of([str(site.root), config.fingerprint(), posts]))


def _verdict_to_json(site: SiteAnalysis) -> dict[str, Any]:
    return {
        "files": [[path, [finding_to_json(f) for f in findings]]
                  for path, findings in site.file_findings.items()],
        "site": [finding_to_json(f) for f in site.site_findings],
        "errors": list(site.errors),
        "drafts": [post.path for post in site.drafts],
    }


def _verdict_from_json(
    stored: Any, site: SiteAnalysis, members: Sequence[Member],
) -> list[Member]:
    """Fill ``site`` with the findings :func:`_verdict_to_json` saved; the members that
    are drafts. Raises ``TypeError``, ``ValueError`` or ``KeyError`` on anything else."""
    by_path = {member.result.path: member for member in members}
    file_findings: dict[str, list[Finding]] = {}
    for path, findings in stored["files"]:
        if path not in by_path or path in file_findings or not isinstance(findings, list):
            raise TypeError("not the findings of this site's posts")
        file_findings[path] = [finding_from_json(f) for f in findings]
    site_findings = [finding_from_json(f) for f in stored["site"]]
    errors, drafts = stored["errors"], stored["drafts"]
    if not isinstance(errors, list) or not all(type(e) is str for e in errors) \
            or not isinstance(drafts, list) or not all(type(d) is str for d in drafts):
        raise TypeError("not the errors and drafts of a site")
    draft_members = [by_path[path] for path in drafts]
    site.file_findings, site.site_findings, site.errors = file_findings, site_findings, errors
    site.results = {member.result.path: member.result for member in members}
    return draft_members


def analyse_site(
    root: Path, display: str, generator: Generator | None, members: Sequence[Member],
    config: Config, file_config: Callable[[Path], Config | None], today: date,
    *, figures: bool = False, cache: ResultCache | None = None,
) -> SiteAnalysis:
    """Run the site checks selected by ``config`` over ``members`` (the site's files).

    ``file_config`` gives the configuration governing a post (for its
    ``per-file-ignores``), or None. Files that could not be checked are left
    out. With ``figures``, the figures of rules that are not selected are
    computed too (for the overview and the report); they report nothing.

    With ``cache``, each post's features are kept next to its result and read
    back while the post's bytes are unchanged. Without ``figures``, the
    site's findings are kept too, and while nothing they depend on changes
    only the drafts are read again (for SITE009): the analysis then holds the
    findings and the drafts, not the figures.
    """
    site = SiteAnalysis(root=root, display=display, generator=generator)
    ctx = _Context(config, file_config)
    site.enabled = ctx.enabled
    checked = [member for member in members
               if not member.result.errors and member.result.score is not None]
    verdict = None if figures or cache is None else _verdict_entry(site, config, checked, cache)
    drafts: list[Member] | None = None
    if verdict is not None and cache is not None:
        stored = cache.load_value(verdict)
        if stored is not None:
            try:
                drafts = _verdict_from_json(stored, site, checked)
            except (TypeError, ValueError, KeyError):
                drafts = None  # damaged, or made by another version: analysed again
    for member in checked if drafts is None else drafts:
        post = _site_post(member, ctx, cache)
        if post is None:
            continue
        site.posts.append(post)
        if drafts is None:
            site.results[post.path] = member.result
    by_path = {post.path: post for post in site.posts}

    def add(post: SitePost, code: str, message: str, line: int = 1,
            severity: Severity | None = None) -> None:
        """Report ``code`` on ``post``; ``severity`` lowers the configured one (only
        when the rule's severity is its default)."""
        if not ctx.on(code) or not ctx.allowed_on(by_path[post.path], code):
            return
        found = ctx.finding(code, message, line, post.line_end(line))
        if severity is not None and found.severity is _BY_CODE[code].severity:
            found = dataclasses.replace(found, severity=severity)
        site.file_findings.setdefault(post.path, []).append(found)

    def wanted(code: str) -> bool:
        return figures or ctx.on(code)

    if drafts is None:
        if wanted("SITE001"):
            _near_duplicates(ctx, site, add, cache)
        if wanted("SITE002"):
            _boilerplate(ctx, site, add)
        if wanted("SITE003"):
            _duplicate_texts(ctx, site, add, "SITE003")
        if wanted("SITE004"):
            _duplicate_texts(ctx, site, add, "SITE004")
        _cadence(ctx, site)
        _shares(ctx, site)
        _trend(ctx, site)
        if verdict is not None and cache is not None:
            cache.store_value(verdict, _verdict_to_json(site))
    _stale_drafts(ctx, site, add, today)
    for findings in site.file_findings.values():
        findings.sort(key=Finding.sort_key)
    return site
