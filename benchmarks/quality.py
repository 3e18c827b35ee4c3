"""How well valuelint's scores agree with people's judgements, on labelled data.

Prints each measure of the value model's acceptance list with the word-count
baseline (what word count alone reaches, in its better direction) and its target,
marked met or MISSED, then a summary of the targets; ``n/a`` where there is no
figure. Sections, in the order printed:

``npov``, ``clickbait``, ``ott``, ``stackexchange``
    The labelled sets of ``../shared/data/eval-dev/`` (its README says what each
    label means): the ``promotion`` dimension on biased against neutral sentences,
    overall and within quintiles of words, and the share of sentences at its most
    common value; each headline as the title of an empty post with its case
    switched off (first letter capital, the rest lower case), by the ``bait``
    dimension and the overall score; truthful over invented hotel reviews per
    polarity, by the ``evidence`` dimension and the overall score; Stack Exchange
    answers, the overall score's Spearman correlation with votes, its partial
    Spearman given log words and its within-question pairwise accuracy.
``corpus``
    The real posts of ``../shared/corpus/``: false alarms, the share of posts
    scoring exactly 100, the score distribution.
``blogs`` (also ``categories``)
    The labelled blogs of ``../shared/data/blog-categories/`` and
    ``../shared/data/blog-categories-more/`` (at most 150 posts per blog, label and
    release, as the fitting script takes them): informational over promotional
    posts by the ``promotion`` dimension and the overall score, overall and within
    quintiles of words, release announcements (``kind = release``) apart, and per
    blog. These figures are in-sample for a model fitted on these blogs; the
    grouped cross-validated AUC the value model's data file records is printed
    beside them.
``honest``
    Each honest blog (every corpus post, and the informational posts of
    blog-categories) checked as ``valuelint check BLOG`` does, site checks
    included, with the default configuration: how many fail by default, how many
    have an error, why they fail, and each rule's firing rate by severity.
``examples``
    What the example drafts get, against the score each is held to; with
    ``--base REV`` it compares them with what the engine and rules of that git
    revision report.

``--only value`` runs the sections of the acceptance list (all but ``honest``);
``--at REV`` runs any section on a revision's engine and rules.

    python benchmarks/quality.py [--data ../shared/data/eval-dev] [--only npov,ott]
    python benchmarks/quality.py --only value                # the acceptance measures
    python benchmarks/quality.py --only honest -v            # and list the failing posts
    python benchmarks/quality.py --only honest --at BASE     # the same on BASE's rules
    python benchmarks/quality.py --only examples --base BASE

Words are the whitespace-separated words of a sentence, headline, review or
answer, and valuelint's own prose word count for a blog post; length bands are
quintiles of those words, and a figure "within word quintiles" is the mean of the
five bands' AUCs (the worst band is printed beside it).

The figures are on the data the rules were developed and tuned on; the output
says so. The output is the same every run (the time taken goes to stderr). The
measures themselves (AUC, Spearman, partial Spearman, length bands, targets) are
in benchmarks/measures.py.

Nothing from those folders is copied anywhere: they are read in place.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from labelled_blogs import CAP, chosen_posts
from measures import (
    Target,
    auc,
    banded_auc,
    best_direction_auc,
    largest_share,
    length_bands,
    pairwise,
    partial_spearman,
    row,
    spearman,
    summary,
)
from valuelint.config import Config, ConfigLoader
from valuelint.engine import check_text
from valuelint.plugins import load_rules
from valuelint.result import PostResult
from valuelint.rule import Severity
from valuelint.runner import run
from valuelint.site.phase import add_site_results

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
RULES = load_rules()
CONFIG = Config()

#: The figure each measure is held to (the value model's acceptance measures).
TARGETS = {
    "blogs": Target(">=", 0.78),
    "blogs bands": Target(">=", 0.72),
    "blogs score": Target(">=", 0.70),
    "npov": Target(">=", 0.72),
    "npov bands": Target(">=", 0.70),
    "npov ties": Target("<=", 40),
    "clickbait": Target(">=", 0.94),
    "ott": Target(">=", 0.80),
    "se spearman": Target(">=", 0.35),
    "se partial": Target(">=", 0.12),
    "se pairwise": Target(">=", 0.64),
    "corpus errors": Target("<=", 3),
    "corpus 100": Target("<=", 20),
    "honest failing": Target("<=", 5),
    "honest errors": Target("<=", 1),
}
#: The score each example draft is held to.
EXAMPLE_TARGETS = {
    "examples/how-to-profile-python.md": Target(">=", 80),
    "examples/promo-launch.md": Target("<=", 30),
    "examples/bait-giveaway.md": Target("<=", 30),
    "examples/thin-update.md": Target("<", 50),
}


# --------------------------------------------------------------------------- data

def read_csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check(text: str, name: str = "post.md") -> PostResult:
    return check_text(text, name, CONFIG, RULES)


def words(text: str) -> int:
    return len(text.split())


def plain_case(text: str) -> str:
    """A headline with its case switched off: the first letter a capital, the rest
    lower case (Title Case in the clickbait set is an artefact of its sources)."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:].lower()


