"""Fit the value model's coefficients from labelled posts, and say how well they carry over.

Reads, in place, the blogs of ``../shared/data/blog-categories/`` and
``../shared/data/blog-categories-more/`` (posts labelled promotional or
informational by their own authors' categories) and the sentences of
``../shared/data/eval-dev/npov_statements.csv``; computes each post's signals
with valuelint (docs/signals.md); fits a regularised logistic model of the
``promotion`` dimension; and writes its coefficients to
``rules/valuelint_rules/data/value_model.json``.

How it fits, and why:

* Release announcements (``kind = release``) are their own case: a concrete
  release note is not a sales pitch, so the model is fitted on promotional
  posts that are not releases against informational posts, and what it says
  of releases is reported apart.
* Each blog gives at most :data:`CAP` posts of each label (and of releases), the
  first by key: openSUSE alone would otherwise be most of the promotional side.
* Length is left out of the model (longer is not better by itself), and counts
  enter as rates per 100 words (see ``transforms`` in the data file).
* The regularisation is chosen by cross-validation grouped by blog: posts of one
  blog never sit on both sides of a fold. The AUCs printed are of a nested
  leave-one-blog-out run (the inner one picks the regularisation), so no
  printed figure saw its own blog in training.
* Deterministic: sorted input, no random fold, lbfgs; the file is written with
  rounded numbers in a fixed order, so two runs write the same bytes.

    pip install -e ".[fit]"
    python benchmarks/fit_value_model.py                # fit, print, write the data file
    python benchmarks/fit_value_model.py --check        # fit and print; fail if the file differs

scikit-learn is needed here only; valuelint itself reads the data file.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from valuelint.config import Config
from valuelint.plugins import load_rules
from valuelint.rule import Category
from valuelint.signals import MEANINGS, Signals, check_with_signals

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
OUTPUT = REPO / "rules" / "valuelint_rules" / "data" / "value_model.json"
COMMAND = "python benchmarks/fit_value_model.py"

#: Most posts taken from one blog for one label (releases counted apart).
CAP = 150
#: Inverse regularisation strengths tried (scikit-learn's ``C``).
CS = (0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
#: A rule's count is a term of the model when it fires on at least this many posts fitted.
MIN_POSTS = 15
#: Significant digits written to the data file.
DIGITS = 6

#: Signals that are counts: they enter as ``log_rate``; the others as they are.
RATE_PREFIXES = ("findings.", "shape.", "specificity.", "voice.questions",
                 "voice.exclamations", "density.repeated_sentences")
#: Signals left out of the model: length itself, and figures of the whole length.
LEFT_OUT = ("length.", "density.content_words", "findings.severity.")
#: Categories whose rules' counts may be terms of the promotion model.
RULE_CATEGORIES = (Category.PROMOTION, Category.BAIT, Category.EVIDENCE, Category.THIN)

TRANSFORMS = {
    "identity": "the signal's value",
    "log_rate": "ln(1 + 100 * value / (length.words + 50)): a count per 100 words, "
                "smoothed for short texts",
}


@dataclass(frozen=True, slots=True)
class Post:
    key: str
    source: str
    """The data folder it comes from."""
    blog: str
    label: str
    kind: str
    words: float
    values: dict[str, float]


# --------------------------------------------------------------------------- data

def read_csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _signals(text: str, name: str) -> Signals | None:
    _, signals = check_with_signals(text, name, CONFIG, RULES)
    return signals


def load_blogs(folders: Sequence[Path]) -> list[Post]:
    """Labelled posts of every blog, capped per blog, label and release, sorted by key."""
    chosen: list[tuple[Path, dict[str, str], str]] = []
    for folder in folders:
        taken: dict[tuple[str, str, bool], int] = defaultdict(int)
        for entry in sorted(read_csv(folder / "labels.csv"), key=lambda e: e["key"]):
            if entry["label"] not in ("promotional", "informational"):
                continue
            blog = entry.get("blog") or entry.get("repo") or entry["key"].split("/", 1)[0]
            slot = (blog, entry["label"], entry["kind"] == "release")
            if taken[slot] >= CAP:
                continue
            taken[slot] += 1
            chosen.append((folder, entry, blog))
    posts = []
    for folder, entry, blog in chosen:
        path = folder / "posts" / entry["key"]
        signals = _signals(path.read_text("utf-8", errors="replace"), entry["key"])
        if signals is None:
            continue
        values = signals.as_dict()
        posts.append(Post(entry["key"], folder.name, blog, entry["label"], entry["kind"],
                          values["length.words"], values))
    return posts


def load_npov(data: Path) -> list[Post]:
    posts = []
    for number, row in enumerate(read_csv(data / "npov_statements.csv")):
        signals = _signals(row["text"], f"npov-{number}.md")
        if signals is None:
            continue
        values = signals.as_dict()
        posts.append(Post(str(number), "eval-dev", "npov", row["label"], "sentence",
                          values["length.words"], values))
    return posts


def load_clickbait(data: Path) -> list[Post]:
    """Each headline as the title of an empty post, its case switched off: the first
    letter a capital, the rest lower case (the sources' Title Case is an artefact)."""
    posts = []
    for number, row in enumerate(read_csv(data / "clickbait_headlines.csv")):
        text = " ".join(row["text"].split())
        title = text[:1].upper() + text[1:].lower()
        title = title.replace("\\", "\\\\").replace('"', '\\"')
        signals = _signals(f'---\ntitle: "{title}"\n---\n', f"headline-{number}.md")
        if signals is None:
            continue
        values = signals.as_dict()
        posts.append(Post(str(number), "eval-dev", "clickbait", row["label"], "title",
                          values["title.words"], values))
    return posts


def load_ott(data: Path) -> list[Post]:
    posts = []
    for number, row in enumerate(read_csv(data / "ott_reviews.csv")):
        signals = _signals(row["text"], f"review-{number}.md")
        if signals is None:
            continue
        values = signals.as_dict()
        posts.append(Post(str(number), "eval-dev", row["polarity"], row["label"], "review",
                          values["length.words"], values))
    return posts


# --------------------------------------------------------------------------- features

def terms_for(posts: Sequence[Post], wanted: Callable[[str], bool] = lambda name: True,
              categories: Sequence[Category] = RULE_CATEGORIES) -> list[tuple[str, str]]:
    """(signal, transform) of every term: the ``wanted`` named signals not left out, and
    the rules of ``categories`` that fire on at least :data:`MIN_POSTS` posts; a signal
    of the same value on every post is no term."""
    codes = {code: rule for code, rule in RULES.items() if rule.category in categories}
    fired: dict[str, int] = defaultdict(int)
    for post in posts:
        for name, value in post.values.items():
            if name.startswith("findings.rule.") and value:
                fired[name] += 1
    names = [name for name in MEANINGS if not name.startswith(LEFT_OUT) and wanted(name)
             and len({post.values[name] for post in posts}) > 1]
    names += sorted(name for name, count in fired.items()
                    if count >= MIN_POSTS and name.removeprefix("findings.rule.") in codes)
    return [(name, "log_rate" if name.startswith(RATE_PREFIXES) else "identity")
            for name in names]


def transform(value: float, kind: str, words: float) -> float:
    if kind == "log_rate":
        return math.log1p(100 * value / (words + 50))
    return value


def matrix(posts: Sequence[Post], terms: Sequence[tuple[str, str]]) -> np.ndarray:
    return np.array([[transform(post.values.get(name, 0.0), kind, post.words)
                      for name, kind in terms] for post in posts])


@dataclass(frozen=True, slots=True)
class Fitted:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    intercept: float

    def decision(self, x: np.ndarray) -> np.ndarray:
        result: np.ndarray = ((x - self.mean) / self.scale) @ self.weights + self.intercept
        return result


def fit(x: np.ndarray, y: np.ndarray, c: float) -> Fitted:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=10_000)
    model.fit((x - mean) / scale, y)
    return Fitted(mean, scale, model.coef_[0].copy(), float(model.intercept_[0]))


