"""How well valuelint's scores agree with people's judgements, on labelled data.

Reads the labelled sets in ``../shared/data/eval-dev/`` (see its README for
what each label means) and prints, for each set, the measures that README
names next to a word-count-only baseline. Then it runs valuelint over the real
posts in ``../shared/corpus/`` and ``../shared/data/blog-categories/`` for
false alarms, the score distribution and the promotion dimension by author
label within length bands.

``honest`` checks each honest blog (every corpus post, and the informational
posts of blog-categories) as ``valuelint check BLOG`` does, site checks
included, with the default configuration, and prints how many fail by default,
how many have an error, why they fail, and each rule's firing rate by
severity. ``examples`` prints what the example drafts get; with ``--base REV``
it compares them with what the engine and rules of that git revision report,
and ``--at REV`` runs any section on a revision's engine and rules.

    python benchmarks/quality.py [--data ../shared/data/eval-dev] [--only npov,ott]
    python benchmarks/quality.py --only honest -v          # and list the failing posts
    python benchmarks/quality.py --only honest --at BASE   # the same on BASE's rules
    python benchmarks/quality.py --only examples --base BASE

The figures are on the data the rules were developed and tuned on; the output
says so.

Nothing from those folders is copied anywhere: they are read in place.
"""

from __future__ import annotations

import argparse
import csv
import json
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

from valuelint.config import Config, ConfigLoader
from valuelint.engine import FileResult, check_text
from valuelint.plugins import load_rules
from valuelint.rule import Severity
from valuelint.runner import run
from valuelint.site.commands import add_site_results

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


# --------------------------------------------------------------------------- honest posts

@dataclass(slots=True)
class Tally:
    """What the default configuration says about a group of posts."""

    posts: int = 0
    failing: list[FileResult] = field(default_factory=list)
    with_error: int = 0
    below_fail_under: int = 0
    by_rule: Counter[tuple[str, Severity]] = field(default_factory=Counter)
    """Posts with at least one finding of a rule at a severity."""
    causes: Counter[str] = field(default_factory=Counter)
    """Failing posts by the rule of a finding at or above ``fail-on``."""

    def add(self, result: FileResult) -> None:
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


def check_site(folder: Path) -> list[FileResult]:
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
        f"    failing by default: {len(total.failing)} ({_pct(len(total.failing), n)}; "
        "target <= 5%)",
        f"    with an error: {total.with_error} ({_pct(total.with_error, n)}; target <= 1%)",
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
        lines.append(f"  {name:<36} score {got['score']:3d}, {state}; "
                     f"{len(got['findings'])} finding(s)")
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "eval-dev")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--categories", type=Path, default=SHARED / "data" / "blog-categories")
    parser.add_argument("--only", default="", help="comma-separated: npov, clickbait, ott, "
                        "stackexchange, corpus, categories, honest, examples")
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
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    if args.json:
        print(json.dumps(example_findings(), indent=1, sort_keys=True))
        return 0
    started = time.perf_counter()
    print(f"valuelint quality report (data: {args.data})\n"
          "These figures are on the data the rules were developed and tuned on (the dev\n"
          "sets, the corpus, blog-categories); expect lower agreement on other data.\n"
          "Acceptance is judged on held-out sets of the same kinds.\n", flush=True)
    for name, fn in SETS.items():
        if not only or name in only:
            print("\n".join([*fn(args.data), ""]), flush=True)
    if (not only or "corpus" in only) and args.corpus.exists():
        print("\n".join(eval_corpus(args.corpus)) + "\n", flush=True)
    if (not only or "categories" in only) and args.categories.exists():
        print("\n".join(eval_blog_categories(args.categories)) + "\n", flush=True)
    if not only or "honest" in only:
        print("\n".join(eval_honest(args.corpus, args.categories, args.verbose)) + "\n",
              flush=True)
    if not only or "examples" in only:
        print("\n".join(eval_examples(args.base)) + "\n", flush=True)
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