def as_title(title: str) -> str:
    """An otherwise empty post whose title is ``title``."""
    escaped = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'---\ntitle: "{escaped}"\n---\n'


# --------------------------------------------------------------------------- output

def words_baseline(lengths: Sequence[float], positive: Sequence[bool]) -> str:
    value, direction = best_direction_auc(lengths, positive)
    return f"words alone {value:.3f} ({direction})"


def band_rows(label: str, scores: Sequence[float], positive: Sequence[bool],
              lengths: Sequence[float], target: Target | None = None,
              detail: bool = True) -> list[str]:
    """The AUC within quintiles of words: the mean over the bands (the figure held to
    the target), next to what words alone do within the same bands; with ``detail``,
    the worst band and each band's words, size and AUC."""
    bands = length_bands(lengths)
    banded = banded_auc(scores, positive, bands)
    by_words = banded_auc(lengths, positive, bands).mean
    direction = "longer" if math.isnan(by_words) or by_words >= 0.5 else "shorter"
    baseline = f"words alone {max(by_words, 1 - by_words):.3f} ({direction})"
    lines = [row(f"{label} within word quintiles, mean", banded.mean, target, baseline)]
    if detail:
        parts = []
        for band, items, value in banded.per_band:
            inside = [n for n, b in zip(lengths, bands, strict=True) if b == band]
            shown = "n/a" if math.isnan(value) else f"{value:.3f}"
            parts.append(f"{min(inside):g}-{max(inside):g} words (n={items}) {shown}")
        lines.append(f"      worst band {banded.minimum:.3f}; " + ", ".join(parts))
    return lines


# --------------------------------------------------------------------------- sets

def eval_npov(data: Path) -> list[str]:
    rows = read_csv(data / "npov_statements.csv")
    neutral = [r["label"] != "biased" for r in rows]
    lengths = [float(words(r["text"])) for r in rows]
    promotion = [float(check(r["text"]).breakdown["promotion"]) for r in rows]
    flagged = [p < 100 for p in promotion]
    biased = [not n for n in neutral]
    hits = sum(f and b for f, b in zip(flagged, biased, strict=True))
    precision = hits / max(sum(flagged), 1)
    recall = hits / max(sum(biased), 1)
    value, share = largest_share(promotion)
    return [
        f"npov_statements.csv ({len(rows)} sentences; neutral over biased by the promotion "
        "dimension)",
        row("promotion AUC", auc(promotion, neutral), TARGETS["npov"],
            words_baseline(lengths, neutral)),
        *band_rows("promotion AUC", promotion, neutral, lengths,
                   TARGETS["npov bands"]),
        row(f"sentences at the most common promotion value ({value:g})", 100 * share,
            TARGETS["npov ties"], unit="%", digits=1),
        f"  sentences with any promotion cost: {sum(flagged)} "
        f"(precision {precision:.2f}, recall {recall:.2f} for biased)",
    ]


