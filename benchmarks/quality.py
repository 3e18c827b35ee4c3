"""How well valuelint's scores agree with people's judgements, on labelled data.

Reads the labelled sets in ``../shared/data/eval-dev/`` (see its README for
what each label means) and prints, for each set, the measures that README
names next to a word-count-only baseline. Then it runs valuelint over the real
posts in ``../shared/corpus/`` and ``../shared/data/blog-categories/`` for
false alarms, the score distribution and the promotion dimension by author
label within length bands.

    python benchmarks/quality.py [--data ../shared/data/eval-dev] [--only npov,ott]

Nothing from those folders is copied anywhere: they are read in place.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from valuelint.config import Config
from valuelint.engine import FileResult, check_text
from valuelint.plugins import load_rules
from valuelint.rule import Severity

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
RULES = load_rules()
CONFIG = Config()


# --------------------------------------------------------------------------- measures

def ranks(values: Sequence[float]) -> list[float]:
    """Average ranks (1-based), ties sharing the mean of their positions."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def auc(scores: Sequence[float], positive: Sequence[bool]) -> float:
    """ROC AUC: chance a random positive outscores a random negative (ties count half)."""
    r = ranks(scores)
    n_pos = sum(positive)
    n_neg = len(positive) - n_pos
    if not n_pos or not n_neg:
        return float("nan")
    rank_sum = sum(rank for rank, p in zip(r, positive, strict=True) if p)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    ra, rb = ranks(a), ranks(b)
    ma, mb = statistics.fmean(ra), statistics.fmean(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    var = (sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb)) ** 0.5
    return cov / var if var else float("nan")


def pairwise(groups: dict[str, list[tuple[float, float]]]) -> float:
    """Within each group, how often the higher-voted item also scores higher."""
    right = total = 0.0
    for items in groups.values():
        for i, (vote_a, score_a) in enumerate(items):
            for vote_b, score_b in items[i + 1:]:
                if vote_a == vote_b:
                    continue
                total += 1
                if score_a == score_b:
                    right += 0.5
                elif (vote_a > vote_b) == (score_a > score_b):
                    right += 1
    return right / total if total else float("nan")


# --------------------------------------------------------------------------- data