def _auc(y: np.ndarray, score: np.ndarray) -> float:
    if len(set(y.tolist())) < 2:
        return float("nan")
    return float(roc_auc_score(y, score))


def grouped_oof(x: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float) -> np.ndarray:
    """Out-of-fold decisions, leaving one blog out at a time."""
    out = np.zeros(len(y))
    for group in sorted(set(groups.tolist())):
        test = groups == group
        train = ~test
        if len(set(y[train].tolist())) < 2:
            continue
        out[test] = fit(x[train], y[train], c).decision(x[test])
    return out


def choose_c(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> tuple[float, float]:
    """The ``C`` whose leave-one-blog-out decisions rank best (pooled AUC); ties go to
    the stronger regularisation."""
    best = (-1.0, 0.0)
    for c in CS:
        score = _auc(y, grouped_oof(x, y, groups, c))
        if score > best[0] + 1e-9:
            best = (score, c)
    return best[1], best[0]


def nested(x: np.ndarray, y: np.ndarray, groups: np.ndarray,
           extra: np.ndarray, extra_groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nested leave-one-blog-out decisions for the fitted posts and for ``extra`` posts
    (releases), each scored by the model whose training left its blog out."""
    out = np.zeros(len(y))
    out_extra = np.zeros(len(extra))
    for group in sorted(set(groups.tolist()) | set(extra_groups.tolist())):
        train = groups != group
        if len(set(y[train].tolist())) < 2:
            continue
        c, _ = choose_c(x[train], y[train], groups[train])
        model = fit(x[train], y[train], c)
        test = groups == group
        if test.any():
            out[test] = model.decision(x[test])
        test_extra = extra_groups == group
        if test_extra.any():
            out_extra[test_extra] = model.decision(extra[test_extra])
    return out, out_extra


def _folds(y: np.ndarray, strata: np.ndarray | None = None) -> list[np.ndarray]:
    from sklearn.model_selection import StratifiedKFold

    splitter = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    by = y if strata is None else strata
    return [test for _, test in splitter.split(np.zeros(len(y)), by)]


def folds_oof(x: np.ndarray, y: np.ndarray, c: float,
              strata: np.ndarray | None = None) -> np.ndarray:
    """Out-of-fold decisions over 5 stratified folds of a fixed seed."""
    out = np.zeros(len(y))
    for test in _folds(y, strata):
        train = np.ones(len(y), dtype=bool)
        train[test] = False
        out[test] = fit(x[train], y[train], c).decision(x[test])
    return out


def choose_c_folds(x: np.ndarray, y: np.ndarray,
                   strata: np.ndarray | None = None) -> tuple[float, float]:
    best = (-1.0, 0.0)
    for c in CS:
        score = _auc(y, folds_oof(x, y, c, strata))
        if score > best[0] + 1e-9:
            best = (score, c)
    return best[1], best[0]


# --------------------------------------------------------------------------- report

def _baseline(y: np.ndarray, words: np.ndarray) -> float:
    """AUC of word count alone, in whichever direction ranks better."""
    value = _auc(y, words)
    return max(value, 1 - value) if not math.isnan(value) else value


def by_length(y: np.ndarray, score: np.ndarray, words: np.ndarray) -> list[str]:
    """AUC of ``score`` and of the word-count baseline within quintiles of words."""
    edges = np.quantile(words, [0.2, 0.4, 0.6, 0.8])
    band = np.searchsorted(edges, words, side="right")
    lines = []
    for index in range(5):
        inside = band == index
        lo = int(words[inside].min()) if inside.any() else 0
        hi = int(words[inside].max()) if inside.any() else 0
        lines.append(f"    quintile {index + 1} ({lo}-{hi} words, n={int(inside.sum())}, "
                     f"positive {int(y[inside].sum())}): {_auc(y[inside], score[inside]):.3f}"
                     f"   word-count baseline {_baseline(y[inside], words[inside]):.3f}")
    return lines


def report(title: str, y: np.ndarray, score: np.ndarray, words: np.ndarray) -> list[str]:
    """AUC of ``score`` for ``y``, overall and within quintiles of words, beside the
    word-count baseline (in whichever direction ranks better)."""
    return [f"  {title} (n={len(y)}, positive {int(y.sum())}): AUC {_auc(y, score):.3f}"
            f"   word-count baseline {_baseline(y, words):.3f}",
            *by_length(y, score, words)]


def partial_correlation(x: np.ndarray, y: np.ndarray, log_words: np.ndarray) -> np.ndarray:
    """Correlation of each column with ``y``, both with log words regressed out."""
    design = np.column_stack([np.ones(len(y)), log_words])

    def residual(v: np.ndarray) -> np.ndarray:
        coef, *_ = np.linalg.lstsq(design, v, rcond=None)
        result: np.ndarray = v - design @ coef
        return result

    ry = residual(y.astype(float))
    out = []
    for column in x.T:
        rx = residual(column)
        denominator = float(np.sqrt((rx @ rx) * (ry @ ry)))
        out.append(float(rx @ ry) / denominator if denominator else 0.0)
    return np.array(out)


def rounded(value: float) -> float:
    return float(f"{value:.{DIGITS}g}")


def coefficients(model: Fitted, terms: Sequence[tuple[str, str]], x: np.ndarray,
                 y: np.ndarray, words: np.ndarray) -> list[str]:
    """The terms by the size of their weight, with each one's partial correlation with
    the label given log words (a term that only proxies length shows near 0)."""
    partial = partial_correlation(x, y, np.log1p(words))
    lines = [f"  {'signal':<34} {'transform':<9} {'weight':>8} {'partial r':>9}"]
    order = sorted(range(len(terms)), key=lambda i: (-abs(model.weights[i]), terms[i][0]))
    for i in order:
        lines.append(f"  {terms[i][0]:<34} {terms[i][1]:<9} {model.weights[i]:+8.3f} "
                     f"{partial[i]:+9.3f}")
    return lines


def dimension(predicts: str, model: Fitted, terms: Sequence[tuple[str, str]], c: float,
              cv_auc: float, cv: str, posts: int) -> dict[str, Any]:
    """A dimension's entry in the data file."""
    return {
        "predicts": predicts,
        "C": c,
        "cv": cv,
        "cv_auc": rounded(cv_auc),
        "posts": posts,
        "intercept": rounded(model.intercept),
        "terms": [
            {"signal": name, "transform": kind, "mean": rounded(float(model.mean[i])),
             "scale": rounded(float(model.scale[i])), "weight": rounded(float(model.weights[i]))}
            for i, (name, kind) in enumerate(terms)
        ],
    }


def fit_bait(headlines: Sequence[Post]) -> tuple[dict[str, Any], list[str]]:
    """Clickbait over newswire headlines, from the title's signals and the bait rules."""
    terms = terms_for(headlines, lambda name: name.startswith("title.")
                      or name == "findings.category.bait", (Category.BAIT,))
    x = matrix(headlines, terms)
    y = np.array([p.label == "clickbait" for p in headlines], dtype=int)
    words = np.array([p.words for p in headlines])
    c, _ = choose_c_folds(x, y)
    oof = folds_oof(x, y, c)
    model = fit(x, y, c)
    lines = ["\nbait: clickbait vs newswire headlines, titles in sentence case (case off), "
             f"5 stratified folds, C={c:g}",
             *report("clickbait vs newswire (length = title words)", y, oof, words),
             *coefficients(model, terms, x, y, words)]
    entry = dimension("probability that a title is clickbait, from the title's signals; a bait "
                      "score is 100 * (1 - probability)", model, terms, c, _auc(y, oof),
                      "5 stratified folds, seed 0", len(y))
    return entry, lines


def fit_evidence(reviews: Sequence[Post]) -> tuple[dict[str, Any], list[str]]:
    """Truthful over invented reviews, from specificity, voice and density (no word list
    of hotels), folds stratified by label and polarity."""
    terms = terms_for(reviews, lambda name: name.startswith(
        ("specificity.", "voice.", "density.", "shape.", "findings.category.evidence",
         "findings.category.thin")), (Category.EVIDENCE, Category.THIN))
    x = matrix(reviews, terms)
    y = np.array([p.label == "truthful" for p in reviews], dtype=int)
    polarity = np.array([p.blog for p in reviews])
    strata = np.array([f"{p.blog}-{p.label}" for p in reviews])
    words = np.array([p.words for p in reviews])
    c, _ = choose_c_folds(x, y, strata)
    oof = folds_oof(x, y, c, strata)
    model = fit(x, y, c)
    lines = ["\nevidence: truthful vs deceptive reviews, 5 folds stratified by label and "
             f"polarity, C={c:g}"]
    for side in sorted(set(polarity.tolist())):
        inside = polarity == side
        lines += report(f"{side}: truthful vs deceptive", y[inside], oof[inside], words[inside])
    lines += coefficients(model, terms, x, y, words)
    entry = dimension("probability that a text is specific, first-hand writing (a truthful "
                      "review rather than an invented one); an evidence score is "
                      "100 * probability", model, terms, c, _auc(y, oof),
                      "5 folds stratified by label and polarity, seed 0", len(y))
    return entry, lines


# --------------------------------------------------------------------------- main

CONFIG = Config()
RULES = load_rules()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the data file is not what this fit writes")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folders = [args.data / "blog-categories", args.data / "blog-categories-more"]
    posts = load_blogs(folders)
    npov = load_npov(args.data / "eval-dev")
    print(f"signals of {len(posts)} blog posts and {len(npov)} npov sentences "
          f"({time.perf_counter() - started:.0f} s)", flush=True)

    fitted_posts = [p for p in posts if p.kind != "release"]
    releases = [p for p in posts if p.kind == "release" and p.label == "promotional"]
    terms = terms_for(fitted_posts)
    x = matrix(fitted_posts, terms)
    y = np.array([p.label == "promotional" for p in fitted_posts], dtype=int)
    groups = np.array([p.blog for p in fitted_posts])
    words = np.array([p.words for p in fitted_posts])
    rx = matrix(releases, terms)
    rgroups = np.array([p.blog for p in releases])
    rwords = np.array([p.words for p in releases])

    oof, oof_releases = nested(x, y, groups, rx, rgroups)
    c, selection_auc = choose_c(x, y, groups)
    model = fit(x, y, c)

    blogs = sorted(set(groups.tolist()) | set(rgroups.tolist()))
    print(f"\npromotion: promotional (not releases) vs informational, {len(blogs)} blogs, "
          "nested leave-one-blog-out (each post scored by a model that never saw its blog)")
    print("\n".join(report("promotional posts vs informational", y, oof, words)))
    info = y == 0
    release_y = np.concatenate([np.ones(len(releases), dtype=int), np.zeros(int(info.sum()),
                                                                            dtype=int)])
    print("\n".join(report(
        "releases vs informational (releases never fitted as promotional)", release_y,
        np.concatenate([oof_releases, oof[info]]), np.concatenate([rwords, words[info]]))))
    all_y = np.concatenate([y, np.ones(len(releases), dtype=int)])
    print("\n".join(report("all promotional (releases included) vs informational", all_y,
                           np.concatenate([oof, oof_releases]),
                           np.concatenate([words, rwords]))))

    ny = np.array([p.label == "biased" for p in npov], dtype=int)
    nwords = np.array([p.words for p in npov])
    nscore = model.decision(matrix(npov, terms))
    print("\nnpov: biased vs neutral sentences, the blog-fitted promotion model as it is")
    print("\n".join(report("biased vs neutral", ny, nscore, nwords)))
    _, counts = np.unique(np.round(nscore, 6), return_counts=True)
    print(f"    largest share of sentences at one value: {counts.max() / len(nscore):.1%}")
    # For reference only (not written): the same terms fitted on the sentences themselves,
    # 5 stratified folds in a fixed order (sentences have no blog to group by).
    nx = matrix(npov, terms)
    nc, _ = choose_c_folds(nx, ny)
    print(f"\nnpov, for reference: the same terms fitted on the sentences (C={nc:g}), "
          "5 stratified folds, fixed seed")
    print("\n".join(report("biased vs neutral", ny, folds_oof(nx, ny, nc), nwords)))

    print(f"\nfinal model: C={c:g} (leave-one-blog-out pooled AUC {selection_auc:.3f}), "
          f"{len(terms)} terms, fitted on {len(y)} posts")
    print("\n".join(coefficients(model, terms, x, y, words)))
    headlines = load_clickbait(args.data / "eval-dev")
    bait, lines = fit_bait(headlines)
    print("\n".join(lines))
    reviews = load_ott(args.data / "eval-dev")
    evidence, lines = fit_evidence(reviews)
    print("\n".join(lines))

    data: dict[str, Any] = {
        "format": 1,
        "provenance": {
            "command": COMMAND,
            "data": [
                *({"path": f"../shared/data/{folder.name}/",
                   "posts": sum(1 for p in posts if p.source == folder.name)}
                  for folder in folders),
                {"path": "../shared/data/eval-dev/npov_statements.csv",
                 "sentences": len(npov), "use": "reported only, not fitted"},
                {"path": "../shared/data/eval-dev/clickbait_headlines.csv",
                 "headlines": len(headlines), "use": "bait"},
                {"path": "../shared/data/eval-dev/ott_reviews.csv",
                 "reviews": len(reviews), "use": "evidence"},
            ],
            "selection": f"promotion: labels promotional and informational; at most {CAP} posts "
                         "per blog and label, releases apart, first by key; releases "
                         "(kind = release) not fitted",
            "fitting": "logistic regression, L2, class_weight balanced, lbfgs; C chosen from "
                       f"{list(CS)} by the pooled AUC of the cross-validation each dimension "
                       "names",
            "scikit-learn": sklearn.__version__,
        },
        "transforms": TRANSFORMS,
        "dimensions": {
            "promotion": dimension(
                "probability that a post is promotional (its author's category), from its "
                "signals; a promotion score is 100 * (1 - probability)", model, terms, c,
                _auc(y, oof), "nested leave-one-blog-out", len(y)),
            "bait": bait,
            "evidence": evidence,
        },
    }
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    print(f"\n({time.perf_counter() - started:.0f} s)")
    if args.check:
        current = args.output.read_text("utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is not what this fit writes; run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, "utf-8")
    shown = args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output
    print(f"wrote {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