def eval_clickbait(data: Path) -> list[str]:
    rows = read_csv(data / "clickbait_headlines.csv")
    newswire = [r["label"] != "clickbait" for r in rows]
    lengths = [float(words(r["text"])) for r in rows]
    plain = [check(as_title(plain_case(r["text"]))) for r in rows]
    published = [check(as_title(r["text"])) for r in rows]
    bait = [float(x.breakdown["bait"]) for x in plain]
    overall = [float(x.score or 0) for x in plain]
    flagged = [any(f.category.value == "bait" and f.severity.rank >= Severity.WARNING.rank
                   for f in x.findings) for x in plain]
    hits = sum(f and not n for f, n in zip(flagged, newswire, strict=True))
    baseline = words_baseline(lengths, newswire)
    return [
        f"clickbait_headlines.csv ({len(rows)} headlines; newswire over clickbait, each as the "
        "title of an empty post, case switched off: first letter capital, the rest lower case)",
        row("bait dimension AUC", auc(bait, newswire), TARGETS["clickbait"], baseline),
        row("overall score AUC", auc(overall, newswire), TARGETS["clickbait"], baseline),
        row("bait dimension AUC as published (Title Case kept; no target)",
            auc([float(x.breakdown["bait"]) for x in published], newswire)),
        f"  case off, a bait finding at warning or above: {sum(flagged)}; "
        f"precision {hits / max(sum(flagged), 1):.2f}, "
        f"recall {hits / max(len(rows) - sum(newswire), 1):.2f}",
    ]


def eval_ott(data: Path) -> list[str]:
    rows = read_csv(data / "ott_reviews.csv")
    lines = [f"ott_reviews.csv ({len(rows)} reviews; truthful over deceptive, per polarity)"]
    for polarity in ("positive", "negative"):
        subset = [r for r in rows if r["polarity"] == polarity]
        truthful = [r["label"] == "truthful" for r in subset]
        results = [check(r["text"]) for r in subset]
        baseline = words_baseline([float(words(r["text"])) for r in subset], truthful)
        evidence = [float(x.breakdown["evidence"]) for x in results]
        specific = [(x.breakdown["evidence"] + x.breakdown["substance"]) / 2 for x in results]
        lines += [
            row(f"{polarity} ({len(subset)}): evidence dimension AUC", auc(evidence, truthful),
                TARGETS["ott"], baseline),
            row(f"{polarity} ({len(subset)}): overall score AUC",
                auc([float(x.score or 0) for x in results], truthful), TARGETS["ott"], baseline),
            row(f"{polarity} ({len(subset)}): substance+evidence AUC (no target)",
                auc(specific, truthful)),
        ]
    return lines


def eval_stackexchange(data: Path) -> list[str]:
    rows = read_csv(data / "stackexchange_answers.csv")
    votes = [float(r["score"]) for r in rows]
    scores = [float(check(r["text"]).score or 0) for r in rows]
    lengths = [float(words(r["text"])) for r in rows]
    log_words = [math.log(1 + n) for n in lengths]
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    base_groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r, vote, value, length in zip(rows, votes, scores, lengths, strict=True):
        groups[r["question_id"]].append((vote, value))
        base_groups[r["question_id"]].append((vote, length))
    return [
        f"stackexchange_answers.csv ({len(rows)} answers, {len(groups)} questions; overall "
        "score against community votes)",
        row("Spearman(score, votes)", spearman(scores, votes), TARGETS["se spearman"],
            f"words alone {spearman(lengths, votes):.3f}"),
        row("partial Spearman(score, votes | log words)",
            partial_spearman(scores, votes, log_words), TARGETS["se partial"],
            "words alone 0 by construction"),
        "    (the partial formula over the three Spearman correlations; "
        f"Spearman(score, log words) {spearman(scores, log_words):.3f})",
        row("within-question pairwise accuracy", pairwise(groups), TARGETS["se pairwise"],
            f"words alone {pairwise(base_groups):.3f}"),
    ]