def read_csv(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check(text: str, name: str = "post.md") -> FileResult:
    return check_text(text, name, CONFIG, RULES)


def words(text: str) -> int:
    return len(text.split())


def row(label: str, value: float, baseline: float | None = None, target: str = "") -> str:
    base = f"   word-count baseline {baseline:.3f}" if baseline is not None else ""
    goal = f"   (target {target})" if target else ""
    return f"  {label:<44} {value:.3f}{base}{goal}"


# --------------------------------------------------------------------------- sets

def eval_npov(data: Path) -> list[str]:
    rows = read_csv(data / "npov_statements.csv")
    biased = [r["label"] == "biased" for r in rows]
    promotion = [100 - check(r["text"]).breakdown["promotion"] for r in rows]
    flagged = [p > 0 for p in promotion]
    hits = sum(f and b for f, b in zip(flagged, biased, strict=True))
    precision = hits / max(sum(flagged), 1)
    recall = hits / max(sum(biased), 1)
    return [
        f"npov_statements.csv ({len(rows)} sentences; biased vs neutral)",
        row("promotion dimension AUC", auc(promotion, biased),
            auc([words(r["text"]) for r in rows], biased), ">= 0.70"),
        f"  sentences with any promotion finding: {sum(flagged)} "
        f"(precision {precision:.2f}, recall {recall:.2f})",
    ]


def eval_clickbait(data: Path) -> list[str]:
    rows = read_csv(data / "clickbait_headlines.csv")
    bait = [r["label"] == "clickbait" for r in rows]
    title_cost: list[float] = []
    flagged: list[bool] = []
    for r in rows:
        title = r["text"].replace('"', '\\"')
        result = check(f'---\ntitle: "{title}"\n---\n')
        found = [f for f in result.findings if f.category.value == "bait"]
        title_cost.append(sum(f.weight for f in found))
        flagged.append(any(f.severity.rank >= Severity.WARNING.rank for f in found))
    hits = sum(f and b for f, b in zip(flagged, bait, strict=True))
    return [
        f"clickbait_headlines.csv ({len(rows)} headlines; clickbait vs newswire)",
        row("title-rule AUC", auc(title_cost, bait),
            auc([words(r["text"]) for r in rows], bait), ">= 0.85"),
        f"  flagged at warning or above: {sum(flagged)}; "
        f"precision {hits / max(sum(flagged), 1):.2f}, recall {hits / max(sum(bait), 1):.2f}",
    ]


def eval_ott(data: Path) -> list[str]:
    rows = read_csv(data / "ott_reviews.csv")
    lines = [f"ott_reviews.csv ({len(rows)} reviews; truthful over deceptive, per polarity)"]
    for polarity in ("positive", "negative"):
        subset = [r for r in rows if r["polarity"] == polarity]
        truthful = [r["label"] == "truthful" for r in subset]
        results = [check(r["text"]) for r in subset]
        baseline = auc([words(r["text"]) for r in subset], truthful)
        lines.append(row(f"{polarity}: overall score AUC", auc([x.score or 0 for x in results],
                                                                 truthful), baseline, ">= 0.65"))
        specific = [(x.breakdown["evidence"] + x.breakdown["substance"]) / 2 for x in results]
        lines.append(row(f"{polarity}: substance+evidence AUC", auc(specific, truthful)))
    return lines


def eval_stackexchange(data: Path) -> list[str]:
    rows = read_csv(data / "stackexchange_answers.csv")
    votes = [float(r["score"]) for r in rows]
    scores = [float(check(r["text"]).score or 0) for r in rows]
    lengths = [float(words(r["text"])) for r in rows]
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    base_groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r, vote, value, length in zip(rows, votes, scores, lengths, strict=True):
        groups[r["question_id"]].append((vote, value))
        base_groups[r["question_id"]].append((vote, length))
    return [
        f"stackexchange_answers.csv ({len(rows)} answers; community votes)",
        row("Spearman(score, votes)", spearman(scores, votes), spearman(lengths, votes),
            ">= 0.40"),
        row("within-question pairwise accuracy", pairwise(groups), pairwise(base_groups),
            ">= 0.65"),
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
        f"false alarms over {corpus} ({len(paths)} real posts)",
        f"  posts with a promotion or bait finding at error severity: {len(errors)} "
        f"({100 * len(errors) / max(len(paths), 1):.1f}%; target <= 3%)",
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


def eval_blog_categories(folder: Path) -> list[str]:
    labels = read_csv(folder / "labels.csv")
    per_repo: dict[tuple[str, str], int] = defaultdict(int)
    chosen = []
    for entry in sorted(labels, key=lambda e: e["key"]):
        if entry["label"] not in ("promotional", "informational"):
            continue
        key = (entry["repo"], entry["label"])
        if per_repo[key] >= 150:
            continue
        per_repo[key] += 1
        chosen.append(entry)
    bands: dict[str, tuple[list[float], list[bool]]] = {}
    all_promo: list[float] = []
    all_labels: list[bool] = []
    for entry in chosen:
        path = folder / "posts" / entry["key"]
        if not path.exists():
            continue
        result = check(path.read_text("utf-8", errors="replace"), str(path))
        n = int(entry["n_words"] or 0)
        band = "<300" if n < 300 else "300-799" if n < 800 else "800+"
        promo = 100 - result.breakdown.get("promotion", 100)
        bands.setdefault(band, ([], []))
        bands[band][0].append(promo)
        bands[band][1].append(entry["label"] == "promotional")
        all_promo.append(promo)
        all_labels.append(entry["label"] == "promotional")
    lines = [f"blog-categories ({len(all_promo)} posts, capped at 150 per repo and label; "
             "promotional vs informational)",
             row("promotion dimension AUC, all", auc(all_promo, all_labels))]
    for band in ("<300", "300-799", "800+"):
        if band in bands:
            values, flags = bands[band]
            lines.append(row(f"  within {band} words (n={len(values)})", auc(values, flags)))
    return lines


SETS: dict[str, Callable[[Path], list[str]]] = {
    "npov": eval_npov,
    "clickbait": eval_clickbait,
    "ott": eval_ott,
    "stackexchange": eval_stackexchange,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "eval-dev")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--categories", type=Path, default=SHARED / "data" / "blog-categories")
    parser.add_argument("--only", default="", help="comma-separated: npov, clickbait, ott, "
                        "stackexchange, corpus, categories")
    args = parser.parse_args(argv)
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    started = time.perf_counter()
    out: list[str] = [f"valuelint quality report (data: {args.data})", ""]
    for name, fn in SETS.items():
        if not only or name in only:
            out.extend(fn(args.data))
            out.append("")
            print("\n".join(out), flush=True)
            out = []
    if (not only or "corpus" in only) and args.corpus.exists():
        print("\n".join(eval_corpus(args.corpus)) + "\n", flush=True)
    if (not only or "categories" in only) and args.categories.exists():
        print("\n".join(eval_blog_categories(args.categories)) + "\n", flush=True)
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