def _posts(folder: Path) -> Iterable[Path]:
    for suffix in ("*.md", "*.markdown", "*.mdx"):
        yield from folder.rglob(suffix)


def eval_corpus(corpus: Path) -> list[str]:
    paths = sorted(_posts(corpus))
    results = [check(p.read_text("utf-8", errors="replace"), str(p)) for p in paths]
    errors = [r for r in results if any(
        f.category.value in ("promotion", "bait") and f.severity is Severity.ERROR
        for f in r.findings)]
    scores = sorted(r.score for r in results if r.score is not None)
    lines = [
        f"false alarms over {_shown(corpus)} ({len(paths)} real posts)",
        row("posts with a promotion or bait finding at error severity",
            100 * len(errors) / max(len(paths), 1), TARGETS["corpus errors"], unit="%",
            digits=1),
        row("posts scoring exactly 100", 100 * scores.count(100) / max(len(scores), 1),
            TARGETS["corpus 100"], unit="%", digits=1),
        "  score distribution: " + _distribution(scores),
        "  worst ten:",
    ]
    worst = sorted((r for r in results if r.score is not None), key=lambda r: (r.score, r.path))
    for r in worst[:10]:
        top = "; ".join(f"{f.code} line {f.line}" for f in r.reasons)
        lines.append(f"    {r.score:3d}  {Path(r.path).relative_to(corpus)}  ({top})")
    for r in errors[:10]:
        first = next(f for f in r.findings if f.severity is Severity.ERROR
                     and f.category.value in ("promotion", "bait"))
        lines.append(f"    error: {Path(r.path).relative_to(corpus)}:{first.line} "
                     f"{first.code} {first.message[:80]}")
    return lines


def _distribution(scores: Sequence[int]) -> str:
    if not scores:
        return "n/a"
    q = statistics.quantiles(scores, n=10) if len(scores) > 1 else [scores[0]] * 9
    bands = [sum(1 for s in scores if lo <= s < hi) for lo, hi in
             ((0, 40), (40, 50), (50, 70), (70, 90), (90, 101))]
    return (f"min {scores[0]}, p10 {q[0]:.0f}, median {statistics.median(scores):.0f}, "
            f"p90 {q[8]:.0f}, max {scores[-1]}; <40: {bands[0]}, 40-49: {bands[1]}, "
            f"50-69: {bands[2]}, 70-89: {bands[3]}, 90+: {bands[4]}")


#: Most posts taken from one blog for one label (releases counted apart), the first by
#: key: openSUSE alone would otherwise be most of the promotional side. The same


@dataclass(frozen=True, slots=True)
class BlogPost:
    blog: str
    label: str
    release: bool
    words: float
    promotion: float
    score: float


def labelled_blog_posts(folders: Sequence[Path]) -> list[BlogPost]:
    """The posts labelled promotional or informational of every blog in ``folders``,
    capped per blog, label and release, checked as single posts."""
    posts = []
    for folder, entry, blog in chosen_posts(folders):
        path = folder / "posts" / entry["key"]
        result = check(path.read_text("utf-8", errors="replace"), entry["key"])
        if result.score is None:
            continue
        posts.append(BlogPost(blog, entry["label"], entry["kind"] == "release",
                              float(result.words), float(result.breakdown["promotion"]),
                              float(result.score)))
    return posts


def fitted_cv_auc(dimension: str) -> tuple[float | None, str]:
    """The grouped cross-validated AUC the value model's data file records for
    ``dimension`` (read from a file of format 2 only), and how it was cross-validated
    or why there is no figure. The file is the one of the rules being measured."""
    import valuelint_rules

    path = Path(valuelint_rules.__file__).parent / "data" / "value_model.json"
    if not path.exists():
        return None, "no data file"
    model = json.loads(path.read_text("utf-8"))
    if model.get("format") != 2:
        return None, f"data file of format {model.get('format')}, not 2"
    entry = model.get("dimensions", {}).get(dimension, {})
    value = entry.get("cv_auc")
    if not isinstance(value, int | float):
        return None, f"no dimensions.{dimension}.cv_auc in the data file"
    return float(value), str(entry.get("cv", "cross-validated"))


def eval_blogs(folders: Sequence[Path]) -> list[str]:
    """Informational over promotional posts of the labelled blogs, by the promotion
    dimension and the overall score, overall and within length bands; releases apart."""
    posts = labelled_blog_posts(folders)
    blogs = sorted({p.blog for p in posts})
    names = " + ".join(f.name for f in folders if f.exists())
    every = {e.get("blog") or e.get("repo") or e["key"].split("/", 1)[0]
             for f in folders if f.exists() for e in read_csv(f / "labels.csv")}
    lines = [f"blogs: {names} ({len(posts)} posts of {len(blogs)} of their {len(every)} blogs, "
             "the others holding no post labelled promotional or informational; at most "
             f"{CAP} per blog, label and release, first by key; informational over promotional)"]
    cv_value, cv_how = fitted_cv_auc("promotion")

    def compare(side: list[BlogPost], title: str, targets: bool) -> list[str]:
        info = [p.label == "informational" for p in side]
        lengths = [p.words for p in side]
        promotion = [p.promotion for p in side]
        overall = [p.score for p in side]
        baseline = words_baseline(lengths, info)
        return [
            f"  {title}: {sum(info)} informational, {len(side) - sum(info)} promotional",
            row("promotion AUC (in-sample)", auc(promotion, info),
                TARGETS["blogs"] if targets else None, baseline),
            *band_rows("promotion AUC (in-sample)", promotion, info,
                       lengths, TARGETS["blogs bands"] if targets else None),
            row("overall score AUC (in-sample)", auc(overall, info),
                TARGETS["blogs score"] if targets else None, baseline),
            *band_rows("overall score AUC (in-sample)", overall, info,
                       lengths, detail=False),
        ]

    posts_only = [p for p in posts if not (p.label == "promotional" and p.release)]
    releases = [p for p in posts if p.label == "informational" or p.release]
    lines += compare(posts_only, "promotional posts that are not releases", True)
    lines.append(row("promotion AUC, the fitted model's grouped CV", cv_value,
                     TARGETS["blogs"], f"value_model.json: {cv_how}"))
    lines += compare(releases, "releases (kind = release), reported apart, no target", False)
    lines.append("  within each blog: informational over promotional posts that are not releases, "
                 "and over releases (n, promotion AUC, overall score AUC)")
    for blog in blogs:
        parts = []
        for name, side in (("posts", posts_only), ("releases", releases)):
            side = [p for p in side if p.blog == blog]
            info = [p.label == "informational" for p in side]
            if 0 < sum(info) < len(side):
                parts.append(f"{name} {len(side) - sum(info):3d}: "
                             f"{auc([p.promotion for p in side], info):.3f} "
                             f"{auc([p.score for p in side], info):.3f}")
            else:
                parts.append(f"{name} {len(side) - sum(info):3d}:   n/a   n/a")
        informational = sum(p.label == "informational" for p in posts if p.blog == blog)
        lines.append(f"    {blog:<28} informational {informational:3d}   " + "   ".join(parts))
    lines.append("  in-sample: a fitted model scoring the blogs it was fitted on; the grouped "
                 "cross-validated figure is the honest one")
    return lines


# --------------------------------------------------------------------------- honest posts

@dataclass(slots=True)
class Tally:
    """What the default configuration says about a group of posts."""

    posts: int = 0
    failing: list[PostResult] = field(default_factory=list)
    with_error: int = 0
    below_fail_under: int = 0
    by_rule: Counter[tuple[str, Severity]] = field(default_factory=Counter)
    """Posts with at least one finding of a rule at a severity."""
    causes: Counter[str] = field(default_factory=Counter)
    """Failing posts by the rule of a finding at or above ``fail-on``."""

    def add(self, result: PostResult) -> None:
        self.posts += 1
        if result.failing:
            self.failing.append(result)
        if any(f.severity is Severity.ERROR for f in result.findings):
            self.with_error += 1
        if result.score_fails:
            self.below_fail_under += 1
        self.by_rule.update({(f.code, f.severity) for f in result.findings})
        self.causes.update({f.code for f in result.findings
                            if f.severity.rank >= CONFIG.fail_on.rank})

    def merge(self, other: Tally) -> None:
        self.posts += other.posts
        self.failing.extend(other.failing)
        self.with_error += other.with_error
        self.below_fail_under += other.below_fail_under
        self.by_rule.update(other.by_rule)
        self.causes.update(other.causes)


def check_site(folder: Path) -> list[PostResult]:
    """What ``valuelint check FOLDER`` reports, with the default configuration: each
    post's findings and score, the site findings on the posts they concern, and
    the site's own result (its path ends with ``/``)."""
    loader = ConfigLoader(RULES)
    results = list(run([folder], loader, RULES))
    return add_site_results([folder], results, loader)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / max(whole, 1):.1f}%"


def _honest_blogs(corpus: Path, categories: Path) -> list[tuple[Path, dict[Path, str]]]:
    """(folder, {post: label}) for each blog: every post of the corpus is honest; of
    blog-categories, the label its authors' category gives (all of each blog is
    checked, as its site checks need the whole blog)."""
    blogs: list[tuple[Path, dict[Path, str]]] = []
    if corpus.exists():
        for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
            blogs.append((folder, {p.resolve(): "honest" for p in _posts(folder)}))
    if categories.exists():
        by_repo: dict[str, dict[Path, str]] = defaultdict(dict)
        for entry in read_csv(categories / "labels.csv"):
            path = categories / "posts" / entry["key"]
            by_repo[entry["key"].split("/", 1)[0]][path.resolve()] = entry["label"]
        for repo in sorted(by_repo):
            blogs.append((categories / "posts" / repo, {
                path: "honest" if label == "informational" else label
                for path, label in by_repo[repo].items()}))
    return blogs


def eval_honest(corpus: Path, categories: Path, verbose: bool = False) -> list[str]:
    """How often the default configuration fails honest posts, and which rules fire."""
    total = Tally()
    promotional = Tally()
    site_own: Counter[str] = Counter()
    lines = ["honest posts: every post of the corpus and the informational posts of "
             "blog-categories, each blog checked as `valuelint check BLOG` checks it "
             f"(default configuration: fail-on={CONFIG.fail_on.value}, "
             f"fail-under={CONFIG.fail_under:g})"]
    for folder, labels in _honest_blogs(corpus, categories):
        tally = Tally()
        for result in check_site(folder):
            if result.path.endswith("/"):
                site_own.update(f.code for f in result.findings)
                continue
            label = labels.get(Path(result.path).resolve())
            if label == "honest":
                tally.add(result)
            elif label == "promotional":
                promotional.add(result)
        if tally.posts:
            lines.append(f"  {_shown(folder):<58} {tally.posts:4d} posts   failing "
                         f"{_pct(len(tally.failing), tally.posts):>6}   with an error "
                         f"{_pct(tally.with_error, tally.posts):>6}")
        total.merge(tally)
    n = total.posts
    lines += [
        f"  all {n} honest posts:",
        f"    failing by default: {len(total.failing)} ({_pct(len(total.failing), n)})"
        + _goal(TARGETS["honest failing"], len(total.failing), n),
        f"    with an error: {total.with_error} ({_pct(total.with_error, n)})"
        + _goal(TARGETS["honest errors"], total.with_error, n),
        "    what makes them fail (posts with a finding at or above fail-on, by rule; "
        f"a score below fail-under: {total.below_fail_under}):",
    ]
    for code, count in sorted(total.causes.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"      {code:<8} {count:4d}")
    lines.append("    share of honest posts with a finding of each rule, by severity "
                 "(! = info on more than 25%, target: none):")
    lines.append(f"      {'rule':<8} {'info':>7} {'warning':>8} {'error':>7}")
    noisy = 0
    for code in sorted({code for code, _ in total.by_rule}):
        shares = [total.by_rule[(code, s)] for s in (Severity.INFO, Severity.WARNING,
                                                        Severity.ERROR)]
        flag = " !" if shares[0] > 0.25 * n else ""
        noisy += bool(flag)
        lines.append(f"      {code:<8} " + " ".join(
            f"{_pct(x, n):>{w}}" for x, w in zip(shares, (7, 8, 7), strict=True)) + flag)
    lines.append(f"    rules at info on more than 25% of honest posts: {noisy}")
    if site_own:
        lines.append("    findings on the sites themselves (not on a post): " + ", ".join(
            f"{code} {count}" for code, count in sorted(site_own.items())))
    lines.append(f"  promotional posts of blog-categories (for comparison): "
                 f"{len(promotional.failing)} of {promotional.posts} fail by default "
                 f"({_pct(len(promotional.failing), promotional.posts)}), "
                 f"{promotional.with_error} with an error")
    if verbose:
        lines.append("  failing honest posts:")
        for result in sorted(total.failing, key=lambda r: r.path):
            top = "; ".join(f"{f.code} {f.severity.value} line {f.line}: {f.message[:90]}"
                            for f in result.findings
                            if f.severity.rank >= CONFIG.fail_on.rank)
            lines.append(f"    {result.score:3d}  {result.path}  {top or 'score'}")
    return lines


def _goal(target: Target, part: int, whole: int) -> str:
    return f"   target {target}%: {target.mark(100 * part / max(whole, 1))}"


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(REPO.parent).as_posix()
    except ValueError:
        return path.as_posix()


# --------------------------------------------------------------------------- examples

def example_findings() -> dict[str, Any]:
    """Each example draft's score, whether it fails, and its findings (as ``CODE severity
    line N``), as ``valuelint check examples`` reports them."""
    folder = REPO / "examples"
    found: dict[str, Any] = {}
    for result in check_site(folder):
        if result.path.endswith("/"):
            continue
        name = Path(result.path).resolve().relative_to(REPO).as_posix()
        found[name] = {
            "score": result.score, "failing": result.failing,
            "findings": sorted(f"{f.code} {f.severity.value} line {f.line}"
                               for f in result.findings),
        }
    return found


def at_revision(rev: str, argv: Sequence[str]) -> str:
    """This script's output with ``argv`` when run on the engine and rules of git
    revision ``rev`` (this script and the data stay as they are)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev,
                              "linter", "rules"], capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"quality.py: git archive {rev} failed: "
                         f"{archive.stderr.decode(errors='replace').strip()}")
    with tempfile.TemporaryDirectory(prefix="valuelint-base-") as tmp:
        with tarfile.open(fileobj=_bytes_io(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(
            [str(Path(tmp) / "linter"), str(Path(tmp) / "rules")]))
        done = subprocess.run([sys.executable, __file__, "--expect-code", tmp, *argv],
                              env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"quality.py at {rev} failed:\n{done.stderr}")
    return done.stdout


def _bytes_io(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def eval_examples(base: str | None) -> list[str]:
    """The example drafts: which fail and with what; with ``base``, what they had there."""
    now = example_findings()
    lines = ["examples/ (`valuelint check examples`, the project's configuration)"]
    before = json.loads(at_revision(base, ["--only", "examples", "--json"])) if base else {}
    kept_all = True
    for name, got in now.items():
        state = "fails" if got["failing"] else "passes"
        line = (f"  {name:<36} score {got['score']:3d}, {state}; "
                f"{len(got['findings'])} finding(s)")
        goal = EXAMPLE_TARGETS.get(name)
        if goal is not None:
            line += f"   target score {goal}: {goal.mark(got['score'])}"
        lines.append(line)
        if name not in before:
            continue
        was = before[name]
        lost = sorted((Counter(was["findings"]) - Counter(got["findings"])).elements())
        new = sorted((Counter(got["findings"]) - Counter(was["findings"])).elements())
        lost_serious = [f for f in lost if " info " not in f]
        same = was["failing"] == got["failing"] and not lost_serious
        kept_all = kept_all and same
        lines.append(f"    at {base}: score {was['score']:3d}, "
                     f"{'fails' if was['failing'] else 'passes'}; "
                     + ("same outcome, every finding at or above warning kept"
                        if same else "CHANGED"))
        if lost:
            lines.append(f"    lost: {', '.join(lost)}")
        if new:
            lines.append(f"    new: {', '.join(new)}")
    if base:
        lines.append(f"  every example keeps its outcome and its findings at or above warning "
                     f"from {base}: {'yes' if kept_all else 'NO'}")
    return lines


SETS: dict[str, Callable[[Path], list[str]]] = {
    "npov": eval_npov,
    "clickbait": eval_clickbait,
    "ott": eval_ott,
    "stackexchange": eval_stackexchange,
}
#: The sections that hold the value model's measures: ``--only value``.
VALUE = ("blogs", "npov", "clickbait", "ott", "stackexchange", "corpus", "examples")
#: Other names a section answers to.
ALIASES = {"categories": "blogs"}
#: Every section, in the order printed.
SECTIONS = (*SETS, "corpus", "blogs", "honest", "examples")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "eval-dev")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--categories", type=Path, default=SHARED / "data" / "blog-categories")
    parser.add_argument("--categories-more", type=Path,
                        default=SHARED / "data" / "blog-categories-more")
    parser.add_argument("--only", default="", help="comma-separated sections: "
                        f"{', '.join(SECTIONS)}; value (= {', '.join(VALUE)}); "
                        "categories (= blogs)")
    parser.add_argument("--base", metavar="REV", help="compare the examples with what the "
                        "engine and rules of this git revision report")
    parser.add_argument("--at", metavar="REV", help="run on the engine and rules of this git "
                        "revision instead of the working tree's")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="list every failing honest post with its reasons")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--expect-code", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.at:
        rest = list(argv if argv is not None else sys.argv[1:])
        at = next(i for i, a in enumerate(rest) if a == "--at" or a.startswith("--at="))
        print(at_revision(args.at, rest[:at] + rest[at + (rest[at] == "--at") + 1:]), end="")
        return 0
    if args.expect_code:
        import valuelint

        # The engine must come from the revision asked for, not the installed one.
        if not Path(valuelint.__file__).is_relative_to(args.expect_code):
            raise SystemExit(f"quality.py: imported {valuelint.__file__}, not the revision's")
    only = set()
    for name in (n.strip() for n in args.only.split(",") if n.strip()):
        name = ALIASES.get(name, name)
        if name == "value":
            only.update(VALUE)
        elif name in SECTIONS:
            only.add(name)
        else:
            parser.error(f"--only: no section {name!r} (choose from value, "
                         f"{', '.join(SECTIONS)})")
    if args.json:
        print(json.dumps(example_findings(), indent=1, sort_keys=True))
        return 0
    started = time.perf_counter()
    print(f"valuelint quality report (data: {_shown(args.data)})\n"
          "These figures are on the data the rules were developed and tuned on (the dev\n"
          "sets, the corpus, the labelled blogs); expect lower agreement on other data.\n"
          "Acceptance is judged on held-out sets of the same kinds. Each measure is shown\n"
          "with what word count alone reaches and its target (met or MISSED).\n", flush=True)
    sections: dict[str, Callable[[], list[str]]] = {
        **{name: (lambda fn=fn: fn(args.data)) for name, fn in SETS.items()},
        "corpus": lambda: eval_corpus(args.corpus) if args.corpus.exists() else [],
        "blogs": lambda: eval_blogs([args.categories, args.categories_more]),
        "honest": lambda: eval_honest(args.corpus, args.categories, args.verbose),
        "examples": lambda: eval_examples(args.base),
    }
    printed: list[tuple[str, list[str]]] = []
    for name in SECTIONS:
        if only and name not in only:
            continue
        lines = sections[name]()
        if lines:
            print("\n".join(lines) + "\n", flush=True)
            printed.append((name, lines))
    print("\n".join(summary(printed)))
    print(f"({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
